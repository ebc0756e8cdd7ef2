import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import { formData, upload } from '@/api/upload'
import type {
  Attempt,
  AttemptQuery,
  AttemptView,
  BehaviourRating,
  EffectReport,
  Exam,
  ExamInput,
  ExamQuery,
  FeedbackInput,
  FeedbackStatus,
  GradingItem,
  GradingQuery,
  ImportResult,
  Lessons,
  LessonsInput,
  MyExam,
  Paper,
  PaperInput,
  PaperQuery,
  Participation,
  ParticipationInput,
  Question,
  QuestionInput,
  QuestionQuery,
  QuestionVersion,
  Response,
  Review,
  SaveResult,
  Settings,
  SettingsInput,
  StartOutput,
  TrainerKPI,
} from './types'

export const assessmentPaths = {
  questions: '/assessment/questions',
  papers: '/assessment/papers',
  exams: '/assessment/exams',
  attempts: (examId: number) => `/assessment/exams/${examId}/attempts`,
  report: (scope: ReportScope, id: number) => `/assessment/reports/${scope}s/${id}`,
}

export type ReportScope = 'session' | 'course' | 'plan'

export const questionApi = {
  list: (q: QuestionQuery = {}) => http.page<Question>(assessmentPaths.questions, q as Query),
  get: (id: number) => http.get<Question>(`${assessmentPaths.questions}/${id}`),
  versions: (id: number) => http.page<QuestionVersion>(`${assessmentPaths.questions}/${id}/versions`),
  create: (body: Sendable<QuestionInput>) => http.post<Question>(assessmentPaths.questions, body),
  update: (id: number, body: Sendable<QuestionInput>) => http.put<Question>(`${assessmentPaths.questions}/${id}`, body),
  setStatus: (id: number, status: 'active' | 'archived', version: number) => http.put<Question>(`${assessmentPaths.questions}/${id}/status`, { status, version }),
  remove: (id: number) => http.del(`${assessmentPaths.questions}/${id}`),
  import: (file: File, opts: { on_error: 'skip' | 'abort'; dry_run: boolean }, onProgress?: (p: number) => void) =>
    upload<ImportResult>(`${assessmentPaths.questions}/import`, formData(file), { query: opts, onProgress }),
}

export const paperApi = {
  list: (q: PaperQuery = {}) => http.page<Paper>(assessmentPaths.papers, q as Query),
  get: (id: number) => http.get<Paper>(`${assessmentPaths.papers}/${id}`),
  create: (body: Sendable<PaperInput>) => http.post<Paper>(assessmentPaths.papers, body),
  update: (id: number, body: Sendable<PaperInput>) => http.put<Paper>(`${assessmentPaths.papers}/${id}`, body),
  remove: (id: number) => http.del(`${assessmentPaths.papers}/${id}`),
  copy: (id: number) => http.post<Paper>(`${assessmentPaths.papers}/${id}/copy`),
}

export const examApi = {
  list: (q: ExamQuery = {}) => http.page<Exam>(assessmentPaths.exams, q as Query),
  get: (id: number) => http.get<Exam>(`${assessmentPaths.exams}/${id}`),
  create: (body: Sendable<ExamInput>) => http.post<Exam>(assessmentPaths.exams, body),
  update: (id: number, body: Sendable<ExamInput>) => http.put<Exam>(`${assessmentPaths.exams}/${id}`, body),
  remove: (id: number) => http.del(`${assessmentPaths.exams}/${id}`),
  publish: (id: number, version: number) => http.post<Exam>(`${assessmentPaths.exams}/${id}/publish`, { version }),
  close: (id: number, version: number) => http.post<Exam>(`${assessmentPaths.exams}/${id}/close`, { version }),
  attempts: (id: number, q: AttemptQuery = {}) => http.page<Attempt>(assessmentPaths.attempts(id), q as Query),
  review: (attemptId: number) => http.get<Review>(`/assessment/attempts/${attemptId}`),
}

export const myExamApi = {
  list: () => http.page<MyExam>('/assessment/my/exams'),
  start: (examId: number) => http.post<StartOutput>(`/assessment/my/exams/${examId}/attempts`),
  attempt: (id: number) => http.get<AttemptView>(`/assessment/my/attempts/${id}`),
  save: (id: number, position: number, seq: number, answer: Response) => http.put<SaveResult>(`/assessment/my/attempts/${id}/answers/${position}`, { seq, answer }),
  submit: (id: number) => http.post<AttemptView>(`/assessment/my/attempts/${id}/submit`),
  review: (id: number) => http.get<Review>(`/assessment/my/attempts/${id}/review`),
  ratings: (state: 'pending' | 'rated') => http.page<BehaviourRating>('/assessment/my/ratings', { state }),
  rate: (id: number, rating: number, version: number, comment?: string) => http.put<BehaviourRating>(`/assessment/my/ratings/${id}`, { rating, version, comment }),
}

export const gradingApi = {
  list: (q: GradingQuery = {}) => http.page<GradingItem>('/assessment/grading', q as Query),
  grade: (id: number, score: number, comment?: string) => http.put<GradingItem>(`/assessment/grading/items/${id}`, { score, comment }),
}

export const sessionEvalApi = {
  participation: (sessionId: number) => http.page<Participation>(`/assessment/sessions/${sessionId}/participation`),
  record: (sessionId: number, employeeId: number, body: Sendable<ParticipationInput>) =>
    http.put<Participation>(`/assessment/sessions/${sessionId}/participation/${employeeId}`, body),
  feedback: (sessionId: number) => http.get<FeedbackStatus>(`/assessment/sessions/${sessionId}/feedback`),
  createFeedback: (sessionId: number, body: Sendable<FeedbackInput>) => http.post<FeedbackStatus>(`/assessment/sessions/${sessionId}/feedback`, body),
  remind: (sessionId: number) => http.post<{ count: number }>(`/assessment/sessions/${sessionId}/feedback/remind`),
  lessons: (sessionId: number) => http.get<Lessons>(`/assessment/sessions/${sessionId}/lessons`),
  saveLessons: (sessionId: number, body: LessonsInput) => http.put<Lessons>(`/assessment/sessions/${sessionId}/lessons`, body),
}

export const reportApi = {
  get: (scope: ReportScope, id: number) => http.get<EffectReport>(assessmentPaths.report(scope, id)),
  trainers: (q: { from?: string; to?: string; lecturer_employee_id?: number }) => http.page<TrainerKPI>('/assessment/reports/trainers', q),
  requestRatings: () => http.post<{ count: number }>('/assessment/ratings/request'),
}

export const assessmentSettingsApi = {
  get: () => http.get<Settings>('/assessment/settings'),
  update: (body: SettingsInput) => http.put<Settings>('/assessment/settings', body),
}
