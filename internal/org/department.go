package org

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// DepartmentFilter filters departments; the list is flat with parent_id and
// the UI builds the tree.
type DepartmentFilter struct {
	Q      string `query:"q" doc:"matches name or code"`
	Status string `query:"status" enum:"active,disabled,"`
}

// ListDepartments returns the departments the caller may see, by sort order.
func (s *Service) ListDepartments(ctx context.Context, f DepartmentFilter) ([]Department, error) {
	var items []Department
	q := s.db.R.NewSelect().Model(&items)
	q = auth.Filter(ctx, q, "id", auth.DeptSet)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(name) LIKE ? OR lower(code) LIKE ?)", like, like)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	err := q.OrderExpr("sort, id").Scan(ctx)
	return items, apperr.Wrap(err, "list departments")
}

func (s *Service) department(ctx context.Context, idb bun.IDB, id int64) (Department, error) {
	var d Department
	q := idb.NewSelect().Model(&d).Where("id = ?", id)
	err := auth.Filter(ctx, q, "id", auth.DeptSet).Scan(ctx)
	return d, db.NotFound(err, "department", id)
}

func (s *Service) validateDepartment(ctx context.Context, tx bun.IDB, d *Department) error {
	var v apperr.Validation
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if d.Status == "" {
		d.Status = "active"
	}
	if d.ParentID != nil {
		if _, err := s.department(ctx, tx, *d.ParentID); err != nil {
			v.Reject("body.parent_id", apperr.Missing(*d.ParentID), "parent department %d does not exist or is outside your scope", *d.ParentID)
		} else if d.ID != 0 {
			sub, err := s.subtree(ctx, tx, d.ID)
			if err != nil {
				return err
			}
			for _, id := range sub {
				if id == *d.ParentID {
					v.Reject("body.parent_id", apperr.Because("department_cycle", nil), "a department cannot move under itself or its own sub-department")
				}
			}
		}
	} else if p := auth.From(ctx); !p.Unrestricted() {
		v.Reject("body.parent_id", apperr.Because("top_level_department", nil), "only users who see all data may create top-level departments")
	}
	if d.LeaderID != nil {
		if ok, _ := tx.NewSelect().Model((*Employee)(nil)).Where("id = ?", *d.LeaderID).Exists(ctx); !ok {
			v.Reject("body.leader_id", apperr.Missing(*d.LeaderID), "employee %d does not exist", *d.LeaderID)
		}
	}
	return v.Err()
}

// CreateDepartment adds a department. Errors: invalid (including a name
// already used under the same parent).
func (s *Service) CreateDepartment(ctx context.Context, d Department) (Department, error) {
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		d.ID = 0
		if err := s.validateDepartment(ctx, tx, &d); err != nil {
			return err
		}
		now := s.now()
		d.Version, d.CreatedAt, d.UpdatedAt = 1, now, now
		if _, err := tx.NewInsert().Model(&d).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(d.Name), "a department named %q already exists there", d.Name)
			}
			return apperr.Wrap(err, "create department")
		}
		trail.Change(ctx, "department", d.ID, nil, d)
		return nil
	})
	return d, err
}

// UpdateDepartment changes a department. Errors: invalid, not_found, conflict.
func (s *Service) UpdateDepartment(ctx context.Context, id int64, d Department) (Department, error) {
	var out Department
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.department(ctx, tx, id)
		if err != nil {
			return err
		}
		d.ID = id
		if err := s.validateDepartment(ctx, tx, &d); err != nil {
			return err
		}
		d.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &d, "department", id, d.Version, "parent_id", "name", "code", "leader_id", "sort", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(d.Name), "a department named %q already exists there", d.Name)
			}
			return err
		}
		if out, err = s.department(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "department", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteDepartment removes an empty department. Errors: not_found, invalid
// (has sub-departments or employees).
func (s *Service) DeleteDepartment(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.department(ctx, tx, id)
		if err != nil {
			return err
		}
		if n, _ := tx.NewSelect().Model((*Department)(nil)).Where("parent_id = ?", id).Count(ctx); n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("department_has_children", apperr.P{"name": cur.Name, "count": n}), "department %q has %d sub-departments; move or delete them first", cur.Name, n)
		}
		if n, _ := tx.NewSelect().Model((*Employee)(nil)).Where("department_id = ?", id).Count(ctx); n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("department_has_employees", apperr.P{"name": cur.Name, "count": n}), "department %q has %d employees; move them first", cur.Name, n)
		}
		if _, err := tx.NewDelete().Model((*Department)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete department")
		}
		trail.Change(ctx, "department", id, cur, nil)
		return nil
	})
}
