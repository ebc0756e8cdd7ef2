package org

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/iam"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// Service is the organisation.
type Service struct {
	db    *db.DB
	iam   *iam.Service
	clock clock.Clock
	// ShopUpdated, when set, runs inside the transaction of every shop update
	// so later modules keep data derived from shop settings in step (e.g. the
	// fulfilment ship-by deadlines follow ship_within_hours).
	ShopUpdated func(ctx context.Context, tx bun.Tx, before, after Shop) error
}

// New returns the service.
func New(d *db.DB, i *iam.Service, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	return &Service{db: d, iam: i, clock: c}
}

func (s *Service) now() time.Time { return s.clock.Now().UTC() }

// ResolveScope fills p's employee id and visible id sets from its scope:
//
//	all             everything (nil sets)
//	dept_and_below  departments under the user's own; their employees; shops those employees run
//	dept            the user's department; its employees; shops they run
//	shops           the user's department; the user and colleagues on the same shops; the assigned shops
//	self            the user's department; the user only; the user's assigned shops
//
// A non-admin login without an employee record sees nothing scoped.
func (s *Service) ResolveScope(ctx context.Context, p *auth.Principal) error {
	var e Employee
	err := s.db.R.NewSelect().Model(&e).Column("id", "department_id").Where("user_id = ?", p.UserID).Scan(ctx)
	if err == nil {
		p.EmployeeID = e.ID
	} else if !errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(err, "load employee of user")
	}
	if p.Unrestricted() {
		return nil
	}
	p.Depts, p.Employees, p.Shops = []int64{}, []int64{}, []int64{}
	if p.EmployeeID == 0 {
		return nil
	}
	r := s.db.R
	switch p.Scope {
	case auth.ScopeDeptAndBelow, auth.ScopeDept:
		if p.Scope == auth.ScopeDept {
			p.Depts = []int64{e.DepartmentID}
		} else if p.Depts, err = s.subtree(ctx, r, e.DepartmentID); err != nil {
			return err
		}
		if err := r.NewSelect().Model((*Employee)(nil)).Column("id").Where("department_id IN (?)", bun.In(p.Depts)).Scan(ctx, &p.Employees); err != nil {
			return apperr.Wrap(err, "resolve scope employees")
		}
		if err := r.NewSelect().Model((*shopStaff)(nil)).Column("shop_id").Distinct().Where("employee_id IN (?)", bun.In(p.Employees)).Scan(ctx, &p.Shops); err != nil {
			return apperr.Wrap(err, "resolve scope shops")
		}
	case auth.ScopeShops, auth.ScopeSelf:
		p.Depts = []int64{e.DepartmentID}
		if err := r.NewSelect().Model((*shopStaff)(nil)).Column("shop_id").Where("employee_id = ?", e.ID).Scan(ctx, &p.Shops); err != nil {
			return apperr.Wrap(err, "resolve scope shops")
		}
		p.Employees = []int64{e.ID}
		if p.Scope == auth.ScopeShops && len(p.Shops) > 0 {
			if err := r.NewSelect().Model((*shopStaff)(nil)).Column("employee_id").Distinct().Where("shop_id IN (?)", bun.In(p.Shops)).
				Where("employee_id <> ?", e.ID).Scan(ctx, &p.Employees); err != nil {
				return apperr.Wrap(err, "resolve scope colleagues")
			}
			p.Employees = append(p.Employees, e.ID)
		}
	}
	return nil
}

// subtree returns root and every department below it.
func (s *Service) subtree(ctx context.Context, idb bun.IDB, root int64) ([]int64, error) {
	var all []Department
	if err := idb.NewSelect().Model(&all).Column("id", "parent_id").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load departments")
	}
	children := map[int64][]int64{}
	for _, d := range all {
		if d.ParentID != nil {
			children[*d.ParentID] = append(children[*d.ParentID], d.ID)
		}
	}
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out, nil
}
