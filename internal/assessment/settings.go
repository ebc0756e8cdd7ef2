package assessment

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

// Settings are the module's settings (one row).
type Settings struct {
	bun.BaseModel     `bun:"table:assessment_settings"`
	ID                int64     `bun:"id,pk" json:"-"`
	BehaviourCSV      string    `bun:"behaviour_days" json:"-"`
	BehaviourDays     []int     `bun:"-" json:"behaviour_days" doc:"when managers are asked to rate trainees on the job: days after the session, each of 30, 60, 90"`
	FeedbackDays      int       `bun:"feedback_days" json:"feedback_days" doc:"a session's feedback form stays open this many days after it ends"`
	ResultsPeriodDays int       `bun:"results_period_days" json:"results_period_days" doc:"results level: the periods before and after a session compared, in days"`
	MinGroupSize      int       `bun:"min_group_size" json:"min_group_size" doc:"results level: fewest shops in each group (trained, comparison) to draw a conclusion"`
	Version           int       `bun:"version" json:"version"`
	UpdatedAt         time.Time `bun:"updated_at" json:"updated_at"`
}

// SettingsInput changes the settings.
type SettingsInput struct {
	BehaviourDays     []int `json:"behaviour_days" maxItems:"3" doc:"each of 30, 60, 90; empty: no rating requests"`
	FeedbackDays      int   `json:"feedback_days" minimum:"1" maximum:"90"`
	ResultsPeriodDays int   `json:"results_period_days" minimum:"7" maximum:"365"`
	MinGroupSize      int   `json:"min_group_size" minimum:"2" maximum:"100"`
	Version           int   `json:"version" doc:"the version read (0 before the first save)"`
}

// BehaviourChoices are the allowed rating delays.
var BehaviourChoices = []int{30, 60, 90}

// DefaultSettings are used until the settings are saved.
func DefaultSettings() Settings {
	return Settings{ID: 1, BehaviourCSV: "90", BehaviourDays: []int{90}, FeedbackDays: 7, ResultsPeriodDays: 30, MinGroupSize: 3}
}

// Settings returns the module's settings.
func (s *Service) Settings(ctx context.Context) (Settings, error) { return s.settings(ctx, s.db.R) }

func (s *Service) settings(ctx context.Context, idb bun.IDB) (Settings, error) {
	st := DefaultSettings()
	err := idb.NewSelect().Model(&st).Where("id = 1").Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, apperr.Wrap(err, "load settings")
	}
	st.BehaviourDays = []int{}
	for _, p := range strings.Split(st.BehaviourCSV, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			st.BehaviourDays = append(st.BehaviourDays, n)
		}
	}
	return st, nil
}

// UpdateSettings saves the settings (version 0 before the first save).
// Errors: invalid, conflict.
func (s *Service) UpdateSettings(ctx context.Context, in SettingsInput) (Settings, error) {
	var v apperr.Validation
	days := slices.Clone(in.BehaviourDays)
	slices.Sort(days)
	days = slices.Compact(days)
	parts := []string{}
	for _, d := range days {
		if !slices.Contains(BehaviourChoices, d) {
			v.Reject("body.behaviour_days", apperr.OneOf("30", "60", "90"), "each delay is 30, 60 or 90 days")
		}
		parts = append(parts, strconv.Itoa(d))
	}
	if in.FeedbackDays < 1 || in.FeedbackDays > 90 {
		v.Reject("body.feedback_days", apperr.Between(1, 90), "between 1 and 90")
	}
	if in.ResultsPeriodDays < 7 || in.ResultsPeriodDays > 365 {
		v.Reject("body.results_period_days", apperr.Between(7, 365), "between 7 and 365")
	}
	if in.MinGroupSize < 2 || in.MinGroupSize > 100 {
		v.Reject("body.min_group_size", apperr.Between(2, 100), "between 2 and 100")
	}
	if err := v.Err(); err != nil {
		return Settings{}, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		if in.Version != cur.Version {
			return apperr.StaleVersion("settings", 1)
		}
		next := Settings{ID: 1, BehaviourCSV: strings.Join(parts, ","), FeedbackDays: in.FeedbackDays, ResultsPeriodDays: in.ResultsPeriodDays,
			MinGroupSize: in.MinGroupSize, Version: cur.Version + 1, UpdatedAt: s.now()}
		if _, err := tx.NewInsert().Model(&next).On("CONFLICT (id) DO UPDATE").
			Set("behaviour_days = EXCLUDED.behaviour_days, feedback_days = EXCLUDED.feedback_days").
			Set("results_period_days = EXCLUDED.results_period_days, min_group_size = EXCLUDED.min_group_size").
			Set("version = EXCLUDED.version, updated_at = EXCLUDED.updated_at").Exec(ctx); err != nil {
			return apperr.Wrap(err, "save settings")
		}
		trail.Change(ctx, "assessment.settings", 1, cur, next)
		return nil
	})
	if err != nil {
		return Settings{}, err
	}
	return s.Settings(ctx)
}
