package learning

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Progress is one learner's progress on one material.
type Progress struct {
	bun.BaseModel   `bun:"table:learning_progress,alias:p"`
	ID              int64      `bun:"id,pk,autoincrement" json:"-"`
	MaterialID      int64      `bun:"material_id" json:"material_id"`
	CourseID        int64      `bun:"course_id" json:"course_id"`
	EmployeeID      int64      `bun:"employee_id" json:"employee_id"`
	PositionMS      int64      `bun:"position_ms" json:"-"`
	WatchedPermille int        `bun:"watched_permille" json:"-"`
	OpenedAt        *time.Time `bun:"opened_at" json:"opened_at"`
	LastBeaconAt    *time.Time `bun:"last_beacon_at" json:"last_beacon_at"`
	CompletedAt     *time.Time `bun:"completed_at" json:"completed_at"`
	Beacons         int        `bun:"beacons" json:"beacons"`
	Clamped         int        `bun:"clamped" json:"clamped" doc:"beacons whose share was cut as impossible"`
	CreatedAt       time.Time  `bun:"created_at" json:"-"`
	UpdatedAt       time.Time  `bun:"updated_at" json:"updated_at"`

	PositionSeconds float64 `bun:"-" json:"position_seconds" doc:"resume here"`
	WatchedShare    float64 `bun:"-" json:"watched_share" doc:"0-1, never decreases"`
	Completed       bool    `bun:"-" json:"completed"`
}

func (p *Progress) derive() {
	p.PositionSeconds = float64(p.PositionMS) / 1000
	p.WatchedShare = float64(p.WatchedPermille) / 1000
	p.Completed = p.CompletedAt != nil
}

// BeaconResult is the answer to the player.
type BeaconResult struct {
	Progress        Progress `json:"progress"`
	Clamped         bool     `json:"clamped" doc:"the reported share grew faster than playback allows and was cut"`
	CourseCompleted bool     `json:"course_completed" doc:"this beacon completed the course"`
}

// playable loads a material for the calling learner: the course must be
// published (or the learner already on it); the learner is put on a
// published course by their first open.
func (s *Service) playable(ctx context.Context, tx bun.IDB, materialID, emp int64) (Material, CourseLearner, error) {
	m, err := s.material(ctx, tx, materialID)
	if err != nil {
		return m, CourseLearner{}, err
	}
	cl, err := s.ensureLearner(ctx, tx, m.CourseID, emp)
	if err != nil {
		return m, cl, apperr.NotFoundf("material", materialID)
	}
	return m, cl, nil
}

func (s *Service) progressRow(ctx context.Context, tx bun.IDB, m Material, emp int64) (Progress, error) {
	var p Progress
	err := tx.NewSelect().Model(&p).Where("material_id = ? AND employee_id = ?", m.ID, emp).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		now := s.now()
		p = Progress{MaterialID: m.ID, CourseID: m.CourseID, EmployeeID: emp, CreatedAt: now, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			return p, apperr.Wrap(err, "start progress")
		}
		return p, nil
	}
	return p, apperr.Wrap(err, "load progress")
}

// OpenMaterial records that the caller opened a material in the player: it
// starts the server-side timer a document's reading time is measured with
// (a new open restarts it) and the baseline of a video's first beacon.
// Errors: not_found.
func (s *Service) OpenMaterial(ctx context.Context, materialID int64) (Progress, error) {
	emp, err := me(ctx)
	if err != nil {
		return Progress{}, err
	}
	var out Progress
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		m, _, err := s.playable(ctx, tx, materialID, emp)
		if err != nil {
			return err
		}
		p, err := s.progressRow(ctx, tx, m, emp)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.NewUpdate().Model((*Progress)(nil)).Set("opened_at = ?", now).Set("updated_at = ?", now).Where("id = ?", p.ID).Exec(ctx); err != nil {
			return apperr.Wrap(err, "open material")
		}
		p.OpenedAt, p.UpdatedAt = &now, now
		p.derive()
		out = p
		return nil
	})
	return out, err
}

