package tabular

import (
	"math"
	"strings"
)

// decimal is an exact decimal number: mant / 10^scale.
type decimal struct {
	mant  int64
	scale int
}

// parseDecimal reads an optionally signed decimal number with optional
// thousands separators (groups of three: 1,234,567.5). It never uses floating
// point. currency allows a ¥ sign before or after the minus and a trailing
// 元. On failure it returns a ValueError of the given kind.
func parseDecimal(kind, orig, v string, currency bool) (decimal, error) {
	v = strings.ReplaceAll(FoldWidth(v), "\u2212", "-") // U+2212 MINUS SIGN
	neg, signed, yen := false, false, false
	for range 2 {
		switch {
		case !signed && (strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+")):
			neg, signed = v[0] == '-', true
			v = strings.TrimLeft(v[1:], " ")
		case currency && !yen && strings.HasPrefix(v, "¥"):
			yen = true
			v = strings.TrimLeft(v[len("¥"):], " ")
		}
	}
	if currency {
		v = strings.TrimRight(strings.TrimSuffix(v, "元"), " ")
	}
	intPart, frac, hasDot := strings.Cut(v, ".")
	if intPart == "" && frac == "" {
		return decimal{}, badValue(kind, orig, CodeNotANumber, "is not a number")
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return decimal{}, badValue(kind, orig, CodeNotANumber, "has misplaced thousands separators")
			}
		}
		intPart = strings.ReplaceAll(intPart, ",", "")
	}
	if hasDot && frac == "" && intPart == "" {
		return decimal{}, badValue(kind, orig, CodeNotANumber, "is not a number")
	}
	var d decimal
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return decimal{}, badValue(kind, orig, CodeNotANumber, "is not a number")
			}
			if d.mant > (math.MaxInt64-int64(c-'0'))/10 {
				return decimal{}, badValue(kind, orig, CodeTooLarge, "is too large")
			}
			d.mant = d.mant*10 + int64(c-'0')
		}
	}
	d.scale = len(frac)
	if neg {
		d.mant = -d.mant
	}
	return d, nil
}

// trimZeros drops trailing zero decimals: 12.3400 -> 12.34.
func (d decimal) trimZeros(minScale int) decimal {
	for d.scale > minScale && d.mant%10 == 0 {
		d.mant /= 10
		d.scale--
	}
	return d
}

// ParseFen parses a money amount in yuan into fen (1/100 yuan), exactly.
// Accepted: "1234.5", "¥1,234.50", "￥-3.00", "-¥3", "12.50元", "１２.５"
// (full-width), values wrapped as Clean unwraps them. More than 2 decimals is
// an error unless the extra digits are zeros ("12.3400" is 1234).
// Errors (*ValueError): `amount is empty` (ErrEmptyValue, also for "-"),
// `amount "12.345" has more than 2 decimals`, `amount "abc" is not a number`,
// `amount "1,23.00" has misplaced thousands separators`, `... is too large`.
func ParseFen(s string) (int64, error) {
	v := Clean(s)
	if v == "" {
		return 0, emptyValue("amount", s)
	}
	d, err := parseDecimal("amount", s, v, true)
	if err != nil {
		return 0, err
	}
	d = d.trimZeros(2)
	if d.scale > 2 {
		return 0, badValue("amount", s, CodeTooManyDecimals, "has more than 2 decimals")
	}
	for ; d.scale < 2; d.scale++ {
		if d.mant > math.MaxInt64/10 || d.mant < math.MinInt64/10 {
			return 0, badValue("amount", s, CodeTooLarge, "is too large")
		}
		d.mant *= 10
	}
	return d.mant, nil
}

// ParseInt parses a whole number such as a count: "11,269", "-3", "42.00"
// (zero decimals are accepted, as spreadsheets write them).
// Errors (*ValueError): `integer is empty` (ErrEmptyValue),
// `integer "12.5" has a fractional part`, `integer "x" is not a number`,
// `... has misplaced thousands separators`, `... is too large`.
func ParseInt(s string) (int64, error) {
	v := Clean(s)
	if v == "" {
		return 0, emptyValue("integer", s)
	}
	d, err := parseDecimal("integer", s, v, false)
	if err != nil {
		return 0, err
	}
	if d = d.trimZeros(0); d.scale > 0 {
		return 0, badValue("integer", s, CodeNotInteger, "has a fractional part")
	}
	return d.mant, nil
}
