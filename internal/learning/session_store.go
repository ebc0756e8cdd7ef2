package learning

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// SessionFilter filters sessions. Sessions are company-wide events:
// permission-checked, not data-scoped (their participant lists are).
type SessionFilter struct {
	api.Page
	Q          string `query:"q" doc:"matches title or place"`
	Status     string `query:"status" enum:"scheduled,completed,cancelled,"`
	CourseID   int64  `query:"course_id"`
	PlanItemID int64  `query:"plan_item_id"`
	From       string `query:"from" doc:"starts on or after this date (YYYY-MM-DD, company time zone)"`
	To         string `query:"to" doc:"starts on or before this date"`
}

func (s *Service) sessionQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	count := func(cond string) string {
		return "(SELECT count(*) FROM learning_enrolments AS en WHERE en.session_id = s.id AND " + cond + ")"
	}
	return idb.NewSelect().Model(dst).ColumnExpr("s.*").
		ColumnExpr("c.title AS course_title").
		ColumnExpr(count("en.status = 'enrolled'") + " AS enrolled").
		ColumnExpr(count("en.status = 'waitlisted'") + " AS waitlisted").
		ColumnExpr(count("en.status = 'pending'") + " AS pending").
		ColumnExpr(count("en.attendance = 'present'") + " AS present").
		Join("LEFT JOIN learning_courses AS c ON c.id = s.course_id")
}

// dayBounds turns business dates into UTC instants: from at 00:00, to at
// 24:00 of the company time zone.
func (s *Service) dayBounds(ctx context.Context, from, to string) (time.Time, time.Time, error) {
	loc := s.system.Location(ctx)
	var a, b time.Time
	var err error
	if from != "" {
		if a, err = time.ParseInLocation(time.DateOnly, from, loc); err != nil {
			return a, b, apperr.Reject("query.from", apperr.Format("date"), "must be YYYY-MM-DD")
		}
	}
	if to != "" {
		if b, err = time.ParseInLocation(time.DateOnly, to, loc); err != nil {
			return a, b, apperr.Reject("query.to", apperr.Format("date"), "must be YYYY-MM-DD")
		}
		b = b.AddDate(0, 0, 1)
	}
	return a.UTC(), b.UTC(), nil
}

// ListSessions returns a page of sessions with their counts.
func (s *Service) ListSessions(ctx context.Context, f SessionFilter) ([]Session, int, error) {
	var items []Session
	q := s.sessionQuery(s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(s.title) LIKE ? OR lower(s.place) LIKE ?)", like, like)
	}
	if f.Status != "" {
		q = q.Where("s.status = ?", f.Status)
	}
	if f.CourseID != 0 {
		q = q.Where("s.course_id = ?", f.CourseID)
	}
	if f.PlanItemID != 0 {
		q = q.Where("s.plan_item_id = ?", f.PlanItemID)
	}
	from, to, err := s.dayBounds(ctx, f.From, f.To)
	if err != nil {
		return nil, 0, err
	}
	if !from.IsZero() {
		q = q.Where("s.starts_at >= ?", from)
	}
	if !to.IsZero() {
		q = q.Where("s.starts_at < ?", to)
	}
	q, err = api.Order(q, f.Sort, map[string]string{"id": "s.id", "starts_at": "s.starts_at", "title": "s.title"}, "-starts_at")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list sessions")
	}
	return items, int(n), s.fillSessionLecturers(ctx, items)
}

func (s *Service) fillSessionLecturers(ctx context.Context, items []Session) error {
	var links []CourseLecturer
	for _, x := range items {
		links = append(links, CourseLecturer{EmployeeID: x.LecturerEmployeeID, LecturerID: x.LecturerID})
	}
	if len(links) == 0 {
		return nil
	}
	name, err := s.lecturerNames(ctx, s.db.R, links)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].LecturerName = name(links[i])
	}
	return nil
}

// Session returns one session. Errors: not_found.
func (s *Service) Session(ctx context.Context, id int64) (Session, error) {
	x, err := s.session(ctx, s.db.R, id)
	if err != nil {
		return x, err
	}
	items := []Session{x}
	err = s.fillSessionLecturers(ctx, items)
	return items[0], err
}

func (s *Service) session(ctx context.Context, idb bun.IDB, id int64) (Session, error) {
	var x Session
	err := s.sessionQuery(idb, &x).Where("s.id = ?", id).Scan(ctx)
	return x, db.NotFound(err, "session", id)
}

