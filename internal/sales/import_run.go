package sales

import (
	"context"
	"fmt"
	"hash/maphash"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
)

// ImportRequest is one import of order files into a shop.
type ImportRequest struct {
	ShopCode string      // or ShopID
	ShopID   int64       //
	Files    []InputFile // the Taobao classic pair is given as two files
	Format   string      // FormatAuto when empty
	Mapping  *Mapping    // for FormatGeneric
	OnError  string      // "skip" (default) or "abort"
	// Progress, when set, is called after each committed batch.
	Progress func(Progress)
}

// Progress is how far an import is.
type Progress struct {
	Bytes, TotalBytes int64
	Rows              int64
}

// ImportResult is the outcome of an import, as `ecomops import orders --json` prints it.
type ImportResult struct {
	ImportID  int64      `json:"import_id"`
	Status    string     `json:"status"`
	Rows      int64      `json:"rows"`
	Inserted  int64      `json:"inserted"`
	Updated   int64      `json:"updated"`
	Unchanged int64      `json:"unchanged"`
	Rejected  int64      `json:"rejected"`
	Errors    []RowError `json:"errors"`
	Files     []FileInfo `json:"files"`
}

// prepared is an import ready to run: shop checked, files detected, session created.
type prepared struct {
	req   ImportRequest
	shop  org.Shop
	files []FileInfo
	im    Import
}

// prepare checks the request, detects the files and creates the session.
// Errors: invalid (format, files, mapping, on_error, shop platform),
// not_found (shop outside scope).
func (s *Service) prepare(ctx context.Context, req ImportRequest) (*prepared, error) {
	if req.OnError == "" {
		req.OnError = "skip"
	}
	if req.OnError != "skip" && req.OnError != "abort" {
		return nil, apperr.Reject("on_error", apperr.OneOf("skip", "abort"), "on_error must be skip or abort, not %q", req.OnError)
	}
	if req.Format == "" {
		req.Format = FormatAuto
	}
	if len(req.Files) == 0 {
		return nil, apperr.Reject("files", apperr.Required(), "give at least one file")
	}
	shop, err := s.shopFor(ctx, req.ShopCode, req.ShopID)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, f := range req.Files {
		st, err := os.Stat(f.Path)
		if err != nil {
			return nil, apperr.Reject("files", apperr.Because("file_unreadable", apperr.P{"name": f.Name}), "%s: cannot read the file: %v", f.Name, err)
		}
		if st.Size() == 0 {
			return nil, apperr.Reject("files", apperr.Because("file_empty", apperr.P{"name": f.Name}), "%s: file is empty", f.Name)
		}
		total += st.Size()
	}
	files, err := Detect(req.Files, req.Format, req.Mapping)
	if err != nil {
		return nil, err
	}
	preset := files[0].Preset
	for _, f := range files[1:] {
		if f.Preset != preset {
			return nil, apperr.Reject("files", apperr.Because("mixed_platforms", apperr.P{"first": files[0].Name, "first_preset": preset, "other": f.Name, "other_preset": f.Preset}),
				"the files are of different platforms (%s is %s, %s is %s); import each platform's files into its own shop",
				files[0].Name, preset, f.Name, f.Preset)
		}
	}
	if ok := platformFits(preset, shop.Platform); !ok {
		return nil, apperr.Reject("shop", apperr.Because("platform_mismatch", apperr.P{"shop": shop.Code, "platform": shop.Platform, "preset": preset}),
			"shop %s is a %s shop but the files are %s exports (preset %s)", shop.Code, shop.Platform, files[0].Title, preset)
	}
	names, detail := describe(files)
	im := Import{Kind: "orders", ShopID: shop.ID, Format: preset, FileNames: names, FileBytes: total, OnError: req.OnError,
		Status: ImportQueued, Detail: detail}
	if p := auth.From(ctx); p != nil {
		im.CreatedBy = &p.UserID
	}
	if err := s.createSession(ctx, &im); err != nil {
		return nil, err
	}
	im.ShopCode, im.Files = shop.Code, files
	return &prepared{req: req, shop: shop, files: files, im: im}, nil
}

