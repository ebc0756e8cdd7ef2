package system

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Service reads and changes settings and dictionaries.
type Service struct {
	db *db.DB

	mu     sync.RWMutex
	cached *Settings
}

// New returns the service.
func New(d *db.DB) *Service { return &Service{db: d} }

const settingsKey = "company"

type settingsRow struct {
	bun.BaseModel `bun:"table:settings"`
	Key           string    `bun:"key,pk"`
	Value         string    `bun:"value"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

// Settings returns the current settings (defaults until saved). Cached; the
// cache is replaced on every save by this process.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	s.mu.RLock()
	c := s.cached
	s.mu.RUnlock()
	if c != nil {
		return *c, nil
	}
	var row settingsRow
	err := s.db.R.NewSelect().Model(&row).Where("key = ?", settingsKey).Scan(ctx)
	st := DefaultSettings()
	if err == nil {
		if err := json.Unmarshal([]byte(row.Value), &st); err != nil {
			return st, apperr.Wrap(err, "read settings")
		}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return st, apperr.Wrap(err, "read settings")
	}
	s.mu.Lock()
	s.cached = &st
	s.mu.Unlock()
	return st, nil
}

// UpdateSettings saves in, which must carry the current version.
// Errors: invalid, conflict.
func (s *Service) UpdateSettings(ctx context.Context, in Settings) (Settings, error) {
	if err := in.Validate(); err != nil {
		return Settings{}, err
	}
	s.mu.Lock()
	s.cached = nil
	s.mu.Unlock()
	var out Settings
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur := DefaultSettings()
		var row settingsRow
		err := tx.NewSelect().Model(&row).Where("key = ?", settingsKey).Scan(ctx)
		if err == nil {
			if err := json.Unmarshal([]byte(row.Value), &cur); err != nil {
				return apperr.Wrap(err, "read settings")
			}
		}
		if in.Version != cur.Version {
			return apperr.StaleVersion("settings", settingsKey)
		}
		out = in
		out.Version = cur.Version + 1
		b, _ := json.Marshal(out)
		row = settingsRow{Key: settingsKey, Value: string(b), UpdatedAt: time.Now().UTC()}
		if _, err := tx.NewInsert().Model(&row).On("CONFLICT (key) DO UPDATE").Set("value = EXCLUDED.value, updated_at = EXCLUDED.updated_at").Exec(ctx); err != nil {
			return apperr.Wrap(err, "save settings")
		}
		trail.Change(ctx, "settings", settingsKey, cur, out)
		return nil
	})
	s.mu.Lock()
	s.cached = nil
	s.mu.Unlock()
	return out, err
}

// Location returns the company time zone.
func (s *Service) Location(ctx context.Context) *time.Location {
	st, err := s.Settings(ctx)
	if err != nil {
		return time.UTC
	}
	return st.Location()
}
