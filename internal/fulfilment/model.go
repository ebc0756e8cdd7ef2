// Package fulfilment is the order processing queue (REQUIREMENTS A4.1): paid
// orders awaiting shipment with their ship-by deadlines, and shipping entry
// (carrier + tracking number) one order at a time or in bulk from a file.
//
// It owns no table. Orders are read and written through sales.Shipping; the
// ship-by deadline is stored in orders.ship_by (see sales.ShipBy for the rule
// and who keeps it right). This file holds the pure rules: carriers, tracking
// numbers, deadline states and the shipping decision.
package fulfilment

import (
	"errors"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/width"

	"ecomops/internal/platform/apperr"
)

// Permissions this module declares.
var Permissions = []string{"fulfilment:queue:read", "fulfilment:queue:export", "fulfilment:shipment:create"}

// Carrier is a parcel carrier with the pattern its tracking numbers commonly
// follow. Patterns change: a mismatch is a warning the user may override.
type Carrier struct {
	Code    string `json:"code" doc:"stored in orders.carrier"`
	Name    string `json:"name"`
	NameEN  string `json:"name_en"`
	Pattern string `json:"pattern" doc:"regular expression a tracking number usually matches"`
	Example string `json:"example" doc:"a tracking number of the usual shape"`

	aliases []string
	re      *regexp.Regexp
}

func carrier(code, name, nameEN, pattern, example string, aliases ...string) Carrier {
	return Carrier{Code: code, Name: name, NameEN: nameEN, Pattern: pattern, Example: example,
		aliases: aliases, re: regexp.MustCompile(pattern)}
}

// carriers: codes, names and patterns of ../shared/formats/PLATFORM_EXPORTS.md
// (Carriers). DBL and HTKY have no pattern there; theirs are loose shape
// checks of our own (德邦: DPK + 12 digits or 8-12 digits; 百世: 12-15 digits
// or A + 12 digits) so a typo in the carrier column still gets a warning.
var carriers = []Carrier{
	carrier("SF", "顺丰速运", "SF Express", `^SF[0-9A-Z]\d{12}$`, "SF1234567890123",
		"顺丰", "顺丰快递", "顺丰速递", "SFEXPRESS", "SHUNFENG"),
	carrier("ZTO", "中通快递", "ZTO Express", `^7[3-68]\d{12}$`, "73123456789012",
		"中通", "中通速递", "ZTOEXPRESS", "ZHONGTONG"),
	carrier("YTO", "圆通速递", "YTO Express", `^YT\d{13}$`, "YT1234567890123",
		"圆通", "圆通快递", "YTOEXPRESS", "YUANTONG"),
	carrier("STO", "申通快递", "STO Express", `^(77|43)\d{12,15}$`, "77123456789012",
		"申通", "申通速递", "STOEXPRESS", "SHENTONG"),
	carrier("YD", "韵达快递", "Yunda Express", `^[34]\d{14}$|^5\d{12}$`, "312345678901234",
		"韵达", "韵达速递", "YUNDA", "YUNDAEXPRESS"),
	carrier("JD", "京东物流", "JD Logistics", `^JD[0-9A-Z]{2}\d{11}$`, "JDVA12345678901",
		"京东", "京东快递", "JDL"),
	carrier("EMS", "中国邮政EMS", "China Post EMS", `^[981]\d{12}$|^P[A-Z]\d{11}$`, "9812345678901",
		"邮政EMS", "EMS快递", "邮政", "中国邮政", "邮政快递包裹", "邮政特快专递", "CHINAPOST"),
	carrier("JTSD", "极兔速递", "J&T Express", `^JT\d{13}$`, "JT1234567890123",
		"极兔", "极兔快递", "J&T", "J&TEXPRESS", "JTEXPRESS", "JT"),
	carrier("DBL", "德邦快递", "Deppon Express", `^DPK\d{12}$|^\d{8,12}$`, "DPK123456789012",
		"德邦", "德邦物流", "DEPPON", "DBKD"),
	carrier("HTKY", "百世快递", "Best Express", `^\d{12,15}$|^A\d{12}$`, "557012345678901",
		"百世", "百世汇通", "汇通", "汇通快递", "BEST", "BESTEXPRESS"),
}

// Carriers returns every known carrier in display order.
func Carriers() []Carrier { return append([]Carrier(nil), carriers...) }

// carrierKey folds a carrier code or name for lookup: full-width to
// half-width, upper case, spaces removed.
func carrierKey(s string) string {
	s = strings.ToUpper(width.Fold.String(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

var carrierIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range carriers {
		for _, k := range append([]string{c.Code, c.Name, c.NameEN}, c.aliases...) {
			m[carrierKey(k)] = i
		}
	}
	return m
}()

// LookupCarrier finds a carrier by its code (SF, sf), Chinese name (顺丰,
// 顺丰速运), English name or a common alias, ignoring case, spaces and
// full-width forms.
func LookupCarrier(s string) (Carrier, bool) {
	i, ok := carrierIndex[carrierKey(s)]
	if !ok {
		return Carrier{}, false
	}
	return carriers[i], true
}

func carrierCodes() string {
	codes := make([]string, len(carriers))
	for i, c := range carriers {
		codes[i] = c.Code
	}
	return strings.Join(codes, ", ")
}

// noPrefix is the "No:" some exports write before a tracking number (after
// width folding and upper-casing, so ｎｏ： and No. match too).
var noPrefix = regexp.MustCompile(`^NO[:.]\s*`)

// NormalizeTracking returns the tracking number as stored: full-width forms
// folded to half-width, upper case, a leading "No:" (or "No.") removed and
// every space removed (numbers are often pasted in groups: "SF 1234 5678").
func NormalizeTracking(s string) string {
	s = strings.ToUpper(width.Fold.String(s))
	s = strings.TrimSpace(strings.TrimFunc(s, func(r rune) bool { return r == '\u3000' || r == '\u00a0' || r == '\ufeff' }))
	s = noPrefix.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\u00a0', '\u3000':
			return -1
		}
		return r
	}, s)
}

