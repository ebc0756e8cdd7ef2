package assessment

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Lessons are a session's lessons learned (B4.3).
type Lessons struct {
	bun.BaseModel `bun:"table:assessment_lessons,alias:ls"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	SessionID     int64     `bun:"session_id" json:"session_id"`
	WentWell      string    `bun:"went_well" json:"went_well"`
	ToImprove     string    `bun:"to_improve" json:"to_improve"`
	Actions       string    `bun:"actions" json:"actions" doc:"what will change next time, and who does it"`
	UpdatedBy     *int64    `bun:"updated_by" json:"updated_by"`
	Version       int       `bun:"version" json:"version" doc:"0: nothing written yet"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// LessonsInput writes a session's lessons learned.
type LessonsInput struct {
	WentWell  string `json:"went_well" required:"false" maxLength:"4000"`
	ToImprove string `json:"to_improve" required:"false" maxLength:"4000"`
	Actions   string `json:"actions" required:"false" maxLength:"4000"`
	Version   int    `json:"version" doc:"the version read; 0 for the first write"`
}

// SessionLessons returns a session's lessons learned (empty, version 0,
// when none are written). Errors: not_found, invalid.
func (s *Service) SessionLessons(ctx context.Context, sessionID int64) (Lessons, error) {
	if _, err := s.session(ctx, sessionID); err != nil {
		return Lessons{}, err
	}
	return s.lessons(ctx, s.db.R, sessionID)
}

func (s *Service) lessons(ctx context.Context, idb bun.IDB, sessionID int64) (Lessons, error) {
	var l Lessons
	err := idb.NewSelect().Model(&l).Where("ls.session_id = ?", sessionID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Lessons{SessionID: sessionID}, nil
	}
	return l, apperr.Wrap(err, "load lessons")
}

// SaveLessons writes a session's lessons learned. Errors: not_found,
// invalid, conflict.
func (s *Service) SaveLessons(ctx context.Context, sessionID int64, in LessonsInput) (Lessons, error) {
	if _, err := s.session(ctx, sessionID); err != nil {
		return Lessons{}, err
	}
	var out Lessons
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.lessons(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		now := s.now()
		next := Lessons{ID: cur.ID, SessionID: sessionID, WentWell: strings.TrimSpace(in.WentWell), ToImprove: strings.TrimSpace(in.ToImprove),
			Actions: strings.TrimSpace(in.Actions), UpdatedBy: userID(ctx), CreatedAt: cur.CreatedAt, UpdatedAt: now}
		if cur.Version == 0 {
			if in.Version != 0 {
				return apperr.StaleVersion("lessons", sessionID)
			}
			next.Version, next.CreatedAt = 1, now
			if _, err := tx.NewInsert().Model(&next).Returning("id").Exec(ctx); err != nil {
				if db.IsUniqueViolation(err) {
					return apperr.StaleVersion("lessons", sessionID)
				}
				return apperr.Wrap(err, "save lessons")
			}
		} else {
			if err := db.UpdateVersioned(ctx, tx, &next, "lessons", cur.ID, in.Version, "went_well", "to_improve", "actions", "updated_by", "updated_at"); err != nil {
				return err
			}
			next.Version = in.Version + 1
		}
		trail.Change(ctx, "lessons", sessionID, cur, next)
		out = next
		return nil
	})
	return out, err
}
