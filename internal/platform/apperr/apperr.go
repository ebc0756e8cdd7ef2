// Package apperr holds the error values every layer returns. One function in
// platform/api maps them to HTTP status codes and problem+json bodies; users
// never see the wrapped internal cause.
package apperr

import (
	"errors"
	"fmt"
)

// Code is the machine-readable kind of an error. The UI translates codes.
type Code string

const (
	Invalid         Code = "invalid"
	NotFound        Code = "not_found"
	Conflict        Code = "conflict"
	Forbidden       Code = "forbidden"
	Unauthenticated Code = "unauthenticated"
	TooMany         Code = "too_many_requests"
	Internal        Code = "internal"
)

// FieldError names one offending input: Location is "body.name",
// "query.page" or, for imports, "row 12, column 订单编号". Message is English
// for API users; Code (with Params) is the stable reason the UI translates
// (see reasons.go and docs/API.md).
type FieldError struct {
	Location string         `json:"location"`
	Message  string         `json:"message"`
	Code     string         `json:"code"`
	Params   map[string]any `json:"params,omitempty"`
	Value    any            `json:"value,omitempty"`
}

// Error is an application error with a code, an English message safe to show
// and optional per-field errors. Reason, when set, says in a machine code
// (with its parameters) why the whole request was refused, for errors that
// name no field. Cause is for logs only.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Reason  Reason
	Cause   error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Cause }

// New makes an error of the given code with a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Reject makes an Invalid error about one field for reason r, with an
// English message for API users.
func Reject(location string, r Reason, format string, args ...any) *Error {
	return &Error{Code: Invalid, Message: "validation failed", Fields: []FieldError{newField(location, r, format, args)}}
}

// Refuse makes an error of the given code that names no field but carries
// a machine reason the UI translates (problem+json "reason" and "params").
func Refuse(code Code, r Reason, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Reason: r}
}

func newField(location string, r Reason, format string, args []any) FieldError {
	if r.Code == "" {
		r.Code = CodeInvalid
	}
	return FieldError{Location: location, Message: fmt.Sprintf(format, args...), Code: r.Code, Params: r.Params}
}

// NotFoundf is the error for an entity that does not exist or lies outside the caller's scope.
func NotFoundf(entity string, id any) *Error {
	return &Error{Code: NotFound, Message: fmt.Sprintf("%s %v not found", entity, id)}
}

// StaleVersion is the error for an update carrying an out-of-date version.
func StaleVersion(entity string, id any) *Error {
	return &Error{Code: Conflict, Message: fmt.Sprintf("%s %v was changed by someone else; reload and try again", entity, id)}
}

// Wrap turns an unexpected error into an Internal one, keeping the cause for logs.
func Wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	return &Error{Code: Internal, Message: fmt.Sprintf(format, args...), Cause: err}
}

// CodeOf returns the code of err, Internal for foreign errors and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return Internal
}

// Is reports whether err carries the code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// Validation collects field errors and returns them as one Invalid error.
type Validation struct{ fields []FieldError }

// Reject records a field error for reason r with an English message.
func (v *Validation) Reject(location string, r Reason, format string, args ...any) {
	v.fields = append(v.fields, newField(location, r, format, args))
}

// Err returns nil when nothing was added.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "validation failed", Fields: v.fields}
}

// Relocate returns err with the location of each field error rewritten by
// f (a shared parser's "query.from" becoming the caller's
// "query.paid_from"); other errors come back as they are.
func Relocate(err error, f func(location string) string) error {
	var ae *Error
	if !errors.As(err, &ae) || len(ae.Fields) == 0 {
		return err
	}
	out := *ae
	out.Fields = make([]FieldError, len(ae.Fields))
	for i, fe := range ae.Fields {
		fe.Location = f(fe.Location)
		out.Fields[i] = fe
	}
	return &out
}
