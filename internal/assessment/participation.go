package assessment

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Participation is what the lecturer records about one attendee during or
// right after a session (B4.2): counts of questions asked and answered and
// of contributions to the discussion, and the practice task's score.
type Participation struct {
	bun.BaseModel     `bun:"table:assessment_participation,alias:pa"`
	ID                int64     `bun:"id,pk,autoincrement" json:"id"`
	SessionID         int64     `bun:"session_id" json:"session_id"`
	EmployeeID        int64     `bun:"employee_id" json:"employee_id"`
	QuestionsAsked    int       `bun:"questions_asked" json:"questions_asked"`
	QuestionsAnswered int       `bun:"questions_answered" json:"questions_answered"`
	Discussion        int       `bun:"discussion" json:"discussion" doc:"contributions to the group discussion"`
	PracticeScore     *int      `bun:"practice_score" json:"practice_score" doc:"0-100; null: not scored"`
	Note              string    `bun:"note" json:"note"`
	RecordedBy        *int64    `bun:"recorded_by" json:"recorded_by"`
	Version           int       `bun:"version" json:"version" doc:"0: nothing recorded yet"`
	CreatedAt         time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt         time.Time `bun:"updated_at" json:"updated_at"`

	EmployeeName   string `bun:"-" json:"employee_name"`
	DepartmentName string `bun:"-" json:"department_name"`
	Attendance     string `bun:"-" json:"attendance" doc:"from the session's roll call or check-in"`
}

// ParticipationInput is one attendee's record; the phone page sends the
// whole record after every tap (absolute values, so a retry is harmless).
type ParticipationInput struct {
	QuestionsAsked    int    `json:"questions_asked" minimum:"0" maximum:"999"`
	QuestionsAnswered int    `json:"questions_answered" minimum:"0" maximum:"999"`
	Discussion        int    `json:"discussion" minimum:"0" maximum:"999"`
	PracticeScore     *int   `json:"practice_score" required:"false" minimum:"0" maximum:"100"`
	Note              string `json:"note" required:"false" maxLength:"1000"`
	Version           int    `json:"version" doc:"the version read; 0 for the first record"`
}

// SessionParticipation lists a session's enrolled attendees in the
// caller's data scope with their records (zeros and version 0 when none).
// Errors: not_found (session), invalid (learning not wired).
func (s *Service) SessionParticipation(ctx context.Context, sessionID int64) ([]Participation, error) {
	if _, err := s.session(ctx, sessionID); err != nil {
		return nil, err
	}
	ens, err := s.attendees(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	var recs []Participation
	if err := s.db.R.NewSelect().Model(&recs).Where("pa.session_id = ?", sessionID).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load participation")
	}
	byEmp := map[int64]Participation{}
	for _, r := range recs {
		byEmp[r.EmployeeID] = r
	}
	out := make([]Participation, 0, len(ens))
	for _, en := range ens {
		p, ok := byEmp[en.EmployeeID]
		if !ok {
			p = Participation{SessionID: sessionID, EmployeeID: en.EmployeeID}
		}
		p.EmployeeName, p.DepartmentName, p.Attendance = en.EmployeeName, en.DepartmentName, en.Attendance
		out = append(out, p)
	}
	return out, nil
}

// RecordParticipation saves one attendee's record. The employee must be
// enrolled in the session and in the caller's data scope. Errors:
// not_found, invalid, conflict (stale version).
func (s *Service) RecordParticipation(ctx context.Context, sessionID, employeeID int64, in ParticipationInput) (Participation, error) {
	list, err := s.SessionParticipation(ctx, sessionID)
	if err != nil {
		return Participation{}, err
	}
	var cur *Participation
	for i := range list {
		if list[i].EmployeeID == employeeID {
			cur = &list[i]
		}
	}
	if cur == nil {
		return Participation{}, apperr.NotFoundf("attendee of the session", employeeID)
	}
	if in.QuestionsAsked < 0 || in.QuestionsAnswered < 0 || in.Discussion < 0 {
		return Participation{}, apperr.Reject("body", apperr.AtLeast(0), "counts cannot be negative")
	}
	if in.PracticeScore != nil && (*in.PracticeScore < 0 || *in.PracticeScore > 100) {
		return Participation{}, apperr.Reject("body.practice_score", apperr.Between(0, 100), "a score is 0-100")
	}
	now := s.now()
	next := Participation{SessionID: sessionID, EmployeeID: employeeID, QuestionsAsked: in.QuestionsAsked, QuestionsAnswered: in.QuestionsAnswered,
		Discussion: in.Discussion, PracticeScore: in.PracticeScore, Note: strings.TrimSpace(in.Note), RecordedBy: userID(ctx), UpdatedAt: now}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if cur.Version == 0 {
			if in.Version != 0 {
				return apperr.StaleVersion("participation", employeeID)
			}
			next.Version, next.CreatedAt = 1, now
			if _, err := tx.NewInsert().Model(&next).Returning("id").Exec(ctx); err != nil {
				if db.IsUniqueViolation(err) {
					return apperr.StaleVersion("participation", employeeID)
				}
				return apperr.Wrap(err, "record participation")
			}
		} else {
			next.ID = cur.ID
			if err := db.UpdateVersioned(ctx, tx, &next, "participation", cur.ID, in.Version, "questions_asked", "questions_answered",
				"discussion", "practice_score", "note", "recorded_by", "updated_at"); err != nil {
				return err
			}
			next.Version, next.CreatedAt = in.Version+1, cur.CreatedAt
		}
		trail.Change(ctx, "participation", next.ID, cur, next)
		return nil
	})
	next.EmployeeName, next.DepartmentName, next.Attendance = cur.EmployeeName, cur.DepartmentName, cur.Attendance
	return next, err
}
