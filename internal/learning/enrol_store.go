package learning

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// EnrolResult says what an assignment did.
type EnrolResult struct {
	Enrolled   int `json:"enrolled" doc:"given a seat now"`
	Waitlisted int `json:"waitlisted" doc:"put on the waitlist"`
	Already    int `json:"already" doc:"already enrolled or waiting; unchanged"`
	Skipped    int `json:"skipped" doc:"ids unknown, left, or outside your data scope"`
}

func (s *Service) scheduled(ctx context.Context, tx bun.IDB, id int64) (Session, error) {
	x, err := s.session(ctx, tx, id)
	if err != nil {
		return x, err
	}
	if x.Status != "scheduled" {
		return x, sessionOver(x, "session %d is %s; enrolment is closed", id, x.Status)
	}
	return x, nil
}

// AssignSession enrols an audience (people, departments, positions). It is
// all or nothing: when the people without a seat do not fit the free seats
// and the session keeps no waitlist, nobody is enrolled and the error says
// how many seats are left. Pending requests of people in the audience are
// approved; cancelled or declined people are enrolled again.
// Errors: not_found, invalid.
func (s *Service) AssignSession(ctx context.Context, sessionID int64, a Audience) (EnrolResult, error) {
	var res EnrolResult
	dir, err := s.directory(ctx)
	if err != nil {
		return res, err
	}
	ids, skipped := dir.expand(ctx, a)
	res.Skipped = skipped
	if len(ids) == 0 {
		return res, apperr.Reject("body.audience", apperr.Because("nobody", nil), "names nobody you may enrol (unknown, left, or outside your data scope)")
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.scheduled(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		var todo []int64
		cur := map[int64]Enrolment{}
		for _, id := range ids {
			e, ok, err := s.enrolment(ctx, tx, sessionID, id)
			if err != nil {
				return err
			}
			if ok && (e.Status == "enrolled" || e.Status == "waitlisted") {
				res.Already++
				continue
			}
			if ok {
				cur[id] = e
			}
			todo = append(todo, id)
		}
		if free := freeSeats(x.Capacity, x.Enrolled); free >= 0 && len(todo) > free && !x.Waitlist {
			return apperr.Reject("body.audience", apperr.Because("no_seats", apperr.P{"needed": len(todo), "free": free, "capacity": x.Capacity}),
				"%d people need a seat but only %d of %d are free and the session keeps no waitlist; raise the capacity or turn the waitlist on",
				len(todo), free, x.Capacity)
		}
		enrolled := x.Enrolled
		now := s.now()
		var seated []int64
		for _, id := range todo {
			status, _ := seatFor(x.Capacity, enrolled, x.Waitlist)
			if status == "enrolled" {
				enrolled++
				res.Enrolled++
				seated = append(seated, id)
			} else {
				res.Waitlisted++
			}
			if e, ok := cur[id]; ok {
				if err := s.setStatus(ctx, tx, e.ID, status, ""); err != nil {
					return err
				}
				continue
			}
			e := Enrolment{SessionID: sessionID, EmployeeID: id, Source: "assigned", Status: status, Version: 1, CreatedAt: now, UpdatedAt: now,
				DecidedBy: nullID(userID(ctx)), DecidedAt: &now}
			if _, err := tx.NewInsert().Model(&e).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "enrol")
			}
		}
		trail.Change(ctx, "learning.session.assign", sessionID, nil, map[string]any{"employee_ids": todo, "result": res})
		return s.notifyTx(ctx, tx, seated, s.seatNotice(x))
	})
	return res, err
}

// RequestSeat is self-enrolment: the caller asks to join a session open for
// it; a manager approves (ApproveEnrolment). Asking again after cancelling
// is allowed, after being declined it is not.
// Errors: not_found, invalid (not open for self-enrolment, started, declined).
func (s *Service) RequestSeat(ctx context.Context, sessionID int64) (Enrolment, error) {
	emp, err := me(ctx)
	if err != nil {
		return Enrolment{}, err
	}
	var out Enrolment
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.scheduled(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !x.SelfEnrol {
			return apperr.Refuse(apperr.Invalid, apperr.Because("no_self_enrol", nil), "this session takes no self-enrolment; ask your manager or the trainer")
		}
		if !s.now().Before(x.StartsAt) {
			return apperr.Refuse(apperr.Invalid, apperr.Because("session_started", apperr.P{"starts_at": x.StartsAt.UTC().Format(time.RFC3339)}), "this session has already started")
		}
		e, ok, err := s.enrolment(ctx, tx, sessionID, emp)
		if err != nil {
			return err
		}
		switch {
		case ok && e.Status == "rejected":
			return apperr.Refuse(apperr.Invalid, apperr.Because("enrolment_declined", apperr.P{"note": e.Note}), "your request was declined: %s", e.Note)
		case ok && e.Status != "cancelled":
			out = e
			return nil
		case ok:
			if _, err := tx.NewUpdate().Model((*Enrolment)(nil)).Set("status = 'pending'").Set("source = 'self'").Set("version = version + 1").
				Set("updated_at = ?", s.now()).Where("id = ?", e.ID).Exec(ctx); err != nil {
				return apperr.Wrap(err, "request seat")
			}
		default:
			now := s.now()
			e = Enrolment{SessionID: sessionID, EmployeeID: emp, Source: "self", Status: "pending", Version: 1, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&e).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "request seat")
			}
		}
		out, _, err = s.enrolment(ctx, tx, sessionID, emp)
		trail.Change(ctx, "learning.enrolment", out.ID, nil, out)
		return err
	})
	return out, err
}

