// The evaluation module's fixed values as options and coloured tags (labels in
// locale.ts under assessment.enum.<name>; a dictionary of the same type overrides them).
import { useEnum } from '@/composables/useEnum'

const defs = {
  kind: ['assessment_question_kind', { single: 'primary', multiple: 'success', truefalse: 'warning', fill: 'info', short: 'danger' }],
  difficulty: ['assessment_difficulty', { easy: 'success', medium: 'warning', hard: 'danger' }],
  questionStatus: ['assessment_question_status', { active: 'success', archived: 'info' }],
  paperMode: ['assessment_paper_mode', { fixed: '', rules: '' }],
  multiRule: ['assessment_multi_rule', { all_or_nothing: '', partial: '', proportional: '' }],
  examStatus: ['assessment_exam_status', { draft: 'info', published: 'success', closed: 'warning' }],
  purpose: ['assessment_exam_purpose', { exam: 'primary', pre: 'warning', post: 'success' }],
  reviewPolicy: ['assessment_review_policy', { after_submit: '', after_close: '', never: '' }],
  attemptStatus: ['assessment_attempt_status', { active: 'warning', submitted: 'primary', graded: 'success' }],
  submitReason: ['assessment_submit_reason', { learner: '', timeout: 'warning', closed: 'info' }],
  dimension: ['assessment_dimension', { content: '', method: '', lecturer: '', organisation: '', overall: '' }],
  conclusion: ['assessment_conclusion', { too_little_data: 'info', better: 'success', worse: 'danger', no_clear_difference: 'warning' }],
} as const

export type AssessmentEnum = keyof typeof defs

export function useAssessmentEnum(name: AssessmentEnum) {
  const [type, colours] = defs[name]
  return useEnum(type, `assessment.enum.${name}`, colours)
}

export function assessmentEnumValues(name: AssessmentEnum): string[] {
  return Object.keys(defs[name][1])
}
