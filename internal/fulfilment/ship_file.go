package fulfilment

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/tabular"
	"ecomops/internal/sales"
)

// Columns of a shipping file, each with the header names accepted (compared
// after tabular.NormalizeHeader, ignoring ASCII case). The queue export
// writes the first name of each, so an exported queue with carrier and
// tracking number filled in can be uploaded as it is.
var (
	colOrderNo  = []string{"订单编号", "订单号", "主订单编号", "order no", "order_no", "order number"}
	colCarrier  = []string{"物流公司", "快递公司", "承运商", "carrier"}
	colTracking = []string{"物流单号", "快递单号", "运单号", "tracking no", "tracking_no", "tracking number"}
)

// MaxFileRows bounds the data rows of one shipping file.
const MaxFileRows = 20000

// On-error modes of a shipping file, as in imports.
const (
	OnErrorSkip  = "skip"  // ship the good rows, report the bad ones
	OnErrorAbort = "abort" // write nothing if any row is bad
)

// FileOptions tune a shipping file upload.
type FileOptions struct {
	Name    string // file name, for the result
	OnError string // OnErrorSkip (default) or OnErrorAbort
	Force   bool   // accept pattern mismatches (as warnings) and correct shipped orders
	DryRun  bool   // check everything, write nothing
	ShopID  int64  // only orders of this shop; 0: any shop in scope
}

// RowIssue is a problem with one row of a shipping file.
type RowIssue struct {
	Row    int            `json:"row" doc:"row number as a spreadsheet shows it, the header row counting"`
	Column string         `json:"column" doc:"the column's header as written in the file"`
	Value  string         `json:"value"`
	Reason string         `json:"reason" doc:"in English, for API users"`
	Code   string         `json:"code" doc:"the reason as a code the UI translates (docs/API.md: a field error code or a refusal reason)"`
	Params map[string]any `json:"params,omitempty" doc:"the values the code's sentence names"`
	Force  bool           `json:"force,omitempty" doc:"uploading again with force ships this row anyway (a pattern mismatch) or corrects the order (shipped with another number)"`
}

// reasonOf is the code of a shipping error: its first field error's (not
// the body.force confirmation) or its refusal reason.
func reasonOf(err error) apperr.Reason {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return apperr.Because(apperr.CodeInvalid, nil)
	}
	for _, f := range ae.Fields {
		if f.Location != "body.force" {
			return apperr.Because(f.Code, f.Params)
		}
	}
	if ae.Reason.Code != "" {
		return ae.Reason
	}
	return apperr.Because(apperr.CodeInvalid, nil)
}

// FileResult is the outcome of a shipping file.
type FileResult struct {
	File      string     `json:"file"`
	Rows      int        `json:"rows" doc:"data rows read"`
	Shipped   int        `json:"shipped"`
	Corrected int        `json:"corrected"`
	Unchanged int        `json:"unchanged" doc:"already shipped with this carrier and number, or repeated in the file"`
	Skipped   int        `json:"skipped" doc:"rows with neither carrier nor tracking number (e.g. an exported queue not yet filled in)"`
	Rejected  int        `json:"rejected" doc:"rows with an error"`
	Aborted   bool       `json:"aborted" doc:"on_error=abort met a bad row: nothing was written"`
	DryRun    bool       `json:"dry_run" doc:"nothing was written; the counts say what would happen"`
	Errors    []RowIssue `json:"errors"`
	Warnings  []RowIssue `json:"warnings" doc:"pattern mismatches accepted with force"`
}

// fileRow is a data row whose cells passed the checks that need no database.
type fileRow struct {
	num     int
	orderNo string
	entry   entry
}

// fileColumns are the header names of the shipping columns as the file writes them.
type fileColumns struct{ order, carrier, tracking string }

// errAborted rolls back an aborted or dry-run file.
var errAborted = errors.New("shipping file rolled back")

