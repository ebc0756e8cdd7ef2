package sales

import (
	"strings"
	"unicode/utf8"
)

// maskPhone keeps the first 3 and last 4 characters: 138****5678. A value
// the platform already masked stays as it is.
func maskPhone(p string) string {
	n := utf8.RuneCountInString(p)
	if n == 0 || strings.Contains(p, "*") {
		return p
	}
	if n < 7 {
		return strings.Repeat("*", n)
	}
	r := []rune(p)
	return string(r[:3]) + strings.Repeat("*", n-7) + string(r[n-4:])
}

// maskName keeps the first character: 张**.
func maskName(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 || strings.Contains(s, "*") {
		return s
	}
	r := []rune(s)
	if n == 1 {
		return "*"
	}
	return string(r[:1]) + strings.Repeat("*", n-1)
}

// maskAddress keeps the province/city/district part (the first three
// space-separated words, or the first 6 characters) and hides the rest.
func maskAddress(s string) string {
	if s == "" {
		return s
	}
	if f := strings.Fields(s); len(f) > 3 {
		return strings.Join(f[:3], " ") + " ****"
	}
	r := []rune(s)
	if len(r) <= 6 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + "****"
}

// masked returns o with the receiver's personal data masked.
func (o Order) masked() Order {
	o.ReceiverName, o.ReceiverPhone, o.ReceiverAddress = maskName(o.ReceiverName), maskPhone(o.ReceiverPhone), maskAddress(o.ReceiverAddress)
	return o
}

func (c Customer) masked() Customer {
	c.ReceiverName, c.Phone, c.Address = maskName(c.ReceiverName), maskPhone(c.Phone), maskAddress(c.Address)
	return c
}
