package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

type healthOutput struct {
	Body struct {
		Status string `json:"status" example:"ok"`
	}
}

// registerHealth adds /healthz (the process answers) and /readyz (the
// database answers too).
func registerHealth(a huma.API, ready func(context.Context) error) {
	Register(a, huma.Operation{OperationID: "health.live", Method: http.MethodGet, Path: "/healthz", Tags: []string{"health"}},
		Public, func(ctx context.Context, _ *struct{}) (*healthOutput, error) {
			out := &healthOutput{}
			out.Body.Status = "ok"
			return out, nil
		})
	Register(a, huma.Operation{OperationID: "health.ready", Method: http.MethodGet, Path: "/readyz", Tags: []string{"health"}},
		Public, func(ctx context.Context, _ *struct{}) (*healthOutput, error) {
			if err := ready(ctx); err != nil {
				return nil, huma.Error503ServiceUnavailable("database not ready")
			}
			out := &healthOutput{}
			out.Body.Status = "ready"
			return out, nil
		})
}
