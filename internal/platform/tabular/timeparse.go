package tabular

import (
	"math"
	"strconv"
	"strings"
	"time"
)

const timeExample = "expected e.g. 2026-11-11 00:00:05"

// Excel serial dates accepted by ParseTime: 10000 (1927-05-18) up to the
// last day Excel knows, 9999-12-31. Smaller numbers are refused because a
// short number in a time column is more likely a mistake than a 1900s date.
const (
	minSerial = 10000
	maxSerial = 2958466
)

// ParseTime parses a date or date-time written in loc's wall clock (the
// platforms write Beijing time; pass the company time zone) and returns it
// in UTC. nil loc means UTC. Accepted forms:
//
//	2026-11-11 00:00:05   2026/11/11 0:00   2026.11.11   2026-11-11
//	2026-11-11T00:00:05   2026-11-11 00:00:05.123   2026年11月11日 10:00
//	20261111   20261111000005
//	2026-11-11T00:00:05+08:00 / ...Z (the offset given wins over loc)
//	46337.00005787 (an Excel serial date, as an XLSX date cell without a
//	date format reads; rounded to the second; 1900 date system)
//
// Errors (*ValueError): `time is empty` (ErrEmptyValue), `time "x" is not a
// date/time (expected e.g. 2026-11-11 00:00:05)`, `time "2026-02-30" is not
// a valid date`, `time "2026-11-11 24:10" is not a valid time of day`,
// `time "123.5" is an Excel serial date out of range`.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	v := Clean(s)
	if v == "" {
		return time.Time{}, emptyValue("time", s)
	}
	if loc == nil {
		loc = time.UTC
	}
	v = FoldWidth(v)
	if strings.Contains(v, "年") {
		v = strings.NewReplacer("年", "-", "月", "-", "日", " ").Replace(v)
		v = strings.TrimSpace(v)
	}
	if t, ok, err := parseSerial(s, v, loc); ok {
		return t, err
	}
	p := timeScanner{s: v}
	var y, mo, d, h, mi, sec, ns int
	if isDigits(v) && (len(v) == 8 || len(v) == 14) {
		y, mo, d = atoi(v[:4]), atoi(v[4:6]), atoi(v[6:8])
		if len(v) == 14 {
			h, mi, sec = atoi(v[8:10]), atoi(v[10:12]), atoi(v[12:14])
		}
		return makeTime(s, y, mo, d, h, mi, sec, 0, loc)
	}
	y, ok := p.num(4, 4)
	sep := p.peek()
	if !ok || (sep != '-' && sep != '/' && sep != '.') {
		return time.Time{}, badValue("time", s, CodeNotATime, "is not a date/time ("+timeExample+")")
	}
	p.i++
	mo, ok1 := p.num(1, 2)
	ok2 := p.eat(sep)
	d, ok3 := p.num(1, 2)
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, badValue("time", s, CodeNotATime, "is not a date/time ("+timeExample+")")
	}
	if !p.done() && (p.eat(' ') || p.eat('T')) {
		for p.eat(' ') {
		}
		var okH, okM bool
		h, okH = p.num(1, 2)
		okC := p.eat(':')
		mi, okM = p.num(1, 2)
		if !okH || !okC || !okM {
			return time.Time{}, badValue("time", s, CodeNotATime, "is not a date/time ("+timeExample+")")
		}
		if p.eat(':') {
			if sec, ok = p.num(1, 2); !ok {
				return time.Time{}, badValue("time", s, CodeNotATime, "is not a date/time ("+timeExample+")")
			}
			if p.eat('.') {
				digits, ok := p.num(1, 9)
				if !ok {
					return time.Time{}, badValue("time", s, CodeNotATime, "is not a date/time ("+timeExample+")")
				}
				ns = digits
				for n := p.lastLen; n < 9; n++ {
					ns *= 10
				}
			}
		}
		for p.eat(' ') {
		}
		if zone, ok := p.zone(); ok {
			loc = zone
		}
	}
	if !p.done() {
		return time.Time{}, badValue("time", s, CodeNotATime, "is not a date/time ("+timeExample+")")
	}
	return makeTime(s, y, mo, d, h, mi, sec, ns, loc)
}

// makeTime validates the fields (time.Date would silently normalise
// 2026-02-30 to March) and converts to UTC.
func makeTime(orig string, y, mo, d, h, mi, sec, ns int, loc *time.Location) (time.Time, error) {
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) || y < 1 {
		return time.Time{}, badValue("time", orig, CodeNotATime, "is not a valid date")
	}
	if h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, badValue("time", orig, CodeNotATime, "is not a valid time of day")
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ns, loc).UTC(), nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseSerial reads an Excel serial date ("46337" or "46337.5"); ok is false
// when v does not have that shape.
func parseSerial(orig, v string, loc *time.Location) (t time.Time, ok bool, err error) {
	intPart, frac, _ := strings.Cut(v, ".")
	if len(intPart) < 3 || len(intPart) > 7 || !isDigits(intPart) || !isDigits(frac) {
		return time.Time{}, false, nil
	}
	f, perr := strconv.ParseFloat(v, 64)
	if perr != nil || f < minSerial || f >= maxSerial {
		return time.Time{}, true, badValue("time", orig, CodeNotATime, "is an Excel serial date out of range")
	}
	days := math.Floor(f)
	secs := int(math.Round((f - days) * 86400))
	wall := time.Date(1899, 12, 30+int(days), 0, 0, secs, 0, loc)
	return wall.UTC(), true, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// timeScanner walks a date-time string.
type timeScanner struct {
	s       string
	i       int
	lastLen int
	bad     bool // a malformed zone: never done
}

func (p *timeScanner) done() bool { return !p.bad && p.i >= len(p.s) }

func (p *timeScanner) peek() byte {
	if p.i >= len(p.s) {
		return 0
	}
	return p.s[p.i]
}

func (p *timeScanner) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// num reads between lo and hi digits.
func (p *timeScanner) num(lo, hi int) (int, bool) {
	start := p.i
	for p.i < len(p.s) && p.i-start < hi && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	p.lastLen = p.i - start
	if p.lastLen < lo {
		return 0, false
	}
	return atoi(p.s[start:p.i]), true
}

// zone reads "Z", "+08:00", "+0800" or "+08".
func (p *timeScanner) zone() (*time.Location, bool) {
	switch c := p.peek(); c {
	case 'Z':
		p.i++
		return time.UTC, true
	case '+', '-':
		p.i++
		h, ok := p.num(2, 2)
		if !ok || h > 14 {
			p.bad = true
			return nil, false
		}
		p.eat(':')
		m, _ := p.num(0, 2)
		off := (h*60 + m) * 60
		if c == '-' {
			off = -off
		}
		return time.FixedZone("", off), true
	}
	return nil, false
}
