package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
)

// Options tune a Reader. The zero value is usable: it takes the first
// non-empty row as the header and applies the default limits.
type Options struct {
	// Expect lists the columns the header row should hold, one entry per
	// column, each entry listing that column's accepted names (aliases), e.g.
	// {{"订单编号", "订单号"}, {"订单状态"}}. Names are compared after
	// NormalizeHeader and ASCII case folding. The header is the row, among the
	// first MaxHeaderScan rows, that holds the most of these columns (the
	// earliest on a tie) and at least min(2, len(Expect)) of them.
	Expect [][]string
	// Score, when set, replaces Expect: it gets a row's cells normalised with
	// NormalizeHeader and returns how much the row looks like the header; the
	// highest positive score wins, the earliest on a tie.
	Score func(cells []string) int
	// MaxHeaderScan is how many rows (by row number) are searched for the
	// header. Default 30.
	MaxHeaderScan int
	// MaxColumns is the most cells a row may have. Default 512.
	MaxColumns int
	// MaxCellBytes is the most bytes one cell may hold, counted in the file's
	// own encoding for CSV (UTF-16 after conversion to UTF-8) and in UTF-8 for
	// XLSX. Default 64 KiB.
	MaxCellBytes int
	// MaxRowBytes is the most bytes one row may hold. Default 1 MiB. Together
	// with MaxHeaderScan it bounds the memory the header search can use.
	MaxRowBytes int
	// Sheet names the XLSX worksheet to read (compared after
	// NormalizeHeader). Empty: the first sheet, in workbook order, in which a
	// header row is found.
	Sheet string
	// Encoding forces the text encoding of a CSV file: "utf-8", "gbk" (read
	// as GB18030), "gb18030", "utf-16le" or "utf-16be". Empty: detected.
	Encoding string
	// Comma forces the CSV delimiter. 0: ',' unless the first 64 KiB hold
	// more tabs than commas outside quotes, then '\t'.
	Comma byte
	// TempDir is where an XLSX given as an io.Reader is spooled (excelize
	// needs random access). Empty: os.TempDir().
	TempDir string
}

func (o Options) withDefaults() Options {
	if o.MaxHeaderScan <= 0 {
		o.MaxHeaderScan = 30
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = 512
	}
	if o.MaxCellBytes <= 0 {
		o.MaxCellBytes = 64 << 10
	}
	if o.MaxRowBytes <= 0 {
		o.MaxRowBytes = 1 << 20
	}
	return o
}

// Row is one data row.
type Row struct {
	// Num is the row number as a spreadsheet shows it: the first line of the
	// file is row 1, the header row and title lines above it count, and a CSV
	// record with line breaks inside quotes is one row.
	Num int
	// Cells holds the cell texts as written in the file, decoded to UTF-8 but
	// not cleaned (see Clean and Value). A row may be shorter or longer than
	// the header.
	Cells []string
}

// Value returns Clean(Cells[i]), or "" when i is out of range (so a column
// that Col reported as -1 reads as empty).
func (r Row) Value(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return Clean(r.Cells[i])
}

// rawRow is a row before the Reader filters it.
type rawRow struct {
	num   int
	cells []string
}

// rowSource is what the Reader reads: CSV records or XLSX rows.
type rowSource interface {
	next() (rawRow, error) // io.EOF at the end; other errors are final
	encoding() string
	close() error
}

// maxKeptTotals bounds how many skipped totals rows Totals keeps.
const maxKeptTotals = 100

// Reader streams the rows of a CSV or XLSX file after its header row. It
// holds at most MaxHeaderScan rows in memory (during the header search) and
// one row afterwards, plus, for XLSX, what excelize keeps (styles, and the
// shared strings table when it is under 16 MiB). A Reader is not safe for
// concurrent use.
type Reader struct {
	opts      Options
	src       rowSource
	format    string
	sheet     string
	header    []string
	keys      map[string]int
	headerRow int
	pending   []rawRow
	totals    []Row
	err       error
	closeFn   func() error
}

