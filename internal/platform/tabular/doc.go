// Package tabular reads the spreadsheets every EcomOps import starts from:
// order, item and refund reports from Taobao/Tmall, JD, Pinduoduo and
// Douyin, 生意参谋 traffic exports, ad reports, stock counts, question banks.
// It knows no business module: callers say which header columns they expect
// and get rows of cell texts; the value parsers turn cells into fen, counts,
// rates and UTC instants.
//
// Reading:
//
//	rd, err := tabular.OpenFile(path, tabular.Options{Expect: [][]string{{"订单编号"}, {"订单状态"}}})
//	if err != nil { ... }            // ErrEmpty, ErrLegacyXLS, ErrNoHeader, ...
//	defer rd.Close()
//	id, status := rd.Col("订单编号"), rd.Col("订单状态")
//	for {
//		row, err := rd.Next()
//		if err == io.EOF { break }
//		if err != nil { ... }       // *Error naming row and column; final
//		_ = row.Value(id)            // Clean(cell), "" when the column is missing
//	}
//
// Contracts:
//   - The format is decided by content: a zip archive is XLSX (read with
//     excelize's streaming row iterator), an OLE document (.xls) is refused
//     with ErrLegacyXLS, HTML or binary data with ErrNotTabular, anything else
//     is CSV text.
//   - CSV text is UTF-8 (with or without BOM), GB18030/GBK, or UTF-16 with a
//     BOM; see Encoding for how a BOM-less file is classified. A file that
//     starts as UTF-8 and later holds other bytes fails with ErrEncoding
//     naming the row. Cells reach the caller as UTF-8.
//   - Memory stays flat whatever the file's length: the CSV scanner holds one
//     64 KiB buffer and one row; the header search holds at most
//     MaxHeaderScan rows; every row is bounded by MaxColumns, MaxCellBytes
//     and MaxRowBytes, and a row passing a limit fails as soon as the limit
//     is passed.
//   - Row numbers are those a spreadsheet shows, counting title lines and
//     the header (Row.Num, Error.Row).
//   - Empty rows and closing 总计/合计/汇总 rows are never returned as data.
//
// The CSV scanner is the package's own: encoding/csv cannot bound the size of
// a record (a million-column line, or a stray quote that swallows the rest of
// the file, is read whole) and does not count empty lines as rows.
package tabular
