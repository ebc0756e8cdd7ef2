package auth

import (
	"context"

	"github.com/uptrace/bun"
)

// Filter narrows q to the rows whose column (e.g. "e.id", "s.id",
// "o.shop_id") holds an id in the visible set of ctx's principal. A context
// without principal (CLI, jobs) is unrestricted. Stores call it in every
// list, detail, update, delete and export query, so an id outside the scope
// reads as not found.
func Filter(ctx context.Context, q *bun.SelectQuery, column string, visible func(*Principal) []int64) *bun.SelectQuery {
	p := From(ctx)
	if p.Unrestricted() {
		return q
	}
	ids := visible(p)
	if ids == nil {
		return q
	}
	if len(ids) == 0 {
		return q.Where("1 = 0")
	}
	return q.Where("? IN (?)", bun.Ident(column), bun.In(ids))
}

// Visible sets, for Filter.
func DeptSet(p *Principal) []int64     { return p.Depts }
func EmployeeSet(p *Principal) []int64 { return p.Employees }
func ShopSet(p *Principal) []int64     { return p.Shops }

// Sees reports whether id is in the principal's visible set.
func Sees(ctx context.Context, id int64, visible func(*Principal) []int64) bool {
	p := From(ctx)
	if p.Unrestricted() {
		return true
	}
	ids := visible(p)
	if ids == nil {
		return true
	}
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
