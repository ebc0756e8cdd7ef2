import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import type {
  Competency,
  CompetencyInput,
  CompetencyQuery,
  CompletionReport,
  Heatmap,
  ItemAnswer,
  ItemStatusChange,
  Lecturer,
  LecturerInput,
  LecturerQuery,
  LevelInput,
  MyQuestionnaire,
  MySheet,
  Need,
  NeedInput,
  NeedQuery,
  NeedSummaryQuery,
  NeedTopic,
  NonResponder,
  Participant,
  ParticipantQuery,
  Plan,
  PlanAction,
  PlanInput,
  PlanItem,
  PlanItemInput,
  PlanItemQuery,
  PlanQuery,
  PlanReview,
  PositionModel,
  Problem,
  ProblemInput,
  ProblemQuery,
  Questionnaire,
  QuestionnaireInput,
  QuestionnaireQuery,
  RateInput,
  ResponseSummary,
  Round,
  RoundInput,
  RoundQuery,
  Sheet,
  TrainingSettings,
} from './types'

export const trainingPaths = {
  competencies: '/training/competencies',
  rounds: '/training/assessment-rounds',
  problems: '/training/problems',
  questionnaires: '/training/questionnaires',
  needs: '/training/needs',
  plans: '/training/plans',
  lecturers: '/training/lecturers',
  participants: (roundId: number) => `/training/assessment-rounds/${roundId}/participants`,
  planItems: (planId: number) => `/training/plans/${planId}/items`,
  results: (id: number) => `/training/questionnaires/${id}/results`,
}

export const competencyApi = {
  models: () => http.page<PositionModel>('/training/competency-models'),
  list: (q: CompetencyQuery = {}) => http.page<Competency>(trainingPaths.competencies, q as Query),
  create: (body: Sendable<CompetencyInput>) => http.post<Competency>(trainingPaths.competencies, body),
  update: (id: number, body: Sendable<CompetencyInput>) => http.put<Competency>(`${trainingPaths.competencies}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.competencies}/${id}`),
}

export const settingsApi = {
  get: () => http.get<TrainingSettings>('/training/settings'),
  update: (body: TrainingSettings) => http.put<TrainingSettings>('/training/settings', body),
}

export const roundApi = {
  list: (q: RoundQuery = {}) => http.page<Round>(trainingPaths.rounds, q as Query),
  get: (id: number) => http.get<Round>(`${trainingPaths.rounds}/${id}`),
  create: (body: Sendable<RoundInput>) => http.post<Round>(trainingPaths.rounds, body),
  update: (id: number, body: Sendable<RoundInput>) => http.put<Round>(`${trainingPaths.rounds}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.rounds}/${id}`),
  open: (id: number, version: number) => http.post<Round>(`${trainingPaths.rounds}/${id}/open`, { version }),
  close: (id: number, version: number) => http.post<Round>(`${trainingPaths.rounds}/${id}/close`, { version }),
  heatmap: (id: number, by: 'department' | 'position') => http.get<Heatmap>(`${trainingPaths.rounds}/${id}/heatmap`, { by }),
  participants: (id: number, q: ParticipantQuery = {}) => http.page<Participant>(trainingPaths.participants(id), q as Query),
  sheet: (id: number, pid: number) => http.get<Sheet>(`${trainingPaths.participants(id)}/${pid}`),
  setAgreed: (id: number, pid: number, ratings: LevelInput[]) => http.put<Sheet>(`${trainingPaths.participants(id)}/${pid}/agreed`, { ratings }),
}

export const myAssessmentApi = {
  list: () => http.page<MySheet>('/training/my/assessments'),
  get: (pid: number) => http.get<Sheet>(`/training/my/assessments/${pid}`),
  rate: (pid: number, body: RateInput) => http.put<Sheet>(`/training/my/assessments/${pid}`, body),
}

export const problemApi = {
  list: (q: ProblemQuery = {}) => http.page<Problem>(trainingPaths.problems, q as Query),
  get: (id: number) => http.get<Problem>(`${trainingPaths.problems}/${id}`),
  create: (body: Sendable<ProblemInput>) => http.post<Problem>(trainingPaths.problems, body),
  update: (id: number, body: Sendable<ProblemInput>) => http.put<Problem>(`${trainingPaths.problems}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.problems}/${id}`),
  raiseNeed: (id: number, body: Sendable<NeedInput>) => http.post<Need>(`${trainingPaths.problems}/${id}/needs`, body),
}

