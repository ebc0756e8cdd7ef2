// Evaluation (exams, feedback, effect reports): the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Audience = Schemas['AssessmentAudience']
export type Question = Schemas['AssessmentQuestion']
export type QuestionInput = Schemas['AssessmentQuestionInput']
export type QuestionVersion = Schemas['AssessmentQuestionVersion']
export type Key = Schemas['AssessmentKey']
export type Option = Schemas['AssessmentOption']
export type ImportResult = Schemas['AssessmentImportResult']
export type Paper = Schemas['AssessmentPaper']
export type PaperInput = Schemas['AssessmentPaperInput']
export type PaperItem = Schemas['AssessmentPaperItem']
export type PaperRule = Schemas['AssessmentPaperRule']
export type Exam = Schemas['AssessmentExam']
export type ExamInput = Schemas['AssessmentExamInput']
export type Attempt = Schemas['AssessmentAttempt']
export type AttemptView = Schemas['AssessmentAttemptView']
export type StartOutput = Schemas['AssessmentStartOutput']
export type QuestionView = Schemas['AssessmentQuestionView']
export type Response = Schemas['AssessmentResponse']
export type SaveResult = Schemas['AssessmentSaveResult']
export type Result = Schemas['AssessmentResult']
export type Review = Schemas['AssessmentReview']
export type ReviewItem = Schemas['AssessmentReviewItem']
export type MyExam = Schemas['AssessmentMyExam']
export type GradingItem = Schemas['AssessmentGradingItem']
export type Participation = Schemas['AssessmentParticipation']
export type ParticipationInput = Schemas['AssessmentParticipationInput']
export type FeedbackInput = Schemas['AssessmentFeedbackInput']
export type FeedbackStatus = Schemas['AssessmentFeedbackStatus']
export type Lessons = Schemas['AssessmentLessons']
export type LessonsInput = Schemas['AssessmentLessonsInput']
export type BehaviourRating = Schemas['AssessmentBehaviourRating']
export type EffectReport = Schemas['AssessmentEffectReport']
export type DiD = Schemas['AssessmentDiD']
export type TrainerKPI = Schemas['AssessmentTrainerKPI']
export type Settings = Schemas['AssessmentSettings']
export type SettingsInput = Schemas['AssessmentSettingsInput']


export type QuestionQuery = QueryOf<'assessment.question.list'>
export type PaperQuery = QueryOf<'assessment.paper.list'>
export type ExamQuery = QueryOf<'assessment.exam.list'>
export type AttemptQuery = QueryOf<'assessment.exam.attempts'>
export type GradingQuery = QueryOf<'assessment.grading.list'>
