package learning

import (
	"context"
	"time"

	"github.com/skip2/go-qrcode"
	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

// CheckinCode is what the room screen shows: the token, the phone page it
// opens and the QR image of that page's absolute URL.
type CheckinCode struct {
	Token        string    `json:"token"`
	Path         string    `json:"path" doc:"the phone check-in page, /checkin/{token}"`
	URL          string    `json:"url" doc:"absolute URL encoded in the QR code"`
	QRPNG        string    `json:"qr_png" doc:"data:image/png;base64,... of the URL"`
	IssuedAt     time.Time `json:"issued_at"`
	ExpiresAt    time.Time `json:"expires_at"`
	RefreshAfter int       `json:"refresh_after_seconds" doc:"fetch a new code after this many seconds"`
}

// CheckinCode issues the current token of a scheduled session with its QR
// image; origin is the scheme and host the phones reach the server by.
// Errors: not_found, invalid (session not scheduled).
func (s *Service) CheckinCode(ctx context.Context, sessionID int64, origin string) (CheckinCode, error) {
	x, err := s.scheduled(ctx, s.db.R, sessionID)
	if err != nil {
		return CheckinCode{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return CheckinCode{}, err
	}
	now := s.now()
	rotate := time.Duration(st.QRRotateSeconds) * time.Second
	tok, window := issueToken(x.ID, x.CheckinSecret, now, rotate)
	c := CheckinCode{Token: tok, Path: "/checkin/" + tok, IssuedAt: window, ExpiresAt: window.Add(time.Duration(st.QRValidSeconds) * time.Second),
		RefreshAfter: max(1, int(window.Add(rotate).Sub(now).Seconds()+0.999))}
	c.URL = origin + c.Path
	png, err := qrcode.Encode(c.URL, qrcode.Medium, 320)
	if err != nil {
		return CheckinCode{}, apperr.Wrap(err, "draw QR code")
	}
	c.QRPNG = dataURL("image/png", png)
	return c, nil
}

// CheckinView is what the phone page shows after the scan.
type CheckinView struct {
	SessionID    int64      `json:"session_id"`
	Title        string     `json:"title"`
	StartsAt     time.Time  `json:"starts_at"`
	EndsAt       time.Time  `json:"ends_at"`
	Place        string     `json:"place"`
	OnlineURL    string     `json:"online_url"`
	LecturerName string     `json:"lecturer_name"`
	TokenValid   bool       `json:"token_valid" doc:"false: the code expired, scan the screen again"`
	ExpiresAt    time.Time  `json:"expires_at"`
	MyStatus     string     `json:"my_status" doc:"your enrolment status, empty if none"`
	Attendance   string     `json:"attendance" doc:"present once checked in"`
	CheckedInAt  *time.Time `json:"checked_in_at"`
	CanCheckIn   bool       `json:"can_check_in"`
	Reason       string     `json:"reason" doc:"why not, when can_check_in is false: expired, not_open, closed, not_enrolled, cancelled, already"`
}

// resolveToken finds the session of a token. Errors: not_found for a token
// that is no session's (forged, mangled, unknown session).
func (s *Service) resolveToken(ctx context.Context, idb bun.IDB, tok string, now time.Time, st Settings) (Session, TokenState, time.Time, error) {
	id, _, ok := parseToken(tok)
	if !ok {
		return Session{}, TokenBad, time.Time{}, apperr.NotFoundf("check-in code", "")
	}
	x, err := s.session(ctx, idb, id)
	if err != nil {
		return x, TokenBad, time.Time{}, apperr.NotFoundf("check-in code", "")
	}
	state, exp := verifyToken(tok, x.CheckinSecret, now, time.Duration(st.QRValidSeconds)*time.Second)
	if state == TokenBad {
		return x, state, exp, apperr.NotFoundf("check-in code", "")
	}
	return x, state, exp, nil
}

// CheckinSummary answers the phone page for the signed-in learner.
// Errors: not_found (not a check-in code).
func (s *Service) CheckinSummary(ctx context.Context, tok string) (CheckinView, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return CheckinView{}, err
	}
	now := s.now()
	x, state, exp, err := s.resolveToken(ctx, s.db.R, tok, now, st)
	if err != nil {
		return CheckinView{}, err
	}
	items := []Session{x}
	if err := s.fillSessionLecturers(ctx, items); err != nil {
		return CheckinView{}, err
	}
	v := CheckinView{SessionID: x.ID, Title: x.Title, StartsAt: x.StartsAt, EndsAt: x.EndsAt, Place: x.Place, OnlineURL: x.OnlineURL,
		LecturerName: items[0].LecturerName, TokenValid: state == TokenValid, ExpiresAt: exp}
	var e Enrolment
	found := false
	if emp, err := me(ctx); err == nil {
		if e, found, err = s.enrolment(ctx, s.db.R, x.ID, emp); err != nil {
			return v, err
		}
	}
	if found {
		v.MyStatus, v.Attendance, v.CheckedInAt = e.Status, e.Attendance, e.CheckedInAt
	}
	v.Reason = checkinRefusal(x, state, found, e, now, st)
	v.CanCheckIn = v.Reason == ""
	return v, nil
}

// checkinRefusal says why the learner cannot check in now ("" = they can).
func checkinRefusal(x Session, state TokenState, found bool, e Enrolment, now time.Time, st Settings) string {
	from, to := checkinWindow(x, time.Duration(st.CheckinOpenMinutes)*time.Minute)
	switch {
	case found && e.Attendance == "present":
		return "already"
	case x.Status == "cancelled":
		return "cancelled"
	case state != TokenValid:
		return "expired"
	case now.Before(from):
		return "not_open"
	case now.After(to) || x.Status == "completed":
		return "closed"
	case found && e.Status == "enrolled":
		return ""
	case x.WalkIn && (x.Capacity == 0 || x.Enrolled < x.Capacity):
		return ""
	}
	return "not_enrolled"
}

// reasonText explains a refusal to the learner (the UI translates by reason).
var reasonText = map[string]string{
	"cancelled":    "the session was cancelled",
	"expired":      "this code has expired; scan the code on the screen again",
	"not_open":     "check-in has not opened yet",
	"closed":       "check-in is closed",
	"not_enrolled": "you are not enrolled in this session; ask the trainer",
}

// CheckIn marks the signed-in learner present by a scanned token and
// credits the session hours. Checking in twice is harmless (the first time
// stands). A walk-in session enrols someone not yet enrolled while seats
// are free. Errors: not_found (not a code), invalid naming path.token with
// the reason (expired, not open, closed, not enrolled, cancelled).
func (s *Service) CheckIn(ctx context.Context, tok string) (CheckinView, error) {
	emp, err := me(ctx)
	if err != nil {
		return CheckinView{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return CheckinView{}, err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		x, state, _, err := s.resolveToken(ctx, tx, tok, now, st)
		if err != nil {
			return err
		}
		e, found, err := s.enrolment(ctx, tx, x.ID, emp)
		if err != nil {
			return err
		}
		switch reason := checkinRefusal(x, state, found, e, now, st); reason {
		case "already":
			return nil
		case "":
		default:
			return apperr.Reject("path.token", apperr.Because("checkin_"+reason, nil), "%s", reasonText[reason])
		}
		if !found || e.Status != "enrolled" {
			if e, err = s.walkIn(ctx, tx, x, e, found); err != nil {
				return err
			}
		}
		return s.markAttendance(ctx, tx, x, e, "present", "qr", now)
	})
	if err != nil {
		return CheckinView{}, err
	}
	return s.CheckinSummary(ctx, tok)
}

// walkIn enrols someone at the door of a walk-in session.
func (s *Service) walkIn(ctx context.Context, tx bun.IDB, x Session, e Enrolment, found bool) (Enrolment, error) {
	now := s.now()
	if found {
		if _, err := tx.NewUpdate().Model((*Enrolment)(nil)).Set("status = 'enrolled'").Set("source = 'walk_in'").Set("version = version + 1").
			Set("updated_at = ?", now).Where("id = ?", e.ID).Exec(ctx); err != nil {
			return e, apperr.Wrap(err, "walk-in")
		}
		e.Status, e.Source = "enrolled", "walk_in"
		return e, nil
	}
	e = Enrolment{SessionID: x.ID, EmployeeID: mustMe(ctx), Source: "walk_in", Status: "enrolled", Version: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(&e).Returning("id").Exec(ctx); err != nil {
		return e, apperr.Wrap(err, "walk-in")
	}
	trail.Change(ctx, "learning.enrolment", e.ID, nil, e)
	return e, nil
}

func mustMe(ctx context.Context) int64 { id, _ := me(ctx); return id }
