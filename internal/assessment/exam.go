package assessment

import (
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Exam purposes: a plain exam, or the pre-test / post-test of a course or
// session (B4.1 baseline, B4.3 after). A post-test names its pre-test
// (PairExamID); the effect report compares the two.
const (
	PurposeExam = "exam"
	PurposePre  = "pre"
	PurposePost = "post"
)

// Purposes lists the exam purposes.
var Purposes = []string{PurposeExam, PurposePre, PurposePost}

// Review policies: when a learner sees their score and the review (the
// answer key, explanations and marks per question).
//
//	after_submit  score once graded, review as soon as the attempt is submitted
//	after_close   score and review once the exam's window has closed (or the exam is closed)
//	never         score once graded; the review never
const (
	ReviewAfterSubmit = "after_submit"
	ReviewAfterClose  = "after_close"
	ReviewNever       = "never"
)

// ReviewPolicies lists the review policies.
var ReviewPolicies = []string{ReviewAfterSubmit, ReviewAfterClose, ReviewNever}

// Exam statuses: draft (being prepared), published (learners take it inside
// its window), closed (no more answers; active attempts were submitted).
const (
	ExamDraft     = "draft"
	ExamPublished = "published"
	ExamClosed    = "closed"
)

// Exam is a paper given to an audience with its rules: window, time limit,
// pass mark, allowed attempts and review policy.
type Exam struct {
	bun.BaseModel    `bun:"table:assessment_exams,alias:e"`
	ID               int64      `bun:"id,pk,autoincrement" json:"id"`
	Title            string     `bun:"title" json:"title"`
	Description      string     `bun:"description" json:"description"`
	PaperID          int64      `bun:"paper_id" json:"paper_id"`
	Purpose          string     `bun:"purpose" json:"purpose" enum:"exam,pre,post"`
	CourseID         *int64     `bun:"course_id" json:"course_id"`
	SessionID        *int64     `bun:"session_id" json:"session_id"`
	PairExamID       *int64     `bun:"pair_exam_id" json:"pair_exam_id" doc:"a post-test's pre-test"`
	TimeLimitMinutes int        `bun:"time_limit_minutes" json:"time_limit_minutes" doc:"0: no limit"`
	PassPercent      int        `bun:"pass_percent" json:"pass_percent"`
	MaxAttempts      int        `bun:"max_attempts" json:"max_attempts" doc:"0: unlimited"`
	OpensAt          *time.Time `bun:"opens_at" json:"opens_at"`
	ClosesAt         *time.Time `bun:"closes_at" json:"closes_at"`
	ReviewPolicy     string     `bun:"review_policy" json:"review_policy" enum:"after_submit,after_close,never"`
	Status           string     `bun:"status" json:"status" enum:"draft,published,closed"`
	CreatedBy        *int64     `bun:"created_by" json:"created_by"`
	Version          int        `bun:"version" json:"version"`
	CreatedAt        time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt        time.Time  `bun:"updated_at" json:"updated_at"`

	PaperTitle string   `bun:"paper_title,scanonly" json:"paper_title"`
	Attempts   int      `bun:"attempts,scanonly" json:"attempts" doc:"attempts started"`
	Audience   Audience `bun:"-" json:"audience"`
}

// Audience names who may take an exam: people, whole departments (with
// their sub-departments) and whole positions. Empty: the session's enrolled
// participants for an exam tied to a session, else every active employee.
type Audience struct {
	EmployeeIDs   []int64 `json:"employee_ids" required:"false" maxItems:"5000"`
	DepartmentIDs []int64 `json:"department_ids" required:"false" maxItems:"200"`
	PositionIDs   []int64 `json:"position_ids" required:"false" maxItems:"200"`
}

func (a Audience) empty() bool {
	return len(a.EmployeeIDs) == 0 && len(a.DepartmentIDs) == 0 && len(a.PositionIDs) == 0
}

func (a Audience) clean() Audience {
	return Audience{EmployeeIDs: cleanIDs(a.EmployeeIDs), DepartmentIDs: cleanIDs(a.DepartmentIDs), PositionIDs: cleanIDs(a.PositionIDs)}
}

// audienceRow stores one audience entry.
type audienceRow struct {
	bun.BaseModel `bun:"table:assessment_exam_audience"`
	ExamID        int64  `bun:"exam_id,pk"`
	Kind          string `bun:"kind,pk"`
	RefID         int64  `bun:"ref_id,pk"`
}

// ExamInput creates or changes an exam.
type ExamInput struct {
	Title            string     `json:"title" minLength:"1" maxLength:"200"`
	Description      string     `json:"description" required:"false" maxLength:"4000"`
	PaperID          int64      `json:"paper_id"`
	Purpose          string     `json:"purpose" required:"false" enum:"exam,pre,post," doc:"default exam"`
	CourseID         *int64     `json:"course_id" required:"false"`
	SessionID        *int64     `json:"session_id" required:"false"`
	PairExamID       *int64     `json:"pair_exam_id" required:"false" doc:"post-tests: the pre-test they pair with (same course and session)"`
	TimeLimitMinutes int        `json:"time_limit_minutes" required:"false" minimum:"0" maximum:"1440"`
	PassPercent      *int       `json:"pass_percent" required:"false" minimum:"0" maximum:"100" doc:"default 60"`
	MaxAttempts      *int       `json:"max_attempts" required:"false" minimum:"0" maximum:"100" doc:"default 1; 0 unlimited"`
	OpensAt          *time.Time `json:"opens_at" required:"false"`
	ClosesAt         *time.Time `json:"closes_at" required:"false"`
	ReviewPolicy     string     `json:"review_policy" required:"false" enum:"after_submit,after_close,never," doc:"default after_submit"`
	Audience         Audience   `json:"audience" required:"false"`
	Version          int        `json:"version" required:"false" doc:"required on update"`
}

// model validates what needs no database and returns the exam.
func (in ExamInput) model() (Exam, error) {
	var v apperr.Validation
	e := Exam{Title: strings.TrimSpace(in.Title), Description: strings.TrimSpace(in.Description), PaperID: in.PaperID, Purpose: in.Purpose,
		CourseID: in.CourseID, SessionID: in.SessionID, PairExamID: in.PairExamID, TimeLimitMinutes: in.TimeLimitMinutes,
		PassPercent: 60, MaxAttempts: 1, OpensAt: in.OpensAt, ClosesAt: in.ClosesAt, ReviewPolicy: in.ReviewPolicy,
		Audience: in.Audience.clean(), Version: in.Version}
	if e.Title == "" {
		v.Reject("body.title", apperr.Required(), "title is required")
	}
	if e.Purpose == "" {
		e.Purpose = PurposeExam
	}
	oneOf(&v, "body.purpose", e.Purpose, Purposes)
	if e.ReviewPolicy == "" {
		e.ReviewPolicy = ReviewAfterSubmit
	}
	oneOf(&v, "body.review_policy", e.ReviewPolicy, ReviewPolicies)
	if in.PassPercent != nil {
		e.PassPercent = *in.PassPercent
	}
	if in.MaxAttempts != nil {
		e.MaxAttempts = *in.MaxAttempts
	}
	if e.PassPercent < 0 || e.PassPercent > 100 {
		v.Reject("body.pass_percent", apperr.Between(0, 100), "pass mark is a percentage 0-100")
	}
	if e.MaxAttempts < 0 {
		v.Reject("body.max_attempts", apperr.AtLeast(0), "allowed attempts cannot be negative (0 = unlimited)")
	}
	if e.TimeLimitMinutes < 0 || e.TimeLimitMinutes > 1440 {
		v.Reject("body.time_limit_minutes", apperr.Between(0, 1440), "time limit is 0-1440 minutes (0 = none)")
	}
	if e.OpensAt != nil {
		t := e.OpensAt.UTC()
		e.OpensAt = &t
	}
	if e.ClosesAt != nil {
		t := e.ClosesAt.UTC()
		e.ClosesAt = &t
	}
	if e.OpensAt != nil && e.ClosesAt != nil && !e.ClosesAt.After(*e.OpensAt) {
		v.Reject("body.closes_at", apperr.BeforeStart(), "the window closes before it opens")
	}
	if e.PairExamID != nil && e.Purpose != PurposePost {
		v.Reject("body.pair_exam_id", apperr.Because("not_applicable", nil), "only a post-test names the pre-test it pairs with")
	}
	if e.Purpose != PurposeExam && e.CourseID == nil && e.SessionID == nil {
		v.Reject("body.course_id", apperr.Because("course_needed", nil), "a pre-test or post-test belongs to a course or a session")
	}
	return e, v.Err()
}

// open reports whether the exam takes attempts at now, or why not.
func (e Exam) open(now time.Time) error {
	switch {
	case e.Status == ExamDraft:
		return apperr.Refuse(apperr.Invalid, apperr.Because(ReasonNotPublished, nil), "exam %q is not published yet", e.Title)
	case e.Status == ExamClosed:
		return apperr.Refuse(apperr.Invalid, apperr.Because(ReasonClosed, nil), "exam %q is closed", e.Title)
	case e.OpensAt != nil && now.Before(*e.OpensAt):
		at := e.OpensAt.UTC().Format(time.RFC3339)
		return apperr.Refuse(apperr.Invalid, apperr.Because(ReasonNotOpenYet, apperr.P{"opens_at": at}), "exam %q opens at %s", e.Title, at)
	case e.ClosesAt != nil && !now.Before(*e.ClosesAt):
		at := e.ClosesAt.UTC().Format(time.RFC3339)
		return apperr.Refuse(apperr.Invalid, apperr.Because(ReasonWindowClosed, apperr.P{"closes_at": at}), "exam %q closed at %s", e.Title, at)
	}
	return nil
}

// windowClosed reports whether the exam's window is over (for the
// after_close review policy).
func (e Exam) windowClosed(now time.Time) bool {
	return e.Status == ExamClosed || (e.ClosesAt != nil && !now.Before(*e.ClosesAt))
}

// deadline is when an attempt started at start must be submitted: the time
// limit, capped by the window's end; nil when there is neither.
func (e Exam) deadline(start time.Time) *time.Time {
	var d *time.Time
	if e.TimeLimitMinutes > 0 {
		t := start.Add(time.Duration(e.TimeLimitMinutes) * time.Minute)
		d = &t
	}
	if e.ClosesAt != nil && (d == nil || e.ClosesAt.Before(*d)) {
		t := *e.ClosesAt
		d = &t
	}
	return d
}
