package sales

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"strings"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/tabular"
)

// batch is a run of complete orders handed from the reader to the writer.
// A batch never splits an order: it is cut between two order numbers.
type batch struct {
	orders   []*OrderRecord
	errs     []RowError
	rows     int   // data rows consumed since the previous batch
	rejected int   // of those, rows rejected
	bytes    int64 // bytes of the files read so far (progress)
}

// streamer turns the rows of the detected files into batches of orders.
type streamer struct {
	files     []FileInfo
	loc       *time.Location
	batchSize int // orders per batch
	emit      func(*batch) error
	bytesBase int64 // bytes of earlier files
	hashes    []byte
	cur       *batch
	seed      maphash.Seed
}

// run reads every file. Items files (Taobao 宝贝报表, 千牛 销售明细) are read
// first and held in memory keyed by order number, then attached to the
// orders of their order report as it streams; every other file streams.
func (s *streamer) run(ctx context.Context) error {
	s.seed = maphash.MakeSeed()
	s.cur = &batch{}
	var items map[string]*pendingLines
	var orderFiles, itemFiles []FileInfo
	for _, f := range s.files {
		switch f.lay.role {
		case roleItems:
			itemFiles = append(itemFiles, f)
		default:
			orderFiles = append(orderFiles, f)
		}
	}
	if len(itemFiles) > 0 {
		hasOrders := false
		for _, f := range orderFiles {
			hasOrders = hasOrders || f.lay.role == roleOrders
		}
		if !hasOrders {
			return apperr.Reject("files", apperr.Because("items_only", apperr.P{"name": itemFiles[0].Name, "title": itemFiles[0].Title}),
				"%s is an item report (%s): give its order report in the same import", itemFiles[0].Name, itemFiles[0].Title)
		}
		items = map[string]*pendingLines{}
		for _, f := range itemFiles {
			if err := s.readItems(ctx, f, items); err != nil {
				return err
			}
		}
	}
	for _, f := range orderFiles {
		if err := s.readOrders(ctx, f, items); err != nil {
			return err
		}
	}
	for no, pl := range items { // item rows whose order is not in the order report
		for _, r := range pl.rows {
			s.cur.errs = append(s.cur.errs, rowError(pl.file, r, "订单编号", no, apperr.Because("not_in_order_report", apperr.P{"order_no": no}), "order %s is not in the order report", no))
			s.cur.rejected++
		}
	}
	return s.flush(true)
}

type pendingLines struct {
	file   string
	rows   []int
	lines  []LineRecord
	bad    bool
	badRow int
}

func (s *streamer) open(f FileInfo) (*rowSource, error) {
	var hr *hashingReader
	if f.Format != "xlsx" {
		fh, err := os.Open(f.path)
		if err != nil {
			return nil, fileError(f.Name, err)
		}
		hr = newHashingReader(fh)
		rd, err := openRows(f, hr)
		if err != nil {
			fh.Close()
			return nil, fileError(f.Name, err)
		}
		return &rowSource{rd: rd, hr: hr, path: f.path, closeFile: fh.Close}, nil
	}
	rd, err := openRows(f, nil)
	if err != nil {
		return nil, fileError(f.Name, err)
	}
	return &rowSource{rd: rd, path: f.path}, nil
}

