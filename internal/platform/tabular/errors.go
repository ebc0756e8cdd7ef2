package tabular

import (
	"errors"
	"fmt"
	"strconv"

	"ecomops/internal/platform/apperr"
)

// Sentinel errors. Every error the Reader returns either is io.EOF or matches
// one of these with errors.Is; most arrive wrapped in an *Error that names the
// row and column, so a caller can show "row 12, column 3 (C): ..." as is.
var (
	// ErrEmpty: the file holds no bytes, or only empty rows.
	ErrEmpty = errors.New("file is empty")
	// ErrLegacyXLS: an OLE compound document (a binary .xls, or an encrypted
	// workbook) was given.
	ErrLegacyXLS = errors.New("file is a legacy Excel .xls (OLE) workbook or an encrypted workbook; open it in Excel and save it as .xlsx or .csv, then import that file")
	// ErrNotTabular: the content is neither CSV text nor an XLSX workbook
	// (HTML, XML, binary data, UTF-16 without a byte order mark ...).
	ErrNotTabular = errors.New("file is not CSV or XLSX")
	// ErrNoHeader: no row among the first Options.MaxHeaderScan rows looks like
	// the expected header. The message lists some expected columns.
	ErrNoHeader = errors.New("no header row found")
	// ErrTooManyColumns: a row has more than Options.MaxColumns cells.
	ErrTooManyColumns = errors.New("too many columns")
	// ErrCellTooLong: a cell holds more than Options.MaxCellBytes bytes.
	ErrCellTooLong = errors.New("cell is too long")
	// ErrRowTooLong: a row holds more than Options.MaxRowBytes bytes.
	ErrRowTooLong = errors.New("row is too long")
	// ErrEncoding: bytes that are invalid in the file's detected encoding,
	// typically a file that mixes UTF-8 and GBK.
	ErrEncoding = errors.New("invalid text encoding")
	// ErrUnclosedQuote: a quoted CSV field runs to the end of the file.
	ErrUnclosedQuote = errors.New("quoted field is not closed before the end of the file")
	// ErrXLSX: the workbook could not be read (damaged zip, bad XML, missing sheet).
	ErrXLSX = errors.New("cannot read xlsx workbook")
)

// Error locates a problem in the file. Row is the 1-based row number as a
// spreadsheet shows it (0 when the problem concerns the whole file); Column is
// the 1-based column number (0 when the problem concerns the whole row); Name
// is that column's header name when the header is known. Err matches one of
// the sentinels above. Message: "row 7, column 3 (C, 订单编号): ...".
type Error struct {
	Row    int
	Column int
	Name   string
	Err    error
}

func (e *Error) Error() string {
	switch {
	case e.Row > 0 && e.Column > 0 && e.Name != "":
		return fmt.Sprintf("row %d, column %d (%s, %s): %v", e.Row, e.Column, ColumnLetters(e.Column), e.Name, e.Err)
	case e.Row > 0 && e.Column > 0:
		return fmt.Sprintf("row %d, column %d (%s): %v", e.Row, e.Column, ColumnLetters(e.Column), e.Err)
	case e.Row > 0:
		return fmt.Sprintf("row %d: %v", e.Row, e.Err)
	default:
		return e.Err.Error()
	}
}

func (e *Error) Unwrap() error { return e.Err }

// errAt wraps a sentinel with detail text, located at row/column.
func errAt(row, col int, sentinel error, format string, args ...any) error {
	err := sentinel
	if format != "" {
		err = fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
	}
	return &Error{Row: row, Column: col, Err: err}
}

// ColumnLetters returns the spreadsheet name of a 1-based column number:
// 1 -> "A", 27 -> "AA". It returns "" for n < 1.
func ColumnLetters(n int) string {
	if n < 1 {
		return ""
	}
	var b [16]byte
	i := len(b)
	for n > 0 {
		n--
		i--
		b[i] = byte('A' + n%26)
		n /= 26
	}
	return string(b[i:])
}

// ValueError is returned by the value parsers (ParseFen, ParseInt, ParseRate,
// ParseTime). Its message names the kind of value, quotes the input and says
// what is wrong, e.g. `amount "12.345" has more than 2 decimals`.
type ValueError struct {
	Kind   string // "amount", "integer", "rate" or "time"
	Value  string // the input as given
	Reason string // e.g. "has more than 2 decimals"
	Code   string // the reason as a code (ValueReason)
	Err    error  // ErrEmptyValue or ErrBadValue
}

// Codes of value errors (docs/API.md, "Field error codes").
const (
	CodeValueRequired   = "required"          // the cell is empty
	CodeNotANumber      = "not_a_number"      // not a number (or misplaced thousands separators)
	CodeTooLarge        = "too_large"         // a number too large to hold
	CodeTooManyDecimals = "too_many_decimals" // {max?}: more decimals than the value keeps
	CodeNotInteger      = "not_integer"       // a whole number has a fractional part
	CodeNotATime        = "not_a_time"        // {example}: not a date/time this reader knows
)

// ErrEmptyValue: the value is empty after Clean ("", "-", "--", "—").
// Callers decide whether an empty optional cell is acceptable.
var ErrEmptyValue = errors.New("value is empty")

// ErrBadValue: the value is present but malformed or out of range.
var ErrBadValue = errors.New("malformed value")

func (e *ValueError) Error() string {
	if errors.Is(e.Err, ErrEmptyValue) {
		return e.Kind + " is empty"
	}
	return e.Kind + " " + strconv.Quote(e.Value) + " " + e.Reason
}

func (e *ValueError) Unwrap() error { return e.Err }

func badValue(kind, value, code, reason string) error {
	return &ValueError{Kind: kind, Value: value, Reason: reason, Code: code, Err: ErrBadValue}
}

func emptyValue(kind, value string) error {
	return &ValueError{Kind: kind, Value: value, Reason: "is empty", Code: CodeValueRequired, Err: ErrEmptyValue}
}

// ValueReason is the machine reason of a value parser's error (a
// *ValueError): required, not_a_number, too_large, too_many_decimals
// ({max} for amounts), not_integer or not_a_time ({example}); other errors
// are "invalid".
func ValueReason(err error) apperr.Reason {
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Code == "" {
		return apperr.Because(apperr.CodeInvalid, nil)
	}
	switch {
	case ve.Code == CodeTooManyDecimals && ve.Kind == "amount":
		return apperr.Because(CodeTooManyDecimals, apperr.P{"max": 2})
	case ve.Code == CodeNotATime:
		return apperr.Because(CodeNotATime, apperr.P{"example": "2026-11-11 00:00:05"})
	}
	return apperr.Because(ve.Code, nil)
}

// Reason is the machine reason of a reader error for a field error naming
// the file (see apperr.Reason): file_empty, file_legacy_xls,
// file_not_tabular, file_no_header, file_encoding or file_damaged, with the
// spreadsheet row when the problem has one.
func Reason(err error) apperr.Reason {
	var params apperr.P
	var te *Error
	if errors.As(err, &te) && te.Row > 0 {
		params = apperr.P{"row": te.Row}
	}
	code := "file_damaged"
	switch {
	case errors.Is(err, ErrEmpty):
		code = "file_empty"
	case errors.Is(err, ErrLegacyXLS):
		code = "file_legacy_xls"
	case errors.Is(err, ErrNotTabular):
		code = "file_not_tabular"
	case errors.Is(err, ErrNoHeader):
		code = "file_no_header"
	case errors.Is(err, ErrEncoding):
		code = "file_encoding"
	}
	return apperr.Because(code, params)
}