// ShipFile ships the orders listed in a CSV or XLSX file (columns 订单编号,
// 物流公司, 物流单号; see colOrderNo etc.) in one transaction. Each row is
// checked like Ship; bad rows are reported with their row number and column
// and, with on_error=abort, nothing at all is written. Errors (the whole
// file): invalid (unreadable file, missing columns, too many rows), not_found
// (shop outside scope).
func (s *Service) ShipFile(ctx context.Context, r io.Reader, opt FileOptions) (FileResult, error) {
	if opt.OnError == "" {
		opt.OnError = OnErrorSkip
	}
	if opt.OnError != OnErrorSkip && opt.OnError != OnErrorAbort {
		return FileResult{}, apperr.Reject("query.on_error", apperr.OneOf("skip", "abort"), "on_error must be skip or abort")
	}
	if opt.ShopID != 0 {
		shops, err := s.shops(ctx)
		if err != nil {
			return FileResult{}, err
		}
		if _, ok := shops[opt.ShopID]; !ok {
			return FileResult{}, apperr.NotFoundf("shop", opt.ShopID)
		}
	}
	res := FileResult{File: opt.Name, DryRun: opt.DryRun, Errors: []RowIssue{}, Warnings: []RowIssue{}}
	rows, cols, err := readShipFile(r, opt.Force, &res)
	if err != nil {
		return FileResult{}, err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.applyFile(ctx, tx, rows, cols, opt, &res); err != nil {
			return err
		}
		if opt.DryRun || (opt.OnError == OnErrorAbort && len(res.Errors) > 0) {
			return errAborted
		}
		return nil
	})
	if errors.Is(err, errAborted) {
		err = nil
		if opt.OnError == OnErrorAbort && len(res.Errors) > 0 {
			res.Aborted, res.Shipped, res.Corrected = true, 0, 0
		}
	}
	res.Rejected = countRows(res.Errors)
	return res, err
}

// readShipFile reads and checks the rows of a shipping file, adding the
// problems found without the database to res.
func readShipFile(r io.Reader, force bool, res *FileResult) ([]fileRow, fileColumns, error) {
	var cols fileColumns
	rd, err := tabular.Open(r, tabular.Options{Expect: [][]string{colOrderNo, colCarrier, colTracking}})
	if err != nil {
		return nil, cols, fileError(err)
	}
	defer rd.Close()
	iOrder, iCarrier, iTracking := rd.Col(colOrderNo...), rd.Col(colCarrier...), rd.Col(colTracking...)
	var missing []string
	for _, c := range []struct {
		i     int
		names []string
	}{{iOrder, colOrderNo}, {iCarrier, colCarrier}, {iTracking, colTracking}} {
		if c.i < 0 {
			missing = append(missing, strings.Join(c.names, " / "))
		}
	}
	if len(missing) > 0 {
		return nil, cols, apperr.Reject("body.file", apperr.Because("missing_columns", apperr.P{"row": rd.HeaderRow(), "columns": missing}),
			"the header row (row %d) lacks the column(s) %s", rd.HeaderRow(), strings.Join(missing, "; "))
	}
	header := rd.Header()
	cols = fileColumns{order: header[iOrder], carrier: header[iCarrier], tracking: header[iTracking]}
	var out []fileRow
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, cols, fileError(err)
		}
		if res.Rows++; res.Rows > MaxFileRows {
			return nil, cols, apperr.Reject("body.file", apperr.Because("too_many_rows", apperr.P{"max": MaxFileRows}), "the file has more than %d rows; split it", MaxFileRows)
		}
		no, carrierText, trackingText := row.Value(iOrder), row.Value(iCarrier), row.Value(iTracking)
		issue := func(col, value string, r apperr.Reason, format string, args ...any) {
			res.Errors = append(res.Errors, RowIssue{Row: row.Num, Column: col, Value: value, Reason: fmt.Sprintf(format, args...), Code: r.Code, Params: r.Params})
		}
		switch {
		case carrierText == "" && trackingText == "":
			res.Skipped++
			continue
		case no == "":
			issue(cols.order, "", apperr.Required(), "order number is required")
			continue
		case carrierText == "":
			issue(cols.carrier, "", apperr.Required(), "carrier is required")
			continue
		}
		c, ok := LookupCarrier(carrierText)
		if !ok {
			issue(cols.carrier, carrierText, apperr.Because("unknown_carrier", apperr.P{"value": carrierText, "codes": carrierCodes()}),
				"unknown carrier; use a code (%s) or its Chinese name", carrierCodes())
			continue
		}
		tracking := NormalizeTracking(trackingText)
		warning, err := CheckTracking(c, tracking)
		if err != nil {
			r := apperr.Because("tracking_format", nil)
			if tracking == "" {
				r = apperr.Required()
			}
			issue(cols.tracking, trackingText, r, "%s", message(err))
			continue
		}
		if warning != "" && !force {
			issue(cols.tracking, trackingText, patternReason(c), "%s; upload with force to ship anyway", warning)
			res.Errors[len(res.Errors)-1].Force = true
			continue
		}
		out = append(out, fileRow{num: row.Num, orderNo: tabular.FoldWidth(no), entry: entry{carrier: c, tracking: tracking, warning: warning}})
	}
	return out, cols, nil
}