export const questionnaireApi = {
  list: (q: QuestionnaireQuery = {}) => http.page<Questionnaire>(trainingPaths.questionnaires, q as Query),
  get: (id: number) => http.get<Questionnaire>(`${trainingPaths.questionnaires}/${id}`),
  create: (body: Sendable<QuestionnaireInput>) => http.post<Questionnaire>(trainingPaths.questionnaires, body),
  update: (id: number, body: Sendable<QuestionnaireInput>) => http.put<Questionnaire>(`${trainingPaths.questionnaires}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.questionnaires}/${id}`),
  open: (id: number, version: number) => http.post<Questionnaire>(`${trainingPaths.questionnaires}/${id}/open`, { version }),
  close: (id: number, version: number) => http.post<Questionnaire>(`${trainingPaths.questionnaires}/${id}/close`, { version }),
  window: (id: number, body: { opens_at?: string | null; closes_at?: string | null; version: number }) =>
    http.put<Questionnaire>(`${trainingPaths.questionnaires}/${id}/window`, body),
  results: (id: number) => http.get<ResponseSummary>(trainingPaths.results(id)),
  nonResponders: (id: number) => http.page<NonResponder>(`${trainingPaths.questionnaires}/${id}/non-responders`),
}

export const myQuestionnaireApi = {
  list: () => http.page<MyQuestionnaire>('/training/my/questionnaires'),
  get: (id: number) => http.get<MyQuestionnaire>(`/training/my/questionnaires/${id}`),
  respond: (id: number, answers: ItemAnswer[]) => http.post<void>(`/training/my/questionnaires/${id}/response`, { answers }),
}

export const needApi = {
  list: (q: NeedQuery = {}) => http.page<Need>(trainingPaths.needs, q as Query),
  summary: (q: NeedSummaryQuery = {}) => http.page<NeedTopic>(`${trainingPaths.needs}/summary`, q as Query),
  create: (body: Sendable<NeedInput>) => http.post<Need>(trainingPaths.needs, body),
  update: (id: number, body: Sendable<NeedInput>) => http.put<Need>(`${trainingPaths.needs}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.needs}/${id}`),
}

export const planApi = {
  list: (q: PlanQuery = {}) => http.page<Plan>(trainingPaths.plans, q as Query),
  get: (id: number) => http.get<Plan>(`${trainingPaths.plans}/${id}`),
  create: (body: Sendable<PlanInput>) => http.post<Plan>(trainingPaths.plans, body),
  update: (id: number, body: Sendable<PlanInput>) => http.put<Plan>(`${trainingPaths.plans}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.plans}/${id}`),
  act: (id: number, action: 'submit' | 'approve' | 'reject', body: Sendable<PlanAction>) => http.post<Plan>(`${trainingPaths.plans}/${id}/${action}`, body),
  reviews: (id: number) => http.page<PlanReview>(`${trainingPaths.plans}/${id}/reviews`),
  completion: (id: number, q: { from?: string; as_of?: string } = {}) => http.get<CompletionReport>(`${trainingPaths.plans}/${id}/completion`, q),
  items: (id: number, q: PlanItemQuery = {}) => http.page<PlanItem>(trainingPaths.planItems(id), q as Query),
  createItem: (id: number, body: Sendable<PlanItemInput>) => http.post<PlanItem>(trainingPaths.planItems(id), body),
}

export const planItemApi = {
  get: (id: number) => http.get<PlanItem>(`/training/plan-items/${id}`),
  update: (id: number, body: Sendable<PlanItemInput>) => http.put<PlanItem>(`/training/plan-items/${id}`, body),
  remove: (id: number) => http.del(`/training/plan-items/${id}`),
  setStatus: (id: number, body: Sendable<ItemStatusChange>) => http.put<PlanItem>(`/training/plan-items/${id}/status`, body),
}

export const lecturerApi = {
  list: (q: LecturerQuery = {}) => http.page<Lecturer>(trainingPaths.lecturers, q as Query),
  create: (body: Sendable<LecturerInput>) => http.post<Lecturer>(trainingPaths.lecturers, body),
  update: (id: number, body: Sendable<LecturerInput>) => http.put<Lecturer>(`${trainingPaths.lecturers}/${id}`, body),
  remove: (id: number) => http.del(`${trainingPaths.lecturers}/${id}`),
}
