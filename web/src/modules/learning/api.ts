import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import { formData, upload } from '@/api/upload'
import type {
  AssignResult,
  Attachment,
  Audience,
  Beacon,
  BeaconResult,
  Certificate,
  CheckinCode,
  CheckinView,
  CostReport,
  Course,
  CourseInput,
  CourseLearner,
  CourseQuery,
  EnrolResult,
  Enrolment,
  EnrolmentQuery,
  External,
  ExternalInput,
  ExternalQuery,
  HoursLedger,
  LearnerRow,
  LearnerSummary,
  LibraryQuery,
  Material,
  MaterialInput,
  OpenSession,
  PlayerCourse,
  Portal,
  Post,
  PostInput,
  Progress,
  ProgressQuery,
  Report,
  ReportInput,
  ReportQuery,
  RollCallItem,
  Session,
  SessionInput,
  SessionQuery,
  Settings,
  SettingsInput,
} from './types'

export const learningPaths = {
  courses: '/learning/courses',
  sessions: '/learning/sessions',
  external: '/learning/external',
  progress: '/learning/progress',
  enrolments: (sessionId: number) => `/learning/sessions/${sessionId}/enrolments`,
}

export interface MaterialUpload {
  kind: string
  title?: string
  required?: boolean
  sort?: number
  duration_seconds?: number
  min_seconds?: number
}

export const courseApi = {
  list: (q: CourseQuery = {}) => http.page<Course>(learningPaths.courses, q as Query),
  get: (id: number) => http.get<Course>(`${learningPaths.courses}/${id}`),
  create: (body: Sendable<CourseInput>) => http.post<Course>(learningPaths.courses, body),
  update: (id: number, body: Sendable<CourseInput>) => http.put<Course>(`${learningPaths.courses}/${id}`, body),
  remove: (id: number) => http.del(`${learningPaths.courses}/${id}`),
  assign: (id: number, audience: Audience, due_on?: string | null) => http.post<AssignResult>(`${learningPaths.courses}/${id}/learners`, { audience, due_on }),
  unassign: (id: number, employeeId: number) => http.del(`${learningPaths.courses}/${id}/learners/${employeeId}`),
  upload: (id: number, file: File, meta: MaterialUpload, onProgress?: (p: number) => void) =>
    upload<Material>(`${learningPaths.courses}/${id}/materials`, formData(file, { ...meta }), { onProgress }),
}

export const materialApi = {
  update: (id: number, body: MaterialInput) => http.put<Material>(`/learning/materials/${id}`, body),
  remove: (id: number) => http.del(`/learning/materials/${id}`),
  replace: (id: number, file: File, version: number, onProgress?: (p: number) => void) =>
    upload<Material>(`/learning/materials/${id}/file`, formData(file, { version }), { onProgress }),
  open: (id: number) => http.post<Progress>(`/learning/materials/${id}/open`),
  beacon: (id: number, body: Beacon) => http.post<BeaconResult>(`/learning/materials/${id}/beacon`, body),
}

export const sessionApi = {
  list: (q: SessionQuery = {}) => http.page<Session>(learningPaths.sessions, q as Query),
  get: (id: number) => http.get<Session>(`${learningPaths.sessions}/${id}`),
  create: (body: Sendable<SessionInput>) => http.post<Session>(learningPaths.sessions, body),
  update: (id: number, body: Sendable<SessionInput>) => http.put<Session>(`${learningPaths.sessions}/${id}`, body),
  cancel: (id: number, reason: string) => http.post<Session>(`${learningPaths.sessions}/${id}/cancel`, { reason }),
  complete: (id: number) => http.post<Session>(`${learningPaths.sessions}/${id}/complete`),
  enrolments: (id: number, q: EnrolmentQuery = {}) => http.page<Enrolment>(learningPaths.enrolments(id), q as Query),
  enrol: (id: number, audience: Audience) => http.post<EnrolResult>(learningPaths.enrolments(id), { audience }),
  unenrol: (id: number, employeeId: number) => http.del(`${learningPaths.enrolments(id)}/${employeeId}`),
  decide: (enrolmentId: number, approve: boolean, note?: string) => http.post<Enrolment>(`/learning/enrolments/${enrolmentId}/decision`, { approve, note }),
  rollCall: (id: number, items: RollCallItem[]) => http.put<{ items: Enrolment[] | null }>(`${learningPaths.sessions}/${id}/attendance`, { items }),
  checkinCode: (id: number) => http.get<CheckinCode>(`${learningPaths.sessions}/${id}/checkin-code`),
  posts: (id: number) => http.page<Post>(`${learningPaths.sessions}/${id}/posts`),
  createPost: (id: number, body: Sendable<PostInput>) => http.post<Post>(`${learningPaths.sessions}/${id}/posts`, body),
}