// DecideEnrolment approves (a seat, else the waitlist) or declines a
// pending request. Errors: not_found (also outside the caller's data scope),
// invalid (not pending; full without waitlist).
func (s *Service) DecideEnrolment(ctx context.Context, enrolmentID int64, approve bool, note string) (Enrolment, error) {
	var out Enrolment
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var e Enrolment
		if err := scoped(ctx, tx.NewSelect().Model(&e).Where("en.id = ?", enrolmentID), "en.employee_id").Scan(ctx); err != nil {
			return apperr.NotFoundf("enrolment", enrolmentID)
		}
		if e.Status != "pending" {
			return apperr.Refuse(apperr.Invalid, apperr.Because("enrolment_decided", apperr.P{"status": e.Status}), "the request is %s, not pending", e.Status)
		}
		x, err := s.scheduled(ctx, tx, e.SessionID)
		if err != nil {
			return err
		}
		status := "rejected"
		if approve {
			var ok bool
			if status, ok = seatFor(x.Capacity, x.Enrolled, x.Waitlist); !ok {
				return apperr.Refuse(apperr.Invalid, apperr.Because("session_full", apperr.P{"capacity": x.Capacity}), "the session is full (%d seats) and keeps no waitlist", x.Capacity)
			}
		}
		if err := s.setStatus(ctx, tx, e.ID, status, note); err != nil {
			return err
		}
		if err := tx.NewSelect().Model(&out).Where("en.id = ?", e.ID).Scan(ctx); err != nil {
			return apperr.Wrap(err, "reload enrolment")
		}
		trail.Change(ctx, "learning.enrolment", e.ID, e, out)
		if out.Status != "enrolled" {
			return nil
		}
		return s.notifyTx(ctx, tx, []int64{out.EmployeeID}, s.seatNotice(x))
	})
	return out, err
}

// LeaveSession cancels the caller's own place (before the start) and gives
// a freed seat to the waitlist. Errors: not_found, invalid.
func (s *Service) LeaveSession(ctx context.Context, sessionID int64) error {
	emp, err := me(ctx)
	if err != nil {
		return err
	}
	return s.cancelEnrolment(ctx, sessionID, emp, true)
}

// RemoveParticipant takes someone out of a session (manager).
// Errors: not_found (also outside the data scope), invalid.
func (s *Service) RemoveParticipant(ctx context.Context, sessionID, employeeID int64) error {
	if !seesEmployee(ctx, employeeID) {
		return apperr.NotFoundf("enrolment of employee", employeeID)
	}
	return s.cancelEnrolment(ctx, sessionID, employeeID, false)
}

func (s *Service) cancelEnrolment(ctx context.Context, sessionID, emp int64, self bool) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.scheduled(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		var promoted []int64
		e, ok, err := s.enrolment(ctx, tx, sessionID, emp)
		if err != nil {
			return err
		}
		if !ok || e.Status == "cancelled" || e.Status == "rejected" {
			return apperr.NotFoundf("enrolment of employee", emp)
		}
		if self && !s.now().Before(x.StartsAt) {
			return apperr.Refuse(apperr.Invalid, apperr.Because("session_started", apperr.P{"starts_at": x.StartsAt.UTC().Format(time.RFC3339)}), "the session has started; ask the trainer")
		}
		if err := s.setStatus(ctx, tx, e.ID, "cancelled", ""); err != nil {
			return err
		}
		if e.Status == "enrolled" {
			if promoted, err = s.promoteWaitlist(ctx, tx, sessionID); err != nil {
				return err
			}
		}
		trail.Change(ctx, "learning.enrolment", e.ID, e, map[string]any{"status": "cancelled"})
		return s.notifyTx(ctx, tx, promoted, s.seatNotice(x))
	})
}
