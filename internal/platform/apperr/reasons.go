package apperr

import (
	"fmt"
)

// Reason is the machine-readable why of a field error (FieldError.Code and
// Params) or of a refusal that names no field (Error.Reason). The UI
// translates Code, filling its placeholders from Params; the English
// message stays for API users. Codes are stable: docs/API.md lists them and
// the UI must know each one (web/src/locales, fieldErrors.<code>).
type Reason struct {
	Code   string
	Params map[string]any
}

// Generic field codes (huma's own validation maps to the same ones, see
// platform/api).
const (
	CodeInvalid       = "invalid"        // no more specific reason (fallback)
	CodeRequired      = "required"       // {property?, when?}
	CodeTooShort      = "too_short"      // {min} characters
	CodeTooLong       = "too_long"       // {max} characters (or bytes)
	CodeTooFew        = "too_few"        // {min} items
	CodeTooMany       = "too_many"       // {max} items
	CodeOutOfRange    = "out_of_range"   // {min?, max?} inclusive, {gt?, lt?} exclusive
	CodeMultipleOf    = "multiple_of"    // {n}
	CodePattern       = "pattern"        // {pattern?, description?}
	CodeEnum          = "enum"           // {values}
	CodeInvalidFormat = "invalid_format" // {format}: date, date-time, email, uri, json, ...
	CodeUnknownField  = "unknown_field"  // a property or parameter the operation does not take
	CodeType          = "type"           // {expected}: boolean, integer, number, string, array, object
	CodeNotUnique     = "not_unique"     // an item or value is given twice {value?}
	CodeTaken         = "taken"          // {value} is used by another record
	CodeNotFound      = "not_found"      // {id?} names no record (or one outside the caller's scope)
	CodeBeforeStart   = "before_start"   // an end lies before its start
	CodeInFuture      = "in_future"      // a date that must not be in the future
	CodeExclusive     = "exclusive"      // give only one of two alternatives
)

// P is a short way to write Params.
type P = map[string]any

// Because is a reason with an application-specific code and its params.
func Because(code string, params P) Reason { return Reason{Code: code, Params: params} }

// Required: the value is missing or empty.
func Required() Reason { return Reason{Code: CodeRequired} }

// TooShort: fewer than min characters.
func TooShort(min int) Reason { return Reason{Code: CodeTooShort, Params: P{"min": min}} }

// TooLong: more than max characters.
func TooLong(max int) Reason { return Reason{Code: CodeTooLong, Params: P{"max": max}} }

// TooFewItems: fewer than min items.
func TooFewItems(min int) Reason { return Reason{Code: CodeTooFew, Params: P{"min": min}} }

// TooManyItems: more than max items.
func TooManyItems(max int) Reason { return Reason{Code: CodeTooMany, Params: P{"max": max}} }

// Between: outside min..max (inclusive).
func Between(min, max any) Reason {
	return Reason{Code: CodeOutOfRange, Params: P{"min": min, "max": max}}
}

// AtLeast: below min (AtLeast(0) for "cannot be negative").
func AtLeast(min any) Reason { return Reason{Code: CodeOutOfRange, Params: P{"min": min}} }

// AtMost: above max.
func AtMost(max any) Reason { return Reason{Code: CodeOutOfRange, Params: P{"max": max}} }

// OneOf: not one of the allowed values.
func OneOf(values ...string) Reason {
	return Reason{Code: CodeEnum, Params: P{"values": append([]string{}, values...)}}
}

// Format: not in the expected format (date, date-time, email, url, ...).
func Format(format string) Reason {
	return Reason{Code: CodeInvalidFormat, Params: P{"format": format}}
}

// Taken: value is already used by another record.
func Taken(value any) Reason { return Reason{Code: CodeTaken, Params: P{"value": value}} }

// Missing: the id names no record the caller may use.
func Missing(id any) Reason { return Reason{Code: CodeNotFound, Params: P{"id": id}} }

// Twice: value is given twice.
func Twice(value any) Reason { return Reason{Code: CodeNotUnique, Params: P{"value": value}} }

// BeforeStart: an end (date, time, window) lies before its start.
func BeforeStart() Reason { return Reason{Code: CodeBeforeStart} }

// InFuture: the date must not be in the future.
func InFuture() Reason { return Reason{Code: CodeInFuture} }

// Exclusive: only one of two alternatives may be given.
func Exclusive() Reason { return Reason{Code: CodeExclusive} }

// String is the reason as "code {params}" for logs and tests.
func (r Reason) String() string {
	if len(r.Params) == 0 {
		return r.Code
	}
	return fmt.Sprintf("%s %v", r.Code, r.Params)
}
