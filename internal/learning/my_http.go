package learning

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
)

// CodePath is a certificate's verification code.
type CodePath struct {
	Code string `path:"code" maxLength:"20"`
}

// myRoutes are the learner's own operations (我的学习); every role holds
// learning:session:attend.
func (s *Service) myRoutes(a huma.API) {
	api.Register(a, op("my.portal", http.MethodGet, "/my", "我的学习: courses, upcoming sessions, reports due, hours this year", 0),
		"learning:session:attend", func(ctx context.Context, _ *struct{}) (*body[Portal], error) {
			return out(s.MyPortal(ctx))
		})
	api.Register(a, op("my.hours", http.MethodGet, "/my/hours", "My 学时 ledger of a year", 0),
		"learning:session:attend", func(ctx context.Context, in *struct {
			Year int `query:"year" doc:"default: this year"`
		}) (*struct {
			Body struct {
				Items   []HourEntry  `json:"items"`
				Summary HoursSummary `json:"summary"`
			}
		}, error) {
			items, sum, err := s.MyHours(ctx, in.Year)
			res := &struct {
				Body struct {
					Items   []HourEntry  `json:"items"`
					Summary HoursSummary `json:"summary"`
				}
			}{}
			res.Body.Items, res.Body.Summary = items, sum
			return res, err
		})
	api.Register(a, op("my.catalog", http.MethodGet, "/my/catalog", "Published courses open for self-study", 0),
		"learning:session:attend", func(ctx context.Context, in *CourseFilter) (*api.ListOutput[Course], error) {
			f := *in
			f.Status = "published"
			items, n, err := s.ListCourses(ctx, f)
			return api.NewList(items, n), err
		})
	api.Register(a, op("my.course", http.MethodGet, "/my/courses/{id}", "A course for the player, with my progress per material", 0),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*body[PlayerCourse], error) {
			return out(s.MyCourse(ctx, in.ID))
		})
	api.Register(a, op("my.enrol", http.MethodPost, "/my/courses/{id}/enrol", "Take up a published course", 0),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*body[CourseLearner], error) {
			return out(s.EnrolCourse(ctx, in.ID))
		})
	api.Register(a, op("my.certificate", http.MethodGet, "/my/courses/{id}/certificate", "Data of my printable certificate of completion", 0),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*body[Certificate], error) {
			return out(s.MyCertificate(ctx, in.ID))
		})
	api.Register(a, op("certificate.verify", http.MethodGet, "/certificates/{code}", "Check a certificate's verification code", 0),
		"learning:session:attend", func(ctx context.Context, in *CodePath) (*body[Certificate], error) {
			return out(s.VerifyCertificate(ctx, in.Code))
		})
	api.Register(a, op("material.open", http.MethodPost, "/materials/{id}/open", "The player opened a material: starts the server-side reading timer", 0),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*body[Progress], error) {
			return out(s.OpenMaterial(ctx, in.ID))
		})
	api.Register(a, op("material.beacon", http.MethodPost, "/materials/{id}/beacon", "Player progress beacon (every few seconds); idempotent, never backwards", 0),
		"learning:session:attend", func(ctx context.Context, in *struct {
			IDPath
			Body Beacon
		}) (*body[BeaconResult], error) {
			return out(s.RecordBeacon(ctx, in.ID, in.Body))
		})
	api.Register(a, op("my.sessions_open", http.MethodGet, "/my/sessions/open", "Sessions open for self-enrolment", 0),
		"learning:session:attend", func(ctx context.Context, _ *struct{}) (*api.ListOutput[OpenSession], error) {
			items, err := s.OpenSessions(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("my.session_request", http.MethodPost, "/my/sessions/{id}/request", "Ask to join a session (approval follows)", 0),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*body[Enrolment], error) {
			return out(s.RequestSeat(ctx, in.ID))
		})
	api.Register(a, op("my.session_leave", http.MethodDelete, "/my/sessions/{id}", "Give up my place before the start", 204),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.LeaveSession(ctx, in.ID)
		})
}
