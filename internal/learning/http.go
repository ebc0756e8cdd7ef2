package learning

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/blob"
)

// IDPath is the {id} path parameter (exported: huma binds only exported embedded fields).
type IDPath struct {
	ID int64 `path:"id"`
}

type body[T any] struct{ Body T }

func out[T any](v T, err error) (*body[T], error) { return &body[T]{v}, err }

const base = "/api/v1/learning"

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: "learning." + id, Method: method, Path: base + path, Summary: summary, Tags: []string{"learning"}, DefaultStatus: status}
}

// uploadOp is an operation taking a multipart file: the body may be as
// large as limit (413 beyond it, before anything is read), and the read
// deadline is the server's, not huma's 5 seconds.
func uploadOp(a huma.API, o huma.Operation, limit func() int64) huma.Operation {
	o.BodyReadTimeout = -1
	o.Middlewares = huma.Middlewares{blob.LimitBody(a, limit)}
	return o
}

// ContentQuery selects how a file is sent.
type ContentQuery struct {
	IDPath
	Download bool `query:"download" doc:"true: as an attachment; otherwise PDF, images and video are shown inline (with Range support)"`
}

// originOf is the scheme and host a request came in by, for absolute links
// (the check-in QR code).
func originOf(ctx huma.Context) string {
	scheme := "http"
	if ctx.TLS() != nil || strings.EqualFold(ctx.Header("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + ctx.Host()
}

// SettingsInput is the writable part of the settings.
type SettingsInput struct {
	ReportDueDays      int    `json:"report_due_days" minimum:"1" maximum:"90"`
	RemindBeforeDays   string `json:"remind_before_days" pattern:"^([0-9]{1,2}(,[0-9]{1,2})*)?$"`
	OverdueRepeatDays  int    `json:"overdue_repeat_days" minimum:"1" maximum:"30"`
	DocumentMinSeconds int    `json:"document_min_seconds" minimum:"1" maximum:"3600"`
	QRRotateSeconds    int    `json:"qr_rotate_seconds" minimum:"10" maximum:"600"`
	QRValidSeconds     int    `json:"qr_valid_seconds" minimum:"10" maximum:"3600"`
	CheckinOpenMinutes int    `json:"checkin_open_minutes" minimum:"0" maximum:"240"`
	Version            int    `json:"version"`
}

// Routes registers every learning operation.
func (s *Service) Routes(a huma.API) {
	api.Register(a, op("settings.get", http.MethodGet, "/settings", "Learning settings", 0),
		"learning:session:read", func(ctx context.Context, _ *struct{}) (*body[Settings], error) {
			return out(s.Settings(ctx))
		})
	api.Register(a, op("settings.update", http.MethodPut, "/settings", "", 0),
		"learning:setting:update", func(ctx context.Context, in *body[SettingsInput]) (*body[Settings], error) {
			b := in.Body
			return out(s.UpdateSettings(ctx, Settings{ReportDueDays: b.ReportDueDays, RemindBeforeDays: b.RemindBeforeDays, OverdueRepeatDays: b.OverdueRepeatDays,
				DocumentMinSeconds: b.DocumentMinSeconds, QRRotateSeconds: b.QRRotateSeconds, QRValidSeconds: b.QRValidSeconds,
				CheckinOpenMinutes: b.CheckinOpenMinutes, Version: b.Version}))
		})

	s.courseRoutes(a)
	s.sessionRoutes(a)
	s.checkinRoutes(a)
	s.myRoutes(a)
	s.externalRoutes(a)
	s.progressRoutes(a)
}
