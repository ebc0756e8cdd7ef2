// The learning module's fixed values as options and coloured tags (labels in
// locale.ts under learning.enum.<name>; a dictionary of the same type overrides them).
import { useEnum } from '@/composables/useEnum'

const defs = {
  courseStatus: ['learning_course_status', { draft: 'info', published: 'success', archived: '' }],
  completionRule: ['learning_completion_rule', { all_materials: '', min_share: '', exam: '' }],
  materialKind: ['learning_material_kind', { document: 'primary', slides: 'warning', video: 'success', image: 'info' }],
  sessionStatus: ['learning_session_status', { scheduled: 'primary', completed: 'success', cancelled: 'info' }],
  enrolmentStatus: ['learning_enrolment_status', { pending: 'warning', enrolled: 'success', waitlisted: 'info', rejected: 'danger', cancelled: '' }],
  attendance: ['learning_attendance', { present: 'success', absent: 'danger' }],
  enrolmentSource: ['learning_enrolment_source', { assigned: '', self: '', walk_in: '' }],
  externalStatus: ['learning_external_status', { requested: 'warning', approved: 'primary', rejected: 'danger', cancelled: 'info', attended: 'warning', completed: 'success' }],
  reportStatus: ['learning_report_status', { draft: 'info', submitted: 'warning', returned: 'danger', approved: 'success' }],
  learnerStatus: ['learning_learner_status', { not_started: 'info', in_progress: 'warning', completed: 'success' }],
  hourSource: ['learning_hour_source', { session: 'primary', course: 'success', external: 'warning' }],
} as const

export type LearningEnum = keyof typeof defs

export function useLearningEnum(name: LearningEnum) {
  const [type, colours] = defs[name]
  return useEnum(type, `learning.enum.${name}`, colours)
}

export function learningEnumValues(name: LearningEnum): string[] {
  return Object.keys(defs[name][1])
}
