package sales

import (
	"fmt"
	"strings"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/tabular"
)

// Import formats (the CLI's --format values besides auto). tmall is taobao:
// both platforms export the same reports.
const (
	FormatAuto    = "auto"
	FormatTaobao  = "taobao"
	FormatTmall   = "tmall"
	FormatJD      = "jd"
	FormatPDD     = "pdd"
	FormatDouyin  = "douyin"
	FormatGeneric = "generic"
)

// Formats accepted by --format.
var Formats = []string{FormatAuto, FormatTaobao, FormatTmall, FormatJD, FormatPDD, FormatDouyin, FormatGeneric}

// What the rows of a file are.
const (
	roleOrders   = iota // one row per order, no lines (Taobao 订单报表, 千牛 order sheet)
	roleItems           // one row per line of an order given in another file or sheet
	roleCombined        // one row per line carrying the order's fields too (JD, PDD, Douyin, generic)
)

// col is one column a layout reads: its accepted header names, compared
// after tabular.NormalizeHeader. A required column missing from the header
// makes the file fail before any row is read.
type col struct {
	names    []string
	required bool
}

// layout is one kind of export file: its columns and its row parser.
type layout struct {
	kind   string // e.g. "taobao_orders"
	preset string // FormatTaobao, FormatJD, ...
	title  string // as the platform calls the report
	role   int
	cols   []col
	// parse reads one data row into rec (roleOrders, roleCombined: the order
	// fields; roleCombined, roleItems: one line). It reports bad cells with
	// p.fail and returns the order number.
	parse func(p *rowParser, rec *OrderRecord, line *LineRecord) string
	// lineKey is what makes two rows of one order the same row (a duplicate);
	// nil: every cell.
	lineKey func(p *rowParser) string
	// sumRows: PaidFen and DiscountFen of a roleCombined row are the row's
	// share and add up over the order's rows (else the first row's count).
	sumRows bool
}

// expectedHeaders lists a layout's column names, required ones first.
func (l *layout) expectedHeaders() string {
	var req, opt []string
	for _, c := range l.cols {
		if c.required {
			req = append(req, c.names[0])
		} else {
			opt = append(opt, c.names[0])
		}
	}
	s := "required: " + strings.Join(req, ", ")
	if len(opt) > 0 {
		s += "; optional: " + strings.Join(opt, ", ")
	}
	return s
}

// layouts known to auto-detection, in preference order on a tie.
func builtinLayouts() []*layout {
	return []*layout{taobaoOrders, taobaoItems, qianniuOrders, qianniuItems, jdOrders, pddOrders, douyinOrders}
}

// match says how well a header fits the layout: the indexes of its columns
// (-1 when absent), how many were found and which required ones are missing.
func (l *layout) match(header []string) (idx []int, found int, missing []string) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(tabular.NormalizeHeader(h))
		if _, dup := pos[k]; !dup && k != "" {
			pos[k] = i
		}
	}
	idx = make([]int, len(l.cols))
	for i, c := range l.cols {
		idx[i] = -1
		for _, n := range c.names {
			if j, ok := pos[strings.ToLower(tabular.NormalizeHeader(n))]; ok {
				idx[i] = j
				found++
				break
			}
		}
		if idx[i] < 0 && c.required {
			missing = append(missing, c.names[0])
		}
	}
	return idx, found, missing
}

// RowError is one rejected row (or cell) of an import, as the error report
// shows it: the row number as a spreadsheet shows it (header = row 1 when it
// is the first line), the column's header text, the value and the reason.
type RowError struct {
	File   string         `json:"file"`
	Row    int            `json:"row"`
	Column string         `json:"column"`
	Value  string         `json:"value"`
	Reason string         `json:"reason" doc:"in English, for API users"`
	Code   string         `json:"code" doc:"the reason as a code the UI translates (docs/API.md, field error codes)"`
	Params map[string]any `json:"params,omitempty" doc:"the values the code's sentence names"`
}

// rowError is a RowError for reason r with an English sentence.
func rowError(file string, row int, column, value string, r apperr.Reason, format string, args ...any) RowError {
	return RowError{File: file, Row: row, Column: column, Value: value, Reason: fmt.Sprintf(format, args...), Code: r.Code, Params: r.Params}
}

