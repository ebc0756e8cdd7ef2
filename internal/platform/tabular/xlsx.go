package tabular

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxOptions makes excelize render date cells in a form ParseTime reads:
// the built-in short date formats (14, 22 and the CJK ones) come out as
// 2026-11-11 and 2026-11-11 00:00; custom formats come out as formatted;
// a date stored with no number format comes out as its serial number, which
// ParseTime also accepts.
func xlsxOptions(tmp string) excelize.Options {
	return excelize.Options{ShortDatePattern: "yyyy-mm-dd", LongTimePattern: "hh:mm:ss", TmpDir: tmp}
}

// xlsxSource streams one worksheet with excelize's Rows iterator. Cells come
// as excelize formats them (cached formula results, number formats applied).
//
// Limits: excelize decodes a whole row before the Reader sees it, so
// MaxColumns and MaxCellBytes are checked after that; a worksheet row holds
// at most 16384 referenced columns, and excelize keeps parts larger than
// 16 MiB in temporary files rather than in memory.
type xlsxSource struct {
	f       *excelize.File
	rows    *excelize.Rows
	n       int
	maxCols int
	maxCell int
}

// openXLSX opens the workbook (spooling br to a temporary file when there is
// no path) and picks the sheet: Options.Sheet, or the first sheet in which a
// header row is found.
func (r *Reader) openXLSX(br *bufio.Reader, path string) (err error) {
	defer recoverXLSX(&err)
	if path == "" {
		tmp, err := os.CreateTemp(r.opts.TempDir, "tabular-*.xlsx")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		_, err = io.Copy(tmp, br)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		path = tmp.Name()
	}
	f, err := excelize.OpenFile(path, xlsxOptions(r.opts.TempDir))
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return fmt.Errorf("%w: %v", ErrXLSX, err)
	}
	r.format = "xlsx"
	r.closeFn = f.Close
	sheets := f.GetSheetList()
	if r.opts.Sheet != "" {
		want := headerKey(r.opts.Sheet)
		for _, s := range sheets {
			if headerKey(s) == want {
				return r.useSheet(f, s)
			}
		}
		return fmt.Errorf("%w: no sheet named %q; the workbook has: %s", ErrXLSX, r.opts.Sheet, strings.Join(sheets, ", "))
	}
	if len(sheets) == 0 {
		return fmt.Errorf("%w: the workbook has no worksheets", ErrXLSX)
	}
	var first error
	for _, s := range sheets {
		err := r.useSheet(f, s)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
		if !errors.Is(err, ErrNoHeader) && !errors.Is(err, ErrEmpty) {
			return err
		}
		_ = r.src.close()
	}
	return first
}

// useSheet starts reading sheet and finds its header.
func (r *Reader) useSheet(f *excelize.File, sheet string) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%w: sheet %q: %v", ErrXLSX, sheet, err)
	}
	r.src = &xlsxSource{f: f, rows: rows, maxCols: r.opts.MaxColumns, maxCell: r.opts.MaxCellBytes}
	r.sheet = sheet
	r.pending, r.header, r.keys, r.headerRow = nil, nil, nil, 0
	return r.findHeader()
}

func (s *xlsxSource) next() (row rawRow, err error) {
	defer recoverXLSX(&err)
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return rawRow{}, &Error{Row: s.n + 1, Err: fmt.Errorf("%w: %v", ErrXLSX, err)}
		}
		return rawRow{}, io.EOF
	}
	s.n++
	cells, err := s.rows.Columns()
	if err != nil {
		return rawRow{}, &Error{Row: s.n, Err: fmt.Errorf("%w: %v", ErrXLSX, err)}
	}
	if len(cells) > s.maxCols {
		return rawRow{}, errAt(s.n, s.maxCols+1, ErrTooManyColumns, "more than %d", s.maxCols)
	}
	for i, c := range cells {
		if len(c) > s.maxCell {
			return rawRow{}, errAt(s.n, i+1, ErrCellTooLong, "more than %d bytes", s.maxCell)
		}
	}
	return rawRow{num: s.n, cells: cells}, nil
}

func (s *xlsxSource) encoding() string { return "" }
func (s *xlsxSource) close() error     { return s.rows.Close() }

// recoverXLSX turns a panic inside excelize (a damaged workbook) into ErrXLSX.
func recoverXLSX(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w: damaged workbook (%v)", ErrXLSX, p)
	}
}
