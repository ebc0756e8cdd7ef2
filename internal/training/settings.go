package training

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// TrainingSettings are the module's settings.
type TrainingSettings struct {
	GapThreshold int `json:"gap_threshold" minimum:"1" maximum:"4" doc:"a gap (required - agreed level) at least this big becomes a training need when a round closes"`
	Version      int `json:"version" doc:"required on update"`
}

// DefaultGapThreshold applies until someone changes the setting.
const DefaultGapThreshold = 1

type settingsRow struct {
	bun.BaseModel `bun:"table:training_settings"`
	ID            int64     `bun:"id,pk"`
	GapThreshold  int       `bun:"gap_threshold"`
	SeededAt      time.Time `bun:"seeded_at"`
	Version       int       `bun:"version"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

// Settings returns the module settings (defaults before Seed ran).
func (s *Service) Settings(ctx context.Context) (TrainingSettings, error) {
	return s.settings(ctx, s.db.R)
}

func (s *Service) settings(ctx context.Context, idb bun.IDB) (TrainingSettings, error) {
	var r settingsRow
	err := idb.NewSelect().Model(&r).Where("id = 1").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return TrainingSettings{GapThreshold: DefaultGapThreshold, Version: 1}, nil
	}
	if err != nil {
		return TrainingSettings{}, apperr.Wrap(err, "load training settings")
	}
	return TrainingSettings{GapThreshold: r.GapThreshold, Version: r.Version}, nil
}

// UpdateSettings saves the settings. Errors: invalid, conflict.
func (s *Service) UpdateSettings(ctx context.Context, in TrainingSettings) (TrainingSettings, error) {
	if in.GapThreshold < 1 || in.GapThreshold > MaxLevel-1 {
		return in, apperr.Reject("body.gap_threshold", apperr.Between(1, MaxLevel-1), "gap threshold must be between 1 and %d", MaxLevel-1)
	}
	var out TrainingSettings
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		r := settingsRow{ID: 1, GapThreshold: in.GapThreshold, UpdatedAt: s.now()}
		if err := db.UpdateVersioned(ctx, tx, &r, "training settings", 1, in.Version, "gap_threshold", "updated_at"); err != nil {
			return err
		}
		if out, err = s.settings(ctx, tx); err != nil {
			return err
		}
		trail.Change(ctx, "training.settings", 1, cur, out)
		return nil
	})
	return out, err
}

// Seed runs at every start. The first run on a database creates the settings
// row and, in the same transaction, the built-in competency models and the
// development survey; later runs change nothing, so edits and deletions of
// the seeded rows stick.
func (s *Service) Seed(ctx context.Context) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		r := settingsRow{ID: 1, GapThreshold: DefaultGapThreshold, SeededAt: now, Version: 1, UpdatedAt: now}
		res, err := tx.NewInsert().Model(&r).On("CONFLICT (id) DO NOTHING").Exec(ctx)
		if err != nil {
			return apperr.Wrap(err, "seed training settings")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if err := s.seedCompetencies(ctx, tx); err != nil {
			return err
		}
		return s.seedSurvey(ctx, tx)
	})
}
