package learning

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

// Lecturer is an external lecturer or training institution (外部讲师/机构).
// Internal experts are employees and are referenced by employee id instead.
type Lecturer struct {
	bun.BaseModel `bun:"table:learning_lecturers"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Name          string    `bun:"name" json:"name"`
	Kind          string    `bun:"kind" json:"kind" enum:"person,institution"`
	Organisation  string    `bun:"organisation" json:"organisation"`
	Title         string    `bun:"title" json:"title" doc:"e.g. 高级讲师"`
	Bio           string    `bun:"bio" json:"bio"`
	Status        string    `bun:"status" json:"status" enum:"active,disabled"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// LecturerFilter filters the registry.
type LecturerFilter struct {
	api.Page
	Q      string `query:"q" doc:"matches name or organisation"`
	Status string `query:"status" enum:"active,disabled,"`
}

// ListLecturers returns a page of the registry (company-wide reference data).
func (s *Service) ListLecturers(ctx context.Context, f LecturerFilter) ([]Lecturer, int, error) {
	var items []Lecturer
	q := s.db.R.NewSelect().Model(&items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(name) LIKE ? OR lower(organisation) LIKE ?)", like, like)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "id", "name": "name"}, "name")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "list lecturers")
}

func (s *Service) lecturer(ctx context.Context, idb bun.IDB, id int64) (Lecturer, error) {
	var l Lecturer
	err := idb.NewSelect().Model(&l).Where("id = ?", id).Scan(ctx)
	return l, db.NotFound(err, "lecturer", id)
}

func validateLecturer(l *Lecturer) error {
	var v apperr.Validation
	l.Name = required(&v, "body.name", l.Name)
	if l.Kind == "" {
		l.Kind = "person"
	}
	oneOf(&v, "body.kind", l.Kind, []string{"person", "institution"})
	if l.Status == "" {
		l.Status = "active"
	}
	oneOf(&v, "body.status", l.Status, []string{"active", "disabled"})
	return v.Err()
}

// CreateLecturer adds a lecturer. Errors: invalid.
func (s *Service) CreateLecturer(ctx context.Context, l Lecturer) (Lecturer, error) {
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := validateLecturer(&l); err != nil {
			return err
		}
		now := s.now()
		l.ID, l.Version, l.CreatedAt, l.UpdatedAt = 0, 1, now, now
		if _, err := tx.NewInsert().Model(&l).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create lecturer")
		}
		trail.Change(ctx, "learning.lecturer", l.ID, nil, l)
		return nil
	})
	return l, err
}

// UpdateLecturer changes a lecturer. Errors: invalid, not_found, conflict.
func (s *Service) UpdateLecturer(ctx context.Context, id int64, l Lecturer) (Lecturer, error) {
	var out Lecturer
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.lecturer(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := validateLecturer(&l); err != nil {
			return err
		}
		l.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &l, "lecturer", id, l.Version, "name", "kind", "organisation", "title", "bio", "status", "updated_at"); err != nil {
			return err
		}
		if out, err = s.lecturer(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.lecturer", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteLecturer removes a lecturer no course or session names. Errors:
// not_found, invalid (still referenced: disable it instead).
func (s *Service) DeleteLecturer(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.lecturer(ctx, tx, id)
		if err != nil {
			return err
		}
		n1, err := tx.NewSelect().Model((*CourseLecturer)(nil)).Where("lecturer_id = ?", id).Count(ctx)
		if err != nil {
			return apperr.Wrap(err, "check lecturer use")
		}
		n2, err := tx.NewSelect().Model((*Session)(nil)).Where("lecturer_id = ?", id).Count(ctx)
		if err != nil {
			return apperr.Wrap(err, "check lecturer use")
		}
		if n1+n2 > 0 {
			return apperr.New(apperr.Invalid, "%s is named by %d courses and %d sessions; set the status to disabled instead", cur.Name, n1, n2)
		}
		if _, err := tx.NewDelete().Model((*Lecturer)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete lecturer")
		}
		trail.Change(ctx, "learning.lecturer", id, cur, nil)
		return nil
	})
}
