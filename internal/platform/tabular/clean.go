package tabular

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// isPad reports the characters Clean and NormalizeHeader trim from both ends:
// ASCII space, tab, CR, LF, no-break space, ideographic (full-width) space,
// zero-width space and a stray byte order mark.
func isPad(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\v', '\f', '\u00a0', '\u3000', '\u200b', '\ufeff':
		return true
	}
	return false
}

// Clean returns the value a cell means, as platform exports write it:
//
//   - surrounding spaces, tabs, no-break and full-width spaces are trimmed;
//   - the Excel text trick ="4965...628" becomes 4965...628;
//   - one leading apostrophe ('13800138000, Excel's "text" marker) is dropped;
//   - a placeholder for "nothing" (-, --, —, ——, －) becomes "".
//
// Clean does not fold full-width characters; use FoldWidth to compare values.
func Clean(s string) string {
	s = strings.TrimFunc(s, isPad)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimFunc(s[2:len(s)-1], isPad)
	}
	if strings.HasPrefix(s, "'") {
		s = strings.TrimFunc(s[1:], isPad)
	}
	if isPlaceholder(s) {
		return ""
	}
	return s
}

// isPlaceholder reports the strings exports use for "no value".
func isPlaceholder(s string) bool {
	switch s {
	case "-", "--", "—", "——", "－", "－－", "–":
		return true
	}
	return false
}

// FoldWidth maps full-width forms to their ordinary (half-width) forms:
// full-width ASCII letters, digits and punctuation (，（）：；！％ ...), the
// full-width yen sign ￥ and the ideographic space. Use it to compare values:
// FoldWidth("买家已付款，等待卖家发货") == "买家已付款,等待卖家发货".
func FoldWidth(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return width.Fold.String(s)
		}
	}
	return s
}

// NormalizeHeader returns the canonical form of a header cell: width-folded
// (FoldWidth), with padding trimmed (see Clean), with runs of inner spaces
// reduced to one and with ="..." or a leading apostrophe removed. Case is kept;
// column lookups (Reader.Col) additionally ignore ASCII case.
func NormalizeHeader(s string) string {
	s = FoldWidth(s)
	s = strings.TrimFunc(s, isPad)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimFunc(s[2:len(s)-1], isPad)
	}
	if strings.HasPrefix(s, "'") {
		s = strings.TrimFunc(s[1:], isPad)
	}
	if strings.IndexFunc(s, isPad) >= 0 {
		s = strings.Join(strings.FieldsFunc(s, isPad), " ")
	}
	return s
}

// headerKey is the lookup key of a header name: normalised and ASCII-lower-cased,
// so that 店铺Id, 店铺ID and 店铺id are one column.
func headerKey(s string) string {
	s = NormalizeHeader(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return asciiLower(s)
		}
	}
	return s
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// blankRow reports whether every cell is empty after Clean.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if Clean(c) != "" {
			return false
		}
	}
	return true
}

// totalsRow reports whether a row is a closing summary line: its first
// non-empty cell is 总计, 合计 or 汇总 (optionally followed by a colon).
func totalsRow(cells []string) bool {
	for _, c := range cells {
		v := Clean(c)
		if v == "" {
			continue
		}
		if len(v) > 16 { // longer than any marker: not a totals row
			return false
		}
		v = strings.TrimRight(FoldWidth(v), ": ")
		switch v {
		case "总计", "合计", "汇总", "总合计", "全部合计":
			return true
		}
		return false
	}
	return false
}
