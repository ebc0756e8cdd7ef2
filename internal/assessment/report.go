package assessment

import (
	"context"
	"slices"
	"time"

	"ecomops/internal/learning"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
	"ecomops/internal/training"
)

// EffectReport is the four-level effect report (B4) of a session, a course
// (its sessions and course-level exams) or an annual plan (the sessions of
// its items): reaction, learning, behaviour and results, with the
// participation recorded during the sessions and their lessons learned.
// People outside the caller's data scope are left out of the learning,
// behaviour and participation figures, and shops outside it out of the
// results; feedback is anonymous and shown per session as a whole.
type EffectReport struct {
	Scope         string               `json:"scope" enum:"session,course,plan"`
	ID            int64                `json:"id"`
	Title         string               `json:"title"`
	GeneratedAt   time.Time            `json:"generated_at"`
	Sessions      []ReportSession      `json:"sessions"`
	Reaction      Reaction             `json:"reaction"`
	Participation ParticipationSummary `json:"participation"`
	Learning      Learning             `json:"learning"`
	Behaviour     Behaviour            `json:"behaviour"`
	Results       Results              `json:"results"`
	Lessons       []Lessons            `json:"lessons"`
}

// ReportSession is a session the report covers.
type ReportSession struct {
	ID                 int64     `json:"id"`
	Title              string    `json:"title"`
	CourseID           *int64    `json:"course_id"`
	PlanItemID         *int64    `json:"plan_item_id"`
	LecturerEmployeeID *int64    `json:"lecturer_employee_id"`
	StartsAt           time.Time `json:"starts_at"`
	EndsAt             time.Time `json:"ends_at"`
	Status             string    `json:"status"`
	Trainees           int       `json:"trainees" doc:"present attendees in the caller's scope (enrolled ones before the roll call)"`
}

// reportInput is what the levels are computed from.
type reportInput struct {
	sessions []learning.Session
	trainees map[int64][]int64 // session id -> trainees in the caller's scope
	courseID *int64            // course-level exams count (session and course reports)
	scope    string
}

// SessionReport is the effect report of one session. Errors: not_found,
// invalid (learning not wired).
func (s *Service) SessionReport(ctx context.Context, id int64) (EffectReport, error) {
	x, err := s.session(ctx, id)
	if err != nil {
		return EffectReport{}, err
	}
	return s.buildReport(ctx, "session", id, sessionTitle(x), reportInput{sessions: []learning.Session{x}, courseID: x.CourseID})
}

// CourseReport is the effect report of a course: its sessions that were
// not cancelled and its exams. Errors: not_found, invalid.
func (s *Service) CourseReport(ctx context.Context, id int64) (EffectReport, error) {
	if s.Learning == nil {
		return EffectReport{}, needs("learning")
	}
	c, err := s.Learning.Course(systemCtx(ctx), id)
	if err != nil {
		return EffectReport{}, err
	}
	xs, _, err := s.Learning.ListSessions(systemCtx(ctx), learning.SessionFilter{Page: api.Page{Sort: "starts_at"}.ForExport(), CourseID: id})
	if err != nil {
		return EffectReport{}, err
	}
	return s.buildReport(ctx, "course", id, c.Title, reportInput{sessions: xs, courseID: &id})
}

// PlanReport is the effect report of an annual training plan: the sessions
// of its items. Errors: not_found, invalid (training or learning not wired).
func (s *Service) PlanReport(ctx context.Context, id int64) (EffectReport, error) {
	if s.Training == nil {
		return EffectReport{}, needs("training")
	}
	if s.Learning == nil {
		return EffectReport{}, needs("learning")
	}
	p, err := s.Training.Plan(systemCtx(ctx), id)
	if err != nil {
		return EffectReport{}, err
	}
	items, _, err := s.Training.ListPlanItems(systemCtx(ctx), training.PlanItemFilter{Page: api.Page{Sort: "id"}.ForExport(), PlanID: id})
	if err != nil {
		return EffectReport{}, err
	}
	var xs []learning.Session
	for _, it := range items {
		got, _, err := s.Learning.ListSessions(systemCtx(ctx), learning.SessionFilter{Page: api.Page{Sort: "starts_at"}.ForExport(), PlanItemID: it.ID})
		if err != nil {
			return EffectReport{}, err
		}
		xs = append(xs, got...)
	}
	return s.buildReport(ctx, "plan", id, p.Title, reportInput{sessions: xs})
}

func (s *Service) buildReport(ctx context.Context, scope string, id int64, title string, in reportInput) (EffectReport, error) {
	in.sessions = slices.DeleteFunc(in.sessions, func(x learning.Session) bool { return x.Status == "cancelled" })
	in.trainees, in.scope = map[int64][]int64{}, scope
	r := EffectReport{Scope: scope, ID: id, Title: title, GeneratedAt: s.now(), Sessions: []ReportSession{}, Lessons: []Lessons{}}
	for _, x := range in.sessions {
		all, err := s.sessionTrainees(ctx, x.ID)
		if err != nil {
			return r, err
		}
		seen := slices.DeleteFunc(all, func(e int64) bool { return !auth.Sees(ctx, e, auth.EmployeeSet) })
		in.trainees[x.ID] = seen
		r.Sessions = append(r.Sessions, ReportSession{ID: x.ID, Title: sessionTitle(x), CourseID: x.CourseID, PlanItemID: x.PlanItemID,
			LecturerEmployeeID: x.LecturerEmployeeID, StartsAt: x.StartsAt, EndsAt: x.EndsAt, Status: x.Status, Trainees: len(seen)})
		l, err := s.lessons(ctx, s.db.R, x.ID)
		if err != nil {
			return r, err
		}
		if l.Version > 0 {
			r.Lessons = append(r.Lessons, l)
		}
	}
	var err error
	if r.Reaction, err = s.reaction(ctx, in.sessions); err != nil {
		return r, err
	}
	if r.Participation, err = s.participationSummary(ctx, in); err != nil {
		return r, err
	}
	if r.Learning, err = s.learningLevel(ctx, in); err != nil {
		return r, err
	}
	if r.Behaviour, err = s.behaviourLevel(ctx, in); err != nil {
		return r, err
	}
	if r.Results, err = s.resultsLevel(ctx, in); err != nil {
		return r, err
	}
	return r, nil
}

// traineeSet is every trainee of the report, for membership tests.
func (in reportInput) traineeSet() map[int64]bool {
	out := map[int64]bool{}
	for _, ids := range in.trainees {
		for _, id := range ids {
			out[id] = true
		}
	}
	return out
}

func (in reportInput) sessionIDs() []int64 {
	ids := make([]int64, len(in.sessions))
	for i, x := range in.sessions {
		ids[i] = x.ID
	}
	return ids
}
