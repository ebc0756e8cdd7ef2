// Training (needs analysis and the annual plan): the generated OpenAPI types under short names.
import type { operations } from '@/api/schema'
import type { QueryOf, Schemas } from '@/api/types'

export type Audience = Schemas['TrainingAudience']
export type Competency = Schemas['TrainingCompetency']
export type CompetencyInput = Schemas['TrainingCompetencyInput']
export type PositionModel = Schemas['TrainingPositionModel']
export type Round = Schemas['TrainingRound']
export type RoundInput = Schemas['TrainingRoundInput']
export type Participant = Schemas['TrainingParticipant']
export type Sheet = Schemas['TrainingSheet']
export type MySheet = Schemas['TrainingMySheet']
export type Rating = Schemas['TrainingRating']
export type Radar = Schemas['TrainingRadar']
export type LevelInput = Schemas['TrainingLevelInput']
export type RateInput = Schemas['TrainingRateInput']
export type Heatmap = Schemas['TrainingHeatmap']
export type TrainingSettings = Schemas['TrainingTrainingSettings']
export type Problem = Schemas['TrainingBusinessProblem']
export type ProblemInput = Schemas['TrainingProblemInput']
export type Questionnaire = Schemas['TrainingQuestionnaire']
export type QuestionnaireInput = Schemas['TrainingQuestionnaireInput']
export type QuestionnaireItem = Schemas['TrainingQuestionnaireItem']
export type QuestionnaireItemInput = Schemas['TrainingQuestionnaireItemInput']
export type MyQuestionnaire = Schemas['TrainingMyQuestionnaire']
export type ItemAnswer = Schemas['TrainingItemAnswer']
export type ResponseSummary = Schemas['TrainingResponseSummary']
export type ItemResult = Schemas['TrainingItemResult']
export type NonResponder = Schemas['TrainingNonResponder']
export type Need = Schemas['TrainingNeed']
export type NeedInput = Schemas['TrainingNeedInput']
export type NeedTopic = Schemas['TrainingNeedTopic']
export type Plan = Schemas['TrainingPlan']
export type PlanInput = Schemas['TrainingPlanInput']
export type PlanAction = Schemas['TrainingPlanAction']
export type PlanReview = Schemas['TrainingPlanReview']
export type PlanItem = Schemas['TrainingPlanItem']
export type PlanItemInput = Schemas['TrainingPlanItemInput']
export type CompletionReport = Schemas['TrainingCompletionReport']
export type Completion = Schemas['TrainingCompletion']
export type Lecturer = Schemas['TrainingExternalLecturer']
export type LecturerInput = Schemas['TrainingLecturerInput']

type Body<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never
export type ItemStatusChange = Body<'training.plan_item.status'>

export type CompetencyQuery = QueryOf<'training.competency.list'>
export type RoundQuery = QueryOf<'training.round.list'>
export type ParticipantQuery = QueryOf<'training.participant.list'>
export type ProblemQuery = QueryOf<'training.problem.list'>
export type QuestionnaireQuery = QueryOf<'training.questionnaire.list'>
export type NeedQuery = QueryOf<'training.need.list'>
export type NeedSummaryQuery = QueryOf<'training.need.summary'>
export type PlanQuery = QueryOf<'training.plan.list'>
export type PlanItemQuery = QueryOf<'training.plan_item.list'>
export type LecturerQuery = QueryOf<'training.lecturer.list'>
