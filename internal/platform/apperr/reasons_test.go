package apperr

import (
	"errors"
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
