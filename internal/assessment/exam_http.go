package assessment

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

func (s *Service) paperRoutes(a huma.API) {
	api.Register(a, op("assessment.paper.list", http.MethodGet, "/papers", "Papers with their items or rules", 0),
		"assessment:exam:read", func(ctx context.Context, in *PaperFilter) (*api.ListOutput[Paper], error) {
			items, n, err := s.ListPapers(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("assessment.paper.get", http.MethodGet, "/papers/{id}", "", 0),
		"assessment:exam:read", func(ctx context.Context, in *IDPath) (*body[Paper], error) {
			p, err := s.Paper(ctx, in.ID)
			return &body[Paper]{p}, err
		})
	api.Register(a, op("assessment.paper.create", http.MethodPost, "/papers", "", 201),
		"assessment:exam:manage", func(ctx context.Context, in *body[PaperInput]) (*body[Paper], error) {
			p, err := s.CreatePaper(ctx, in.Body)
			return &body[Paper]{p}, err
		})
	api.Register(a, op("assessment.paper.update", http.MethodPut, "/papers/{id}", "Change a paper no attempt has used", 0),
		"assessment:exam:manage", func(ctx context.Context, in *struct {
			IDPath
			Body PaperInput
		}) (*body[Paper], error) {
			p, err := s.UpdatePaper(ctx, in.ID, in.Body)
			return &body[Paper]{p}, err
		})
	api.Register(a, op("assessment.paper.copy", http.MethodPost, "/papers/{id}/copy", "An editable copy of a paper", 201),
		"assessment:exam:manage", func(ctx context.Context, in *IDPath) (*body[Paper], error) {
			p, err := s.CopyPaper(ctx, in.ID)
			return &body[Paper]{p}, err
		})
	api.Register(a, op("assessment.paper.delete", http.MethodDelete, "/papers/{id}", "Delete a paper no exam uses", 204),
		"assessment:exam:manage", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeletePaper(ctx, in.ID)
		})
}

func (s *Service) examRoutes(a huma.API) {
	api.Register(a, op("assessment.exam.list", http.MethodGet, "/exams", "Exams with attempt counts", 0),
		"assessment:exam:read", func(ctx context.Context, in *ExamFilter) (*api.ListOutput[Exam], error) {
			items, n, err := s.ListExams(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("assessment.exam.get", http.MethodGet, "/exams/{id}", "", 0),
		"assessment:exam:read", func(ctx context.Context, in *IDPath) (*body[Exam], error) {
			e, err := s.Exam(ctx, in.ID)
			return &body[Exam]{e}, err
		})
	api.Register(a, op("assessment.exam.create", http.MethodPost, "/exams", "Create a draft exam", 201),
		"assessment:exam:manage", func(ctx context.Context, in *body[ExamInput]) (*body[Exam], error) {
			e, err := s.CreateExam(ctx, in.Body)
			return &body[Exam]{e}, err
		})
	api.Register(a, op("assessment.exam.update", http.MethodPut, "/exams/{id}", "", 0),
		"assessment:exam:manage", func(ctx context.Context, in *struct {
			IDPath
			Body ExamInput
		}) (*body[Exam], error) {
			e, err := s.UpdateExam(ctx, in.ID, in.Body)
			return &body[Exam]{e}, err
		})
	api.Register(a, op("assessment.exam.delete", http.MethodDelete, "/exams/{id}", "Delete an exam nobody attempted", 204),
		"assessment:exam:manage", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteExam(ctx, in.ID)
		})
	api.Register(a, op("assessment.exam.publish", http.MethodPost, "/exams/{id}/publish", "Let learners take the exam inside its window", 0),
		"assessment:exam:manage", func(ctx context.Context, in *struct {
			IDPath
			Body VersionInput
		}) (*body[Exam], error) {
			e, err := s.PublishExam(ctx, in.ID, in.Body.Version)
			return &body[Exam]{e}, err
		})
	api.Register(a, op("assessment.exam.close", http.MethodPost, "/exams/{id}/close", "Close the exam: attempts in progress are submitted", 0),
		"assessment:exam:manage", func(ctx context.Context, in *struct {
			IDPath
			Body VersionInput
		}) (*body[Exam], error) {
			e, err := s.CloseExam(ctx, in.ID, in.Body.Version)
			return &body[Exam]{e}, err
		})
	api.Register(a, op("assessment.exam.attempts", http.MethodGet, "/exams/{id}/attempts", "The exam's attempts of people in the caller's scope, with scores", 0),
		"assessment:exam:read", func(ctx context.Context, in *struct {
			IDPath
			AttemptFilter
		}) (*api.ListOutput[Attempt], error) {
			items, n, err := s.ExamAttempts(ctx, in.ID, in.AttemptFilter)
			return api.NewList(items, n), err
		})
	api.Register(a, op("assessment.exam.attempts_export", http.MethodGet, "/exams/{id}/attempts/export", "", 0),
		"assessment:exam:read", func(ctx context.Context, in *struct {
			IDPath
			AttemptFilter
		}) (*api.FileOutput, error) {
			f := in.AttemptFilter
			f.Page = f.ForExport()
			items, _, err := s.ExamAttempts(ctx, in.ID, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "attempts", Headers: []string{"ID", "员工 Employee", "部门 Department", "次数 Attempt", "状态 Status",
				"开始 Started (UTC)", "提交 Submitted (UTC)", "方式 Reason", "得分 Score", "满分 Max", "得分率 Percent", "通过 Passed", "待阅 Pending"}}
			for _, x := range items {
				t.Rows = append(t.Rows, []any{x.ID, x.EmployeeName, x.Department, x.AttemptNo, x.Status, x.StartedAt.UTC().Format("2006-01-02 15:04:05"),
					timeCell(x.SubmittedAt), x.SubmitReason, x.Score, x.MaxScore, x.Percent, deref(x.Passed), x.PendingManual})
			}
			return api.XLSXFile("exam-attempts", t)
		})
	api.Register(a, op("assessment.attempt.review", http.MethodGet, "/attempts/{id}", "Any attempt in the caller's scope with answers, keys and marks", 0),
		"assessment:exam:read", func(ctx context.Context, in *IDPath) (*body[Review], error) {
			r, err := s.AttemptReview(ctx, in.ID)
			return &body[Review]{r}, err
		})
}

func (s *Service) gradingRoutes(a huma.API) {
	api.Register(a, op("assessment.grading.list", http.MethodGet, "/grading", "Short answers waiting for (or given) a grade", 0),
		"assessment:exam:grade", func(ctx context.Context, in *GradingFilter) (*api.ListOutput[GradingItem], error) {
			items, n, err := s.ListGrading(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("assessment.grading.grade", http.MethodPut, "/grading/items/{id}", "Grade a short answer (or change its grade)", 0),
		"assessment:exam:grade", func(ctx context.Context, in *struct {
			IDPath
			Body GradeInput
		}) (*body[GradingItem], error) {
			g, err := s.GradeItem(ctx, in.ID, in.Body)
			return &body[GradingItem]{g}, err
		})
}
