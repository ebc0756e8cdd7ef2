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
	Type   string         `json:"type,omitempty"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty" doc:"English explanation for API users"`
	Code   apperr.Code    `json:"code" doc:"invalid, not_found, conflict, forbidden, unauthenticated, too_many_requests, internal"`
	Reason string         `json:"reason,omitempty" doc:"why, as a stable machine code the UI translates, for some refusals that name no field (docs/API.md)"`
	Params map[string]any `json:"params,omitempty" doc:"the values the reason's sentence names"`
	Errors []*FieldError  `json:"errors,omitempty"`
}

// FieldError is one offending input of a problem. Every one carries a code,
// also those huma's own validation makes (see humaReason).
type FieldError struct {
	Location string         `json:"location,omitempty" doc:"where: body.name, body.items[3].qty, query.page, path.id"`
	Message  string         `json:"message,omitempty" doc:"English explanation for API users"`
	Code     string         `json:"code" doc:"why, as a stable machine code the UI translates: required, too_short, too_long, too_few, too_many, out_of_range, pattern, enum, invalid_format, unknown_field, type, taken, not_found, ... (docs/API.md)"`
	Params   map[string]any `json:"params,omitempty" doc:"the values the code's sentence names, e.g. {max: 64} for too_long"`
	Value    any            `json:"value,omitempty" doc:"the value at the location"`
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
				p.Errors = append(p.Errors, fromHuma(status, d.ErrorDetail()))
			} else if status < 500 {
				p.Errors = append(p.Errors, fromHuma(status, &huma.ErrorDetail{Message: e.Error()}))
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
	if ae.Code != apperr.Internal && ae.Reason.Code != "" {
		p.Reason, p.Params = ae.Reason.Code, ae.Reason.Params
	}
	for _, f := range ae.Fields {
		code := f.Code
		if code == "" {
			code = apperr.CodeInvalid
		}
		p.Errors = append(p.Errors, &FieldError{Location: f.Location, Message: f.Message, Code: code, Params: f.Params, Value: f.Value})
	}
	return p
}
