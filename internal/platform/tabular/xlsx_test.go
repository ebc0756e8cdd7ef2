package tabular

import (
	"bytes"
	"errors"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxBytes builds a workbook whose sheets (created in name order) hold the
// given rows, starting at A1.
func xlsxBytes(t testing.TB, sheets map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	names := make([]string, 0, len(sheets))
	for n := range sheets {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, name := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXQianniu(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"订单导出 2026-11-12"},
		{},
		{"订单编号", "订单状态", "买家实付金额", "订单创建时间", "订单付款时间", "发货时间", "退款金额", "转化率"},
		{"4965000000000000628", "买家已付款，等待卖家发货", 1234.5, nil, nil, nil, "无退款申请", 0.7815},
		{"'4965000000000000629", "交易成功", "¥99.00", "2026-11-11 00:00:05", nil, nil, 0, "78.15%"},
		{"合计", nil, 1333.5},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	when := time.Date(2026, 11, 11, 0, 0, 5, 0, time.UTC)
	builtIn, _ := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	custom := "yyyy/m/d h:mm:ss"
	customStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	percent, _ := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	must(t, f.SetCellValue("Sheet1", "D4", when))
	must(t, f.SetCellStyle("Sheet1", "D4", "D4", builtIn))
	must(t, f.SetCellValue("Sheet1", "E4", when))
	must(t, f.SetCellStyle("Sheet1", "E4", "E4", customStyle))
	must(t, f.SetCellFloat("Sheet1", "F4", 46337.00005787037, -1, 64)) // a date serial with no format
	must(t, f.SetCellStyle("Sheet1", "H4", "H4", percent))
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}

	rd, got := readAll(t, buf.Bytes(), Options{Expect: [][]string{{"订单编号"}, {"订单状态"}, {"订单付款时间"}}})
	if rd.Format() != "xlsx" || rd.HeaderRow() != 3 || rd.Sheet() != "Sheet1" || rd.Encoding() != "" {
		t.Fatalf("format %q header row %d sheet %q", rd.Format(), rd.HeaderRow(), rd.Sheet())
	}
	if len(got) != 2 || got[0].Num != 4 || got[1].Num != 5 || len(rd.Totals()) != 1 || rd.Totals()[0].Num != 6 {
		t.Fatalf("rows %+v totals %+v", got, rd.Totals())
	}
	r := got[0]
	if r.Value(0) != "4965000000000000628" || got[1].Value(0) != "4965000000000000629" {
		t.Errorf("order numbers %q %q", r.Value(0), got[1].Value(0))
	}
	if fen, err := ParseFen(r.Value(2)); fen != 123450 || err != nil {
		t.Errorf("amount %q -> %d %v", r.Value(2), fen, err)
	}
	for _, col := range []int{3, 4, 5} {
		tm, err := ParseTime(r.Value(col), time.UTC)
		wantT := when
		if col == 3 { // the built-in format shows minutes only
			wantT = when.Truncate(time.Minute)
		}
		if err != nil || !tm.Equal(wantT) {
			t.Errorf("column %d %q -> %v %v", col+1, r.Value(col), tm, err)
		}
	}
	for _, row := range got {
		rate, err := ParseRate(row.Value(7))
		if bp, exact := rate.BasisPoints(); err != nil || bp != 7815 || !exact {
			t.Errorf("rate %q -> %v %v", row.Value(7), rate, err)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestXLSXSheets(t *testing.T) {
	data := xlsxBytes(t, map[string][][]any{
		"A说明":   {{"本文件由系统导出"}, {"请勿修改"}},
		"B订单":   {{"订单编号", "订单状态"}, {"1", "交易成功"}},
		"C销售明细": {{"子订单编号", "主订单编号", "商品标题"}, {"11", "1", "T恤"}},
	})
	orders := Options{Expect: [][]string{{"订单编号"}, {"订单状态"}}}
	rd, rows := readAll(t, data, orders)
	if rd.Sheet() != "B订单" || len(rows) != 1 || rows[0].Num != 2 {
		t.Errorf("auto sheet %+v rows %+v", rd.Sheet(), rows)
	}
	lines := Options{Sheet: "C销售明细", Expect: [][]string{{"子订单编号"}, {"主订单编号"}}}
	if rd, rows = readAll(t, data, lines); rd.Sheet() != "C销售明细" || rows[0].Cells[2] != "T恤" {
		t.Errorf("named sheet %+v rows %+v", rd.Sheet(), rows)
	}
	_, err := Open(bytes.NewReader(data), Options{Sheet: "nope"})
	if !errors.Is(err, ErrXLSX) || err.Error() != `cannot read xlsx workbook: no sheet named "nope"; the workbook has: A说明, B订单, C销售明细` {
		t.Errorf("missing sheet: %v", err)
	}
	_, err = Open(bytes.NewReader(data), Options{Expect: [][]string{{"京东价"}, {"订单号"}}})
	if !errors.Is(err, ErrNoHeader) {
		t.Errorf("no sheet with a header: %v", err)
	}
}

func TestXLSXLimits(t *testing.T) {
	wide := make([]any, 20)
	for i := range wide {
		wide[i] = "x"
	}
	data := xlsxBytes(t, map[string][][]any{"S": {{"a", "b"}, {"1", "2"}, wide}})
	rd, err := Open(bytes.NewReader(data), Options{MaxColumns: 10})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := drain(rd)
	var e *Error
	if len(rows) != 1 || !errors.As(err, &e) || e.Row != 3 || e.Column != 11 || !errors.Is(err, ErrTooManyColumns) {
		t.Errorf("rows %d err %v", len(rows), err)
	}
	data = xlsxBytes(t, map[string][][]any{"S": {{"a", "b"}, {"1", string(bytes.Repeat([]byte("长"), 100))}}})
	rd, err = Open(bytes.NewReader(data), Options{MaxCellBytes: 200})
	if err != nil {
		t.Fatal(err)
	}
	if _, err = drain(rd); err == nil || err.Error() != "row 2, column 2 (B, b): cell is too long: more than 200 bytes" {
		t.Errorf("long cell: %v", err)
	}
}

func TestXLSXRowNumbersWithGaps(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"订单编号", "订单状态"}))
	must(t, f.SetSheetRow("Sheet1", "B7", &[]any{"交易成功"})) // A7 empty, rows 3-6 missing
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_, rows := readAll(t, buf.Bytes(), Options{Expect: [][]string{{"订单编号"}, {"订单状态"}}})
	if want := []Row{{Num: 7, Cells: []string{"", "交易成功"}}}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %+v", rows)
	}
}