// readItems loads an item report into items, interning repeated texts.
func (s *streamer) readItems(ctx context.Context, f FileInfo, items map[string]*pendingLines) error {
	src, err := s.open(f)
	if err != nil {
		return err
	}
	defer src.close()
	p := &rowParser{file: f.Name, lay: f.lay, header: src.rd.Header(), idx: f.idx, loc: s.loc}
	intern := map[string]string{}
	in := func(v string) string {
		if w, ok := intern[v]; ok {
			return w
		}
		if len(intern) < 200000 {
			intern[v] = v
		}
		return v
	}
	seen := map[uint64]int{}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		row, err := src.rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileError(f.Name, err)
		}
		s.cur.rows++
		p.reset(row)
		var l LineRecord
		no := f.lay.parse(p, nil, &l)
		key := s.rowKey(f, p, no)
		if first, dup := seen[key]; dup {
			s.cur.errs = append(s.cur.errs, rowError(f.Name, row.Num, "", no, apperr.Because("duplicate_row", apperr.P{"row": first}), "duplicate row: same item as row %d", first))
			s.cur.rejected++
			continue
		}
		seen[key] = row.Num
		pl := items[no]
		if pl == nil {
			pl = &pendingLines{file: f.Name}
			items[strings.Clone(no)] = pl
		}
		pl.rows = append(pl.rows, row.Num)
		if len(p.errs) > 0 {
			s.cur.errs = append(s.cur.errs, p.errs...)
			if !pl.bad {
				pl.bad, pl.badRow = true, row.Num
			}
			continue
		}
		l.Title, l.Attributes, l.MerchantCode, l.ItemID, l.PlatformSKUID = in(l.Title), in(l.Attributes), in(l.MerchantCode), in(l.ItemID), in(l.PlatformSKUID)
		l.RefundStatus, l.SubOrderNo = in(l.RefundStatus), strings.Clone(l.SubOrderNo)
		pl.lines = append(pl.lines, l)
	}
	s.bytesBase += src.bytes()
	s.hashes = append(s.hashes, src.sum()...)
	return nil
}

func (s *streamer) rowKey(f FileInfo, p *rowParser, no string) uint64 {
	if f.lay.lineKey != nil {
		return maphash.String(s.seed, no+"\x00"+f.lay.lineKey(p))
	}
	return maphash.String(s.seed, strings.Join(p.row.Cells, "\x00"))
}

// group is the order being assembled from consecutive rows.
type group struct {
	rec      *OrderRecord
	rows     []int          // row numbers: the order file's, then (from own on) the item report's
	own      int            // rows[:own] are rows of the order file
	itemFile string         // the item report the later rows come from
	keys     map[uint64]int // line keys seen, for duplicate rows
	badRow   int            // first invalid row, 0 when none
	badFile  string         // and its file
}

// readOrders streams an order report or a combined export.
func (s *streamer) readOrders(ctx context.Context, f FileInfo, items map[string]*pendingLines) error {
	src, err := s.open(f)
	if err != nil {
		return err
	}
	defer src.close()
	p := &rowParser{file: f.Name, lay: f.lay, header: src.rd.Header(), idx: f.idx, loc: s.loc}
	inBatch := map[string]int{} // order number -> first row, within the current batch
	var g *group
	closeGroup := func() error {
		if g == nil {
			return nil
		}
		done := g
		g = nil
		if done.badRow > 0 {
			for i, r := range done.rows {
				file := f.Name
				if i >= done.own { // item rows from the item report
					file = done.itemFile
				}
				if (r != done.badRow || file != done.badFile) && !s.rowHasError(r, file) {
					s.cur.errs = append(s.cur.errs, rowError(file, r, "", done.rec.OrderNo,
						apperr.Because("order_row_invalid", apperr.P{"row": done.badRow, "file": done.badFile, "order_no": done.rec.OrderNo}),
						"skipped: row %d of %s (order %s) is invalid", done.badRow, done.badFile, done.rec.OrderNo))
				}
			}
			s.cur.rejected += len(done.rows)
			return nil
		}
		done.rec.Rows = len(done.rows)
		done.rec.finish()
		s.cur.orders = append(s.cur.orders, done.rec)
		if len(s.cur.orders) >= s.batchSize {
			clear(inBatch)
			return s.flush(false, src)
		}
		return nil
	}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		row, err := src.rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileError(f.Name, err)
		}
		s.cur.rows++
		p.reset(row)
		rec := &OrderRecord{File: f.Name, Row: row.Num}
		var l LineRecord
		no := f.lay.parse(p, rec, &l)
		if g != nil && no == g.rec.OrderNo && f.lay.role == roleCombined {
			s.addRow(f, p, g, rec, &l)
			continue
		}
		if err := closeGroup(); err != nil {
			return err
		}
		if first, dup := inBatch[no]; dup && no != "" {
			s.cur.errs = append(s.cur.errs, rowError(f.Name, row.Num, p.colName(0), no, apperr.Because("duplicate_order", apperr.P{"order_no": no, "row": first}),
				"duplicate order number %s: it already appeared at row %d", no, first))
			s.cur.rejected++
			continue
		}
		rec.OrderNo = strings.Clone(no)
		inBatch[rec.OrderNo] = row.Num
		g = &group{rec: rec, rows: []int{row.Num}, own: 1 << 30}
		if len(p.errs) > 0 {
			s.cur.errs = append(s.cur.errs, p.errs...)
			g.badRow, g.badFile = row.Num, f.Name
		}
		if f.lay.role == roleCombined {
			g.keys = map[uint64]int{s.rowKey(f, p, no): row.Num}
			if l.ItemID != "" {
				rec.Lines = append(rec.Lines, l)
			}
		} else if pl := items[no]; pl != nil {
			delete(items, no)
			g.own, g.itemFile = len(g.rows), pl.file
			g.rows = append(g.rows, pl.rows...)
			if pl.bad && g.badRow == 0 {
				g.badRow, g.badFile = pl.badRow, pl.file
			}
			rec.Lines = pl.lines
		}
	}
	if err := closeGroup(); err != nil {
		return err
	}
	s.bytesBase += src.bytes()
	s.hashes = append(s.hashes, src.sum()...)
	return nil
}

