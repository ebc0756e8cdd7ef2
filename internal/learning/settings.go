package learning

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Settings are the module's settings (one row, id 1).
type Settings struct {
	bun.BaseModel      `bun:"table:learning_settings"`
	ID                 int64     `bun:"id,pk" json:"-"`
	ReportDueDays      int       `bun:"report_due_days" json:"report_due_days" minimum:"1" maximum:"90" doc:"an external-training summary report is due this many days after the course ends"`
	RemindBeforeDays   string    `bun:"remind_before_days" json:"remind_before_days" pattern:"^[0-9]{1,2}(,[0-9]{1,2})*$|^$" doc:"days before the due date on which learners are reminded, comma-separated, e.g. 3,1"`
	OverdueRepeatDays  int       `bun:"overdue_repeat_days" json:"overdue_repeat_days" minimum:"1" maximum:"30" doc:"overdue reports are reminded on the day after the due date and then every this many days"`
	DocumentMinSeconds int       `bun:"document_min_seconds" json:"document_min_seconds" minimum:"1" maximum:"3600" doc:"a document counts as read after being open this long (a material's own min_seconds wins)"`
	QRRotateSeconds    int       `bun:"qr_rotate_seconds" json:"qr_rotate_seconds" minimum:"10" maximum:"600" doc:"a new check-in QR token every this many seconds"`
	QRValidSeconds     int       `bun:"qr_valid_seconds" json:"qr_valid_seconds" minimum:"10" maximum:"3600" doc:"a check-in token is accepted this long after it was issued"`
	CheckinOpenMinutes int       `bun:"checkin_open_minutes" json:"checkin_open_minutes" minimum:"0" maximum:"240" doc:"check-in opens this long before the start and closes this long after the end"`
	Version            int       `bun:"version" json:"version" doc:"required on update"`
	UpdatedAt          time.Time `bun:"updated_at" json:"updated_at" readOnly:"true"`
}

// DefaultSettings apply until someone saves others.
func DefaultSettings() Settings {
	return Settings{ID: 1, ReportDueDays: 7, RemindBeforeDays: "3,1", OverdueRepeatDays: 3, DocumentMinSeconds: 30,
		QRRotateSeconds: 30, QRValidSeconds: 90, CheckinOpenMinutes: 30, Version: 1}
}

// RemindBefore returns the reminder offsets in days, largest first.
func (st Settings) RemindBefore() []int {
	var out []int
	for _, f := range splitCSV(st.RemindBeforeDays) {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// Settings returns the current settings.
func (s *Service) Settings(ctx context.Context) (Settings, error) { return s.settings(ctx, s.db.R) }

func (s *Service) settings(ctx context.Context, idb bun.IDB) (Settings, error) {
	st := Settings{}
	err := idb.NewSelect().Model(&st).Where("id = 1").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSettings(), nil
	}
	return st, apperr.Wrap(err, "read learning settings")
}

// UpdateSettings saves the settings. Errors: invalid, conflict.
func (s *Service) UpdateSettings(ctx context.Context, in Settings) (Settings, error) {
	var out Settings
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if in.QRValidSeconds < in.QRRotateSeconds {
			return apperr.Reject("body.qr_valid_seconds", apperr.AtLeast(in.QRRotateSeconds), "must be at least qr_rotate_seconds (%d), or a shown code could expire before the next one appears", in.QRRotateSeconds)
		}
		cur, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		exists, err := tx.NewSelect().Model((*Settings)(nil)).Where("id = 1").Exists(ctx)
		if err != nil {
			return apperr.Wrap(err, "read learning settings")
		}
		in.ID, in.UpdatedAt = 1, s.now()
		if !exists {
			if in.Version != cur.Version {
				return apperr.StaleVersion("learning settings", 1)
			}
			in.Version = 2
			if _, err := tx.NewInsert().Model(&in).Exec(ctx); err != nil {
				return apperr.Wrap(err, "save learning settings")
			}
		} else if err := db.UpdateVersioned(ctx, tx, &in, "learning settings", 1, in.Version, "report_due_days", "remind_before_days",
			"overdue_repeat_days", "document_min_seconds", "qr_rotate_seconds", "qr_valid_seconds", "checkin_open_minutes", "updated_at"); err != nil {
			return err
		}
		if out, err = s.settings(ctx, tx); err != nil {
			return err
		}
		trail.Change(ctx, "learning.settings", 1, cur, out)
		return nil
	})
	return out, err
}
