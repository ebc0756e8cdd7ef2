package tabular

import (
	"testing"
	"time"
)

func TestValueReasons(t *testing.T) {
	_, e1 := ParseFen("1.234")
	_, e2 := ParseFen("abc")
	_, e3 := ParseInt("1.5")
	_, e4 := ParseTime("yesterday", time.UTC)
	_, e5 := ParseFen("-")
	_, e6 := ParseFen("1,23,4")
	for _, c := range []struct {
		err  error
		want string
	}{
		{e1, "too_many_decimals map[max:2]"}, {e2, "not_a_number"}, {e3, "not_integer"},
		{e4, "not_a_time map[example:2026-11-11 00:00:05]"}, {e5, "required"}, {e6, "not_a_number"},
	} {
		if got := ValueReason(c.err).String(); got != c.want {
			t.Errorf("%v: %s, want %s", c.err, got, c.want)
		}
	}
	if ValueReason(ErrEncoding).Code != "invalid" {
		t.Fatal("a reader error has a value code")
	}
}
