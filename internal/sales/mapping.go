package sales

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// MappingTemplate is a saved column mapping of the generic preset.
type MappingTemplate struct {
	bun.BaseModel `bun:"table:import_mappings,alias:m"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Name          string    `bun:"name" json:"name"`
	Kind          string    `bun:"kind" json:"kind" enum:"orders"`
	Raw           string    `bun:"mapping" json:"-"`
	CreatedBy     *int64    `bun:"created_by" json:"created_by"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
	Mapping       Mapping   `bun:"-" json:"mapping"`
}

// ListMappings returns every saved mapping template.
func (s *Service) ListMappings(ctx context.Context) ([]MappingTemplate, error) {
	var items []MappingTemplate
	if err := s.db.R.NewSelect().Model(&items).OrderExpr("name").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list mappings")
	}
	for i := range items {
		_ = json.Unmarshal([]byte(items[i].Raw), &items[i].Mapping)
	}
	return items, nil
}

// MappingByID returns one template. Errors: not_found.
func (s *Service) MappingByID(ctx context.Context, id int64) (MappingTemplate, error) {
	var m MappingTemplate
	if err := s.db.R.NewSelect().Model(&m).Where("id = ?", id).Scan(ctx); err != nil {
		return m, db.NotFound(err, "mapping", id)
	}
	_ = json.Unmarshal([]byte(m.Raw), &m.Mapping)
	return m, nil
}

// SaveMapping creates a template (id 0) or replaces one (version needed).
// Errors: invalid (mapping fields, taken name), not_found, conflict.
func (s *Service) SaveMapping(ctx context.Context, id int64, version int, m Mapping) (MappingTemplate, error) {
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		return MappingTemplate{}, apperr.Reject("body.name", apperr.Required(), "name is required")
	}
	if err := m.Validate(); err != nil {
		return MappingTemplate{}, err
	}
	raw, _ := json.Marshal(m)
	now := s.now()
	t := MappingTemplate{ID: id, Name: m.Name, Kind: "orders", Raw: string(raw), Version: version, CreatedAt: now, UpdatedAt: now, Mapping: m}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if id == 0 {
			t.Version = 1
			if p := auth.From(ctx); p != nil {
				t.CreatedBy = &p.UserID
			}
			if _, err := tx.NewInsert().Model(&t).Returning("id").Exec(ctx); err != nil {
				if db.IsUniqueViolation(err) {
					return apperr.Reject("body.name", apperr.Taken(m.Name), "a mapping named %q exists", m.Name)
				}
				return apperr.Wrap(err, "save mapping")
			}
			trail.Change(ctx, "import_mapping", t.ID, nil, m)
			return nil
		}
		var cur MappingTemplate
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "mapping", id)
		}
		if err := db.UpdateVersioned(ctx, tx, &t, "mapping", id, version, "name", "mapping", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(m.Name), "a mapping named %q exists", m.Name)
			}
			return err
		}
		t.Version = version + 1
		trail.Change(ctx, "import_mapping", id, cur.Raw, m)
		return nil
	})
	return t, err
}

// DeleteMapping removes a template. Errors: not_found.
func (s *Service) DeleteMapping(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur MappingTemplate
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "mapping", id)
		}
		if _, err := tx.NewDelete().Model((*MappingTemplate)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete mapping")
		}
		trail.Change(ctx, "import_mapping", id, cur.Raw, nil)
		return nil
	})
}
