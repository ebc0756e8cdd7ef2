package sales

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Import is an import session.
type Import struct {
	bun.BaseModel `bun:"table:imports,alias:i"`
	ID            int64          `bun:"id,pk,autoincrement" json:"id"`
	Kind          string         `bun:"kind" json:"kind" enum:"orders,traffic"`
	ShopID        int64          `bun:"shop_id" json:"shop_id"`
	Format        string         `bun:"format" json:"format"`
	FileNames     string         `bun:"file_names" json:"file_names"`
	FileHash      string         `bun:"file_hash" json:"file_hash"`
	FileBytes     int64          `bun:"file_bytes" json:"file_bytes"`
	OnError       string         `bun:"on_error" json:"on_error" enum:"skip,abort"`
	Status        string         `bun:"status" json:"status" enum:"queued,running,completed,failed,aborted,interrupted"`
	RowsTotal     int64          `bun:"rows_total" json:"rows_total"`
	RowsDone      int64          `bun:"rows_done" json:"rows_done"`
	BytesDone     int64          `bun:"bytes_done" json:"bytes_done" doc:"progress: bytes_done / file_bytes"`
	Inserted      int64          `bun:"inserted" json:"inserted"`
	Updated       int64          `bun:"updated" json:"updated"`
	Unchanged     int64          `bun:"unchanged" json:"unchanged"`
	Rejected      int64          `bun:"rejected" json:"rejected"`
	Error         string         `bun:"error" json:"error" doc:"why the import failed or stopped, in English for API users"`
	ErrorCode     string         `bun:"error_code" json:"error_code" doc:"the same as a code the UI translates (a field error code or a refusal reason, docs/API.md); empty when none"`
	ErrorParamsJS string         `bun:"error_params" json:"-"`
	ErrorParams   map[string]any `bun:"-" json:"error_params" doc:"the values error_code's sentence names"`
	Detail        string         `bun:"detail" json:"-"`
	CreatedBy     *int64         `bun:"created_by" json:"created_by"`
	StartedAt     time.Time      `bun:"started_at" json:"started_at"`
	HeartbeatAt   *time.Time     `bun:"heartbeat_at" json:"heartbeat_at"`
	FinishedAt    *time.Time     `bun:"finished_at" json:"finished_at"`

	ShopCode string     `bun:"shop_code,scanonly" json:"shop_code"`
	Files    []FileInfo `bun:"-" json:"files"`
}

// Import statuses. interrupted is never stored: a running session whose
// heartbeat is older than staleAfter reads as interrupted (the process
// that ran it died; its committed batches stay).
const (
	ImportQueued      = "queued"
	ImportRunning     = "running"
	ImportCompleted   = "completed"
	ImportFailed      = "failed"
	ImportAborted     = "aborted"
	ImportInterrupted = "interrupted"
)

const staleAfter = 2 * time.Minute

// maxStoredErrors bounds the error rows kept per import; the rejected count
// stays exact beyond it.
const maxStoredErrors = 100000

func (im *Import) fill(now time.Time) {
	if im.Status == ImportRunning || im.Status == ImportQueued {
		last := im.StartedAt
		if im.HeartbeatAt != nil {
			last = *im.HeartbeatAt
		}
		if now.Sub(last) > staleAfter {
			im.Status = ImportInterrupted
		}
	}
	im.Files = []FileInfo{}
	im.ErrorParams = decodeParams(im.ErrorParamsJS)
	if im.Detail != "" {
		_ = json.Unmarshal([]byte(im.Detail), &im.Files)
	}
}

// ImportFilter filters the import list.
type ImportFilter struct {
	api.Page
	ShopID int64  `query:"shop_id"`
	Kind   string `query:"kind" enum:"orders,traffic,"`
	Status string `query:"status" enum:"queued,running,completed,failed,aborted,interrupted,"`
}

func importQuery(ctx context.Context, idb bun.IDB, dst any) *bun.SelectQuery {
	q := idb.NewSelect().Model(dst).ColumnExpr("i.*").ColumnExpr("s.code AS shop_code").Join("JOIN shops AS s ON s.id = i.shop_id")
	return auth.Filter(ctx, q, "i.shop_id", auth.ShopSet)
}