func platformFits(preset, platform string) bool {
	switch preset {
	case FormatTaobao:
		return platform == "taobao" || platform == "tmall"
	case FormatJD, FormatPDD, FormatDouyin:
		return platform == preset
	}
	return true
}

func (s *Service) shopFor(ctx context.Context, code string, id int64) (org.Shop, error) {
	if code != "" {
		sh, err := s.org.ShopByCode(ctx, code)
		if apperr.Is(err, apperr.NotFound) {
			return sh, apperr.Reject("shop", apperr.Missing(code), "no shop with code %q (or it is outside your scope)", code)
		}
		return sh, err
	}
	sh, err := s.org.Shop(ctx, id)
	if apperr.Is(err, apperr.NotFound) {
		return sh, apperr.Reject("shop_id", apperr.Missing(id), "no shop with id %d (or it is outside your scope)", id)
	}
	return sh, err
}

// ImportOrders runs an import to its end and returns its result. Row errors
// are part of the result (Rejected > 0), not an error; the error is for
// what stops the import as a whole (unreadable file, wrong preset, missing
// columns, database failure) and is also recorded on the session.
func (s *Service) ImportOrders(ctx context.Context, req ImportRequest) (ImportResult, error) {
	p, err := s.prepare(ctx, req)
	if err != nil {
		return ImportResult{}, err
	}
	return s.run(ctx, p)
}

// run executes a prepared import: with on_error=abort a full validation pass
// first (nothing is written when a row is bad), then the writing pass, in
// batches of BatchSize orders, each in its own transaction.
func (s *Service) run(ctx context.Context, p *prepared) (ImportResult, error) {
	res := ImportResult{ImportID: p.im.ID, Files: p.files}
	loc := s.loc(ctx)
	if p.req.OnError == "abort" {
		errs, rows, rejected, err := s.validate(ctx, p, loc)
		if err != nil {
			return s.fail(ctx, p, res, err)
		}
		if rejected > 0 {
			err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
				if err := s.storeErrors(ctx, tx, p.im.ID, errs); err != nil {
					return err
				}
				_, err := tx.NewUpdate().Model((*Import)(nil)).Set("rows_done = ?", rows).Set("rejected = ?", rejected).Where("id = ?", p.im.ID).Exec(ctx)
				return apperr.Wrap(err, "record import")
			})
			if err != nil {
				return s.fail(ctx, p, res, err)
			}
			res.Status, res.Rows, res.Rejected, res.Errors = ImportAborted, rows, rejected, errs
			msg := fmt.Sprintf("%d rows are invalid; nothing was imported (on_error=abort)", rejected)
			return res, s.finishSession(ctx, p.im.ID, ImportAborted, failure{msg, apperr.Because("import_aborted", apperr.P{"count": rejected})}, "")
		}
	}
	w, err := s.newWriter(ctx, p)
	if err != nil {
		return s.fail(ctx, p, res, err)
	}
	// The writer holds the SQLite writer connection: release it before the
	// session is closed through the pool.
	closed := false
	closeWriter := func() {
		if !closed {
			closed = true
			w.bulk.close()
		}
	}
	defer closeWriter()
	batches := make(chan *batch, 1) // one batch parsed ahead: enough to overlap, bounded memory
	st := &streamer{files: p.files, loc: loc, batchSize: s.batchSize()}
	readCtx, stopRead := context.WithCancel(ctx)
	defer stopRead()
	st.emit = func(b *batch) error {
		select {
		case batches <- b:
			return nil
		case <-readCtx.Done():
			return readCtx.Err()
		}
	}
	readErr := make(chan error, 1)
	go func() { // parse on one core while the writer writes on the other
		readErr <- st.run(readCtx)
		close(batches)
	}()
	var werr error
	for b := range batches {
		if werr != nil {
			continue // drain so the reader can finish
		}
		werr = s.writeBatch(ctx, w, p, b, &res)
		if werr != nil {
			stopRead()
		}
	}
	rerr := <-readErr
	closeWriter()
	if werr != nil {
		return s.fail(ctx, p, res, werr)
	}
	if rerr != nil {
		return s.fail(ctx, p, res, rerr)
	}
	res.Status = ImportCompleted
	return res, s.finishSession(ctx, p.im.ID, ImportCompleted, failure{}, st.fileHash())
}

