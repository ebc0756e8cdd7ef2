package training

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ProblemFilter filters the register. Problems are data-scoped by owner.
type ProblemFilter struct {
	api.Page
	Area    string `query:"area" enum:"conversion,returns,complaints,ads_roi,stock,other,"`
	Status  string `query:"status" enum:"open,analysing,action,closed,"`
	OwnerID int64  `query:"owner_id"`
	Q       string `query:"q" doc:"matches title, description or causes"`
}

// ListProblems returns a page of the problems whose owner the caller may see.
func (s *Service) ListProblems(ctx context.Context, f ProblemFilter) ([]BusinessProblem, int, error) {
	var items []BusinessProblem
	q := auth.Filter(ctx, s.db.R.NewSelect().Model(&items), "bp.owner_id", auth.EmployeeSet)
	if f.Area != "" {
		q = q.Where("bp.area = ?", f.Area)
	}
	if f.Status != "" {
		q = q.Where("bp.status = ?", f.Status)
	}
	if f.OwnerID != 0 {
		q = q.Where("bp.owner_id = ?", f.OwnerID)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(bp.title) LIKE ? OR lower(bp.description) LIKE ? OR lower(bp.causes) LIKE ?)", like, like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "bp.id", "title": "bp.title", "found_date": "bp.found_date", "status": "bp.status"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list problems")
	}
	return items, int(n), s.fillProblems(ctx, s.db.R, items)
}

func (s *Service) fillProblems(ctx context.Context, idb bun.IDB, items []BusinessProblem) error {
	if len(items) == 0 {
		return nil
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	shops, _, err := s.org.ListShops(auth.With(ctx, nil), org.ShopFilter{})
	if err != nil {
		return err
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	var counts []struct {
		SourceID int64 `bun:"source_id"`
		N        int   `bun:"n"`
	}
	if err := idb.NewSelect().Model((*Need)(nil)).ColumnExpr("n.source_id, count(*) AS n").Where("n.source = ?", SourceProblem).
		Where("n.source_id IN (?)", bun.In(ids)).GroupExpr("n.source_id").Scan(ctx, &counts); err != nil {
		return apperr.Wrap(err, "count problem needs")
	}
	for i := range items {
		p := &items[i]
		p.OwnerName = dir.employeeName(p.OwnerID)
		for _, sh := range shops {
			if p.ShopID != nil && sh.ID == *p.ShopID {
				p.ShopName = sh.Name
			}
		}
		for _, c := range counts {
			if c.SourceID == p.ID {
				p.Needs = c.N
			}
		}
	}
	return nil
}

// Problem returns one problem the caller may see. Errors: not_found.
func (s *Service) Problem(ctx context.Context, id int64) (BusinessProblem, error) {
	return s.problem(ctx, s.db.R, id)
}

func (s *Service) problem(ctx context.Context, idb bun.IDB, id int64) (BusinessProblem, error) {
	var p BusinessProblem
	q := auth.Filter(ctx, idb.NewSelect().Model(&p).Where("bp.id = ?", id), "bp.owner_id", auth.EmployeeSet)
	if err := q.Scan(ctx); err != nil {
		return p, db.NotFound(err, "business problem", id)
	}
	items := []BusinessProblem{p}
	err := s.fillProblems(ctx, idb, items)
	return items[0], err
}

func (s *Service) validateProblemRefs(ctx context.Context, p *BusinessProblem) error {
	if err := validateProblem(p); err != nil {
		return err
	}
	var v apperr.Validation
	if !auth.Sees(ctx, p.OwnerID, auth.EmployeeSet) {
		v.Reject("body.owner_id", apperr.Missing(p.OwnerID), "employee %d does not exist or is outside your scope", p.OwnerID)
	} else if dir, err := s.directory(ctx); err != nil {
		return err
	} else if _, ok := dir.emps[p.OwnerID]; !ok {
		v.Reject("body.owner_id", apperr.Missing(p.OwnerID), "employee %d does not exist", p.OwnerID)
	}
	if p.ShopID != nil {
		if _, err := s.org.Shop(auth.With(ctx, nil), *p.ShopID); err != nil {
			v.Reject("body.evidence_shop_id", apperr.Missing(*p.ShopID), "shop %d does not exist", *p.ShopID)
		}
	}
	return v.Err()
}

// closedDate keeps the date a problem was closed, set when it first closes.
func (s *Service) closedDate(ctx context.Context, status, before string) string {
	if status != "closed" {
		return ""
	}
	if before != "" {
		return before
	}
	return s.today(ctx)
}

// CreateProblem records a problem owned by someone the caller may see.
// Errors: invalid.
func (s *Service) CreateProblem(ctx context.Context, p BusinessProblem) (BusinessProblem, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return BusinessProblem{}, err
	}
	if err := s.validateProblemRefs(ctx, &p); err != nil {
		return p, err
	}
	if p.FoundDate == "" {
		p.FoundDate = s.today(ctx)
	}
	p.ClosedDate = s.closedDate(ctx, p.Status, "")
	var out BusinessProblem
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		p.ID, p.Version, p.CreatedAt, p.UpdatedAt = 0, 1, now, now
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create problem")
		}
		var err error
		if out, err = s.problem(auth.With(ctx, nil), tx, p.ID); err != nil {
			return err
		}
		trail.Change(ctx, "business_problem", p.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdateProblem changes a problem the caller may see. Errors: invalid,
// not_found, conflict.
func (s *Service) UpdateProblem(ctx context.Context, id int64, p BusinessProblem) (BusinessProblem, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return BusinessProblem{}, err
	}
	if err := s.validateProblemRefs(ctx, &p); err != nil {
		return p, err
	}
	var out BusinessProblem
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.problem(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.FoundDate == "" {
			p.FoundDate = cur.FoundDate
		}
		p.ID, p.UpdatedAt, p.ClosedDate = id, s.now(), s.closedDate(ctx, p.Status, cur.ClosedDate)
		if err := db.UpdateVersioned(ctx, tx, &p, "business problem", id, p.Version, "title", "area", "description",
			"evidence_metric", "evidence_shop_id", "evidence_period", "evidence_value", "evidence_url", "evidence_note",
			"causes", "owner_id", "status", "found_date", "closed_date", "updated_at"); err != nil {
			return err
		}
		if out, err = s.problem(auth.With(ctx, nil), tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "business_problem", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteProblem removes a problem that raised no needs. Errors: not_found, invalid.
func (s *Service) DeleteProblem(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.problem(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Needs > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("problem_has_needs", apperr.P{"title": cur.Title, "count": cur.Needs}), "problem %q raised %d training needs; close it instead", cur.Title, cur.Needs)
		}
		if _, err := tx.NewDelete().Model((*BusinessProblem)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete problem")
		}
		trail.Change(ctx, "business_problem", id, cur, nil)
		return nil
	})
}

// RaiseProblemNeed adds a business_problem need linked to a problem the
// caller may see. Errors: not_found, invalid.
func (s *Service) RaiseProblemNeed(ctx context.Context, problemID int64, in NeedInput) (Need, error) {
	if _, err := s.Problem(ctx, problemID); err != nil {
		return Need{}, err
	}
	return s.createNeed(ctx, SourceProblem, &problemID, in)
}
