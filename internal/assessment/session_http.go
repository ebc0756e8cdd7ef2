package assessment

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/i18n"
)

// AttendeePath addresses one attendee of a session.
type AttendeePath struct {
	ID         int64 `path:"id" doc:"session id"`
	EmployeeID int64 `path:"employee_id"`
}

// CountOutput reports how many things an action touched.
type CountOutput struct {
	Count int `json:"count"`
}

// sessionRoutes are the evaluation's per-session operations (learning owns
// the sessions themselves): participation, feedback, lessons learned.
func (s *Service) sessionRoutes(a huma.API) {
	api.Register(a, op("assessment.participation.list", http.MethodGet, "/sessions/{id}/participation", "A session's attendees with their participation records (phone page)", 0),
		"assessment:participation:record", func(ctx context.Context, in *IDPath) (*api.ListOutput[Participation], error) {
			items, err := s.SessionParticipation(ctx, in.ID)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("assessment.participation.record", http.MethodPut, "/sessions/{id}/participation/{employee_id}", "Save one attendee's record (absolute values; version 0 first)", 0),
		"assessment:participation:record", func(ctx context.Context, in *struct {
			AttendeePath
			Body ParticipationInput
		}) (*body[Participation], error) {
			p, err := s.RecordParticipation(ctx, in.ID, in.EmployeeID, in.Body)
			return &body[Participation]{p}, err
		})
	api.Register(a, op("assessment.feedback.get", http.MethodGet, "/sessions/{id}/feedback", "The session's feedback form, response rate and results", 0),
		"assessment:report:read", func(ctx context.Context, in *IDPath) (*body[FeedbackStatus], error) {
			f, err := s.Feedback(ctx, in.ID)
			return &body[FeedbackStatus]{f}, err
		})
	api.Register(a, op("assessment.feedback.create", http.MethodPost, "/sessions/{id}/feedback", "Create and open the session's feedback form from the built-in template", 201),
		"assessment:exam:manage", func(ctx context.Context, in *struct {
			IDPath
			Body FeedbackInput
		}) (*body[FeedbackStatus], error) {
			f, err := s.CreateFeedback(ctx, in.ID, in.Body)
			return &body[FeedbackStatus]{f}, err
		})
	api.Register(a, op("assessment.feedback.remind", http.MethodPost, "/sessions/{id}/feedback/remind", "Remind the non-responders (in-app, at most once a day each)", 0),
		"assessment:exam:manage", func(ctx context.Context, in *IDPath) (*body[CountOutput], error) {
			n, err := s.RemindFeedback(ctx, in.ID)
			return &body[CountOutput]{CountOutput{n}}, err
		})
	api.Register(a, op("assessment.lessons.get", http.MethodGet, "/sessions/{id}/lessons", "The session's lessons learned", 0),
		"assessment:report:read", func(ctx context.Context, in *IDPath) (*body[Lessons], error) {
			l, err := s.SessionLessons(ctx, in.ID)
			return &body[Lessons]{l}, err
		})
	api.Register(a, op("assessment.lessons.save", http.MethodPut, "/sessions/{id}/lessons", "Write the session's lessons learned (version 0 first)", 0),
		"assessment:exam:manage", func(ctx context.Context, in *struct {
			IDPath
			Body LessonsInput
		}) (*body[Lessons], error) {
			l, err := s.SaveLessons(ctx, in.ID, in.Body)
			return &body[Lessons]{l}, err
		})
}

// ratingRoutes are the manager's: any signed-in user, acting only on the
// requests addressed to them.
func (s *Service) ratingRoutes(a huma.API) {
	api.Register(a, op("assessment.my_rating.list", http.MethodGet, "/my/ratings", "On-the-job rating requests addressed to the caller as manager", 0),
		api.Authenticated, func(ctx context.Context, in *RatingFilter) (*api.ListOutput[BehaviourRating], error) {
			items, err := s.MyRatings(ctx, *in)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("assessment.my_rating.rate", http.MethodPut, "/my/ratings/{id}", "Rate a trainee's application on the job (1-5)", 0),
		api.Authenticated, func(ctx context.Context, in *struct {
			IDPath
			Body RateInput
		}) (*body[BehaviourRating], error) {
			r, err := s.Rate(ctx, in.ID, in.Body)
			return &body[BehaviourRating]{r}, err
		})
	api.Register(a, op("assessment.rating.request", http.MethodPost, "/ratings/request", "Create the rating requests that are due now (also run hourly by the server)", 0),
		"assessment:exam:manage", func(ctx context.Context, _ *struct{}) (*body[CountOutput], error) {
			n, err := s.RequestBehaviourRatings(ctx)
			return &body[CountOutput]{CountOutput{n}}, err
		})
}

func (s *Service) reportRoutes(a huma.API) {
	for _, scope := range []struct {
		name, path string
		build      func(context.Context, int64) (EffectReport, error)
	}{{"session", "/reports/sessions/{id}", s.SessionReport}, {"course", "/reports/courses/{id}", s.CourseReport}, {"plan", "/reports/plans/{id}", s.PlanReport}} {
		build := scope.build
		api.Register(a, op("assessment.report."+scope.name, http.MethodGet, scope.path, "Effect report of a "+scope.name+": reaction, learning, behaviour, results", 0),
			"assessment:report:read", func(ctx context.Context, in *IDPath) (*body[EffectReport], error) {
				r, err := build(ctx, in.ID)
				return &body[EffectReport]{r}, err
			})
		api.Register(a, op("assessment.report."+scope.name+"_export", http.MethodGet, scope.path+"/export",
			"The effect report as XLSX, in the language asked for (lang, else Accept-Language; zh-CN by default)", 0),
			"assessment:report:read", func(ctx context.Context, in *struct {
				IDPath
				i18n.Request
			}) (*api.FileOutput, error) {
				r, err := build(ctx, in.ID)
				if err != nil {
					return nil, err
				}
				return ExportReport(r, in.Lang())
			})
	}
	api.Register(a, op("assessment.report.trainers", http.MethodGet, "/reports/trainers", "Trainer KPIs (C1.2): plan completion, evaluation score, satisfaction", 0),
		"assessment:report:read", func(ctx context.Context, in *TrainerQuery) (*api.ListOutput[TrainerKPI], error) {
			items, err := s.TrainerKPIs(ctx, *in)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("assessment.settings.get", http.MethodGet, "/settings", "", 0),
		"assessment:exam:read", func(ctx context.Context, _ *struct{}) (*body[Settings], error) {
			st, err := s.Settings(ctx)
			return &body[Settings]{st}, err
		})
	api.Register(a, op("assessment.settings.update", http.MethodPut, "/settings", "", 0),
		"assessment:exam:manage", func(ctx context.Context, in *body[SettingsInput]) (*body[Settings], error) {
			st, err := s.UpdateSettings(ctx, in.Body)
			return &body[Settings]{st}, err
		})
}