// ListImports returns a page of the import sessions of the shops in scope.
func (s *Service) ListImports(ctx context.Context, f ImportFilter) ([]Import, int, error) {
	var items []Import
	q := importQuery(ctx, s.db.R, &items)
	if f.ShopID != 0 {
		q = q.Where("i.shop_id = ?", f.ShopID)
	}
	if f.Kind != "" {
		q = q.Where("i.kind = ?", f.Kind)
	}
	if f.Status != "" {
		q = q.Where("i.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "i.id", "started_at": "i.started_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list imports")
	}
	now := s.now()
	for i := range items {
		items[i].fill(now)
	}
	return items, int(n), nil
}

// Import returns one session of a shop in scope. Errors: not_found.
func (s *Service) Import(ctx context.Context, id int64) (Import, error) {
	var im Import
	err := importQuery(ctx, s.db.R, &im).Where("i.id = ?", id).Scan(ctx)
	if err != nil {
		return im, db.NotFound(err, "import", id)
	}
	im.fill(s.now())
	return im, nil
}

// ImportErrorRow is a stored row error.
type ImportErrorRow struct {
	bun.BaseModel `bun:"table:import_errors,alias:ie"`
	ID            int64          `bun:"id,pk,autoincrement" json:"-"`
	ImportID      int64          `bun:"import_id" json:"-"`
	File          string         `bun:"file" json:"file"`
	Row           int            `bun:"row_no" json:"row"`
	Column        string         `bun:"column_name" json:"column"`
	Value         string         `bun:"value" json:"value"`
	Reason        string         `bun:"reason" json:"reason" doc:"in English, for API users"`
	Code          string         `bun:"code" json:"code" doc:"the reason as a code the UI translates (docs/API.md, field error codes); empty for rows stored before codes"`
	ParamsJS      string         `bun:"params" json:"-"`
	Params        map[string]any `bun:"-" json:"params" doc:"the values the code's sentence names"`
}

// encodeParams stores a code's params as a JSON object (” for none).
func encodeParams(p map[string]any) string {
	if len(p) == 0 {
		return ""
	}
	b, err := json.Marshal(p)
	if err != nil {
		return ""
	}
	return string(b)
}

// decodeParams reads stored params; never nil.
func decodeParams(s string) map[string]any {
	out := map[string]any{}
	if s != "" {
		_ = json.Unmarshal([]byte(s), &out)
	}
	return out
}

// ImportErrors returns a page of an import's row errors in row order.
func (s *Service) ImportErrors(ctx context.Context, id int64, p api.Page) ([]ImportErrorRow, int, error) {
	if _, err := s.Import(ctx, id); err != nil {
		return nil, 0, err
	}
	var items []ImportErrorRow
	q := s.db.R.NewSelect().Model(&items).Where("import_id = ?", id).OrderExpr("file, row_no, id")
	n, err := p.Limit(q).ScanAndCount(ctx)
	for i := range items {
		items[i].Params = decodeParams(items[i].ParamsJS)
	}
	return items, int(n), apperr.Wrap(err, "list import errors")
}

// createSession records a new session (audited when ctx carries a request).
func (s *Service) createSession(ctx context.Context, im *Import) error {
	im.StartedAt = s.now()
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(im).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create import")
		}
		trail.Change(ctx, "import", im.ID, nil, map[string]any{"kind": im.Kind, "shop_id": im.ShopID, "format": im.Format,
			"files": im.FileNames, "on_error": im.OnError})
		return nil
	})
}

// progress moves a session's counters inside the batch transaction and
// stores the batch's row errors, so what the session says is committed is.
func (s *Service) progress(ctx context.Context, tx bun.IDB, id int64, rows int, bytes int64, r batchResult, now time.Time) error {
	_, err := tx.NewUpdate().Model((*Import)(nil)).
		Set("rows_done = rows_done + ?", rows).Set("bytes_done = ?", bytes).
		Set("inserted = inserted + ?", r.inserted).Set("updated = updated + ?", r.updated).
		Set("unchanged = unchanged + ?", r.unchanged).Set("rejected = rejected + ?", r.rejected).
		Set("status = ?", ImportRunning).Set("heartbeat_at = ?", now).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return apperr.Wrap(err, "record import progress")
	}
	return s.storeErrors(ctx, tx, id, r.errs)
}

