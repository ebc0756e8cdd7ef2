package training

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ExternalLecturer is an outside lecturer or training institution that plan
// items (and the learning module's courses) can name.
type ExternalLecturer struct {
	bun.BaseModel `bun:"table:external_lecturers,alias:el"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Name          string    `bun:"name" json:"name"`
	Institution   string    `bun:"institution" json:"institution"`
	Contact       string    `bun:"contact" json:"contact" doc:"phone, email or WeChat as given by the lecturer"`
	Notes         string    `bun:"notes" json:"notes"`
	Status        string    `bun:"status" json:"status" enum:"active,disabled"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// LecturerFilter filters external lecturers.
type LecturerFilter struct {
	api.Page
	Q      string `query:"q" doc:"matches name or institution"`
	Status string `query:"status" enum:"active,disabled,"`
}

// ListExternalLecturers returns a page of the registry.
func (s *Service) ListExternalLecturers(ctx context.Context, f LecturerFilter) ([]ExternalLecturer, int, error) {
	var items []ExternalLecturer
	q := s.db.R.NewSelect().Model(&items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(el.name) LIKE ? OR lower(el.institution) LIKE ?)", like, like)
	}
	if f.Status != "" {
		q = q.Where("el.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "el.id", "name": "el.name", "institution": "el.institution"}, "name")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "list lecturers")
}

// ExternalLecturer returns one lecturer. Errors: not_found.
func (s *Service) ExternalLecturer(ctx context.Context, id int64) (ExternalLecturer, error) {
	return s.lecturer(ctx, s.db.R, id)
}

func (s *Service) lecturer(ctx context.Context, idb bun.IDB, id int64) (ExternalLecturer, error) {
	var l ExternalLecturer
	err := idb.NewSelect().Model(&l).Where("el.id = ?", id).Scan(ctx)
	return l, db.NotFound(err, "external lecturer", id)
}

func validateLecturer(l *ExternalLecturer) error {
	l.Name, l.Institution, l.Contact = strings.TrimSpace(l.Name), strings.TrimSpace(l.Institution), strings.TrimSpace(l.Contact)
	if l.Status == "" {
		l.Status = "active"
	}
	if l.Name == "" {
		return apperr.Reject("body.name", apperr.Required(), "name is required")
	}
	return nil
}

// CreateExternalLecturer adds a lecturer. Errors: invalid.
func (s *Service) CreateExternalLecturer(ctx context.Context, l ExternalLecturer) (ExternalLecturer, error) {
	if err := validateLecturer(&l); err != nil {
		return l, err
	}
	now := s.now()
	l.ID, l.Version, l.CreatedAt, l.UpdatedAt = 0, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&l).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create lecturer")
		}
		trail.Change(ctx, "external_lecturer", l.ID, nil, l)
		return nil
	})
	return l, err
}

// UpdateExternalLecturer changes a lecturer. Errors: invalid, not_found, conflict.
func (s *Service) UpdateExternalLecturer(ctx context.Context, id int64, l ExternalLecturer) (ExternalLecturer, error) {
	if err := validateLecturer(&l); err != nil {
		return l, err
	}
	var out ExternalLecturer
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.lecturer(ctx, tx, id)
		if err != nil {
			return err
		}
		l.ID, l.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &l, "external lecturer", id, l.Version, "name", "institution", "contact", "notes", "status", "updated_at"); err != nil {
			return err
		}
		if out, err = s.lecturer(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "external_lecturer", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteExternalLecturer removes a lecturer no plan item names. Errors:
// not_found, invalid.
func (s *Service) DeleteExternalLecturer(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.lecturer(ctx, tx, id)
		if err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*PlanItem)(nil)).Where("external_lecturer_id = ?", id).Count(ctx)
		if err != nil {
			return apperr.Wrap(err, "check plan items")
		}
		if n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("lecturer_in_use", apperr.P{"name": cur.Name, "count": n}), "%s lectures %d plan items; disable the entry instead", cur.Name, n)
		}
		if _, err := tx.NewDelete().Model((*ExternalLecturer)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete lecturer")
		}
		trail.Change(ctx, "external_lecturer", id, cur, nil)
		return nil
	})
}
