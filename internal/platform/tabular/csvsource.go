package tabular

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a CSV file is looked at to choose the encoding
// and the delimiter.
const sniffSize = 64 << 10

// csvSource yields the records of a CSV file as decoded strings.
type csvSource struct {
	scan *csvScanner
	dec  *textDecoder
}

// newCSVSource reads the byte order mark, decides the encoding and the
// delimiter from the first 64 KiB and returns a source positioned at the
// first record.
func newCSVSource(br *bufio.Reader, opts Options) (*csvSource, error) {
	mode, name := modeUndecided, ""
	forced := opts.Encoding != ""
	if forced {
		var ok bool
		if mode, name, ok = forcedMode(opts.Encoding); !ok {
			switch strings.ToLower(opts.Encoding) {
			case EncUTF16LE, EncUTF16BE:
				name = strings.ToLower(opts.Encoding)
			default:
				return nil, fmt.Errorf("tabular: unknown Options.Encoding %q (want utf-8, gbk, gb18030, utf-16le or utf-16be)", opts.Encoding)
			}
		}
	}
	bom, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		if !forced {
			mode, name = modeUTF8, EncUTF8BOM
		}
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}) && (!forced || name == EncUTF16LE):
		_, _ = br.Discard(2)
		name = EncUTF16LE
	case bytes.HasPrefix(bom, []byte{0xFE, 0xFF}) && (!forced || name == EncUTF16BE):
		_, _ = br.Discard(2)
		name = EncUTF16BE
	}
	if name == EncUTF16LE || name == EncUTF16BE {
		endian := unicode.LittleEndian
		if name == EncUTF16BE {
			endian = unicode.BigEndian
		}
		dec := unicode.UTF16(endian, unicode.IgnoreBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), sniffSize)
		mode = modeUTF8
	}

	prefix, err := br.Peek(sniffSize)
	atEOF := err != nil
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	if err := checkText(prefix); err != nil {
		return nil, err
	}
	if name == "" {
		mode, name = decideFromPrefix(prefix, atEOF)
	}
	comma := opts.Comma
	if comma == 0 {
		comma = sniffDelimiter(prefix)
	}
	return &csvSource{
		scan: newCSVScanner(br, comma, opts),
		dec:  newTextDecoder(mode, name),
	}, nil
}

// checkText refuses content that is plainly not CSV text.
func checkText(prefix []byte) error {
	if bytes.IndexByte(prefix, 0) >= 0 {
		return fmt.Errorf("%w: it holds NUL bytes (binary data, or UTF-16 text without a byte order mark); save it as .xlsx or as CSV in UTF-8", ErrNotTabular)
	}
	head := bytes.ToLower(bytes.TrimLeft(prefix[:min(len(prefix), 512)], " \t\r\n"))
	for _, tag := range []string{"<!doctype html", "<html", "<table", "<?xml", "<meta"} {
		if bytes.HasPrefix(head, []byte(tag)) {
			return fmt.Errorf("%w: it is an HTML or XML document (some platforms save web pages as .xls); open it in Excel and save it as .xlsx or .csv", ErrNotTabular)
		}
	}
	return nil
}

// sniffDelimiter returns '\t' when the prefix holds more tabs than commas
// outside quoted fields (Excel's "Unicode text" export), else ','.
func sniffDelimiter(prefix []byte) byte {
	commas, tabs, quoted := 0, 0, false
	for _, c := range prefix {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				commas++
			}
		case '\t':
			if !quoted {
				tabs++
			}
		}
	}
	if tabs > commas {
		return '\t'
	}
	return ','
}

func (s *csvSource) next() (rawRow, error) {
	if err := s.scan.next(); err != nil {
		return rawRow{}, err
	}
	cells, err := s.dec.decode(s.scan.row, s.scan.data, s.scan.ends, make([]string, 0, len(s.scan.ends)))
	if err != nil {
		s.scan.err = err // a decoding error ends the file too
		return rawRow{}, err
	}
	return rawRow{num: s.scan.row, cells: cells}, nil
}

func (s *csvSource) encoding() string { return s.dec.name }
func (s *csvSource) close() error     { return nil }