// Open reads a CSV or XLSX file from r; the content decides which (a zip
// archive is XLSX, anything else is read as CSV text), never a file name. An
// XLSX is first copied to a temporary file. Open finds the header row before
// it returns. Errors: ErrEmpty, ErrLegacyXLS, ErrNotTabular, ErrNoHeader,
// ErrXLSX, the limit and encoding errors (wrapped in *Error), or read errors.
// The caller must Close the Reader.
func Open(r io.Reader, opts Options) (*Reader, error) {
	return open(r, "", nil, opts)
}

// OpenFile is Open for a file on disk; an XLSX is read in place.
func OpenFile(path string, opts Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	rd, err := open(f, path, f.Close, opts)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return rd, nil
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func open(r io.Reader, path string, closeFn func() error, opts Options) (*Reader, error) {
	opts = opts.withDefaults()
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(len(oleMagic))
	if err != nil && err != io.EOF {
		return nil, err
	}
	rd := &Reader{opts: opts, closeFn: closeFn}
	switch {
	case len(head) == 0:
		return nil, ErrEmpty
	case bytes.Equal(head, oleMagic):
		return nil, ErrLegacyXLS
	case bytes.HasPrefix(head, zipMagic):
		if closeFn != nil { // the file is read again by excelize, by path
			_ = closeFn()
			rd.closeFn = nil
		}
		if err := rd.openXLSX(br, path); err != nil {
			_ = rd.Close()
			return nil, err
		}
		return rd, nil
	}
	src, err := newCSVSource(br, opts)
	if err != nil {
		return nil, err
	}
	rd.src, rd.format = src, "csv"
	if err := rd.findHeader(); err != nil {
		return nil, err
	}
	return rd, nil
}

// Next returns the next data row, or io.EOF after the last one. It skips
// rows whose cells are all empty after Clean, and closing summary rows whose
// first non-empty cell is 总计, 合计 or 汇总 (see Totals). Any other error
// is final: later calls return it again.
func (r *Reader) Next() (Row, error) {
	for r.err == nil {
		var raw rawRow
		if len(r.pending) > 0 {
			raw = r.pending[0]
			r.pending[0] = rawRow{}
			r.pending = r.pending[1:]
		} else if raw, r.err = r.src.next(); r.err != nil {
			var e *Error
			if errors.As(r.err, &e) && e.Column > 0 && e.Column <= len(r.header) && e.Name == "" {
				e.Name = r.header[e.Column-1]
			}
			break
		}
		if blankRow(raw.cells) {
			continue
		}
		row := Row{Num: raw.num, Cells: raw.cells}
		if totalsRow(raw.cells) {
			if len(r.totals) < maxKeptTotals {
				r.totals = append(r.totals, row)
			}
			continue
		}
		return row, nil
	}
	return Row{}, r.err
}

// Totals returns the 总计/合计/汇总 rows Next has skipped so far (at most the
// first 100), so an importer can report them or check its sums against them.
func (r *Reader) Totals() []Row { return r.totals }

// Header returns the header row's names, normalised with NormalizeHeader.
func (r *Reader) Header() []string { return append([]string(nil), r.header...) }

// HeaderRow returns the header's row number as a spreadsheet shows it.
func (r *Reader) HeaderRow() int { return r.headerRow }

// Col returns the index of the first header column matching any of the
// given names (compared after NormalizeHeader, ignoring ASCII case), trying
// the names in order, or -1 when none is present.
func (r *Reader) Col(names ...string) int {
	for _, n := range names {
		if i, ok := r.keys[headerKey(n)]; ok {
			return i
		}
	}
	return -1
}

// Format returns "csv" or "xlsx".
func (r *Reader) Format() string { return r.format }

// Sheet returns the worksheet being read ("" for CSV).
func (r *Reader) Sheet() string { return r.sheet }

// Encoding returns the CSV text encoding: EncUTF8, EncUTF8BOM, EncGB18030,
// EncUTF16LE, EncUTF16BE or EncASCII (undecided so far); "" for XLSX.
func (r *Reader) Encoding() string { return r.src.encoding() }

// Close releases the file and any temporary files.
func (r *Reader) Close() error {
	var errs []error
	if r.src != nil {
		errs = append(errs, r.src.close())
	}
	if r.closeFn != nil {
		errs = append(errs, r.closeFn())
		r.closeFn = nil
	}
	return errors.Join(errs...)
}