// addRow merges another row of a combined export into its order.
func (s *streamer) addRow(f FileInfo, p *rowParser, g *group, rec *OrderRecord, l *LineRecord) {
	key := s.rowKey(f, p, g.rec.OrderNo)
	if first, dup := g.keys[key]; dup {
		s.cur.errs = append(s.cur.errs, rowError(f.Name, p.row.Num, "", g.rec.OrderNo, apperr.Because("duplicate_row", apperr.P{"row": first}), "duplicate row: same as row %d", first))
		s.cur.rejected++
		return
	}
	g.keys[key] = p.row.Num
	g.rows = append(g.rows, p.row.Num)
	if len(p.errs) > 0 {
		s.cur.errs = append(s.cur.errs, p.errs...)
		if g.badRow == 0 {
			g.badRow = p.row.Num
		}
		return
	}
	if f.lay.sumRows {
		g.rec.PaidFen += rec.PaidFen
		g.rec.DiscountFen += rec.DiscountFen
	}
	if l.ItemID != "" {
		g.rec.Lines = append(g.rec.Lines, *l)
	}
}

func (s *streamer) rowHasError(row int, file string) bool {
	for i := len(s.cur.errs) - 1; i >= 0 && i >= len(s.cur.errs)-64; i-- {
		if e := s.cur.errs[i]; e.Row == row && e.File == file {
			return true
		}
	}
	return false
}

// flush hands the current batch to the writer.
func (s *streamer) flush(final bool, src ...*rowSource) error {
	b := s.cur
	b.bytes = s.bytesBase
	if len(src) > 0 {
		b.bytes += src[0].bytes()
	}
	s.cur = &batch{}
	if len(b.orders) == 0 && len(b.errs) == 0 && b.rows == 0 && !final {
		return nil
	}
	return s.emit(b)
}

// fileHash is the import's file hash: SHA-256 over the files' own hashes.
func (s *streamer) fileHash() string {
	return fmt.Sprintf("%x", sha256Sum(s.hashes))
}

// rowSource is an open file with its byte counter and hash.
type rowSource struct {
	rd        *tabular.Reader
	hr        *hashingReader // nil for XLSX, read in place by path
	path      string
	closeFile func() error
}

// bytes is how far the file has been read.
func (r *rowSource) bytes() int64 {
	if r.hr != nil {
		return r.hr.n
	}
	if st, err := os.Stat(r.path); err == nil {
		return st.Size()
	}
	return 0
}

// sum is the file's SHA-256 once it has been read to the end.
func (r *rowSource) sum() []byte {
	if r.hr != nil {
		_, _ = io.Copy(io.Discard, r.hr) // a trailing part the reader did not need
		return r.hr.h.Sum(nil)
	}
	h := sha256.New()
	if f, err := os.Open(r.path); err == nil {
		_, _ = io.Copy(h, f)
		f.Close()
	}
	return h.Sum(nil)
}

func (r *rowSource) close() {
	r.rd.Close()
	if r.closeFile != nil {
		r.closeFile()
	}
}

func sha256Sum(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
