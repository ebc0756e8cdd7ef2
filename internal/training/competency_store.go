package training

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// CompetencyFilter filters competencies. Competency models are company-wide
// reference data: permission-checked, not data-scoped.
type CompetencyFilter struct {
	api.Page
	PositionID int64  `query:"position_id"`
	Category   string `query:"category" enum:"knowledge,skill,quality,"`
	Q          string `query:"q" doc:"matches name or description"`
}

// ListCompetencies returns a page of competencies, by position and sort order.
func (s *Service) ListCompetencies(ctx context.Context, f CompetencyFilter) ([]Competency, int, error) {
	var items []Competency
	q := s.db.R.NewSelect().Model(&items)
	if f.PositionID != 0 {
		q = q.Where("c.position_id = ?", f.PositionID)
	}
	if f.Category != "" {
		q = q.Where("c.category = ?", f.Category)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(c.name) LIKE ? OR lower(c.description) LIKE ?)", like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "c.id", "name": "c.name", "position": "c.position_id", "required_level": "c.required_level"}, "position")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q.OrderExpr("c.sort, c.id")).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list competencies")
	}
	return items, int(n), s.nameCompetencies(ctx, items)
}

func (s *Service) nameCompetencies(ctx context.Context, items []Competency) error {
	if len(items) == 0 {
		return nil
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].PositionName = dir.positionName(items[i].PositionID)
	}
	return nil
}

// Competency returns one competency. Errors: not_found.
func (s *Service) Competency(ctx context.Context, id int64) (Competency, error) {
	c, err := s.competency(ctx, s.db.R, id)
	if err != nil {
		return c, err
	}
	items := []Competency{c}
	err = s.nameCompetencies(ctx, items)
	return items[0], err
}

func (s *Service) competency(ctx context.Context, idb bun.IDB, id int64) (Competency, error) {
	var c Competency
	err := idb.NewSelect().Model(&c).Where("c.id = ?", id).Scan(ctx)
	return c, db.NotFound(err, "competency", id)
}

// positionCompetencies returns a position's model in sort order.
func (s *Service) positionCompetencies(ctx context.Context, idb bun.IDB, positionIDs []int64) (map[int64][]Competency, error) {
	out := map[int64][]Competency{}
	if len(positionIDs) == 0 {
		return out, nil
	}
	var items []Competency
	if err := idb.NewSelect().Model(&items).Where("c.position_id IN (?)", bun.In(positionIDs)).OrderExpr("c.sort, c.id").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load competency models")
	}
	for _, c := range items {
		out[c.PositionID] = append(out[c.PositionID], c)
	}
	return out, nil
}

// CompetencyModels summarises every position's model (positions without
// competencies included, with zero counts).
func (s *Service) CompetencyModels(ctx context.Context) ([]PositionModel, error) {
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		PositionID int64  `bun:"position_id"`
		Category   string `bun:"category"`
		N          int    `bun:"n"`
	}
	if err := s.db.R.NewSelect().Model((*Competency)(nil)).ColumnExpr("c.position_id, c.category, count(*) AS n").
		GroupExpr("c.position_id, c.category").Scan(ctx, &rows); err != nil {
		return nil, apperr.Wrap(err, "count competencies")
	}
	byPos := map[int64]*PositionModel{}
	var out []PositionModel
	for _, p := range sortedPositions(dir) {
		out = append(out, PositionModel{PositionID: p.ID, PositionCode: p.Code, PositionName: p.Name})
	}
	for i := range out {
		byPos[out[i].PositionID] = &out[i]
	}
	for _, r := range rows {
		m := byPos[r.PositionID]
		if m == nil {
			continue
		}
		switch r.Category {
		case "knowledge":
			m.Knowledge += r.N
		case "skill":
			m.Skill += r.N
		case "quality":
			m.Quality += r.N
		}
		m.Total += r.N
	}
	return out, nil
}

func (s *Service) validateCompetencyRefs(ctx context.Context, c *Competency) error {
	if err := validateCompetency(c); err != nil {
		return err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	if _, ok := dir.pos[c.PositionID]; !ok {
		return apperr.Reject("body.position_id", apperr.Missing(c.PositionID), "position %d does not exist", c.PositionID)
	}
	return nil
}

// CreateCompetency adds a competency to a position's model. Errors: invalid
// (including a name the position's model already has).
func (s *Service) CreateCompetency(ctx context.Context, c Competency) (Competency, error) {
	if err := s.validateCompetencyRefs(ctx, &c); err != nil {
		return c, err
	}
	now := s.now()
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = 0, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&c).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(c.Name), "this position's model already has a competency named %q", c.Name)
			}
			return apperr.Wrap(err, "create competency")
		}
		trail.Change(ctx, "competency", c.ID, nil, c)
		return nil
	})
	if err != nil {
		return c, err
	}
	return s.Competency(ctx, c.ID)
}

// UpdateCompetency changes a competency. Rounds already opened keep the
// required level they snapshotted. Errors: invalid, not_found, conflict.
func (s *Service) UpdateCompetency(ctx context.Context, id int64, c Competency) (Competency, error) {
	if err := s.validateCompetencyRefs(ctx, &c); err != nil {
		return c, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.competency(ctx, tx, id)
		if err != nil {
			return err
		}
		c.ID, c.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &c, "competency", id, c.Version,
			"position_id", "category", "name", "description", "required_level", "levels", "sort", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(c.Name), "this position's model already has a competency named %q", c.Name)
			}
			return err
		}
		out, err := s.competency(ctx, tx, id)
		if err != nil {
			return err
		}
		trail.Change(ctx, "competency", id, cur, out)
		return nil
	})
	if err != nil {
		return c, err
	}
	return s.Competency(ctx, id)
}

// DeleteCompetency removes a competency no assessment has rated. Errors:
// not_found, invalid (rated in a round).
func (s *Service) DeleteCompetency(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.competency(ctx, tx, id)
		if err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*Rating)(nil)).Where("competency_id = ?", id).Count(ctx)
		if err != nil {
			return apperr.Wrap(err, "check ratings")
		}
		if n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("competency_rated", apperr.P{"name": cur.Name, "count": n}), "competency %q is rated in %d assessments; keep it for their history", cur.Name, n)
		}
		if _, err := tx.NewDelete().Model((*Competency)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete competency")
		}
		trail.Change(ctx, "competency", id, cur, nil)
		return nil
	})
}
