// Package audit is the searchable view of the operation log. Rows are
// written by platform/trail inside the transactions that make the changes;
// this package only reads them. No route updates or deletes the log, and
// database triggers refuse it as well.
package audit

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
	"ecomops/internal/platform/xlsx"
)

// Permissions this module declares.
var Permissions = []string{"audit:operation:read", "audit:operation:export"}

// Service reads the operation log.
type Service struct {
	db  *db.DB
	loc func(context.Context) *time.Location
}

// New returns the service; loc gives the company time zone for date filters.
func New(d *db.DB, loc func(context.Context) *time.Location) *Service {
	return &Service{db: d, loc: loc}
}

// Filter filters the operation log.
type Filter struct {
	api.Page
	Username string `query:"username"`
	Action   string `query:"action" doc:"operation id prefix, e.g. org.employee"`
	Entity   string `query:"entity"`
	EntityID string `query:"entity_id"`
	Result   string `query:"result" doc:"ok or an error code"`
	From     string `query:"from" doc:"YYYY-MM-DD or RFC 3339, inclusive"`
	To       string `query:"to" doc:"YYYY-MM-DD (whole day) or RFC 3339"`
}

// Search returns a page of the operation log, newest first by default.
func (s *Service) Search(ctx context.Context, f Filter) ([]trail.Row, int, error) {
	var items []trail.Row
	q := s.db.R.NewSelect().Model(&items)
	if f.Username != "" {
		q = q.Where("lower(username) LIKE ?", "%"+strings.ToLower(f.Username)+"%")
	}
	if f.Action != "" {
		q = q.Where("action LIKE ?", f.Action+"%")
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Result != "" {
		q = q.Where("result = ?", f.Result)
	}
	from, to, err := api.Range(f.From, f.To, s.loc(ctx))
	if err != nil {
		return nil, 0, err
	}
	if !from.IsZero() {
		q = q.Where("at >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where("at < ?", to)
	}
	q, err = api.Order(q, f.Sort, map[string]string{"id": "id", "at": "at", "username": "username", "action": "action", "duration_ms": "duration_ms"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "search operation log")
}

// Routes registers the operation-log search and export.
func (s *Service) Routes(a huma.API) {
	tags := []string{"audit"}
	api.Register(a, huma.Operation{OperationID: "audit.operation.list", Method: http.MethodGet, Path: "/api/v1/audit/operations", Tags: tags},
		"audit:operation:read", func(ctx context.Context, in *Filter) (*api.ListOutput[trail.Row], error) {
			items, n, err := s.Search(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, huma.Operation{OperationID: "audit.operation.export", Method: http.MethodGet, Path: "/api/v1/audit/operations/export", Tags: tags},
		"audit:operation:export", func(ctx context.Context, in *Filter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.Search(ctx, f)
			if err != nil {
				return nil, err
			}
			loc := s.loc(ctx)
			t := xlsx.Table{Sheet: "operations", Headers: []string{"ID", "时间 Time", "用户 User", "操作 Action", "对象 Entity", "对象ID Entity id",
				"变更前 Before", "变更后 After", "IP", "结果 Result", "耗时ms Duration"}}
			for _, r := range items {
				t.Rows = append(t.Rows, []any{r.ID, r.At.In(loc).Format(time.DateTime), r.Username, r.Action, r.Entity, r.EntityID, r.Before, r.After, r.IP, r.Result, r.DurationMS})
			}
			return api.XLSXFile("operation-log", t)
		})
}
