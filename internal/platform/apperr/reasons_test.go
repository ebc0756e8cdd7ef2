package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestRejectCarriesTheReason(t *testing.T) {
	err := Reject("body.code", Taken("TM01"), "shop code %q is taken", "TM01")
	if len(err.Fields) != 1 {
		t.Fatal(err.Fields)
	}
	f := err.Fields[0]
	if err.Code != Invalid || f.Location != "body.code" || f.Code != CodeTaken || f.Params["value"] != "TM01" || f.Message != `shop code "TM01" is taken` {
		t.Fatalf("%+v", f)
	}
	var v Validation
	v.Reject("body.name", Required(), "name is required")
	v.Reject("body.qty", Between(1, 5), "qty is 1-5")
	var ae *Error
	if !errors.As(v.Err(), &ae) || len(ae.Fields) != 2 || ae.Fields[0].Code != CodeRequired || ae.Fields[1].Params["max"] != 5 {
		t.Fatalf("%+v", ae)
	}
	if r := Refuse(Forbidden, Because("review_never", nil), "this exam is not reviewed"); r.Reason.Code != "review_never" || r.Code != Forbidden {
		t.Fatalf("%+v", r)
	}
}

// Field and Add, still used by modules not converted to Reject, guess the
// code from the common wordings and fall back to "invalid".
func TestInferredReasons(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
		want   string
	}{
		{"name is required", nil, "required"},
		{"version is required: send the version you read", nil, "required"},
		{"employee number %q is taken", []any{"E1"}, "taken map[value:E1]"},
		{"a department named %q already exists there", []any{"销售部"}, "taken map[value:销售部]"},
		{"employee_ids[%d]: employee %d does not exist", []any{2, 77}, "not_found map[id:77]"},
		{"parent department %d does not exist or is outside your scope", []any{5}, "not_found map[id:5]"},
		{"hire date must be YYYY-MM-DD", nil, "invalid_format map[format:date]"},
		{"not an email address", nil, "invalid_format map[format:email]"},
		{"status must be one of %s", []any{"active, left"}, "enum map[values:[active left]]"},
		{"password must have at least %d characters", []any{12}, "too_short map[min:12]"},
		{"this password is on the list of commonly used or breached passwords; choose another", nil, "invalid"},
	} {
		f := Field("body.x", c.format, c.args...).Fields[0]
		if got := (Reason{f.Code, f.Params}).String(); got != c.want {
			t.Errorf("%q: %s, want %s", c.format, got, c.want)
		}
		if f.Message != fmt.Sprintf(c.format, c.args...) {
			t.Errorf("message %q", f.Message)
		}
	}
}

func TestRelocate(t *testing.T) {
	err := Relocate(Reject("query.from", Format("date"), "bad"), func(l string) string { return l + "_x" })
	var ae *Error
	if !errors.As(err, &ae) || ae.Fields[0].Location != "query.from_x" || ae.Fields[0].Code != CodeInvalidFormat {
		t.Fatalf("%v", err)
	}
	plain := New(Conflict, "x")
	if Relocate(plain, func(string) string { return "" }) != error(plain) {
		t.Fatal("an error without fields changed")
	}
}
