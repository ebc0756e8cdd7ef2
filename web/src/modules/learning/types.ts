// Learning (courses, sessions, external and online training): the generated OpenAPI types under short names.
import type { operations } from '@/api/schema'
import type { QueryOf, Schemas } from '@/api/types'

export type Audience = Schemas['LearningAudience']
export type Course = Schemas['LearningCourse']
export type CourseInput = Schemas['LearningCourseInput']
export type CourseLecturer = Schemas['LearningCourseLecturer']
export type CourseLearner = Schemas['LearningCourseLearner']
export type AssignResult = Schemas['LearningAssignResult']
export type Material = Schemas['LearningMaterial']
export type MaterialInput = Schemas['LearningMaterialInput']
export type Session = Schemas['LearningSession']
export type SessionInput = Schemas['LearningSessionInput']
export type OpenSession = Schemas['LearningOpenSession']
export type Enrolment = Schemas['LearningEnrolment']
export type EnrolResult = Schemas['LearningEnrolResult']
export type RollCallItem = Schemas['LearningRollCallItem']
export type CheckinCode = Schemas['LearningCheckinCode']
export type CheckinView = Schemas['LearningCheckinView']
export type Post = Schemas['LearningPost']
export type PostInput = Schemas['LearningPostInput']
export type Attachment = Schemas['LearningAttachment']
export type External = Schemas['LearningExternal']
export type ExternalInput = Schemas['LearningExternalInput']
export type CostReport = Schemas['LearningCostReport']
export type Report = Schemas['LearningReport']
export type ReportInput = Schemas['LearningReportInput']
export type Portal = Schemas['LearningPortal']
export type MyCourse = Schemas['LearningMyCourse']
export type MySession = Schemas['LearningMySession']
export type MyReport = Schemas['LearningMyReport']
export type HoursSummary = Schemas['LearningHoursSummary']
export type HourEntry = Schemas['LearningHourEntry']
export type PlayerCourse = Schemas['LearningPlayerCourse']
export type Progress = Schemas['LearningProgress']
export type Beacon = Schemas['LearningBeacon']
export type BeaconResult = Schemas['LearningBeaconResult']
export type Certificate = Schemas['LearningCertificate']
export type LearnerRow = Schemas['LearningLearnerRow']
export type LearnerSummary = Schemas['LearningLearnerSummary']
export type Settings = Schemas['LearningSettings']
export type SettingsInput = Schemas['LearningSettingsInput']
export type Ratio = Schemas['LearningRatio']

type Json<Op extends keyof operations> = operations[Op] extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never
export type HoursLedger = Json<'learning.my.hours'>

export type CourseQuery = QueryOf<'learning.course.list'>
export type SessionQuery = QueryOf<'learning.session.list'>
export type EnrolmentQuery = QueryOf<'learning.enrolment.list'>
export type ExternalQuery = QueryOf<'learning.external.list'>
export type ReportQuery = QueryOf<'learning.report.list'>
export type LibraryQuery = QueryOf<'learning.library.search'>
export type ProgressQuery = QueryOf<'learning.progress.list'>
