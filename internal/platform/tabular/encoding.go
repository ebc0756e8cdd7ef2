package tabular

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encoding names reported by Reader.Encoding.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncGB18030 = "gb18030" // also every GBK file: GB18030 is a superset of GBK
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	// EncASCII: no byte above 0x7F has been seen yet. The encoding is decided
	// at the first row that has one: UTF-8 if that row is valid UTF-8, else
	// GB18030.
	EncASCII = "ascii"
)

type textMode int

const (
	modeUndecided textMode = iota
	modeUTF8
	modeGB18030
)

// textDecoder turns the raw cell bytes of one CSV record into UTF-8 strings.
//
// Contract: in UTF-8 mode a row holding invalid UTF-8 is an ErrEncoding error
// naming the row and column (a file that begins as UTF-8 and later holds GBK
// bytes is a mixed-encoding file). In GB18030 mode bytes that do not form a
// GB18030 character are an ErrEncoding error too (detected as U+FFFD in the
// decoder output, so a file that itself stores U+FFFD is refused as well).
type textDecoder struct {
	mode  textMode
	name  string
	gb    transform.Transformer
	out   []byte
	ends  []int
	pairs *[126 * 191]rune // gbPairs(), once the mode is GB18030
}

var runeErrorUTF8 = []byte(string(utf8.RuneError))

func newTextDecoder(mode textMode, name string) *textDecoder {
	return &textDecoder{mode: mode, name: name, gb: simplifiedchinese.GB18030.NewDecoder()}
}

// decideFromPrefix picks the encoding of a BOM-less file from its first bytes:
// valid UTF-8 (ignoring a character cut at the end of the prefix) means UTF-8,
// anything else GB18030; a pure-ASCII prefix leaves the choice open.
func decideFromPrefix(prefix []byte, atEOF bool) (textMode, string) {
	if isASCII(prefix) {
		return modeUndecided, EncASCII
	}
	if !atEOF {
		prefix = trimCutRune(prefix)
	}
	if utf8.Valid(prefix) || firstTextLineIsUTF8(prefix) {
		return modeUTF8, EncUTF8
	}
	return modeGB18030, EncGB18030
}

// firstTextLineIsUTF8 reports whether the first line holding non-ASCII bytes
// is valid UTF-8 with at least 8 bytes of multi-byte sequences beyond one per
// character (four CJK characters): then the file began as UTF-8 and its later
// invalid bytes make it a mixed-encoding file (an error), not a GBK one. The
// minimum keeps a GBK line from passing as UTF-8 by chance.
func firstTextLineIsUTF8(prefix []byte) bool {
	for len(prefix) > 0 {
		line := prefix
		if i := bytes.IndexByte(prefix, '\n'); i >= 0 {
			line, prefix = prefix[:i], prefix[i+1:]
		} else {
			prefix = nil
		}
		if isASCII(line) {
			continue
		}
		if !utf8.Valid(line) {
			return false
		}
		return utf8.RuneCount(line) <= len(line)-8 // >= 4 multi-byte characters
	}
	return false
}

// trimCutRune drops an incomplete UTF-8 sequence at the end of b.
func trimCutRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return b
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// isASCII reports whether b holds only bytes below 0x80.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// decode converts one record (cells concatenated in data, cell i ending at
// ends[i]) into strings that share one allocation, appended to dst.
func (d *textDecoder) decode(row int, data []byte, ends []int, dst []string) ([]string, error) {
	if d.mode == modeUndecided && !isASCII(data) {
		if utf8.Valid(data) {
			d.mode, d.name = modeUTF8, EncUTF8
		} else {
			d.mode, d.name = modeGB18030, EncGB18030
		}
	}
	text := data
	newEnds := ends
	switch d.mode {
	case modeUTF8:
		if !utf8.Valid(data) {
			return dst, d.utf8Error(row, data, ends)
		}
	case modeGB18030:
		if !isASCII(data) {
			var err error
			if newEnds, err = d.decodeGB(row, data, ends); err != nil {
				return dst, err
			}
			text = d.out
		}
	}
	s := string(text)
	start := 0
	for _, end := range newEnds {
		dst = append(dst, s[start:end])
		start = end
	}
	return dst, nil
}

func (d *textDecoder) utf8Error(row int, data []byte, ends []int) error {
	start := 0
	for i, end := range ends {
		cell := data[start:end]
		if !utf8.Valid(cell) {
			bad := cell
			for len(bad) > 0 {
				r, size := utf8.DecodeRune(bad)
				if r == utf8.RuneError && size == 1 {
					break
				}
				bad = bad[size:]
			}
			bad = bad[:min(len(bad), 4)]
			return errAt(row, i+1, ErrEncoding,
				"bytes % x are not UTF-8, but the file began as UTF-8: it mixes encodings (save it again as one encoding, e.g. UTF-8 or GBK)", bad)
		}
		start = end
	}
	return errAt(row, 0, ErrEncoding, "not valid UTF-8")
}

// decodeGB decodes each non-ASCII cell from GB18030 into d.out and returns
// the new cell end offsets.
func (d *textDecoder) decodeGB(row int, data []byte, ends []int) ([]int, error) {
	if d.pairs == nil {
		d.pairs = gbPairs()
	}
	d.out = d.out[:0]
	newEnds := d.ends[:0]
	defer func() { d.ends = newEnds[:0] }()
	start := 0
	for i, end := range ends {
		cell := data[start:end]
		start = end
		if isASCII(cell) {
			d.out = append(d.out, cell...)
			newEnds = append(newEnds, len(d.out))
			continue
		}
		var ok bool
		if d.out, ok = appendGBFast(d.pairs, d.out, cell); ok {
			newEnds = append(newEnds, len(d.out))
			continue
		}
		from := len(d.out)
		// GB18030 -> UTF-8 grows a byte at most 3 times (an invalid byte
		// becomes U+FFFD), so this capacity is always enough.
		d.out = growTo(d.out, from+3*len(cell)+utf8.UTFMax)
		d.gb.Reset()
		nDst, _, err := d.gb.Transform(d.out[from:cap(d.out)], cell, true)
		if err != nil {
			return nil, errAt(row, i+1, ErrEncoding, "cannot decode as GB18030: %v", err)
		}
		d.out = d.out[:from+nDst]
		if bytes.Contains(d.out[from:], runeErrorUTF8) {
			return nil, errAt(row, i+1, ErrEncoding, "bytes are not valid GBK/GB18030 (the file was read as GB18030 because its first bytes are not UTF-8)")
		}
		newEnds = append(newEnds, len(d.out))
	}
	return newEnds, nil
}

// growTo returns b with capacity of at least n, keeping its contents.
func growTo(b []byte, n int) []byte {
	if cap(b) >= n {
		return b
	}
	nb := make([]byte, len(b), max(n, 2*cap(b)))
	copy(nb, b)
	return nb
}

// forcedMode maps Options.Encoding to a decoder mode.
func forcedMode(name string) (textMode, string, bool) {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "-")) {
	case "utf-8", "utf8":
		return modeUTF8, EncUTF8, true
	case "gbk", "gb2312", "gb18030", "cp936":
		return modeGB18030, EncGB18030, true
	}
	return modeUndecided, "", false
}
