package tabular

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Test fixtures are generated here, in the shape of the real exports
// described in shared/formats/PLATFORM_EXPORTS.md.

// taobaoHeader is the classic 订单报表 header; some names carry the trailing
// space the real export has.
var taobaoHeader = []string{
	"订单编号", "买家会员名", "买家支付宝账号", "支付交易号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额",
	"返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式",
	"联系电话 ", "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注",
	"宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "分阶段订单信息",
	"特权订金订单id", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
	"买家姓名", "买家身份证号", "买家手机号",
}

var taobaoExpect = [][]string{{"订单编号"}, {"买家会员名"}, {"订单状态"}, {"买家实际支付金额"}, {"订单付款时间"}, {"宝贝标题"}}

var taobaoStatuses = []string{"等待买家付款", "买家已付款，等待卖家发货", "卖家已发货,等待买家确认", "交易成功", "交易关闭"}

// taobaoRow returns data row i with the export's quirks: ="..." order
// numbers, a leading ' on phones, ， inside titles and statuses, a note with
// a comma, a quote and a line break every 97th row.
func taobaoRow(i int) []string {
	status := taobaoStatuses[i%len(taobaoStatuses)]
	paid := fmt.Sprintf("2026-11-%02d %02d:%02d:%02d", 1+i%28, i%24, i%60, (i*7)%60)
	if status == "等待买家付款" {
		paid = ""
	}
	note := ""
	if i%97 == 0 {
		note = "请发顺丰, 谢谢\r\n包装\"结实\"点"
	}
	amount := fmt.Sprintf("%d.%02d", 10+i%5000, i%100)
	return []string{
		fmt.Sprintf(`="%019d"`, 4965000000000000000+int64(i)), fmt.Sprintf("买家%d号", i), "a***@163.com",
		fmt.Sprintf(`="2026111122001%012d"`, i), amount, "0.00", "0", amount, "0", amount, "0", status, note,
		"张*", "浙江省 杭州市 余杭区 五常街道****", "快递", "", fmt.Sprintf("'138****%04d", i%10000),
		"2026-11-11 00:00:05", paid, "纯棉T恤 男款，短袖圆领", "1", fmt.Sprintf("No:SF%013d", i), "顺丰速运", "",
		"1", "12345678", "示例旗舰店", "订单未关闭", "0", "0元", "", "手机订单", "", "", "", "", "", "", "0.00", "0.00",
		"否", "", "", "",
	}
}

// csvLine writes one record the way the exports do: ="..." cells bare,
// cells with a delimiter, quote or line break quoted, CRLF at the end.
func csvLine(w *bytes.Buffer, cells []string) {
	for j, c := range cells {
		if j > 0 {
			w.WriteByte(',')
		}
		switch {
		case strings.HasPrefix(c, `="`):
			w.WriteString(c)
		case strings.ContainsAny(c, ",\"\r\n"):
			w.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
		default:
			w.WriteString(c)
		}
	}
	w.WriteString("\r\n")
}

// csvBytes writes records as UTF-8 CSV.
func csvBytes(rows ...[]string) []byte {
	var b bytes.Buffer
	for _, r := range rows {
		csvLine(&b, r)
	}
	return b.Bytes()
}

// encodeAs converts UTF-8 bytes to the named encoding ("utf-8-bom", "gbk",
// "gb18030", "utf-16le", "utf-16be"; the UTF-16 ones with a BOM).
func encodeAs(t testing.TB, name string, utf8Text []byte) []byte {
	t.Helper()
	var enc encoding.Encoding
	switch name {
	case "utf-8":
		return utf8Text
	case "utf-8-bom":
		return append([]byte("\xEF\xBB\xBF"), utf8Text...)
	case "gbk":
		enc = simplifiedchinese.GBK
	case "gb18030":
		enc = simplifiedchinese.GB18030
	case "utf-16le":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case "utf-16be":
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	default:
		t.Fatalf("unknown encoding %q", name)
	}
	out, err := enc.NewEncoder().Bytes(utf8Text)
	if err != nil {
		t.Fatalf("encode %s: %v", name, err)
	}
	return out
}

// taobaoCSV returns a GBK Taobao order report with n data rows.
func taobaoCSV(t testing.TB, n int) []byte {
	var b bytes.Buffer
	csvLine(&b, taobaoHeader)
	for i := 1; i <= n; i++ {
		csvLine(&b, taobaoRow(i))
	}
	return encodeAs(t, "gbk", b.Bytes())
}

// taobaoStream generates a GBK Taobao report of n rows on the fly, so that
// tests can read files far larger than they could hold.
type taobaoStream struct {
	n, i int
	buf  bytes.Buffer
	enc  *encoding.Encoder
	line bytes.Buffer
}

func newTaobaoStream(n int) *taobaoStream {
	return &taobaoStream{n: n, enc: simplifiedchinese.GBK.NewEncoder()}
}

func (s *taobaoStream) Read(p []byte) (int, error) {
	for s.buf.Len() == 0 {
		if s.i > s.n {
			return 0, io.EOF
		}
		s.line.Reset()
		if s.i == 0 {
			csvLine(&s.line, taobaoHeader)
		} else {
			csvLine(&s.line, taobaoRow(s.i))
		}
		s.i++
		gbk, err := s.enc.Bytes(s.line.Bytes())
		if err != nil {
			return 0, err
		}
		s.buf.Write(gbk)
	}
	return s.buf.Read(p)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// repeatReader yields unit repeated forever (or n times), then tail.
type repeatReader struct {
	unit []byte
	left int
	tail []byte
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if r.left == 0 {
			if len(r.tail) == 0 {
				break
			}
			c := copy(p[n:], r.tail)
			r.tail = r.tail[c:]
			n += c
			continue
		}
		c := copy(p[n:], r.unit[r.off:])
		n += c
		r.off += c
		if r.off == len(r.unit) {
			r.off = 0
			if r.left > 0 {
				r.left--
			}
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// readAll opens data and returns all data rows; it fails the test on error.
func readAll(t testing.TB, data []byte, opts Options) (*Reader, []Row) {
	t.Helper()
	rd, err := Open(bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = rd.Close() })
	var rows []Row
	for {
		row, err := rd.Next()
		if err == io.EOF {
			return rd, rows
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(rows), err)
		}
		rows = append(rows, row)
	}
}

// drain reads until an error and returns it with the rows before it.
func drain(rd *Reader) ([]Row, error) {
	var rows []Row
	for {
		row, err := rd.Next()
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}
