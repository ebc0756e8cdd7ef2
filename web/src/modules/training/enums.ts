// The training module's fixed values as options and coloured tags. Labels are
// in locale.ts under training.enum.<name>; a dictionary of the same type name
// (字典管理) overrides them.
import { useEnum } from '@/composables/useEnum'

const defs = {
  competencyCategory: ['training_competency_category', { knowledge: 'primary', skill: 'success', quality: 'warning' }],
  roundStatus: ['training_round_status', { draft: 'info', open: 'primary', closed: 'success' }],
  problemArea: ['training_problem_area', { conversion: 'primary', returns: 'warning', complaints: 'danger', ads_roi: 'success', stock: 'info', other: 'info' }],
  problemStatus: ['training_problem_status', { open: 'danger', analysing: 'warning', action: 'primary', closed: 'success' }],
  questionnaireStatus: ['training_questionnaire_status', { draft: 'info', open: 'success', closed: 'warning' }],
  itemKind: ['training_item_kind', { single: '', multiple: '', likert: '', rating: '', text: '' }],
  needSource: ['training_need_source', { competency_gap: 'primary', business_problem: 'danger', survey: 'success', manager_request: 'warning' }],
  needStatus: ['training_need_status', { open: 'warning', planned: 'primary', met: 'success' }],
  priority: ['training_priority', { high: 'danger', medium: 'warning', low: 'info' }],
  planStatus: ['training_plan_status', { draft: 'info', submitted: 'warning', approved: 'success', rejected: 'danger' }],
  category: ['training_category', { basics: '', professional: '', marketing: '', customer_service: '', management: '', other: '' }],
  method: ['training_method', { lecture: '', case_study: '', practice: '', discussion: '', online: '' }],
  itemStatus: ['training_item_status', { planned: 'warning', scheduled: 'primary', delivered: 'success', cancelled: 'info' }],
} as const

export type TrainingEnum = keyof typeof defs

export function useTrainingEnum(name: TrainingEnum) {
  const [type, colours] = defs[name]
  return useEnum(type, `training.enum.${name}`, colours)
}

/** The values of an enum, in order (for selects built without the server). */
export function trainingEnumValues(name: TrainingEnum): string[] {
  return Object.keys(defs[name][1])
}
