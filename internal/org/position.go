package org

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// PositionFilter filters positions. Positions are company-wide reference
// data: permission-checked, not data-scoped.
type PositionFilter struct {
	api.Page
	Q      string `query:"q" doc:"matches code or name"`
	Status string `query:"status" enum:"active,disabled,"`
}

// ListPositions returns a page of positions.
func (s *Service) ListPositions(ctx context.Context, f PositionFilter) ([]Position, int, error) {
	var items []Position
	q := s.db.R.NewSelect().Model(&items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(code) LIKE ? OR lower(name) LIKE ? OR lower(name_en) LIKE ?)", like, like, like)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "id", "code": "code", "name": "name", "sort": "sort"}, "sort")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q.OrderExpr("id")).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "list positions")
}

func validatePosition(p *Position) error {
	var v apperr.Validation
	p.Code, p.Name = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name)
	if p.Code == "" {
		v.Reject("body.code", apperr.Required(), "code is required")
	}
	if p.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if p.Status == "" {
		p.Status = "active"
	}
	return v.Err()
}

// CreatePosition adds a position. Errors: invalid (including a taken code).
func (s *Service) CreatePosition(ctx context.Context, p Position) (Position, error) {
	if err := validatePosition(&p); err != nil {
		return p, err
	}
	now := s.now()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = 0, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(p.Code), "position code %q is taken", p.Code)
			}
			return apperr.Wrap(err, "create position")
		}
		trail.Change(ctx, "position", p.ID, nil, p)
		return nil
	})
	return p, err
}

// UpdatePosition changes a position. Errors: invalid, not_found, conflict.
func (s *Service) UpdatePosition(ctx context.Context, id int64, p Position) (Position, error) {
	if err := validatePosition(&p); err != nil {
		return p, err
	}
	var out Position
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur Position
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "position", id)
		}
		p.ID, p.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &p, "position", id, p.Version, "code", "name", "name_en", "description", "sort", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(p.Code), "position code %q is taken", p.Code)
			}
			return err
		}
		if err := tx.NewSelect().Model(&out).Where("id = ?", id).Scan(ctx); err != nil {
			return apperr.Wrap(err, "reload position")
		}
		trail.Change(ctx, "position", id, cur, out)
		return nil
	})
	return out, err
}

// DeletePosition removes a position nobody holds. Errors: not_found, invalid.
func (s *Service) DeletePosition(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur Position
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "position", id)
		}
		if n, _ := tx.NewSelect().Model((*Employee)(nil)).Where("position_id = ?", id).Count(ctx); n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("position_held", apperr.P{"name": cur.Name, "count": n}), "position %q is held by %d employees; change them first", cur.Name, n)
		}
		if _, err := tx.NewDelete().Model((*Position)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete position")
		}
		trail.Change(ctx, "position", id, cur, nil)
		return nil
	})
}

// PositionByCode returns a position by its code. Errors: not_found.
func (s *Service) PositionByCode(ctx context.Context, code string) (Position, error) {
	var p Position
	err := s.db.R.NewSelect().Model(&p).Where("code = ?", code).Scan(ctx)
	return p, db.NotFound(err, "position", code)
}

// seedPositions are the positions of REQUIREMENTS G2; editable afterwards.
var seedPositions = []Position{
	{Code: "ops", Name: "运营专员", NameEN: "Operations specialist"},
	{Code: "ads", Name: "推广专员", NameEN: "Advertising specialist"},
	{Code: "cs", Name: "客服专员", NameEN: "Customer service specialist"},
	{Code: "design", Name: "美工/设计", NameEN: "Designer"},
	{Code: "warehouse", Name: "仓储物流专员", NameEN: "Warehouse and logistics specialist"},
	{Code: "trainer", Name: "培训讲师", NameEN: "Trainer"},
	{Code: "ops_manager", Name: "运营经理", NameEN: "Operations manager"},
	{Code: "hr", Name: "人事/培训管理员", NameEN: "HR / training administrator"},
}

// SeedPositions adds the built-in positions that are missing (by code).
func (s *Service) SeedPositions(ctx context.Context) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		for i, p := range seedPositions {
			p.Sort, p.Status, p.Version, p.CreatedAt, p.UpdatedAt = i+1, "active", 1, now, now
			if _, err := tx.NewInsert().Model(&p).On("CONFLICT (code) DO NOTHING").Exec(ctx); err != nil {
				return apperr.Wrap(err, "seed positions")
			}
		}
		return nil
	})
}
