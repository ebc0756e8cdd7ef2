package learning

import (
	"context"
	"time"

	"ecomops/internal/platform/apperr"
)

// MyCourse is a course on the learner's list with their progress.
type MyCourse struct {
	CourseID        int64      `json:"course_id"`
	Code            string     `json:"code"`
	Title           string     `json:"title"`
	Category        string     `json:"category"`
	HoursTenths     int64      `json:"hours_tenths"`
	CompletionRule  string     `json:"completion_rule"`
	Source          string     `json:"source" enum:"assigned,self"`
	DueOn           string     `json:"due_on"`
	Overdue         bool       `json:"overdue" doc:"assigned with a due date that passed, not completed"`
	Progress        Ratio      `json:"progress" doc:"completed counted materials / counted materials"`
	CompletedAt     *time.Time `json:"completed_at"`
	CertificateCode *string    `json:"certificate_code"`
}

// MySession is a session the learner is in or asked to join.
type MySession struct {
	SessionID  int64     `json:"session_id"`
	Title      string    `json:"title"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	Place      string    `json:"place"`
	OnlineURL  string    `json:"online_url"`
	Status     string    `json:"status" doc:"enrolment status: pending, enrolled, waitlisted"`
	Attendance string    `json:"attendance"`
}

// MyReport is an external training whose summary report the learner owes.
type MyReport struct {
	ExternalID   int64  `json:"external_id"`
	CourseTitle  string `json:"course_title"`
	Provider     string `json:"provider"`
	DueOn        string `json:"due_on"`
	DaysLeft     int    `json:"days_left" doc:"negative when overdue"`
	ReportStatus string `json:"report_status" doc:"empty (not started), draft or returned"`
}

// Portal is 我的学习: everything the learner has to do and has done.
type Portal struct {
	EmployeeID int64        `json:"employee_id"`
	Today      string       `json:"today"`
	Courses    []MyCourse   `json:"courses"`
	Sessions   []MySession  `json:"sessions" doc:"upcoming and running sessions, soonest first"`
	ReportsDue []MyReport   `json:"reports_due"`
	Hours      HoursSummary `json:"hours" doc:"学时 earned this year (company time zone)"`
}

// MyPortal answers 我的学习 for the caller. A login without employee record
// gets an empty portal.
func (s *Service) MyPortal(ctx context.Context) (Portal, error) {
	out := Portal{Today: s.today(ctx), Courses: []MyCourse{}, Sessions: []MySession{}, ReportsDue: []MyReport{}}
	emp, err := me(ctx)
	if err != nil {
		out.Hours.Year = s.clock.Now().In(s.system.Location(ctx)).Year()
		return out, nil
	}
	out.EmployeeID = emp
	if out.Courses, err = s.myCourses(ctx, emp, out.Today); err != nil {
		return out, err
	}
	if out.Sessions, err = s.mySessions(ctx, emp); err != nil {
		return out, err
	}
	var owed []External
	if err := s.externalQuery(s.db.R, &owed).Where("x.employee_id = ? AND x.status = 'attended'", emp).
		Where("(r.status IS NULL OR r.status IN ('draft','returned'))").OrderExpr("x.report_due_on").Scan(ctx); err != nil {
		return out, apperr.Wrap(err, "list owed reports")
	}
	for _, x := range owed {
		out.ReportsDue = append(out.ReportsDue, MyReport{ExternalID: x.ID, CourseTitle: x.CourseTitle, Provider: x.Provider, DueOn: x.ReportDueOn,
			DaysLeft: daysBetween(out.Today, x.ReportDueOn), ReportStatus: x.ReportStatus})
	}
	_, out.Hours, err = s.hoursInYear(ctx, emp, s.clock.Now().In(s.system.Location(ctx)).Year())
	return out, err
}

func (s *Service) myCourses(ctx context.Context, emp int64, today string) ([]MyCourse, error) {
	var rows []struct {
		CourseLearner
		Code           string `bun:"code"`
		Title          string `bun:"title"`
		Category       string `bun:"category"`
		HoursTenths    int64  `bun:"hours_tenths"`
		CompletionRule string `bun:"completion_rule"`
	}
	err := s.db.R.NewSelect().Model((*CourseLearner)(nil)).ColumnExpr("cl.*, c.code, c.title, c.category, c.hours_tenths, c.completion_rule").
		Join("JOIN learning_courses AS c ON c.id = cl.course_id").Where("cl.employee_id = ?", emp).
		OrderExpr("cl.completed_at IS NOT NULL, cl.due_on = '', cl.due_on, cl.id DESC").Scan(ctx, &rows)
	if err != nil {
		return nil, apperr.Wrap(err, "list my courses")
	}
	out := make([]MyCourse, 0, len(rows))
	for _, r := range rows {
		counted, done, err := s.materialCounts(ctx, s.db.R, r.CourseID, emp)
		if err != nil {
			return nil, err
		}
		out = append(out, MyCourse{CourseID: r.CourseID, Code: r.Code, Title: r.Title, Category: r.Category, HoursTenths: r.HoursTenths,
			CompletionRule: r.CompletionRule, Source: r.Source, DueOn: r.DueOn, Progress: ratio(int64(done), int64(counted)),
			Overdue: r.CompletedAt == nil && r.DueOn != "" && r.DueOn < today, CompletedAt: r.CompletedAt, CertificateCode: r.CertificateCode})
	}
	return out, nil
}

func (s *Service) mySessions(ctx context.Context, emp int64) ([]MySession, error) {
	var rows []struct {
		Session
		EnStatus     string `bun:"en_status"`
		EnAttendance string `bun:"en_attendance"`
	}
	err := s.db.R.NewSelect().Model((*Session)(nil)).ColumnExpr("s.*, en.status AS en_status, en.attendance AS en_attendance").
		Join("JOIN learning_enrolments AS en ON en.session_id = s.id").
		Where("en.employee_id = ? AND en.status IN ('pending','enrolled','waitlisted')", emp).
		Where("s.status = 'scheduled' AND s.ends_at > ?", s.now()).OrderExpr("s.starts_at").Scan(ctx, &rows)
	if err != nil {
		return nil, apperr.Wrap(err, "list my sessions")
	}
	out := make([]MySession, 0, len(rows))
	for _, r := range rows {
		out = append(out, MySession{SessionID: r.ID, Title: r.Title, StartsAt: r.StartsAt, EndsAt: r.EndsAt, Place: r.Place, OnlineURL: r.OnlineURL,
			Status: r.EnStatus, Attendance: r.EnAttendance})
	}
	return out, nil
}

// MyHours returns the caller's 学时 ledger of a year (0 = this year).
func (s *Service) MyHours(ctx context.Context, year int) ([]HourEntry, HoursSummary, error) {
	if year == 0 {
		year = s.clock.Now().In(s.system.Location(ctx)).Year()
	}
	emp, err := me(ctx)
	if err != nil {
		return []HourEntry{}, HoursSummary{Year: year}, nil
	}
	return s.hoursInYear(ctx, emp, year)
}

// PlayerCourse is a course as the player shows it: materials with the
// caller's progress on each.
type PlayerCourse struct {
	Course   Course     `json:"course"`
	Learner  *MyCourse  `json:"learner" doc:"null until the caller is on the course (the first open enrols on a published course)"`
	Progress []Progress `json:"progress" doc:"one entry per material the caller opened"`
}

// MyCourse returns a published course (or one the caller is on) for the
// player. Errors: not_found.
func (s *Service) MyCourse(ctx context.Context, courseID int64) (PlayerCourse, error) {
	c, err := s.Course(ctx, courseID)
	if err != nil {
		return PlayerCourse{}, err
	}
	out := PlayerCourse{Course: c, Progress: []Progress{}}
	emp, err := me(ctx)
	if err == nil {
		mine, err := s.myCourses(ctx, emp, s.today(ctx))
		if err != nil {
			return out, err
		}
		for i := range mine {
			if mine[i].CourseID == courseID {
				out.Learner = &mine[i]
			}
		}
		if err := s.db.R.NewSelect().Model(&out.Progress).Where("p.course_id = ? AND p.employee_id = ?", courseID, emp).Scan(ctx); err != nil {
			return out, apperr.Wrap(err, "load progress")
		}
		for i := range out.Progress {
			out.Progress[i].derive()
		}
	}
	if c.Status != "published" && out.Learner == nil {
		return PlayerCourse{}, apperr.NotFoundf("course", courseID)
	}
	return out, nil
}

// OpenSession is a session the caller may ask to join, with their status.
type OpenSession struct {
	Session
	MyStatus string `json:"my_status" doc:"the caller's enrolment status, empty if none"`
}

// OpenSessions lists scheduled sessions that take self-enrolment and have
// not started, soonest first, with the caller's status on each.
func (s *Service) OpenSessions(ctx context.Context) ([]OpenSession, error) {
	var items []Session
	if err := s.sessionQuery(s.db.R, &items).Where("s.status = 'scheduled' AND s.self_enrol AND s.starts_at > ?", s.now()).
		OrderExpr("s.starts_at").Limit(200).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list open sessions")
	}
	if err := s.fillSessionLecturers(ctx, items); err != nil {
		return nil, err
	}
	mine := map[int64]string{}
	if emp, err := me(ctx); err == nil && len(items) > 0 {
		var ens []Enrolment
		if err := s.db.R.NewSelect().Model(&ens).Where("en.employee_id = ?", emp).Scan(ctx); err != nil {
			return nil, apperr.Wrap(err, "load my enrolments")
		}
		for _, e := range ens {
			mine[e.SessionID] = e.Status
		}
	}
	out := make([]OpenSession, 0, len(items))
	for _, x := range items {
		out = append(out, OpenSession{Session: x, MyStatus: mine[x.ID]})
	}
	return out, nil
}
