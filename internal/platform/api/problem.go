// Package api sets up huma on net/http: problem+json errors carrying an
// apperr code, operation registration with a mandatory permission, the
// authentication and audit middlewares, security headers, paging and
// exports. Business modules register their operations through Register.
package api

import (
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/apperr"
)

// Problem is the RFC 9457 body of every error answer.
type Problem struct {
	Type   string              `json:"type,omitempty"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail,omitempty"`
	Code   apperr.Code         `json:"code" doc:"invalid, not_found, conflict, forbidden, unauthenticated, too_many_requests, internal"`
	Errors []*huma.ErrorDetail `json:"errors,omitempty"`
}

func (p *Problem) Error() string  { return p.Detail }
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes JSON errors application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

var statusCodes = map[apperr.Code]int{
	apperr.Invalid:         http.StatusUnprocessableEntity,
	apperr.NotFound:        http.StatusNotFound,
	apperr.Conflict:        http.StatusConflict,
	apperr.Forbidden:       http.StatusForbidden,
	apperr.Unauthenticated: http.StatusUnauthorized,
	apperr.TooMany:         http.StatusTooManyRequests,
	apperr.Internal:        http.StatusInternalServerError,
}

func codeForStatus(status int) apperr.Code {
	for c, s := range statusCodes {
		if s == status {
			return c
		}
	}
	if status >= 400 && status < 500 {
		return apperr.Invalid
	}
	return apperr.Internal
}

func init() {
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		p := &Problem{Status: status, Title: http.StatusText(status), Detail: msg, Code: codeForStatus(status)}
		for _, e := range errs {
			if e == nil {
				continue
			}
			if d, ok := e.(huma.ErrorDetailer); ok {
				p.Errors = append(p.Errors, d.ErrorDetail())
			} else if status < 500 {
				p.Errors = append(p.Errors, &huma.ErrorDetail{Message: e.Error()})
			}
		}
		return p
	}
}

// ToHTTP converts a service error into the error huma writes. Internal
// errors lose their detail here; the caller logs the cause.
func ToHTTP(err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return &Problem{Status: 500, Title: http.StatusText(500), Detail: "internal error", Code: apperr.Internal}
	}
	status := statusCodes[ae.Code]
	p := &Problem{Status: status, Title: http.StatusText(status), Detail: ae.Message, Code: ae.Code}
	if ae.Code == apperr.Internal {
		p.Detail = "internal error"
	}
	for _, f := range ae.Fields {
		p.Errors = append(p.Errors, &huma.ErrorDetail{Location: f.Location, Message: f.Message, Value: f.Value})
	}
	return p
}
