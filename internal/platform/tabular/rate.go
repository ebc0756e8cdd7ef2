package tabular

import (
	"math"
	"strings"
)

// Rate is an exact ratio Num/Den as written in a file; Den is a power of ten
// and the fraction has no common factor of 10 (a rate is never stored as a
// float). "78.15%" is {7815, 10000}, "100%" is {1, 1}, "50%" is {5, 10}.
type Rate struct {
	Num int64
	Den int64
}

// BasisPoints returns the rate in basis points (1/10000; 78.15% is 7815),
// rounded half away from zero, and whether that is exact.
func (r Rate) BasisPoints() (bp int64, exact bool) {
	if r.Den <= 0 {
		return 0, false
	}
	// r.Den is 10^k; bp = Num*10000/Den without overflow for k <= 4 and
	// by division for larger k.
	if r.Den <= 10000 {
		mult := 10000 / r.Den
		if r.Num > math.MaxInt64/mult || r.Num < math.MinInt64/mult {
			return 0, false // out of range
		}
		return r.Num * mult, true
	}
	div := r.Den / 10000
	q, rem := r.Num/div, r.Num%div
	if rem < 0 {
		rem = -rem
	}
	if 2*rem >= div {
		if r.Num < 0 {
			q--
		} else {
			q++
		}
	}
	return q, rem == 0
}

// Float64 returns the rate as a float, for display only.
func (r Rate) Float64() float64 {
	if r.Den == 0 {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// maxRateScale bounds the decimals of a rate so that Den fits in int64.
const maxRateScale = 12

// ParseRate parses a rate. With a percent sign the number is a percentage
// ("78.15%", "-3.5%", "1,234.5%"); without one it is a plain fraction
// ("0.7815" is 78.15%), which is how an XLSX stores a percentage cell that
// has no percent format. Errors (*ValueError): `rate is empty`
// (ErrEmptyValue, also for "-"), `rate "7x%" is not a number`,
// `rate "0.1234567890123%" has too many decimals`, `... is too large`.
func ParseRate(s string) (Rate, error) {
	v := Clean(s)
	if v == "" {
		return Rate{}, emptyValue("rate", s)
	}
	v = strings.TrimRight(FoldWidth(v), " ")
	percent := strings.HasSuffix(v, "%")
	if percent {
		v = strings.TrimRight(strings.TrimSuffix(v, "%"), " ")
	}
	d, err := parseDecimal("rate", s, v, false)
	if err != nil {
		return Rate{}, err
	}
	d = d.trimZeros(0)
	scale := d.scale
	if percent {
		scale += 2
	}
	if scale > maxRateScale {
		return Rate{}, badValue("rate", s, CodeTooManyDecimals, "has too many decimals")
	}
	den := int64(1)
	for range scale {
		den *= 10
	}
	num := d.mant
	for den > 1 && num%10 == 0 {
		num, den = num/10, den/10
	}
	return Rate{Num: num, Den: den}, nil
}