// rowParser reads the cells of one row for a layout and collects errors.
type rowParser struct {
	file   string
	lay    *layout
	header []string
	idx    []int
	loc    *time.Location
	row    tabular.Row
	errs   []RowError
}

func (p *rowParser) reset(row tabular.Row) { p.row, p.errs = row, p.errs[:0] }

// has reports whether the file has column k.
func (p *rowParser) has(k int) bool { return p.idx[k] >= 0 }

// s returns the cleaned text of column k ("" when absent).
func (p *rowParser) s(k int) string { return p.row.Value(p.idx[k]) }

// raw returns the cell as written (for error reports).
func (p *rowParser) raw(k int) string {
	i := p.idx[k]
	if i < 0 || i >= len(p.row.Cells) {
		return ""
	}
	return p.row.Cells[i]
}

func (p *rowParser) colName(k int) string {
	if i := p.idx[k]; i >= 0 && i < len(p.header) {
		return p.header[i]
	}
	return p.lay.cols[k].names[0]
}

// fail records a bad cell of column k for reason r.
func (p *rowParser) fail(k int, r apperr.Reason, format string, args ...any) {
	p.errs = append(p.errs, rowError(p.file, p.row.Num, p.colName(k), clipValue(p.raw(k)), r, format, args...))
}

// failValue records a value parser's error at column k.
func (p *rowParser) failValue(k int, err error) { p.fail(k, tabular.ValueReason(err), "%v", err) }

// fen parses an amount in yuan; empty is 0.
func (p *rowParser) fen(k int) int64 {
	v := p.s(k)
	if v == "" {
		return 0
	}
	n, err := tabular.ParseFen(v)
	if err != nil {
		p.failValue(k, err)
	}
	return n
}

// refundFen is fen for refund columns, which may hold text such as 无退款申请.
func (p *rowParser) refundFen(k int) int64 {
	v := p.s(k)
	if v == "" || strings.Contains(v, "无") || strings.Contains(v, "没有") {
		return 0
	}
	return p.fen(k)
}

// count parses a whole number; empty is 0.
func (p *rowParser) count(k int) int64 {
	v := p.s(k)
	if v == "" {
		return 0
	}
	n, err := tabular.ParseInt(v)
	if err != nil {
		p.failValue(k, err)
	} else if n < 0 {
		p.fail(k, apperr.AtLeast(0), "must not be negative")
	}
	return n
}

// when parses a time; empty is nil.
func (p *rowParser) when(k int) *time.Time {
	v := p.s(k)
	if v == "" {
		return nil
	}
	t, err := tabular.ParseTime(v, p.loc)
	if err != nil {
		p.failValue(k, err)
		return nil
	}
	return &t
}

// need parses a required time.
func (p *rowParser) need(k int) time.Time {
	if p.s(k) == "" {
		p.fail(k, apperr.Required(), "%s is required", p.colName(k))
		return time.Time{}
	}
	if t := p.when(k); t != nil {
		return *t
	}
	return time.Time{}
}

// status normalises column k into rec.
func (p *rowParser) status(k int, rec *OrderRecord) {
	rec.RawStatus = p.s(k)
	if rec.RawStatus == "" {
		p.fail(k, apperr.Required(), "order status is required")
		return
	}
	st, ok := NormalizeStatus(rec.RawStatus)
	if !ok {
		p.fail(k, apperr.Because("unknown_status", apperr.P{"value": rec.RawStatus}), "unknown order status %q (known statuses are mapped to %s)", rec.RawStatus, strings.Join(Statuses, ", "))
		return
	}
	rec.Status = st
}

// orderNo reads the order number of column k.
func (p *rowParser) orderNo(k int) string {
	v := p.s(k)
	if v == "" {
		p.fail(k, apperr.Required(), "order number is required")
	} else if len(v) > 64 {
		p.fail(k, apperr.TooLong(64), "order number is longer than 64 characters")
	}
	return v
}

func clipValue(s string) string {
	if len(s) <= 200 {
		return s
	}
	n := 200
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "..."
}

// firstOf returns the first non-empty time among columns ks.
func (p *rowParser) firstOf(ks ...int) *time.Time {
	for _, k := range ks {
		if p.has(k) && p.s(k) != "" {
			return p.when(k)
		}
	}
	return nil
}