// validTracking is the shape every tracking number must have whatever the
// carrier; anything else (Chinese text, punctuation, a whole address) is an
// input error, not a pattern warning.
var validTracking = regexp.MustCompile(`^[0-9A-Z][0-9A-Z-]{4,39}$`)

// CheckTracking checks an already normalised tracking number for carrier c.
// It returns an error for an empty or malformed number (letters, digits and
// '-' only, 5 to 40 characters) and a warning text, not an error, when the
// number does not match the carrier's usual pattern.
func CheckTracking(c Carrier, no string) (warning string, err error) {
	if no == "" {
		return "", apperr.New(apperr.Invalid, "tracking number is required")
	}
	if !validTracking.MatchString(no) {
		return "", apperr.New(apperr.Invalid, "tracking number %q may hold only letters, digits and '-' (5 to 40 characters)", no)
	}
	if !c.re.MatchString(no) {
		return "tracking number " + no + " does not look like a " + c.Name + " (" + c.Code + ") number (usual pattern " + c.Pattern + ", e.g. " + c.Example + ")", nil
	}
	return "", nil
}

// DueSoonWindow is how long before its deadline an order counts as due soon.
const DueSoonWindow = 6 * time.Hour

// Deadline states of an order awaiting shipment.
const (
	StateOverdue = "overdue"  // the ship-by deadline has passed
	StateDueSoon = "due_soon" // the deadline is within the due-soon window
	StateOnTime  = "on_time"  // more time left than the window
	StateUnknown = "unknown"  // no deadline stored (no payment time)
)

// DeadlineState tells where an order with deadline shipBy stands at now,
// in half-open intervals the queue's SQL filters use too: overdue when
// shipBy < now (shipping at the deadline instant is still on time), due soon
// when now <= shipBy < now+soon.
func DeadlineState(shipBy *time.Time, now time.Time, soon time.Duration) string {
	switch {
	case shipBy == nil:
		return StateUnknown
	case shipBy.Before(now):
		return StateOverdue
	case shipBy.Before(now.Add(soon)):
		return StateDueSoon
	}
	return StateOnTime
}

// Outcomes of a shipping entry.
const (
	OutcomeShipped   = "shipped"   // a paid order was marked shipped
	OutcomeCorrected = "corrected" // a shipped order got another carrier or tracking number (force)
	OutcomeUnchanged = "unchanged" // the order already shipped with this carrier and number
)

// Order statuses the shipping rule knows (normalised sales statuses).
const (
	statusPaid    = "paid"
	statusShipped = "shipped"
)

// Decide applies the shipping rule to an order in status with its current
// carrier and tracking number, given the new ones:
//
//   - paid: ship it;
//   - shipped with the same carrier and number: nothing to do;
//   - shipped with another carrier or number: a conflict, unless force
//     (a correction);
//   - any other status: a conflict (only paid orders can be shipped).
//
// Conflicts that force overrides carry a field error at "body.force", so a
// client can tell them apart and offer to confirm.
func Decide(status, curCarrier, curTracking, carrier, tracking string, force bool) (string, error) {
	switch status {
	case statusPaid:
		return OutcomeShipped, nil
	case statusShipped:
		if curCarrier == carrier && curTracking == tracking {
			return OutcomeUnchanged, nil
		}
		if force {
			return OutcomeCorrected, nil
		}
		return "", &apperr.Error{Code: apperr.Conflict,
			Message: "order already shipped with " + curCarrier + " " + curTracking,
			Fields: []apperr.FieldError{
				{Location: "body.tracking_no", Message: "the order already shipped with " + curCarrier + " " + curTracking, Value: tracking,
					Code: "already_shipped", Params: apperr.P{"carrier": curCarrier, "tracking_no": curTracking}},
				{Location: "body.force", Message: "send force=true to correct the carrier and tracking number", Code: "confirm_force"},
			}}
	}
	return "", apperr.Refuse(apperr.Conflict, apperr.Because("order_not_paid", apperr.P{"status": status}), "only paid orders can be shipped; this order is %s", status)
}

// patternReason says that a number does not look like carrier c's.
func patternReason(c Carrier) apperr.Reason {
	return apperr.Because("tracking_pattern", apperr.P{"carrier": c.Code, "name": c.Name, "name_en": c.NameEN, "pattern": c.Pattern, "example": c.Example})
}

// mismatchError is the overridable error of a pattern mismatch without force.
func mismatchError(c Carrier, warning, tracking string) error {
	r := patternReason(c)
	return &apperr.Error{Code: apperr.Invalid, Message: warning,
		Fields: []apperr.FieldError{
			{Location: "body.tracking_no", Message: warning, Value: tracking, Code: r.Code, Params: r.Params},
			{Location: "body.force", Message: "send force=true to ship with this tracking number anyway", Code: "confirm_force"},
		}}
}

// overridable reports whether err is one that force overrides (it names the
// body.force field).
func overridable(err error) bool {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return false
	}
	for _, f := range ae.Fields {
		if f.Location == "body.force" {
			return true
		}
	}
	return false
}