// prepareSession validates x and fills defaults from its course.
func (s *Service) prepareSession(ctx context.Context, tx bun.IDB, x *Session) error {
	if err := x.validate(); err != nil {
		return err
	}
	var v apperr.Validation
	if x.CourseID != nil {
		c, err := s.course(ctx, tx, *x.CourseID)
		if err != nil {
			v.Reject("body.course_id", apperr.Missing(*x.CourseID), "course %d does not exist", *x.CourseID)
		} else {
			if x.Title == "" {
				x.Title = c.Title
			}
			if x.HoursTenths == 0 {
				x.HoursTenths = c.HoursTenths
			}
		}
	}
	if x.LecturerEmployeeID != nil {
		dir, err := s.directory(ctx)
		if err != nil {
			return err
		}
		if _, ok := dir.emps[*x.LecturerEmployeeID]; !ok {
			v.Reject("body.lecturer_employee_id", apperr.Missing(*x.LecturerEmployeeID), "employee %d does not exist", *x.LecturerEmployeeID)
		}
	}
	if x.LecturerID != nil && !s.knownLecturer(ctx, *x.LecturerID) {
		v.Reject("body.lecturer_id", apperr.Missing(*x.LecturerID), "external lecturer %d is not in the registry", *x.LecturerID)
	}
	return v.Err()
}

func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// CreateSession schedules a session. Errors: invalid.
func (s *Service) CreateSession(ctx context.Context, x Session) (Session, error) {
	var out Session
	if err := s.checkPlanItem(ctx, x.PlanItemID); err != nil {
		return out, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.prepareSession(ctx, tx, &x); err != nil {
			return err
		}
		now := s.now()
		x.ID, x.Status, x.CheckinSecret, x.DeliveredAt, x.Version, x.CreatedAt, x.UpdatedAt = 0, "scheduled", newSecret(), nil, 1, now, now
		if _, err := tx.NewInsert().Model(&x).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create session")
		}
		var err error
		if out, err = s.session(ctx, tx, x.ID); err != nil {
			return err
		}
		trail.Change(ctx, "learning.session", x.ID, nil, out)
		return nil
	})
	if err == nil {
		s.markScheduled(ctx, out.PlanItemID)
	}
	return out, err
}

// UpdateSession changes a scheduled session. Raising the capacity promotes
// waitlisted people into the new seats; lowering it below the people
// already enrolled is refused. Errors: invalid, not_found, conflict.
func (s *Service) UpdateSession(ctx context.Context, id int64, x Session) (Session, error) {
	var out Session
	var promoted []int64
	if err := s.checkPlanItem(ctx, x.PlanItemID); err != nil {
		return out, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.session(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != "scheduled" {
			return sessionOver(cur, "session %d is %s and can no longer be changed", id, cur.Status)
		}
		if err := s.prepareSession(ctx, tx, &x); err != nil {
			return err
		}
		if x.Capacity > 0 && x.Capacity < cur.Enrolled {
			return apperr.Reject("body.capacity", apperr.Because("below_enrolled", apperr.P{"enrolled": cur.Enrolled}), "%d people are already enrolled; remove some before lowering the capacity to %d", cur.Enrolled, x.Capacity)
		}
		x.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &x, "session", id, x.Version, "course_id", "plan_item_id", "title", "description", "starts_at", "ends_at",
			"place", "online_url", "lecturer_employee_id", "lecturer_id", "capacity", "waitlist", "self_enrol", "walk_in", "hours_tenths", "updated_at"); err != nil {
			return err
		}
		if promoted, err = s.promoteWaitlist(ctx, tx, id); err != nil {
			return err
		}
		if out, err = s.session(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.session", id, cur, out)
		return s.notifyTx(ctx, tx, promoted, s.seatNotice(out))
	})
	return out, err
}

// CancelSession calls a scheduled session off and tells the participants.
// Errors: not_found, invalid (already completed or cancelled).
func (s *Service) CancelSession(ctx context.Context, id int64, reason string) (Session, error) {
	var out Session
	var people []int64
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.session(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != "scheduled" {
			return sessionOver(cur, "session %d is already %s", id, cur.Status)
		}
		if err := tx.NewSelect().Model((*Enrolment)(nil)).Column("employee_id").Where("session_id = ? AND status IN ('enrolled','waitlisted','pending')", id).Scan(ctx, &people); err != nil {
			return apperr.Wrap(err, "list participants")
		}
		if _, err := tx.NewUpdate().Model((*Session)(nil)).Set("status = 'cancelled'").Set("version = version + 1").Set("updated_at = ?", s.now()).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "cancel session")
		}
		if out, err = s.session(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.session.cancel", id, cur, map[string]any{"status": out.Status, "reason": reason})
		return s.notifyTx(ctx, tx, people, Notice{Kind: "learning.session_cancelled", Title: "培训取消：" + out.Title, Body: reason,
			Link: "/learning/my", DedupeKey: s.eventKey("learning.session_cancelled", id)})
	})
	return out, err
}

// seatNotice tells people they have a seat in x.
func (s *Service) seatNotice(x Session) Notice {
	return Notice{Kind: "learning.session_seat", Title: "培训报名成功：" + x.Title, Link: "/learning/my",
		Body: "你已获得培训名额，开始时间 " + x.StartsAt.Format(time.RFC3339) + "，地点 " + x.Place, DedupeKey: s.eventKey("learning.session_seat", x.ID)}
}