func (s *Service) storeErrors(ctx context.Context, tx bun.IDB, id int64, errs []RowError) error {
	if len(errs) == 0 {
		return nil
	}
	var stored int
	if err := tx.NewSelect().Model((*ImportErrorRow)(nil)).ColumnExpr("count(*)").Where("import_id = ?", id).Scan(ctx, &stored); err != nil {
		return apperr.Wrap(err, "count import errors")
	}
	room := maxStoredErrors - stored
	if room <= 0 {
		return nil
	}
	if len(errs) > room {
		errs = errs[:room]
	}
	rows := make([]ImportErrorRow, len(errs))
	for i, e := range errs {
		rows[i] = ImportErrorRow{ImportID: id, File: e.File, Row: e.Row, Column: e.Column, Value: strings.ToValidUTF8(e.Value, "?"), Reason: e.Reason,
			Code: e.Code, ParamsJS: encodeParams(e.Params)}
	}
	for start := 0; start < len(rows); start += 500 {
		part := rows[start:min(start+500, len(rows))]
		if _, err := tx.NewInsert().Model(&part).ExcludeColumn("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "store import errors")
		}
	}
	return nil
}

// failure is why a session failed or stopped: an English sentence and its
// reason as a code.
type failure struct {
	text   string
	reason apperr.Reason
}

// failureOf describes err: the reason of its first field error or its
// refusal reason; import_internal or import_cancelled otherwise.
func failureOf(err error) failure {
	f := failure{text: errText(err)}
	var ae *apperr.Error
	switch {
	case err == nil:
	case errors.As(err, &ae) && ae.Code != apperr.Internal && len(ae.Fields) > 0:
		f.reason = apperr.Because(ae.Fields[0].Code, ae.Fields[0].Params)
	case errors.As(err, &ae) && ae.Code != apperr.Internal && ae.Reason.Code != "":
		f.reason = ae.Reason
	case errors.Is(err, context.Canceled):
		f.reason = apperr.Because("import_cancelled", nil)
	default:
		f.reason = apperr.Because("import_internal", nil)
	}
	return f
}

// finishSession closes a session with its final status.
func (s *Service) finishSession(ctx context.Context, id int64, status string, fail failure, hash string) error {
	now := s.now()
	q := s.db.W.NewUpdate().Model((*Import)(nil)).Set("status = ?", status).Set("error = ?", fail.text).
		Set("error_code = ?", fail.reason.Code).Set("error_params = ?", encodeParams(fail.reason.Params)).
		Set("finished_at = ?", now).Set("heartbeat_at = ?", now).Where("id = ?", id)
	if hash != "" {
		q = q.Set("file_hash = ?", hash)
	}
	if status == ImportCompleted {
		q = q.Set("rows_total = rows_done").Set("bytes_done = file_bytes")
	}
	_, err := q.Exec(context.WithoutCancel(ctx))
	return apperr.Wrap(err, "finish import %d", id)
}

func describe(files []FileInfo) (names, detail string) {
	var n []string
	for _, f := range files {
		if f.Sheet != "" && !containsName(n, f.Name) {
			n = append(n, f.Name)
		} else if f.Sheet == "" {
			n = append(n, f.Name)
		}
	}
	b, _ := json.Marshal(files)
	return strings.Join(n, ", "), string(b)
}

func containsName(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		if ae.Code == apperr.Internal {
			return "internal error: " + ae.Message
		}
		msg := ae.Message
		for _, f := range ae.Fields {
			msg += fmt.Sprintf("; %s: %s", f.Location, f.Message)
		}
		return msg
	}
	if errors.Is(err, context.Canceled) {
		return "import was cancelled; the batches committed before stay, and running the same import again completes it"
	}
	return err.Error()
}
