package tabular

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestEncodingsDetected(t *testing.T) {
	// 𠮷 (U+20BB7) is outside GBK: GB18030 writes it in 4 bytes.
	text := csvBytes(
		[]string{"订单编号", "订单状态", "商品（元）"},
		[]string{"1001", "买家已付款，等待卖家发货", "12.50"},
		[]string{"1002", "交易成功", "￥1,234.00"},
	)
	want := [][]string{{"1001", "买家已付款，等待卖家发货", "12.50"}, {"1002", "交易成功", "￥1,234.00"}}
	for _, tc := range []struct{ enc, report string }{
		{"utf-8", EncUTF8}, {"utf-8-bom", EncUTF8BOM}, {"gbk", EncGB18030}, {"gb18030", EncGB18030},
		{"utf-16le", EncUTF16LE}, {"utf-16be", EncUTF16BE},
	} {
		t.Run(tc.enc, func(t *testing.T) {
			rd, rows := readAll(t, encodeAs(t, tc.enc, text), Options{Expect: [][]string{{"订单编号"}, {"订单状态"}}})
			if rd.Encoding() != tc.report {
				t.Errorf("Encoding() = %q, want %q", rd.Encoding(), tc.report)
			}
			if got := rd.Header(); !reflect.DeepEqual(got, []string{"订单编号", "订单状态", "商品(元)"}) {
				t.Errorf("Header() = %+v", got)
			}
			if len(rows) != 2 || !reflect.DeepEqual(rows[0].Cells, want[0]) || !reflect.DeepEqual(rows[1].Cells, want[1]) {
				t.Errorf("rows = %+v", rows)
			}
		})
	}
	t.Run("gb18030 four-byte character", func(t *testing.T) {
		data := encodeAs(t, "gb18030", csvBytes([]string{"订单编号", "订单状态"}, []string{"1", "𠮷野家"}))
		_, rows := readAll(t, data, Options{})
		if rows[0].Cells[1] != "𠮷野家" {
			t.Errorf("got %q", rows[0].Cells[1])
		}
	})
}

func TestEncodingDecidedLate(t *testing.T) {
	// A first 64 KiB of pure ASCII, then GBK: read as GB18030, not an error.
	var b bytes.Buffer
	csvLine(&b, []string{"id", "name"})
	for i := 0; i < 5000; i++ {
		csvLine(&b, []string{"1234567890", "abcdefghij"})
	}
	csvLine(&b, []string{"42", "张三"})
	rd, rows := readAll(t, encodeAs(t, "gbk", b.Bytes()), Options{})
	if last := rows[len(rows)-1]; last.Cells[1] != "张三" || rd.Encoding() != EncGB18030 {
		t.Errorf("last = %q, encoding %q", last.Cells, rd.Encoding())
	}
}

