package api

import (
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Page is embedded in every list input: page, page_size and sort.
type Page struct {
	Page     int    `query:"page" minimum:"1" default:"1" doc:"1-based page number"`
	PageSize int    `query:"page_size" minimum:"1" maximum:"500" default:"20" doc:"rows per page, at most 500"`
	Sort     string `query:"sort" doc:"a sortable field, prefixed with - for descending"`
}

// List is the body of every list answer.
type List[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// ListOutput wraps List as a huma output.
type ListOutput[T any] struct{ Body List[T] }

// NewList returns a list output; a nil slice is sent as [].
func NewList[T any](items []T, total int) *ListOutput[T] {
	if items == nil {
		items = []T{}
	}
	return &ListOutput[T]{Body: List[T]{Items: items, Total: total}}
}

// Order applies sort from an allowlist of field -> SQL column; an unknown
// field is an invalid query.sort. def is used when sort is empty.
func Order(q *bun.SelectQuery, sort string, allowed map[string]string, def string) (*bun.SelectQuery, error) {
	if sort == "" {
		sort = def
	}
	desc := strings.HasPrefix(sort, "-")
	field := strings.TrimPrefix(sort, "-")
	col, ok := allowed[field]
	if !ok {
		keys := make([]string, 0, len(allowed))
		for k := range allowed {
			keys = append(keys, k)
		}
		return nil, apperr.Reject("query.sort", apperr.OneOf(keys...), "cannot sort by %q; sortable fields: %s", field, strings.Join(keys, ", "))
	}
	if desc {
		return q.OrderExpr("? DESC", bun.Ident(col)), nil
	}
	return q.OrderExpr("? ASC", bun.Ident(col)), nil
}

// Limit applies paging; PageAll (page_size 0) means no limit, for exports.
func (p Page) Limit(q *bun.SelectQuery) *bun.SelectQuery {
	if p.PageSize <= 0 {
		return q.Limit(MaxExportRows)
	}
	page := max(p.Page, 1)
	return q.Limit(int64(p.PageSize)).Offset(int64((page - 1) * p.PageSize))
}

// MaxExportRows caps one export; the UI says to narrow the filters beyond it.
const MaxExportRows = 100000

// ForExport returns the page settings an export uses: same sort, no paging.
func (p Page) ForExport() Page { return Page{Sort: p.Sort} }

// IDPath is the {id} path parameter. Embed it (it is exported: huma binds
// only exported embedded fields; an unexported one silently stays zero).
type IDPath struct {
	ID int64 `path:"id"`
}
