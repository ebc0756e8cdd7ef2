package tabular

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// headerMatcher scores rows against Options.Expect or Options.Score.
type headerMatcher struct {
	score   func(cells []string) int
	expect  []map[string]bool // per expected column: its alias keys
	need    int               // minimum score to qualify
	perfect int               // a score that cannot be beaten (0: unknown)
}

func newHeaderMatcher(opts Options) *headerMatcher {
	m := &headerMatcher{score: opts.Score, need: 1}
	if m.score != nil {
		return m
	}
	if len(opts.Expect) == 0 {
		m.perfect = 1 // the first non-empty row is the header
		return m
	}
	for _, aliases := range opts.Expect {
		set := make(map[string]bool, len(aliases))
		for _, a := range aliases {
			set[headerKey(a)] = true
		}
		m.expect = append(m.expect, set)
	}
	m.need = min(2, len(m.expect))
	m.perfect = len(m.expect)
	return m
}

func (m *headerMatcher) rate(cells []string) int {
	if m.score != nil {
		norm := make([]string, len(cells))
		for i, c := range cells {
			norm[i] = NormalizeHeader(c)
		}
		return m.score(norm)
	}
	if m.expect == nil {
		return 1
	}
	present := make(map[string]bool, len(cells))
	for _, c := range cells {
		present[headerKey(c)] = true
	}
	n := 0
	for _, set := range m.expect {
		for k := range set {
			if present[k] {
				n++
				break
			}
		}
	}
	return n
}

// findHeader reads up to MaxHeaderScan rows, picks the best header row and
// keeps the rows after it for Next.
func (r *Reader) findHeader() error {
	m := newHeaderMatcher(r.opts)
	var scanned []rawRow
	best, bestScore, firstNonEmpty := -1, 0, -1
	for len(scanned) == 0 || scanned[len(scanned)-1].num < r.opts.MaxHeaderScan {
		row, err := r.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		scanned = append(scanned, row)
		if row.num > r.opts.MaxHeaderScan || blankRow(row.cells) {
			continue
		}
		if firstNonEmpty < 0 {
			firstNonEmpty = len(scanned) - 1
		}
		if s := m.rate(row.cells); s >= m.need && s > bestScore {
			best, bestScore = len(scanned)-1, s
			if m.perfect > 0 && s >= m.perfect {
				break
			}
		}
	}
	if firstNonEmpty < 0 {
		return ErrEmpty
	}
	if best < 0 {
		return r.noHeaderError(scanned[firstNonEmpty])
	}
	h := scanned[best]
	r.headerRow = h.num
	r.header = make([]string, len(h.cells))
	r.keys = make(map[string]int, len(h.cells))
	for i, c := range h.cells {
		r.header[i] = NormalizeHeader(c)
		k := headerKey(c)
		if _, dup := r.keys[k]; !dup && k != "" {
			r.keys[k] = i
		}
	}
	r.pending = scanned[best+1:]
	return nil
}

// noHeaderError explains what was expected and what the file starts with.
func (r *Reader) noHeaderError(first rawRow) error {
	var want []string
	for i, aliases := range r.opts.Expect {
		if i == 8 {
			want = append(want, "...")
			break
		}
		if len(aliases) > 0 {
			want = append(want, aliases[0])
		}
	}
	msg := fmt.Sprintf("%v in the first %d rows", ErrNoHeader, r.opts.MaxHeaderScan)
	if len(want) > 0 {
		msg += "; expected columns like: " + strings.Join(want, ", ")
	}
	seen := make([]string, 0, len(first.cells))
	for _, c := range first.cells {
		seen = append(seen, NormalizeHeader(c))
	}
	msg += fmt.Sprintf("; row %d reads: %s", first.num, clip(strings.Join(seen, ", "), 120))
	return &headerError{msg: msg}
}

// headerError carries the composed message and matches ErrNoHeader.
type headerError struct{ msg string }

func (e *headerError) Error() string        { return e.msg }
func (e *headerError) Is(target error) bool { return target == ErrNoHeader }

// clip shortens s to at most n bytes on a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
