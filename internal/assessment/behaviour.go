package assessment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/learning"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/notify"
	"ecomops/internal/platform/trail"
)

// BehaviourRating is a manager's on-the-job rating of a trainee some days
// after a session (the behaviour level, Kirkpatrick level 3): 1 (no change
// in how they work) to 5 (applies what was taught consistently).
type BehaviourRating struct {
	bun.BaseModel `bun:"table:assessment_behaviour_ratings,alias:br"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	SessionID     int64      `bun:"session_id" json:"session_id"`
	EmployeeID    int64      `bun:"employee_id" json:"employee_id"`
	ManagerID     int64      `bun:"manager_id" json:"manager_id"`
	DaysAfter     int        `bun:"days_after" json:"days_after"`
	DueOn         string     `bun:"due_on" json:"due_on" doc:"YYYY-MM-DD: the session's last day + days_after"`
	RequestedAt   time.Time  `bun:"requested_at" json:"requested_at"`
	Rating        *int       `bun:"rating" json:"rating" doc:"1-5; null until the manager rates"`
	Comment       string     `bun:"comment" json:"comment"`
	RatedAt       *time.Time `bun:"rated_at" json:"rated_at"`
	Version       int        `bun:"version" json:"version"`

	EmployeeName string `bun:"-" json:"employee_name"`
	SessionTitle string `bun:"-" json:"session_title"`
}

// RequestBehaviourRatings creates the rating requests that are due: for
// every completed session, every delay of the settings (30/60/90 days)
// whose date has come (the session's last day + delay, company time zone),
// and every present attendee who has a manager, one request to that
// manager, notified in-app. Idempotent (one request per session, trainee
// and delay; the notice's dedupe key is the request). Sessions that ended
// more than a year ago are not looked at. Returns the new requests.
func (s *Service) RequestBehaviourRatings(ctx context.Context) (int, error) {
	if s.Learning == nil {
		return 0, nil
	}
	ctx = systemCtx(ctx)
	st, err := s.Settings(ctx)
	if err != nil || len(st.BehaviourDays) == 0 {
		return 0, err
	}
	loc := s.location(ctx)
	today := s.today(ctx)
	from := s.clock.Now().In(loc).AddDate(-1, 0, 0).Format(time.DateOnly)
	sessions, _, err := s.Learning.ListSessions(ctx, learning.SessionFilter{Page: api.Page{Sort: "id"}.ForExport(), Status: "completed", From: from})
	if err != nil {
		return 0, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return 0, err
	}
	made := 0
	for _, x := range sessions {
		last := x.EndsAt.In(loc)
		var due []int
		for _, d := range st.BehaviourDays {
			if last.AddDate(0, 0, d).Format(time.DateOnly) <= today {
				due = append(due, d)
			}
		}
		if len(due) == 0 {
			continue
		}
		ens, err := s.attendees(ctx, x.ID)
		if err != nil {
			return made, err
		}
		for _, en := range ens {
			e, ok := dir.emps[en.EmployeeID]
			if en.Attendance != "present" || !ok || e.ManagerID == nil {
				continue
			}
			for _, d := range due {
				n, err := s.requestRating(ctx, dir, x, e.ID, *e.ManagerID, d, last.AddDate(0, 0, d).Format(time.DateOnly))
				if err != nil {
					return made, err
				}
				made += n
			}
		}
	}
	return made, nil
}

func (s *Service) requestRating(ctx context.Context, dir *directory, x learning.Session, emp, manager int64, days int, dueOn string) (int, error) {
	made := 0
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r := BehaviourRating{SessionID: x.ID, EmployeeID: emp, ManagerID: manager, DaysAfter: days, DueOn: dueOn, RequestedAt: s.now(), Version: 1}
		res, err := tx.NewInsert().Model(&r).On("CONFLICT (session_id, employee_id, days_after) DO NOTHING").Returning("id").Exec(ctx)
		if err != nil {
			return apperr.Wrap(err, "request rating")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		made = 1
		m := dir.emps[manager]
		if s.Notify == nil || m.UserID == nil {
			return nil
		}
		_, err = s.Notify.Send(ctx, tx, notify.Message{Channel: notify.InApp, To: notify.Recipients{UserIDs: []int64{*m.UserID}},
			Kind: "assessment.behaviour", Title: fmt.Sprintf("请评价%s培训后的工作表现", dir.name(emp)),
			Body: fmt.Sprintf("%s 参加「%s」已 %d 天，请评价其在工作中的应用情况（1-5 分）。", dir.name(emp), sessionTitle(x), days),
			Link: "/evaluation/ratings", DedupeKey: fmt.Sprintf("assessment.behaviour:%d:%d:%d", x.ID, emp, days)})
		return err
	})
	return made, err
}

// RatingFilter filters the caller's rating requests.
type RatingFilter struct {
	State string `query:"state" enum:"pending,rated," doc:"pending (default) or rated"`
}

// MyRatings lists the rating requests addressed to the caller as manager.
func (s *Service) MyRatings(ctx context.Context, f RatingFilter) ([]BehaviourRating, error) {
	mgr, err := me(ctx)
	if err != nil {
		return []BehaviourRating{}, nil
	}
	var items []BehaviourRating
	q := s.db.R.NewSelect().Model(&items).Where("br.manager_id = ?", mgr)
	if f.State == "rated" {
		q = q.Where("br.rating IS NOT NULL").OrderExpr("br.rated_at DESC")
	} else {
		q = q.Where("br.rating IS NULL").OrderExpr("br.due_on, br.id")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list rating requests")
	}
	return items, s.nameRatings(ctx, items)
}

func (s *Service) nameRatings(ctx context.Context, items []BehaviourRating) error {
	if len(items) == 0 {
		return nil
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for i := range items {
		r := &items[i]
		r.EmployeeName = dir.name(r.EmployeeID)
		if _, ok := titles[r.SessionID]; !ok && s.Learning != nil {
			if x, err := s.session(ctx, r.SessionID); err == nil {
				titles[r.SessionID] = sessionTitle(x)
			}
		}
		r.SessionTitle = titles[r.SessionID]
	}
	return nil
}

// RateInput is a manager's rating.
type RateInput struct {
	Rating  int    `json:"rating" minimum:"1" maximum:"5"`
	Comment string `json:"comment" required:"false" maxLength:"2000"`
	Version int    `json:"version"`
}

// Rate records (or changes) the caller's rating of a request addressed to
// them. Errors: not_found (also someone else's request), invalid, conflict.
func (s *Service) Rate(ctx context.Context, id int64, in RateInput) (BehaviourRating, error) {
	mgr, err := me(ctx)
	if err != nil {
		return BehaviourRating{}, err
	}
	if in.Rating < 1 || in.Rating > 5 {
		return BehaviourRating{}, apperr.Reject("body.rating", apperr.Between(1, 5), "a rating is 1-5")
	}
	var out BehaviourRating
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur BehaviourRating
		if err := tx.NewSelect().Model(&cur).Where("br.id = ? AND br.manager_id = ?", id, mgr).Scan(ctx); err != nil {
			return db.NotFound(err, "rating request", id)
		}
		now := s.now()
		rating := in.Rating
		next := cur
		next.Rating, next.Comment, next.RatedAt = &rating, strings.TrimSpace(in.Comment), &now
		if err := db.UpdateVersioned(ctx, tx, &next, "rating request", id, in.Version, "rating", "comment", "rated_at"); err != nil {
			return err
		}
		next.Version++
		trail.Change(ctx, "behaviour_rating", id, cur, next)
		out = next
		return nil
	})
	if err != nil {
		return out, err
	}
	items := []BehaviourRating{out}
	err = s.nameRatings(ctx, items)
	return items[0], err
}

// sessionRatings returns a session's rating requests.
func (s *Service) sessionRatings(ctx context.Context, sessionIDs []int64) ([]BehaviourRating, error) {
	var items []BehaviourRating
	if len(sessionIDs) == 0 {
		return items, nil
	}
	err := s.db.R.NewSelect().Model(&items).Where("br.session_id IN (?)", bun.In(sessionIDs)).OrderExpr("br.id").Scan(ctx)
	return items, apperr.Wrap(err, "load ratings")
}
