package learning

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

func dataURL(contentType string, b []byte) string {
	return "data:" + contentType + ";base64," + base64.StdEncoding.EncodeToString(b)
}

// markAttendance sets one enrolment's attendance and keeps the hours
// ledger in step: present credits the session's hours (earned on the
// session's start date), absent removes them.
func (s *Service) markAttendance(ctx context.Context, tx bun.IDB, x Session, e Enrolment, attendance, method string, now time.Time) error {
	q := tx.NewUpdate().Model((*Enrolment)(nil)).Set("attendance = ?", attendance).Set("checkin_method = ?", method).
		Set("version = version + 1").Set("updated_at = ?", now).Where("id = ?", e.ID)
	if attendance == "present" && e.CheckedInAt == nil {
		q = q.Set("checked_in_at = ?", now)
	}
	if attendance == "absent" {
		q = q.Set("checked_in_at = NULL")
	}
	if _, err := q.Exec(ctx); err != nil {
		return apperr.Wrap(err, "record attendance")
	}
	trail.Change(ctx, "learning.attendance", e.ID, map[string]any{"attendance": e.Attendance}, map[string]any{"attendance": attendance, "method": method})
	if attendance == "present" {
		on := x.StartsAt.In(s.system.Location(ctx)).Format(time.DateOnly)
		return s.credit(ctx, tx, e.EmployeeID, "session", x.ID, x.HoursTenths, on, x.Title)
	}
	return s.uncredit(ctx, tx, e.EmployeeID, "session", x.ID)
}

// RollCallItem is one line of the lecturer's roll call.
type RollCallItem struct {
	EmployeeID int64  `json:"employee_id"`
	Attendance string `json:"attendance" enum:"present,absent"`
}

// RollCall records attendance for enrolled people (the lecturer's list).
// Only people enrolled in the session can be marked; the whole call is
// refused when one is not (the error names them). Allowed from the check-in
// opening until the session is completed. Errors: not_found, invalid.
func (s *Service) RollCall(ctx context.Context, sessionID int64, items []RollCallItem) ([]Enrolment, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.session(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if x.Status == "cancelled" {
			return sessionOver(x, "session %d was cancelled", sessionID)
		}
		now := s.now()
		if from, _ := checkinWindow(x, time.Duration(st.CheckinOpenMinutes)*time.Minute); now.Before(from) {
			return apperr.Refuse(apperr.Invalid, apperr.Because("attendance_not_open", apperr.P{"opens_at": from.UTC().Format(time.RFC3339)}), "attendance opens at %s", from.Format(time.RFC3339))
		}
		var v apperr.Validation
		var found []Enrolment
		for i, it := range items {
			e, ok, err := s.enrolment(ctx, tx, sessionID, it.EmployeeID)
			if err != nil {
				return err
			}
			if !ok || e.Status != "enrolled" || !seesEmployee(ctx, it.EmployeeID) {
				v.Reject("body.items", apperr.Because("not_enrolled", apperr.P{"line": i + 1, "id": it.EmployeeID}), "line %d: employee %d is not enrolled in this session", i+1, it.EmployeeID)
				continue
			}
			found = append(found, e)
		}
		if err := v.Err(); err != nil {
			return err
		}
		for i, e := range found {
			if e.Attendance == items[i].Attendance {
				continue
			}
			if err := s.markAttendance(ctx, tx, x, e, items[i].Attendance, "roll_call", now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out, _, err := s.ListEnrolments(ctx, sessionID, EnrolmentFilter{})
	return out, err
}

// CompleteSession closes a session after it ended: enrolled people without
// attendance are marked absent, the session is completed and its plan item
// marked delivered (on the session's start date) after the commit.
// Errors: not_found, invalid (not scheduled, not ended yet).
func (s *Service) CompleteSession(ctx context.Context, sessionID int64) (Session, error) {
	var out Session
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.scheduled(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		now := s.now()
		if now.Before(x.EndsAt) {
			return apperr.Refuse(apperr.Invalid, apperr.Because("session_not_ended", apperr.P{"ends_at": x.EndsAt.UTC().Format(time.RFC3339)}), "the session ends at %s; complete it afterwards", x.EndsAt.Format(time.RFC3339))
		}
		if _, err := tx.NewUpdate().Model((*Enrolment)(nil)).Set("attendance = 'absent'").Set("version = version + 1").Set("updated_at = ?", now).
			Where("session_id = ? AND status = 'enrolled' AND attendance = ''", sessionID).Exec(ctx); err != nil {
			return apperr.Wrap(err, "close attendance")
		}
		if _, err := tx.NewUpdate().Model((*Session)(nil)).Set("status = 'completed'").Set("delivered_at = ?", now).
			Set("version = version + 1").Set("updated_at = ?", now).Where("id = ?", sessionID).Exec(ctx); err != nil {
			return apperr.Wrap(err, "complete session")
		}
		if out, err = s.session(ctx, tx, sessionID); err != nil {
			return err
		}
		trail.Change(ctx, "learning.session.complete", sessionID, x, out)
		return nil
	})
	if err == nil {
		s.markDelivered(ctx, out.PlanItemID, out.StartsAt.In(s.system.Location(ctx)).Format(time.DateOnly))
	}
	return out, err
}