export const postApi = {
  update: (id: number, body: Sendable<PostInput>) => http.put<Post>(`/learning/posts/${id}`, body),
  remove: (id: number) => http.del(`/learning/posts/${id}`),
  attach: (id: number, file: File, onProgress?: (p: number) => void) => upload<Attachment>(`/learning/posts/${id}/attachments`, formData(file), { onProgress }),
}

export const attachmentApi = {
  remove: (id: number) => http.del(`/learning/attachments/${id}`),
}

export const checkinApi = {
  view: (token: string) => http.get<CheckinView>(`/learning/checkin/${encodeURIComponent(token)}`),
  checkIn: (token: string) => http.post<CheckinView>(`/learning/checkin/${encodeURIComponent(token)}`),
}

export const externalApi = {
  list: (q: ExternalQuery = {}) => http.page<External>(learningPaths.external, q as Query),
  overdue: (q: ExternalQuery = {}) => http.page<External>(`${learningPaths.external}/overdue`, q as Query),
  costs: (year: number) => http.get<CostReport>(`${learningPaths.external}/costs`, { year }),
  get: (id: number) => http.get<External>(`${learningPaths.external}/${id}`),
  decide: (id: number, approve: boolean, note?: string) => http.post<External>(`${learningPaths.external}/${id}/decision`, { approve, note }),
  attend: (id: number) => http.post<External>(`${learningPaths.external}/${id}/attendance`),
  report: (id: number) => http.get<Report>(`${learningPaths.external}/${id}/report`),
}

export const reportApi = {
  list: (q: ReportQuery = {}) => http.page<Report>('/learning/reports', q as Query),
  get: (id: number) => http.get<Report>(`/learning/reports/${id}`),
  submit: (id: number, version: number) => http.post<Report>(`/learning/reports/${id}/submit`, { version }),
  review: (id: number, approve: boolean, note?: string) => http.post<Report>(`/learning/reports/${id}/review`, { approve, note }),
  attach: (id: number, file: File, onProgress?: (p: number) => void) => upload<Attachment>(`/learning/reports/${id}/attachments`, formData(file), { onProgress }),
  library: (q: LibraryQuery = {}) => http.page<Report>('/learning/library', q as Query),
}

export const myApi = {
  portal: () => http.get<Portal>('/learning/my'),
  hours: (year?: number) => http.get<HoursLedger>('/learning/my/hours', { year }),
  catalog: (q: CourseQuery = {}) => http.page<Course>('/learning/my/catalog', q as Query),
  course: (id: number) => http.get<PlayerCourse>(`/learning/my/courses/${id}`),
  enrolCourse: (id: number) => http.post<CourseLearner>(`/learning/my/courses/${id}/enrol`),
  certificate: (id: number) => http.get<Certificate>(`/learning/my/courses/${id}/certificate`),
  verifyCertificate: (code: string) => http.get<Certificate>(`/learning/certificates/${encodeURIComponent(code)}`),
  openSessions: () => http.page<OpenSession>('/learning/my/sessions/open'),
  requestSession: (id: number) => http.post<Enrolment>(`/learning/my/sessions/${id}/request`),
  leaveSession: (id: number) => http.del(`/learning/my/sessions/${id}`),
  externals: (q: ExternalQuery = {}) => http.page<External>('/learning/my/external', q as Query),
  createExternal: (body: Sendable<ExternalInput>) => http.post<External>('/learning/my/external', body),
  updateExternal: (id: number, body: Sendable<ExternalInput>) => http.put<External>(`/learning/my/external/${id}`, body),
  cancelExternal: (id: number) => http.post<External>(`/learning/my/external/${id}/cancel`),
  saveReport: (id: number, body: Sendable<ReportInput>) => http.put<Report>(`/learning/my/external/${id}/report`, body),
}

export const progressApi = {
  list: (q: ProgressQuery = {}) => http.page<LearnerRow>(learningPaths.progress, q as Query),
  overdue: (q: ProgressQuery = {}) => http.page<LearnerRow>(`${learningPaths.progress}/overdue`, q as Query),
  learner: (id: number, year?: number) => http.get<LearnerSummary>(`${learningPaths.progress}/employees/${id}`, { year }),
}

export const learningSettingsApi = {
  get: () => http.get<Settings>('/learning/settings'),
  update: (body: SettingsInput) => http.put<Settings>('/learning/settings', body),
}
