package fulfilment

import (
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
)

func TestTrackingPatterns(t *testing.T) {
	cases := []struct {
		carrier, no string
		match       bool
	}{
		{"SF", "SF1234567890123", true},
		{"SF", "SFA123456789012", true},
		{"SF", "SF123456789012", false}, // one digit short
		{"SF", "YT1234567890123", false},
		{"ZTO", "73123456789012", true},
		{"ZTO", "78123456789012", true},
		{"ZTO", "77123456789012", false}, // 77 is STO
		{"ZTO", "7312345678901", false},
		{"YTO", "YT1234567890123", true},
		{"YTO", "YT123456789012", false},
		{"STO", "77123456789012", true},
		{"STO", "43123456789012345", true},   // 43 + 15 digits
		{"STO", "431234567890123456", false}, // 43 + 16 digits
		{"STO", "78123456789012", false},
		{"YD", "312345678901234", true},
		{"YD", "412345678901234", true},
		{"YD", "5123456789012", true},
		{"YD", "612345678901234", false},
		{"JD", "JDVA12345678901", true},
		{"JD", "JD0012345678901", true},
		{"JD", "JDVA1234567890", false},
		{"EMS", "9812345678901", true},
		{"EMS", "1012345678901", true},
		{"EMS", "PA12345678901", true},
		{"EMS", "5012345678901", false},
		{"JTSD", "JT1234567890123", true},
		{"JTSD", "JT12345678901234", false},
		{"DBL", "DPK123456789012", true},
		{"DBL", "1234567890", true},
		{"DBL", "1234567", false},
		{"HTKY", "557012345678901", true},
		{"HTKY", "A123456789012", true},
		{"HTKY", "55701234567", false},
	}
	for _, c := range cases {
		car, ok := LookupCarrier(c.carrier)
		if !ok {
			t.Fatalf("carrier %s not found", c.carrier)
		}
		warning, err := CheckTracking(car, c.no)
		if err != nil {
			t.Errorf("%s %s: unexpected error %v", c.carrier, c.no, err)
			continue
		}
		if got := warning == ""; got != c.match {
			t.Errorf("%s %s: match = %v, want %v (warning %q)", c.carrier, c.no, got, c.match, warning)
		}
	}
}

func TestCarrierExamplesMatchTheirPatterns(t *testing.T) {
	if len(Carriers()) != 10 {
		t.Fatalf("%d carriers, want 10", len(Carriers()))
	}
	for _, c := range Carriers() {
		if w, err := CheckTracking(c, c.Example); err != nil || w != "" {
			t.Errorf("%s example %s: warning %q err %v", c.Code, c.Example, w, err)
		}
	}
}

func TestCheckTrackingMalformed(t *testing.T) {
	sf, _ := LookupCarrier("SF")
	for _, no := range []string{"", "SF12", "顺丰1234567890", "SF1234 567", "SF123456789012345678901234567890123456789", "-SF123"} {
		if _, err := CheckTracking(sf, no); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%q: err %v, want invalid", no, err)
		}
	}
}