// RecordBeacon applies a player beacon under the rules of progress.go and,
// when a material gets completed, the course's completion rule.
// Errors: not_found, invalid (a video whose length is unknown).
func (s *Service) RecordBeacon(ctx context.Context, materialID int64, b Beacon) (BeaconResult, error) {
	emp, err := me(ctx)
	if err != nil {
		return BeaconResult{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return BeaconResult{}, err
	}
	var res BeaconResult
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		m, cl, err := s.playable(ctx, tx, materialID, emp)
		if err != nil {
			return err
		}
		p, err := s.progressRow(ctx, tx, m, emp)
		if err != nil {
			return err
		}
		now := s.now()
		wasDone := p.CompletedAt != nil
		if m.Kind == "video" {
			if m.DurationSeconds == 0 && b.DurationSeconds > 0 {
				// the file did not say and nobody typed it: the first player's word is kept
				m.DurationSeconds = int(math.Ceil(b.DurationSeconds))
				if _, err := tx.NewUpdate().Model((*Material)(nil)).Set("duration_seconds = ?", m.DurationSeconds).Where("id = ?", m.ID).Exec(ctx); err != nil {
					return apperr.Wrap(err, "save video length")
				}
			}
			if m.DurationSeconds == 0 {
				return apperr.Reject("body.duration_seconds", apperr.Required(), "the video's length is unknown; send duration_seconds")
			}
			since := time.Time{}
			if p.LastBeaconAt != nil {
				since = *p.LastBeaconAt
			}
			if p.OpenedAt != nil && p.OpenedAt.After(since) {
				since = *p.OpenedAt
			}
			next, clamped := ApplyVideoBeacon(VideoState{PositionMS: p.PositionMS, WatchedPermille: p.WatchedPermille, Since: since, Completed: wasDone}, b, m.DurationSeconds, now)
			p.PositionMS, p.WatchedPermille, res.Clamped = next.PositionMS, next.WatchedPermille, clamped
			if next.Completed && !wasDone {
				p.CompletedAt = &now
			}
		} else if !wasDone {
			min := m.MinSeconds
			if min == 0 {
				min = st.DocumentMinSeconds
			}
			if DocumentRead(p.OpenedAt, now, min) {
				p.CompletedAt = &now
				p.WatchedPermille = 1000
			}
		}
		p.LastBeaconAt, p.UpdatedAt = &now, now
		p.Beacons++
		if res.Clamped {
			p.Clamped++
		}
		if _, err := tx.NewUpdate().Model(&p).Column("position_ms", "watched_permille", "last_beacon_at", "completed_at", "beacons", "clamped", "updated_at").
			WherePK().Exec(ctx); err != nil {
			return apperr.Wrap(err, "save progress")
		}
		if p.CompletedAt != nil && !wasDone && cl.CompletedAt == nil {
			if res.CourseCompleted, err = s.checkCourseCompletion(ctx, tx, cl); err != nil {
				return err
			}
		}
		p.derive()
		res.Progress = p
		return nil
	})
	return res, err
}

// checkCourseCompletion applies the course rule to the learner's completed
// materials and completes the course when it is met.
func (s *Service) checkCourseCompletion(ctx context.Context, tx bun.IDB, cl CourseLearner) (bool, error) {
	c, err := s.course(ctx, tx, cl.CourseID)
	if err != nil {
		return false, err
	}
	counted, done, err := s.materialCounts(ctx, tx, cl.CourseID, cl.EmployeeID)
	if err != nil {
		return false, err
	}
	if !CourseComplete(c.CompletionRule, c.CompletionMinPct, counted, done) {
		return false, nil
	}
	return true, s.completeCourse(ctx, tx, c, cl)
}

// materialCounts returns how many materials count towards completion (the
// required ones, or all when none is required) and how many of those the
// employee completed.
func (s *Service) materialCounts(ctx context.Context, tx bun.IDB, courseID, emp int64) (counted, done int, err error) {
	var rows []struct {
		Required  bool
		Completed bool
	}
	err = tx.NewSelect().TableExpr("learning_materials AS m").ColumnExpr("m.required").
		ColumnExpr("CASE WHEN p.completed_at IS NULL THEN 0 ELSE 1 END AS completed").
		Join("LEFT JOIN learning_progress AS p ON p.material_id = m.id AND p.employee_id = ?", emp).
		Where("m.course_id = ?", courseID).Scan(ctx, &rows)
	if err != nil {
		return 0, 0, apperr.Wrap(err, "count materials")
	}
	anyRequired := false
	for _, r := range rows {
		anyRequired = anyRequired || r.Required
	}
	for _, r := range rows {
		if r.Required || !anyRequired {
			counted++
			if r.Completed {
				done++
			}
		}
	}
	return counted, done, nil
}

// completeCourse marks the learner's course completed, issues the
// certificate code and credits the course hours. Idempotent.
func (s *Service) completeCourse(ctx context.Context, tx bun.IDB, c Course, cl CourseLearner) error {
	if cl.CompletedAt != nil {
		return nil
	}
	now := s.now()
	code := certificateCode()
	if _, err := tx.NewUpdate().Model((*CourseLearner)(nil)).Set("completed_at = ?", now).Set("certificate_code = ?", code).
		Set("updated_at = ?", now).Where("id = ? AND completed_at IS NULL", cl.ID).Exec(ctx); err != nil {
		return apperr.Wrap(err, "complete course")
	}
	return s.credit(ctx, tx, cl.EmployeeID, "course", c.ID, c.HoursTenths, s.today(ctx), c.Title)
}

// MarkCourseCompleted completes a course for an employee from outside the
// player: the assessment module calls it when an exam is passed (courses
// with the exam rule). Errors: not_found (the employee is not on the course).
func (s *Service) MarkCourseCompleted(ctx context.Context, courseID, employeeID int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cl CourseLearner
		if err := tx.NewSelect().Model(&cl).Where("course_id = ? AND employee_id = ?", courseID, employeeID).Scan(ctx); err != nil {
			return apperr.NotFoundf("learner", employeeID)
		}
		c, err := s.course(ctx, tx, courseID)
		if err != nil {
			return err
		}
		return s.completeCourse(ctx, tx, c, cl)
	})
}

// certificateCode is 12 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), shown as XXXX-XXXX-XXXX.
func certificateCode() string {
	const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	b := make([]byte, 12)
	rand.Read(b)
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return sb.String()
}
