package tabular

import "io"

// csvScanner splits CSV bytes into records. It works on raw bytes before any
// decoding: the bytes it looks for (delimiter, '"', CR, LF) never occur inside
// a multi-byte GBK/GB18030 or UTF-8 character, so cells can be decoded after.
//
// Quoting rules, chosen to read what Excel and the platforms write:
//   - a field starting with '"' is quoted; "" inside it is one quote; CR LF
//     inside it becomes LF;
//   - a quote inside an unquoted field is literal (Excel's ="4965...628"
//     trick, 12" screen);
//   - a closing quote followed by anything but a delimiter or line end is kept
//     literally and the field continues unquoted, so one stray quote cannot
//     swallow the rest of the file;
//   - a field starting with =" is read as a quoted field and kept in its
//     ="..." form (so a delimiter inside it does not split it); Clean strips it;
//   - LF, CR LF and a lone CR end a record; an empty line is an empty record,
//     so record numbers match the row numbers a spreadsheet shows.
//
// Memory is bounded: a record may hold at most maxCols cells, maxCell bytes per
// cell and maxRow bytes in all; the scan stops with an error as soon as a
// limit is passed, without reading the rest of the line.
type csvScanner struct {
	src              io.Reader
	buf              []byte
	pos, end         int
	readErr          error
	comma            byte
	maxCols, maxCell int
	maxRow           int

	special [256]bool // bytes that end an unquoted run: delimiter, CR, LF

	row  int    // number of the record last read, 1-based
	data []byte // the current record's cell bytes, concatenated
	ends []int  // end offset in data of each cell
	err  error  // sticky error
}

func newCSVScanner(src io.Reader, comma byte, opts Options) *csvScanner {
	s := &csvScanner{
		src: src, buf: make([]byte, 64<<10), comma: comma,
		maxCols: opts.MaxColumns, maxCell: opts.MaxCellBytes, maxRow: opts.MaxRowBytes,
	}
	s.special[comma], s.special['\r'], s.special['\n'] = true, true, true
	return s
}

// fill reads more input into an exhausted buffer; false means no more input
// (s.readErr tells io.EOF from a failure).
func (s *csvScanner) fill() bool {
	if s.readErr != nil {
		return false
	}
	for empty := 0; empty < 100; empty++ {
		n, err := s.src.Read(s.buf)
		s.pos, s.end = 0, n
		if err != nil {
			s.readErr = err
		}
		if n > 0 {
			return true
		}
		if err != nil {
			return false
		}
	}
	s.readErr = io.ErrNoProgress
	return false
}

const (
	stStart  = iota // at the start of a field
	stPlain         // inside an unquoted field
	stQuoted        // inside a quoted field
	stQuote         // just after a quote inside a quoted field
	stEquals        // just after a leading '='
)

// next reads one record into s.data/s.ends. It returns io.EOF when the input
// is exhausted; any other error is sticky.
func (s *csvScanner) next() error {
	if s.err != nil {
		return s.err
	}
	s.err = s.scan()
	if s.err == io.EOF {
		return io.EOF
	}
	if s.err != nil {
		return s.err
	}
	return nil
}

func (s *csvScanner) scan() error {
	s.data, s.ends = s.data[:0], s.ends[:0]
	s.row++
	state, cellStart, eqQuoted, started := stStart, 0, false, false
	for {
		if len(s.data)-cellStart > s.maxCell {
			hint := ""
			if state == stQuoted || state == stQuote {
				hint = " (a quote that is never closed?)"
			}
			return errAt(s.row, len(s.ends)+1, ErrCellTooLong, "more than %d bytes%s", s.maxCell, hint)
		}
		if len(s.data) > s.maxRow {
			return errAt(s.row, 0, ErrRowTooLong, "more than %d bytes", s.maxRow)
		}
		if s.pos >= s.end && !s.fill() {
			if s.readErr != io.EOF {
				return &Error{Row: s.row, Err: s.readErr}
			}
			switch {
			case !started:
				s.row--
				return io.EOF
			case state == stQuoted:
				return errAt(s.row, len(s.ends)+1, ErrUnclosedQuote, "")
			case state == stQuote && eqQuoted:
				s.data = append(s.data, '"')
			}
			return s.endCell()
		}
		started = true
		c := s.buf[s.pos]
		s.pos++
		switch state {
		case stStart, stPlain:
			switch {
			case c == s.comma:
				if err := s.endCell(); err != nil {
					return err
				}
				state, cellStart, eqQuoted = stStart, len(s.data), false
				continue
			case c == '\n':
				return s.endCell()
			case c == '\r':
				s.skipLF()
				return s.endCell()
			case state == stStart && c == '"':
				state = stQuoted
				continue
			case state == stStart && c == '=':
				s.data = append(s.data, c)
				state = stEquals
				continue
			}
			// A run of ordinary bytes: copy it in one go.
			i := s.pos - 1
			j := s.pos
			buf, special := s.buf[:s.end], &s.special
			for j < len(buf) && !special[buf[j]] {
				j++
			}
			s.data = append(s.data, s.buf[i:j]...)
			s.pos, state = j, stPlain
		case stEquals:
			if c == '"' {
				s.data = append(s.data, c)
				state, eqQuoted = stQuoted, true
				continue
			}
			s.pos-- // not the =" trick: read c again as part of a plain field
			state = stPlain
			continue
		case stQuoted:
			if c == '"' {
				state = stQuote
				continue
			}
			if c == '\r' {
				if (s.pos < s.end || s.fill()) && s.buf[s.pos] == '\n' {
					continue // CR LF inside quotes reads as LF
				}
				s.data = append(s.data, c)
				continue
			}
			i, j := s.pos-1, s.pos
			for buf := s.buf[:s.end]; j < len(buf); j++ {
				if b := buf[j]; b == '"' || b == '\r' {
					break
				}
			}
			s.data = append(s.data, s.buf[i:j]...)
			s.pos = j
		case stQuote:
			switch c {
			case '"':
				s.data = append(s.data, '"')
				state = stQuoted
				continue
			case s.comma, '\n', '\r':
				if eqQuoted {
					s.data = append(s.data, '"')
				}
				s.pos-- // let the plain-field branch end the cell or record
				state = stPlain
				continue
			default:
				s.data = append(s.data, '"', c)
				state = stPlain
			}
		}
	}
}

// endCell closes the current cell and enforces the column limit.
func (s *csvScanner) endCell() error {
	start := 0
	if n := len(s.ends); n > 0 {
		start = s.ends[n-1]
	}
	if len(s.data)-start > s.maxCell {
		return errAt(s.row, len(s.ends)+1, ErrCellTooLong, "more than %d bytes", s.maxCell)
	}
	if len(s.data) > s.maxRow {
		return errAt(s.row, 0, ErrRowTooLong, "more than %d bytes", s.maxRow)
	}
	s.ends = append(s.ends, len(s.data))
	if len(s.ends) > s.maxCols {
		return errAt(s.row, len(s.ends), ErrTooManyColumns, "more than %d", s.maxCols)
	}
	return nil
}

// skipLF consumes the LF of a CR LF pair.
func (s *csvScanner) skipLF() {
	if s.pos >= s.end && !s.fill() {
		return
	}
	if s.buf[s.pos] == '\n' {
		s.pos++
	}
}
