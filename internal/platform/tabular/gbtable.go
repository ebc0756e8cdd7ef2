package tabular

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbPairs maps every two-byte GBK/GB18030 sequence (lead 0x81-0xFE, trail
// 0x40-0xFE except 0x7F) to its rune, as x/text's GB18030 decoder decodes
// it; utf8.RuneError marks a pair the decoder refuses. It is built once, from
// x/text itself, the first time a GB18030 file is read, so the fast path and
// the decoder cannot disagree. Four-byte GB18030 sequences still go through
// x/text.
var gbPairs = sync.OnceValue(func() *[126 * 191]rune {
	var t [126 * 191]rune
	dec := simplifiedchinese.GB18030.NewDecoder()
	var src [2]byte
	dst := make([]byte, 16)
	for lead := 0x81; lead <= 0xFE; lead++ {
		for trail := 0x40; trail <= 0xFE; trail++ {
			i := (lead-0x81)*191 + trail - 0x40
			t[i] = utf8.RuneError
			if trail == 0x7F {
				continue
			}
			src[0], src[1] = byte(lead), byte(trail)
			dec.Reset()
			n, ns, err := dec.Transform(dst, src[:], true)
			if err != nil || ns != 2 {
				continue
			}
			if r, size := utf8.DecodeRune(dst[:n]); size == n {
				t[i] = r
			}
		}
	}
	return &t
})

// appendGBFast decodes cell when it holds only ASCII and two-byte sequences,
// appending UTF-8 to dst; ok is false (and dst unchanged in length) when the
// cell needs the general decoder or holds an invalid pair.
func appendGBFast(t *[126 * 191]rune, dst, cell []byte) ([]byte, bool) {
	start := len(dst)
	for i := 0; i < len(cell); {
		c := cell[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(cell) {
			return dst[:start], false
		}
		trail := cell[i+1]
		if trail < 0x40 || trail == 0xFF {
			return dst[:start], false
		}
		r := t[int(c-0x81)*191+int(trail-0x40)]
		if r == utf8.RuneError {
			return dst[:start], false
		}
		dst = utf8.AppendRune(dst, r)
		i += 2
	}
	return dst, true
}
