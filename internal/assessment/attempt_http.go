package assessment

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
)

// StartOutput is a started or resumed attempt.
type StartOutput struct {
	Resumed bool `json:"resumed" doc:"true: an attempt was already in progress and is returned as it is"`
	AttemptView
}

// AnswerPath addresses one question of an attempt.
type AnswerPath struct {
	ID       int64 `path:"id"`
	Position int   `path:"position" minimum:"1"`
}

// takeRoutes are the learner's: every role holds assessment:exam:take, and
// each call acts on the caller's own attempts only.
func (s *Service) takeRoutes(a huma.API) {
	api.Register(a, op("assessment.my_exam.list", http.MethodGet, "/my/exams", "Exams offered to the caller, with their attempts", 0),
		"assessment:exam:take", func(ctx context.Context, _ *struct{}) (*api.ListOutput[MyExam], error) {
			items, err := s.MyExams(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("assessment.my_exam.start", http.MethodPost, "/my/exams/{id}/attempts", "Start an attempt, or resume the one in progress", 200),
		"assessment:exam:take", func(ctx context.Context, in *IDPath) (*body[StartOutput], error) {
			v, resumed, err := s.StartAttempt(ctx, in.ID)
			return &body[StartOutput]{StartOutput{Resumed: resumed, AttemptView: v}}, err
		})
	api.Register(a, op("assessment.my_attempt.get", http.MethodGet, "/my/attempts/{id}", "The attempt with saved answers and the server's timer (resume)", 0),
		"assessment:exam:take", func(ctx context.Context, in *IDPath) (*body[AttemptView], error) {
			v, err := s.Attempt(ctx, in.ID)
			return &body[AttemptView]{v}, err
		})
	api.Register(a, op("assessment.my_attempt.answer", http.MethodPut, "/my/attempts/{id}/answers/{position}", "Autosave one answer (idempotent, ordered by seq)", 0),
		"assessment:exam:take", func(ctx context.Context, in *struct {
			AnswerPath
			Body SaveInput
		}) (*body[SaveResult], error) {
			r, err := s.SaveAnswer(ctx, in.ID, in.Position, in.Body)
			return &body[SaveResult]{r}, err
		})
	api.Register(a, op("assessment.my_attempt.submit", http.MethodPost, "/my/attempts/{id}/submit", "Submit the attempt (a repeated submit answers its state)", 0),
		"assessment:exam:take", func(ctx context.Context, in *IDPath) (*body[AttemptView], error) {
			v, err := s.Submit(ctx, in.ID)
			return &body[AttemptView]{v}, err
		})
	api.Register(a, op("assessment.my_attempt.review", http.MethodGet, "/my/attempts/{id}/review", "Keys and marks, when the exam's review policy allows", 0),
		"assessment:exam:take", func(ctx context.Context, in *IDPath) (*body[Review], error) {
			r, err := s.MyReview(ctx, in.ID)
			return &body[Review]{r}, err
		})
}

// timeCell renders an optional instant for exports (UTC).
func timeCell(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}
