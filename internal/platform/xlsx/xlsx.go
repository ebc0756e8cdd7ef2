// Package xlsx writes tables as XLSX files for every export. Text cells that
// a spreadsheet would run as a formula (starting with = + - @ tab or CR) are
// prefixed with an apostrophe so they stay text.
package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// ContentType is the media type of an XLSX file.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Table is one sheet: a header row and data rows. Cells may be string,
// integer, float, bool or nil; other values are printed with fmt.
type Table struct {
	Sheet   string
	Headers []string
	Rows    [][]any
}

// Write streams t to w as an XLSX workbook with one sheet.
func Write(w io.Writer, t Table) error { return WriteBook(w, t) }

// WriteBook streams the tables to w as one workbook, a sheet each, in order.
func WriteBook(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range tables {
		name := t.Sheet
		if name == "" {
			name = fmt.Sprintf("Sheet%d", i+1)
		}
		if i == 0 {
			if name != "Sheet1" {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					return err
				}
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, t); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, name string, t Table) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	header := make([]any, len(t.Headers))
	for i, h := range t.Headers {
		header[i] = Safe(h)
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, r := range t.Rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = cell(v)
		}
		addr, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(addr, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cell(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return Safe(x)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, bool:
		return x
	case fmt.Stringer:
		return Safe(x.String())
	default:
		return Safe(fmt.Sprint(x))
	}
}

// Safe neutralises text that a spreadsheet would evaluate as a formula.
func Safe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
