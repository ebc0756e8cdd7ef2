package org

import (
	"strings"
	"unicode/utf8"
)

// MaskPhone keeps the first 3 and last 4 characters: 138****5678. Employee
// phones are personal data: lists, details and exports always carry the
// masked form; the full number comes only from the audited reveal operation
// (permission pii:reveal).
func MaskPhone(p string) string {
	n := utf8.RuneCountInString(p)
	if n == 0 {
		return ""
	}
	if n < 7 {
		return strings.Repeat("*", n)
	}
	r := []rune(p)
	return string(r[:3]) + strings.Repeat("*", n-7) + string(r[n-4:])
}