func (s *Service) batchSize() int {
	if s.BatchSize <= 0 {
		return 5000
	}
	return s.BatchSize
}

func (s *Service) newWriter(ctx context.Context, p *prepared) (*orderWriter, error) {
	w := &orderWriter{s: s, shopID: p.shop.ID, importID: p.im.ID, shipWithin: time.Duration(p.shop.ShipWithinHours) * time.Hour}
	var err error
	if s.db.Kind == db.Postgres {
		w.bulk, err = newPGBulk(ctx, s.db.W)
	} else {
		w.bulk, err = newSQLiteBulk(ctx, s.db.W)
	}
	return w, err
}

func (s *Service) writeBatch(ctx context.Context, w *orderWriter, p *prepared, b *batch, res *ImportResult) error {
	now := s.now()
	var r batchResult
	err := w.bulk.inTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = w.write(ctx, tx, b, now); err != nil {
			return err
		}
		return s.progress(ctx, tx, p.im.ID, b.rows, b.bytes, r, now)
	})
	if err != nil {
		return err
	}
	res.Rows += int64(b.rows)
	res.Inserted += int64(r.inserted)
	res.Updated += int64(r.updated)
	res.Unchanged += int64(r.unchanged)
	res.Rejected += int64(r.rejected)
	if room := maxStoredErrors - len(res.Errors); room > 0 {
		res.Errors = append(res.Errors, r.errs[:min(room, len(r.errs))]...)
	}
	if p.req.Progress != nil {
		p.req.Progress(Progress{Bytes: b.bytes, TotalBytes: p.im.FileBytes, Rows: res.Rows})
	}
	return nil
}

// fail closes the session as failed (or interrupted when ctx was cancelled)
// and returns the error.
func (s *Service) fail(ctx context.Context, p *prepared, res ImportResult, err error) (ImportResult, error) {
	status := ImportFailed
	if ctx.Err() != nil {
		status = ImportInterrupted
	}
	res.Status = status
	if ferr := s.finishSession(ctx, p.im.ID, status, failureOf(err), ""); ferr != nil {
		return res, ferr
	}
	return res, err
}

// validate runs the parsing pass alone (on_error=abort): it returns every
// row error, the row count and the rejected count, and writes nothing.
// Order numbers seen in earlier batches are remembered as 64-bit hashes.
func (s *Service) validate(ctx context.Context, p *prepared, loc *time.Location) ([]RowError, int64, int64, error) {
	seed := maphash.MakeSeed()
	seen := map[uint64]bool{}
	var errs []RowError
	var rows, rejected int64
	st := &streamer{files: p.files, loc: loc, batchSize: s.batchSize()}
	st.emit = func(b *batch) error {
		rows += int64(b.rows)
		rejected += int64(b.rejected)
		keep := func(e ...RowError) { // the count stays exact; the list is bounded like the stored one
			if room := maxStoredErrors - len(errs); room > 0 {
				errs = append(errs, e[:min(room, len(e))]...)
			}
		}
		keep(b.errs...)
		for _, o := range b.orders {
			k := maphash.String(seed, o.OrderNo)
			if seen[k] {
				keep(rowError(o.File, o.Row, "", o.OrderNo, apperr.Because("duplicate_order_earlier", apperr.P{"order_no": o.OrderNo}),
					"duplicate order number %s: it already appeared earlier in this file", o.OrderNo))
				rejected += int64(o.Rows)
				continue
			}
			seen[k] = true
		}
		return nil
	}
	if err := st.run(ctx); err != nil {
		return nil, 0, 0, err
	}
	slices.SortStableFunc(errs, func(a, b RowError) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Row - b.Row
	})
	return errs, rows, rejected, nil
}
