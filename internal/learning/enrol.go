package learning

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// Enrolment is one person's place in a session and their attendance.
type Enrolment struct {
	bun.BaseModel `bun:"table:learning_enrolments,alias:en"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	SessionID     int64      `bun:"session_id" json:"session_id"`
	EmployeeID    int64      `bun:"employee_id" json:"employee_id"`
	Source        string     `bun:"source" json:"source" enum:"assigned,self,walk_in"`
	Status        string     `bun:"status" json:"status" enum:"pending,enrolled,waitlisted,rejected,cancelled"`
	Attendance    string     `bun:"attendance" json:"attendance" enum:"present,absent," doc:"empty until roll call or check-in"`
	CheckedInAt   *time.Time `bun:"checked_in_at" json:"checked_in_at"`
	CheckinMethod string     `bun:"checkin_method" json:"checkin_method" enum:"roll_call,qr,"`
	Note          string     `bun:"note" json:"note" doc:"why a request was declined, or a roll-call remark"`
	DecidedBy     *int64     `bun:"decided_by" json:"decided_by"`
	DecidedAt     *time.Time `bun:"decided_at" json:"decided_at"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	EmployeeName   string `bun:"-" json:"employee_name"`
	DepartmentName string `bun:"-" json:"department_name"`
}

// EnrolmentFilter filters a session's participants.
type EnrolmentFilter struct {
	api.Page
	Status     string `query:"status" enum:"pending,enrolled,waitlisted,rejected,cancelled,"`
	Attendance string `query:"attendance" enum:"present,absent,none,"`
}

// ListEnrolments returns a session's participants in the caller's data
// scope, with names. Errors: not_found (session).
func (s *Service) ListEnrolments(ctx context.Context, sessionID int64, f EnrolmentFilter) ([]Enrolment, int, error) {
	if _, err := s.session(ctx, s.db.R, sessionID); err != nil {
		return nil, 0, err
	}
	var items []Enrolment
	q := scoped(ctx, s.db.R.NewSelect().Model(&items).Where("en.session_id = ?", sessionID), "en.employee_id")
	if f.Status != "" {
		q = q.Where("en.status = ?", f.Status)
	}
	switch f.Attendance {
	case "none":
		q = q.Where("en.attendance = ''")
	case "present", "absent":
		q = q.Where("en.attendance = ?", f.Attendance)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "en.id", "created_at": "en.created_at", "status": "en.status"}, "id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list enrolments")
	}
	return items, int(n), s.nameEnrolments(ctx, items)
}

func (s *Service) nameEnrolments(ctx context.Context, items []Enrolment) error {
	if len(items) == 0 {
		return nil
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].EmployeeName = dir.name(items[i].EmployeeID)
		_, items[i].DepartmentName = dir.dept(items[i].EmployeeID)
	}
	return nil
}

func (s *Service) enrolment(ctx context.Context, tx bun.IDB, sessionID, emp int64) (Enrolment, bool, error) {
	var e Enrolment
	err := tx.NewSelect().Model(&e).Where("session_id = ? AND employee_id = ?", sessionID, emp).Scan(ctx)
	if isNoRows(err) {
		return e, false, nil
	}
	if err != nil {
		return e, false, apperr.Wrap(err, "load enrolment")
	}
	return e, true, nil
}

// setStatus moves an enrolment to status and records who decided.
func (s *Service) setStatus(ctx context.Context, tx bun.IDB, id int64, status, note string) error {
	now := s.now()
	q := tx.NewUpdate().Model((*Enrolment)(nil)).Set("status = ?", status).Set("version = version + 1").Set("updated_at = ?", now).
		Set("decided_by = ?", nullID(userID(ctx))).Set("decided_at = ?", now).Where("id = ?", id)
	if note != "" {
		q = q.Set("note = ?", note)
	}
	_, err := q.Exec(ctx)
	return apperr.Wrap(err, "change enrolment")
}

// promoteWaitlist gives free seats to the waitlist, oldest first, and
// returns who moved up.
func (s *Service) promoteWaitlist(ctx context.Context, tx bun.IDB, sessionID int64) ([]int64, error) {
	x, err := s.session(ctx, tx, sessionID)
	if err != nil {
		return nil, err
	}
	free := freeSeats(x.Capacity, x.Enrolled)
	if free == 0 || x.Waitlisted == 0 {
		return nil, nil
	}
	var waiting []Enrolment
	q := tx.NewSelect().Model(&waiting).Where("session_id = ? AND status = 'waitlisted'", sessionID).OrderExpr("created_at, id")
	if free > 0 {
		q = q.Limit(int64(free))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load waitlist")
	}
	var moved []int64
	for _, w := range waiting {
		if _, err := tx.NewUpdate().Model((*Enrolment)(nil)).Set("status = 'enrolled'").Set("version = version + 1").
			Set("updated_at = ?", s.now()).Where("id = ?", w.ID).Exec(ctx); err != nil {
			return nil, apperr.Wrap(err, "promote waitlist")
		}
		moved = append(moved, w.EmployeeID)
	}
	return moved, nil
}
