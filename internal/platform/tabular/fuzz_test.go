package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The seed corpora live in testdata/fuzz/FuzzReader and
// testdata/fuzz/FuzzValues. Run: go test -fuzz=FuzzReader -fuzztime=60s
// ./internal/platform/tabular/ (likewise FuzzValues).

var readerSentinels = []error{
	ErrEmpty, ErrLegacyXLS, ErrNotTabular, ErrNoHeader, ErrTooManyColumns, ErrCellTooLong,
	ErrRowTooLong, ErrEncoding, ErrUnclosedQuote, ErrXLSX,
}

func FuzzReader(f *testing.F) {
	f.Add([]byte("订单编号,订单状态\r\n=\"1\",交易成功\r\n总计,\r\n"))
	f.Add([]byte("title\n\"a\",b\n\"x\"\"y\",\"1\r\n2\"\n"))
	opts := Options{
		Expect:     [][]string{{"订单编号", "订单号"}, {"订单状态"}, {"a"}, {"b"}},
		MaxColumns: 64, MaxCellBytes: 512, MaxRowBytes: 4096, MaxHeaderScan: 10,
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScannerAgainstStdlib(t, data)
		rd, err := Open(bytes.NewReader(data), opts)
		if err != nil {
			checkReaderError(t, err)
			return
		}
		defer rd.Close()
		if rd.HeaderRow() < 1 || rd.HeaderRow() > opts.MaxHeaderScan {
			t.Fatalf("header row %d", rd.HeaderRow())
		}
		last := rd.HeaderRow()
		for {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				checkReaderError(t, err)
				if _, again := rd.Next(); again != err {
					t.Fatalf("error not final: %v then %v", err, again)
				}
				break
			}
			if row.Num <= last {
				t.Fatalf("row number %d after %d", row.Num, last)
			}
			last = row.Num
			if len(row.Cells) > opts.MaxColumns || blankRow(row.Cells) || totalsRow(row.Cells) {
				t.Fatalf("row %d should not be returned: %q", row.Num, row.Cells)
			}
			for i, c := range row.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("row %d cell %d is not UTF-8: %q", row.Num, i, c)
				}
				_ = NormalizeHeader(c)
				_, _ = ParseFen(c)
			}
		}
	})
}

func checkReaderError(t *testing.T, err error) {
	t.Helper()
	for _, s := range readerSentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v (%T) matches no sentinel", err, err)
}

// checkScannerAgainstStdlib: where encoding/csv in strict mode accepts the
// input, the scanner must give the same records (ignoring empty lines, which
// encoding/csv drops, and inputs using the quirks only the scanner reads:
// CR line ends, ="..." cells).
func checkScannerAgainstStdlib(t *testing.T, data []byte) {
	if !utf8.Valid(data) || bytes.ContainsAny(data, "\r=\x00") || len(data) > 4096 {
		return
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	want, err := cr.ReadAll()
	if err != nil {
		return
	}
	opts := Options{}.withDefaults()
	sc := newCSVScanner(bytes.NewReader(data), ',', opts)
	var got [][]string
	for {
		err := sc.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("scanner failed where encoding/csv did not: %v", err)
		}
		rec, start := []string{}, 0
		for _, end := range sc.ends {
			rec = append(rec, string(sc.data[start:end]))
			start = end
		}
		got = append(got, rec)
	}
	drop := func(rs [][]string) [][]string {
		var out [][]string
		for _, r := range rs {
			if len(r) != 1 || r[0] != "" {
				out = append(out, r)
			}
		}
		return out
	}
	if g, w := drop(got), drop(want); !reflect.DeepEqual(g, w) {
		t.Fatalf("scanner %q\nencoding/csv %q", g, w)
	}
}

func FuzzValues(f *testing.F) {
	for _, s := range []string{"¥1,234.50", "12.345", "78.15%", "2026-11-11 00:00:05", "46337.5", `="1"`, "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fen, err := ParseFen(s); err == nil {
			if back, err := ParseFen(formatFen(fen)); err != nil || back != fen {
				t.Fatalf("ParseFen(%q) = %d; %q reads back as %d, %v", s, fen, formatFen(fen), back, err)
			}
		} else {
			checkValueError(t, "amount", err)
		}
		if n, err := ParseInt(s); err == nil {
			if back, err := ParseInt(strconv.FormatInt(n, 10)); err != nil || back != n {
				t.Fatalf("ParseInt(%q) = %d reads back as %d, %v", s, n, back, err)
			}
		} else {
			checkValueError(t, "integer", err)
		}
		if r, err := ParseRate(s); err == nil {
			if r.Den < 1 || strings.Trim(strconv.FormatInt(r.Den, 10), "0") != "1" {
				t.Fatalf("ParseRate(%q) = %+v: Den is not a power of ten", s, r)
			}
			_, _ = r.BasisPoints()
		} else {
			checkValueError(t, "rate", err)
		}
		if tm, err := ParseTime(s, time.FixedZone("CST", 8*3600)); err == nil {
			if tm.Location() != time.UTC {
				t.Fatalf("ParseTime(%q) not in UTC", s)
			}
		} else {
			checkValueError(t, "time", err)
		}
		if w := FoldWidth(s); FoldWidth(w) != w {
			t.Fatalf("FoldWidth not idempotent on %q", s)
		}
		_ = Clean(s)
		_ = NormalizeHeader(s)
	})
}

func checkValueError(t *testing.T, kind string, err error) {
	t.Helper()
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Kind != kind || !strings.HasPrefix(err.Error(), kind+" ") ||
		!(errors.Is(err, ErrEmptyValue) || errors.Is(err, ErrBadValue)) {
		t.Fatalf("bad %s error: %v", kind, err)
	}
}

func formatFen(fen int64) string {
	sign := ""
	u := uint64(fen)
	if fen < 0 {
		sign, u = "-", uint64(-fen)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}