func TestMixedEncoding(t *testing.T) {
	gbkRow := encodeAs(t, "gbk", csvBytes([]string{"42", "张三"}))
	for _, n := range []int{3, 5000} { // bad row inside and beyond the sniffed prefix
		var b bytes.Buffer
		csvLine(&b, []string{"订单编号", "收货人姓名"})
		for i := 0; i < n; i++ {
			csvLine(&b, []string{"1234567890", "李四"})
		}
		b.Write(gbkRow)
		rd, err := Open(bytes.NewReader(b.Bytes()), Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := drain(rd)
		var e *Error
		if !errors.Is(err, ErrEncoding) || !errors.As(err, &e) || e.Row != n+2 || e.Column != 2 {
			t.Fatalf("n=%d: err = %v after %d rows", n, err, len(rows))
		}
		if !strings.Contains(err.Error(), "mixes encodings") {
			t.Errorf("message %q does not say why", err)
		}
		if _, again := rd.Next(); again != err {
			t.Errorf("error is not final: %v", again)
		}
	}
}

func TestCSVQuoting(t *testing.T) {
	data := []byte("a,b,c\r\n" +
		"\"x, y\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\r\n" + // row 2 spans two lines
		"=\"4965000000000000628\",'13800138000,\t3692\r\n" +
		"\r\n" + // empty row 4
		"a\"b,\"abc\"def,=\"1,2\"\n" + // lazy quotes, ="..." holding a comma
		"last,row,no-newline")
	_, rows := readAll(t, data, Options{})
	want := []Row{
		{Num: 2, Cells: []string{"x, y", `say "hi"`, "line1\nline2"}},
		{Num: 3, Cells: []string{`="4965000000000000628"`, "'13800138000", "\t3692"}},
		{Num: 5, Cells: []string{`a"b`, `abc"def`, `="1,2"`}},
		{Num: 6, Cells: []string{"last", "row", "no-newline"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows =\n%+v\nwant\n%+v", rows, want)
	}
	if v := rows[1].Value(0) + "|" + rows[1].Value(1) + "|" + rows[1].Value(2) + "|" + rows[2].Value(2); v != "4965000000000000628|13800138000|3692|1,2" {
		t.Errorf("cleaned = %q", v)
	}
}

func TestLoneCRAndTabs(t *testing.T) {
	_, rows := readAll(t, []byte("h1,h2\rx,y\r"), Options{})
	if len(rows) != 1 || rows[0].Num != 2 || rows[0].Cells[1] != "y" {
		t.Errorf("CR line ends: %+v", rows)
	}
	// Excel "Unicode text": UTF-16LE, tab separated.
	data := encodeAs(t, "utf-16le", []byte("商品ID\t访客数\r\n1\t11,269\r\n"))
	rd, rows := readAll(t, data, Options{})
	if rd.Col("商品id") != 0 || rows[0].Cells[1] != "11,269" {
		t.Errorf("tab file: header %+v rows %+v", rd.Header(), rows)
	}
}

func TestHeaderOnRow5AndNormalised(t *testing.T) {
	// 生意参谋 product export: title lines, header on row 5.
	data := encodeAs(t, "gbk", csvBytes(
		[]string{"商品_全部"},
		[]string{"统计日期：2026-11-01~2026-11-30"},
		[]string{""},
		[]string{"注：数据来源于生意参谋"},
		[]string{" 统计日期", "商品ID", "商品访客数 ", "支付金额（元）", "商品支付转化率", "月累计支付金额"},
		[]string{"2026-11-01", "6123", "11,269", "￥1,234.50", "78.15%", "-"},
	))
	rd, rows := readAll(t, data, Options{Expect: [][]string{{"统计日期"}, {"商品ID"}, {"商品访客数"}, {"支付金额(元)", "支付金额"}}})
	if rd.HeaderRow() != 5 {
		t.Fatalf("HeaderRow() = %d", rd.HeaderRow())
	}
	if len(rows) != 1 || rows[0].Num != 6 {
		t.Fatalf("rows = %+v", rows)
	}
	for _, tc := range []struct {
		names []string
		want  int
	}{
		{[]string{"统计日期"}, 0}, {[]string{"商品id"}, 1}, {[]string{"商品访客数"}, 2},
		{[]string{"支付金额(元)"}, 3}, {[]string{"支付金额（元）"}, 3}, {[]string{"不存在", "月累计支付金额"}, 5},
		{[]string{"不存在"}, -1},
	} {
		if got := rd.Col(tc.names...); got != tc.want {
			t.Errorf("Col(%q) = %d, want %d", tc.names, got, tc.want)
		}
	}
	if v := rows[0].Value(rd.Col("月累计支付金额")); v != "" {
		t.Errorf("'-' reads as %q", v)
	}
}

func TestTotalsRowsSkipped(t *testing.T) {
	// PDD promotion report: a title line, header on row 2, a closing 总计 row.
	data := csvBytes(
		[]string{"推广报表 2026-11-01 至 2026-11-30"},
		[]string{"日期", "计划名称", "花费(元)", "展现量"},
		[]string{"2026-11-01", "计划A", "12.00", "100"},
		[]string{"", "", "", ""},
		[]string{"2026-11-02", "计划A", "8.00", "50"},
		[]string{"总计", "", "20.00", "150"},
		[]string{" 合计：", "", "20.00", "150"},
	)
	rd, rows := readAll(t, data, Options{Expect: [][]string{{"日期"}, {"花费(元)"}, {"展现量"}}})
	if rd.HeaderRow() != 2 || len(rows) != 2 || rows[0].Num != 3 || rows[1].Num != 5 {
		t.Fatalf("header %d rows %+v", rd.HeaderRow(), rows)
	}
	if tot := rd.Totals(); len(tot) != 2 || tot[0].Num != 6 || tot[1].Num != 7 {
		t.Errorf("Totals() = %+v", tot)
	}
}

func TestTaobaoExport(t *testing.T) {
	rd, rows := readAll(t, taobaoCSV(t, 300), Options{Expect: taobaoExpect})
	if rd.Encoding() != EncGB18030 || rd.HeaderRow() != 1 || len(rows) != 300 {
		t.Fatalf("encoding %+v header %d rows %d", rd.Encoding(), rd.HeaderRow(), len(rows))
	}
	id, paid, status, note := rd.Col("订单编号"), rd.Col("订单付款时间"), rd.Col("订单状态"), rd.Col("买家留言")
	if paid < 0 || rd.Header()[paid] != "订单付款时间" {
		t.Fatalf("订单付款时间 with its trailing space not found: %q", rd.Header())
	}
	r := rows[96] // data row 97 holds a multi-line note; the next row keeps counting
	if r.Value(id) != "4965000000000000097" || !strings.Contains(r.Value(note), "\n包装\"结实\"点") {
		t.Errorf("row 97 = %q", r.Cells)
	}
	if rows[97].Num != 99 {
		t.Errorf("row after multi-line note has Num %d", rows[97].Num)
	}
	if FoldWidth(rows[0].Value(status)) != "买家已付款,等待卖家发货" {
		t.Errorf("status %q", rows[0].Value(status))
	}
}

func TestOpenErrors(t *testing.T) {
	expect := Options{Expect: taobaoExpect}
	for _, tc := range []struct {
		name, data string
		opts       Options
		is         error
		msg        string
	}{
		{"empty", "", expect, ErrEmpty, "file is empty"},
		{"bom only", "\xEF\xBB\xBF", expect, ErrEmpty, "file is empty"},
		{"blank rows", "\r\n,,\r\n \r\n", expect, ErrEmpty, "file is empty"},
		{"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", expect, ErrLegacyXLS, "save it as .xlsx or .csv"},
		{"html", "<html><table><tr><td>1</td></tr></table></html>", expect, ErrNotTabular, "HTML"},
		{"binary", "a,b\x00c", expect, ErrNotTabular, "NUL"},
		{"no header", "foo,bar\r\n1,2\r\n", expect,
			ErrNoHeader, "no header row found in the first 30 rows; expected columns like: 订单编号, 买家会员名, 订单状态, 买家实际支付金额, 订单付款时间, 宝贝标题; row 1 reads: foo, bar"},
		{"one match is not enough", "订单编号,x\r\n", expect, ErrNoHeader, "no header row found"},
		{"header too deep", strings.Repeat("title\r\n", 30) + "订单编号,订单状态\r\n", expect, ErrNoHeader, "first 30 rows"},
		{"bad zip", "PK\x03\x04garbage", expect, ErrXLSX, "cannot read xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := Open(strings.NewReader(tc.data), tc.opts)
			if err == nil {
				_ = rd.Close()
			}
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %v containing %q", err, tc.is, tc.msg)
			}
		})
	}
}

func TestUnclosedQuote(t *testing.T) {
	rd, err := Open(strings.NewReader("a,b\r\n1,\"never closed\r\n2,3\r\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = drain(rd)
	if !errors.Is(err, ErrUnclosedQuote) || err.Error() != "row 2, column 2 (B, b): quoted field is not closed before the end of the file" {
		t.Errorf("err = %v", err)
	}
}

func TestOpenFileByContent(t *testing.T) {
	dir := t.TempDir()
	// A CSV named .xlsx and an XLSX named .csv: content decides.
	csvPath := filepath.Join(dir, "orders.xlsx")
	if err := os.WriteFile(csvPath, taobaoCSV(t, 3), 0o600); err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "orders.csv")
	if err := os.WriteFile(xlsxPath, xlsxBytes(t, map[string][][]any{"Sheet1": {{"订单编号", "订单状态"}, {"1", "交易成功"}}}), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, format := range map[string]string{csvPath: "csv", xlsxPath: "xlsx"} {
		rd, err := OpenFile(path, Options{Expect: [][]string{{"订单编号"}, {"订单状态"}}})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows, err := drain(rd)
		if rd.Format() != format || err != io.EOF || len(rows) == 0 {
			t.Errorf("%s: format %q, %d rows, err %v", path, rd.Format(), len(rows), err)
		}
		if err := rd.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
}