// fileError turns a reader error into an invalid-file error.
func fileError(err error) error {
	var te *tabular.Error
	if errors.As(err, &te) || errors.Is(err, tabular.ErrEmpty) || errors.Is(err, tabular.ErrNoHeader) ||
		errors.Is(err, tabular.ErrLegacyXLS) || errors.Is(err, tabular.ErrNotTabular) || errors.Is(err, tabular.ErrXLSX) {
		return apperr.Reject("body.file", tabular.Reason(err), "%v", err)
	}
	return apperr.Wrap(err, "read shipping file")
}

// applyFile looks the rows' orders up in tx and ships them.
func (s *Service) applyFile(ctx context.Context, tx bun.IDB, rows []fileRow, cols fileColumns, opt FileOptions, res *FileResult) error {
	nos := make([]string, 0, len(rows))
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.orderNo] {
			seen[r.orderNo] = true
			nos = append(nos, r.orderNo)
		}
	}
	found, err := s.orders.ShippingOrdersByNo(ctx, tx, opt.ShopID, nos)
	if err != nil {
		return err
	}
	byNo := map[string][]sales.ShippingOrder{}
	for _, o := range found {
		byNo[o.OrderNo] = append(byNo[o.OrderNo], o)
	}
	first := map[string]fileRow{} // order number -> the first row that shipped it
	for _, r := range rows {
		issue := func(col, value string, why apperr.Reason, format string, args ...any) {
			res.Errors = append(res.Errors, RowIssue{Row: r.num, Column: col, Value: value, Reason: fmt.Sprintf(format, args...), Code: why.Code, Params: why.Params})
		}
		if prev, dup := first[r.orderNo]; dup {
			if prev.entry.carrier.Code == r.entry.carrier.Code && prev.entry.tracking == r.entry.tracking {
				res.Unchanged++
			} else {
				issue(cols.tracking, r.entry.tracking, apperr.Because("order_on_other_row", apperr.P{"order_no": r.orderNo, "row": prev.num,
					"carrier": prev.entry.carrier.Code, "tracking_no": prev.entry.tracking}),
					"order %s is already on row %d with %s %s; one tracking number per order", r.orderNo, prev.num, prev.entry.carrier.Code, prev.entry.tracking)
			}
			continue
		}
		matches := byNo[r.orderNo]
		switch {
		case len(matches) == 0:
			issue(cols.order, r.orderNo, apperr.Because("order_unknown", apperr.P{"order_no": r.orderNo}), "no order with this number in your shops")
			continue
		case len(matches) > 1:
			issue(cols.order, r.orderNo, apperr.Because("order_in_shops", apperr.P{"order_no": r.orderNo, "count": len(matches)}),
				"this order number exists in %d shops; upload the file for one shop (shop_id)", len(matches))
			continue
		}
		out, err := s.apply(ctx, tx, matches[0], r.entry, opt.Force, "fulfilment:file")
		if err != nil {
			if apperr.CodeOf(err) == apperr.Internal {
				return err
			}
			col, value := cols.order, r.orderNo
			if overridable(err) {
				col, value = cols.tracking, r.entry.tracking // shipped with another number
			}
			reason := message(err)
			if col == cols.tracking {
				reason += "; upload with force to correct it"
			}
			issue(col, value, reasonOf(err), "%s", reason)
			res.Errors[len(res.Errors)-1].Force = col == cols.tracking
			continue
		}
		first[r.orderNo] = r
		switch out.Outcome {
		case OutcomeShipped:
			res.Shipped++
		case OutcomeCorrected:
			res.Corrected++
		case OutcomeUnchanged:
			res.Unchanged++
		}
		if r.entry.warning != "" {
			why := patternReason(r.entry.carrier)
			res.Warnings = append(res.Warnings, RowIssue{Row: r.num, Column: cols.tracking, Value: r.entry.tracking, Reason: r.entry.warning, Code: why.Code, Params: why.Params})
		}
	}
	return nil
}

// countRows counts the distinct rows among issues.
func countRows(issues []RowIssue) int {
	rows := map[int]bool{}
	for _, i := range issues {
		rows[i.Row] = true
	}
	return len(rows)
}
