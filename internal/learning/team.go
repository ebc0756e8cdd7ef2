package learning

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// LearnerRow is one learner on one course, for managers.
type LearnerRow struct {
	EmployeeID     int64      `json:"employee_id"`
	EmployeeName   string     `json:"employee_name"`
	DepartmentName string     `json:"department_name"`
	CourseID       int64      `json:"course_id"`
	CourseCode     string     `json:"course_code"`
	CourseTitle    string     `json:"course_title"`
	Source         string     `json:"source"`
	DueOn          string     `json:"due_on"`
	Progress       Ratio      `json:"progress"`
	Status         string     `json:"status" enum:"not_started,in_progress,completed"`
	Overdue        bool       `json:"overdue"`
	CompletedAt    *time.Time `json:"completed_at"`
	LastActivityAt *time.Time `json:"last_activity_at"`
}

// ProgressFilter filters the team progress list.
type ProgressFilter struct {
	api.Page
	CourseID     int64  `query:"course_id"`
	EmployeeID   int64  `query:"employee_id"`
	DepartmentID int64  `query:"department_id" doc:"this department and those below it"`
	Status       string `query:"status" enum:"not_started,in_progress,completed,"`
	Overdue      bool   `query:"overdue" doc:"only assigned courses past their due date and not completed"`
}

// TeamProgress lists course learners in the caller's data scope (a manager
// sees their department; HR everyone) with their progress.
func (s *Service) TeamProgress(ctx context.Context, f ProgressFilter) ([]LearnerRow, int, error) {
	var rows []struct {
		CourseLearner
		Code  string     `bun:"code"`
		Title string     `bun:"title"`
		Last  *time.Time `bun:"last_activity"`
		Done  int        `bun:"done_count"`
	}
	today := s.today(ctx)
	q := s.db.R.NewSelect().Model((*CourseLearner)(nil)).ColumnExpr("cl.*, c.code, c.title").
		ColumnExpr("(SELECT max(p.updated_at) FROM learning_progress AS p WHERE p.course_id = cl.course_id AND p.employee_id = cl.employee_id) AS last_activity").
		ColumnExpr("(SELECT count(*) FROM learning_progress AS p WHERE p.course_id = cl.course_id AND p.employee_id = cl.employee_id AND p.completed_at IS NOT NULL) AS done_count").
		Join("JOIN learning_courses AS c ON c.id = cl.course_id")
	q = scoped(ctx, q, "cl.employee_id")
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, 0, err
	}
	if f.DepartmentID != 0 {
		q = q.Where("cl.employee_id IN (?)", bun.In(append(dir.inDepartment(f.DepartmentID), 0)))
	}
	if f.CourseID != 0 {
		q = q.Where("cl.course_id = ?", f.CourseID)
	}
	if f.EmployeeID != 0 {
		q = q.Where("cl.employee_id = ?", f.EmployeeID)
	}
	switch f.Status {
	case "completed":
		q = q.Where("cl.completed_at IS NOT NULL")
	case "in_progress":
		q = q.Where("cl.completed_at IS NULL AND EXISTS (SELECT 1 FROM learning_progress AS p WHERE p.course_id = cl.course_id AND p.employee_id = cl.employee_id)")
	case "not_started":
		q = q.Where("NOT EXISTS (SELECT 1 FROM learning_progress AS p WHERE p.course_id = cl.course_id AND p.employee_id = cl.employee_id)")
	}
	if f.Overdue {
		q = q.Where("cl.completed_at IS NULL AND cl.due_on <> '' AND cl.due_on < ?", today)
	}
	q, err = api.Order(q, f.Sort, map[string]string{"id": "cl.id", "due_on": "cl.due_on", "course": "c.code", "employee": "cl.employee_id"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx, &rows)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list learners")
	}
	out := make([]LearnerRow, 0, len(rows))
	for _, r := range rows {
		counted, done, err := s.materialCounts(ctx, s.db.R, r.CourseID, r.EmployeeID)
		if err != nil {
			return nil, 0, err
		}
		row := LearnerRow{EmployeeID: r.EmployeeID, EmployeeName: dir.name(r.EmployeeID), CourseID: r.CourseID, CourseCode: r.Code, CourseTitle: r.Title,
			Source: r.Source, DueOn: r.DueOn, Progress: ratio(int64(done), int64(counted)), CompletedAt: r.CompletedAt, LastActivityAt: r.Last,
			Overdue: r.CompletedAt == nil && r.DueOn != "" && r.DueOn < today}
		_, row.DepartmentName = dir.dept(r.EmployeeID)
		switch {
		case r.CompletedAt != nil:
			row.Status = "completed"
		case r.Last != nil:
			row.Status = "in_progress"
		default:
			row.Status = "not_started"
		}
		out = append(out, row)
	}
	return out, int(n), nil
}

// LearnerSummary is one person's learning record, for their manager.
type LearnerSummary struct {
	EmployeeID     int64        `json:"employee_id"`
	EmployeeName   string       `json:"employee_name"`
	DepartmentName string       `json:"department_name"`
	Courses        []LearnerRow `json:"courses"`
	Hours          HoursSummary `json:"hours"`
	HourEntries    []HourEntry  `json:"hour_entries"`
	ReportsOwed    int          `json:"reports_owed"`
}

// Learner returns one employee's learning record in a year (0 = this year).
// Errors: not_found (unknown or outside the caller's data scope).
func (s *Service) Learner(ctx context.Context, employeeID int64, year int) (LearnerSummary, error) {
	if !seesEmployee(ctx, employeeID) {
		return LearnerSummary{}, apperr.NotFoundf("employee", employeeID)
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return LearnerSummary{}, err
	}
	if _, ok := dir.emps[employeeID]; !ok {
		return LearnerSummary{}, apperr.NotFoundf("employee", employeeID)
	}
	if year == 0 {
		year = s.clock.Now().In(s.system.Location(ctx)).Year()
	}
	out := LearnerSummary{EmployeeID: employeeID, EmployeeName: dir.name(employeeID)}
	_, out.DepartmentName = dir.dept(employeeID)
	if out.Courses, _, err = s.TeamProgress(ctx, ProgressFilter{Page: api.Page{PageSize: 500, Page: 1}, EmployeeID: employeeID}); err != nil {
		return out, err
	}
	if out.HourEntries, out.Hours, err = s.hoursInYear(ctx, employeeID, year); err != nil {
		return out, err
	}
	n, err := s.db.R.NewSelect().Model((*External)(nil)).Join("LEFT JOIN learning_reports AS r ON r.external_id = x.id").
		Where("x.employee_id = ? AND x.status = 'attended' AND (r.status IS NULL OR r.status IN ('draft','returned'))", employeeID).Count(ctx)
	out.ReportsOwed = int(n)
	return out, apperr.Wrap(err, "count owed reports")
}
