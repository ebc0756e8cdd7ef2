package learning

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

func (s *Service) progressRoutes(a huma.API) {
	api.Register(a, op("progress.list", http.MethodGet, "/progress", "Course progress of learners in your data scope", 0),
		"learning:progress:read", func(ctx context.Context, in *ProgressFilter) (*api.ListOutput[LearnerRow], error) {
			items, n, err := s.TeamProgress(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("progress.export", http.MethodGet, "/progress/export", "", 0),
		"learning:progress:read", func(ctx context.Context, in *ProgressFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.TeamProgress(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "progress", Headers: []string{"姓名 Name", "部门 Department", "课程 Course", "来源 Source", "截止 Due",
				"完成资料 Done", "应完成 Counted", "状态 Status", "逾期 Overdue", "完成时间 Completed"}}
			for _, r := range items {
				var done any
				if r.CompletedAt != nil {
					done = r.CompletedAt.In(s.system.Location(ctx)).Format("2006-01-02 15:04")
				}
				t.Rows = append(t.Rows, []any{r.EmployeeName, r.DepartmentName, r.CourseCode + " " + r.CourseTitle, r.Source, r.DueOn,
					r.Progress.Numerator, r.Progress.Denominator, r.Status, r.Overdue, done})
			}
			return api.XLSXFile("learning-progress", t)
		})
	api.Register(a, op("progress.overdue", http.MethodGet, "/progress/overdue", "Learners past the due date of an assigned course", 0),
		"learning:progress:read", func(ctx context.Context, in *ProgressFilter) (*api.ListOutput[LearnerRow], error) {
			f := *in
			f.Overdue = true
			if f.Sort == "" {
				f.Sort = "due_on"
			}
			items, n, err := s.TeamProgress(ctx, f)
			return api.NewList(items, n), err
		})
	api.Register(a, op("progress.learner", http.MethodGet, "/progress/employees/{id}", "One employee's learning record (404 outside your scope)", 0),
		"learning:progress:read", func(ctx context.Context, in *struct {
			IDPath
			Year int `query:"year"`
		}) (*body[LearnerSummary], error) {
			return out(s.Learner(ctx, in.ID, in.Year))
		})
}