func TestNormalizeTracking(t *testing.T) {
	cases := map[string]string{
		" sf1234567890123 ":         "SF1234567890123",
		"No:YT1234567890123":        "YT1234567890123",
		"NO: 73123456789012":        "73123456789012",
		"no.JT1234567890123":        "JT1234567890123",
		"ｓｆ１２３４５６７８９０１２３":           "SF1234567890123",
		"Ｎｏ：７３１２３４５６７８９０１２":         "73123456789012",
		"\u3000SF 1234 5678 9012 3": "SF1234567890123",
		"jdva12345678901\t":         "JDVA12345678901",
		"NOVA123":                   "NOVA123", // a NO without separator is part of the number
	}
	for in, want := range cases {
		if got := NormalizeTracking(in); got != want {
			t.Errorf("NormalizeTracking(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookupCarrier(t *testing.T) {
	cases := map[string]string{
		"SF": "SF", "sf": "SF", "顺丰": "SF", "顺丰速运": "SF", " 顺丰快递 ": "SF", "ＳＦ": "SF",
		"中通": "ZTO", "ZTO": "ZTO", "圆通速递": "YTO", "申通": "STO", "韵达": "YD", "Yunda": "YD",
		"京东物流": "JD", "jd": "JD", "EMS": "EMS", "邮政": "EMS", "极兔": "JTSD", "J&T": "JTSD", "j&t express": "JTSD",
		"德邦": "DBL", "德邦物流": "DBL", "百世": "HTKY", "百世汇通": "HTKY", "HTKY": "HTKY",
	}
	for in, want := range cases {
		c, ok := LookupCarrier(in)
		if !ok || c.Code != want {
			t.Errorf("LookupCarrier(%q) = %q, %v; want %q", in, c.Code, ok, want)
		}
	}
	for _, in := range []string{"", "菜鸟", "UPS", "顺"} {
		if c, ok := LookupCarrier(in); ok {
			t.Errorf("LookupCarrier(%q) = %q, want none", in, c.Code)
		}
	}
}

func TestDeadlineState(t *testing.T) {
	now := time.Date(2026, 11, 11, 10, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	cases := []struct {
		shipBy *time.Time
		want   string
	}{
		{nil, StateUnknown},
		{at(-time.Second), StateOverdue},
		{at(-48 * time.Hour), StateOverdue},
		{at(0), StateDueSoon}, // shipping at the deadline instant is still on time
		{at(time.Hour), StateDueSoon},
		{at(6*time.Hour - time.Second), StateDueSoon},
		{at(6 * time.Hour), StateOnTime},
		{at(30 * time.Hour), StateOnTime},
	}
	for _, c := range cases {
		if got := DeadlineState(c.shipBy, now, DueSoonWindow); got != c.want {
			t.Errorf("ship by %v: %s, want %s", c.shipBy, got, c.want)
		}
	}
}

func TestDecide(t *testing.T) {
	cases := []struct {
		name                                   string
		status, curCarrier, curNo, carrier, no string
		force                                  bool
		want                                   string
		code                                   apperr.Code
		overridable                            bool
	}{
		{"paid ships", "paid", "", "", "SF", "SF1234567890123", false, OutcomeShipped, "", false},
		{"same number is a no-op", "shipped", "SF", "SF1234567890123", "SF", "SF1234567890123", false, OutcomeUnchanged, "", false},
		{"same number with force is a no-op", "shipped", "SF", "SF1234567890123", "SF", "SF1234567890123", true, OutcomeUnchanged, "", false},
		{"other number needs force", "shipped", "SF", "SF1234567890123", "SF", "SF9999999999999", false, "", apperr.Conflict, true},
		{"other carrier needs force", "shipped", "SF", "SF1234567890123", "ZTO", "SF1234567890123", false, "", apperr.Conflict, true},
		{"correction with force", "shipped", "SF", "SF1234567890123", "ZTO", "73123456789012", true, OutcomeCorrected, "", false},
		{"unpaid cannot ship", "pending_payment", "", "", "SF", "SF1234567890123", true, "", apperr.Conflict, false},
		{"completed cannot ship", "completed", "SF", "SF1", "SF", "SF1234567890123", true, "", apperr.Conflict, false},
		{"closed cannot ship", "closed", "", "", "SF", "SF1234567890123", false, "", apperr.Conflict, false},
	}
	for _, c := range cases {
		got, err := Decide(c.status, c.curCarrier, c.curNo, c.carrier, c.no, c.force)
		if got != c.want || apperr.CodeOf(err) != c.code || overridable(err) != c.overridable {
			t.Errorf("%s: %q, %v (overridable %v); want %q, %q (overridable %v)", c.name, got, err, overridable(err), c.want, c.code, c.overridable)
		}
	}
}
