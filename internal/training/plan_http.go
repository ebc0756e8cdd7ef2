package training

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// PlanInput is the writable part of a plan (the year only on create).
type PlanInput struct {
	Year    int    `json:"year,omitempty" minimum:"2000" maximum:"2100" doc:"required on create; the year of a plan does not change"`
	Title   string `json:"title" minLength:"1" maxLength:"200"`
	Goals   string `json:"goals,omitempty" maxLength:"8000"`
	Version int    `json:"version,omitempty" doc:"required on update"`
}

// PlanAction is a workflow step's comment and the version read.
type PlanAction struct {
	Comment string `json:"comment,omitempty" maxLength:"2000" doc:"required to reject"`
	Version int    `json:"version"`
}

// LecturerInput is the writable part of an external lecturer.
type LecturerInput struct {
	Name        string `json:"name" minLength:"1" maxLength:"64"`
	Institution string `json:"institution,omitempty" maxLength:"200"`
	Contact     string `json:"contact,omitempty" maxLength:"200"`
	Notes       string `json:"notes,omitempty" maxLength:"2000"`
	Status      string `json:"status,omitempty" enum:"active,disabled"`
	Version     int    `json:"version,omitempty" doc:"required on update"`
}

func (in LecturerInput) model() ExternalLecturer {
	return ExternalLecturer{Name: in.Name, Institution: in.Institution, Contact: in.Contact, Notes: in.Notes, Status: in.Status, Version: in.Version}
}

func (s *Service) planRoutes(a huma.API) {
	api.Register(a, op("training.plan.list", http.MethodGet, "/plans", "Annual training plans with item totals", 0),
		"training:plan:read", func(ctx context.Context, in *PlanFilter) (*api.ListOutput[Plan], error) {
			items, n, err := s.ListPlans(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.plan.export", http.MethodGet, "/plans/export", "", 0),
		"training:plan:read", func(ctx context.Context, in *PlanFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListPlans(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "plans", Headers: []string{"ID", "年度 Year", "标题 Title", "状态 Status", "项目数 Items", "预算(分) Budget (fen)", "提交 Submitted", "审批 Decided"}}
			for _, p := range items {
				t.Rows = append(t.Rows, []any{p.ID, p.Year, p.Title, p.Status, p.Items, p.BudgetFen, deref(p.SubmittedAt), deref(p.DecidedAt)})
			}
			return api.XLSXFile("training-plans", t)
		})
	api.Register(a, op("training.plan.get", http.MethodGet, "/plans/{id}", "", 0),
		"training:plan:read", func(ctx context.Context, in *IDPath) (*body[Plan], error) {
			p, err := s.Plan(ctx, in.ID)
			return &body[Plan]{p}, err
		})
	api.Register(a, op("training.plan.create", http.MethodPost, "/plans", "Create the draft plan of a year", 201),
		"training:plan:update", func(ctx context.Context, in *body[PlanInput]) (*body[Plan], error) {
			p, err := s.CreatePlan(ctx, Plan{Year: in.Body.Year, Title: in.Body.Title, Goals: in.Body.Goals})
			return &body[Plan]{p}, err
		})
	api.Register(a, op("training.plan.update", http.MethodPut, "/plans/{id}", "Change a draft or rejected plan's title and goals", 0),
		"training:plan:update", func(ctx context.Context, in *struct {
			IDPath
			Body PlanInput
		}) (*body[Plan], error) {
			p, err := s.UpdatePlan(ctx, in.ID, Plan{Title: in.Body.Title, Goals: in.Body.Goals, Version: in.Body.Version})
			return &body[Plan]{p}, err
		})
	api.Register(a, op("training.plan.delete", http.MethodDelete, "/plans/{id}", "Delete a draft plan", 204),
		"training:plan:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeletePlan(ctx, in.ID)
		})
	for _, act := range []struct{ action, perm, summary string }{
		{"submit", "training:plan:update", "Submit a draft or rejected plan for approval"},
		{"approve", "training:plan:approve", "Approve a submitted plan"},
		{"reject", "training:plan:approve", "Reject a submitted plan (comment required)"},
	} {
		action := act.action
		api.Register(a, op("training.plan."+action, http.MethodPost, "/plans/{id}/"+action, act.summary, 0),
			act.perm, func(ctx context.Context, in *struct {
				IDPath
				Body PlanAction
			}) (*body[Plan], error) {
				p, err := s.ActOnPlan(ctx, in.ID, action, in.Body.Comment, in.Body.Version)
				return &body[Plan]{p}, err
			})
	}
	api.Register(a, op("training.plan.reviews", http.MethodGet, "/plans/{id}/reviews", "The plan's workflow history", 0),
		"training:plan:read", func(ctx context.Context, in *IDPath) (*api.ListOutput[PlanReview], error) {
			items, err := s.PlanReviews(ctx, in.ID)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("training.plan.completion", http.MethodGet, "/plans/{id}/completion", "Plan completion rate overall and per internal lecturer (docs/METRICS.md)", 0),
		"training:plan:read", func(ctx context.Context, in *struct {
			IDPath
			From string `query:"from" doc:"YYYY-MM-DD; default the whole year"`
			AsOf string `query:"as_of" doc:"YYYY-MM-DD; default today"`
		}) (*body[CompletionReport], error) {
			p, err := s.Plan(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			rep, err := s.PlanCompletionReport(ctx, CompletionQuery{Year: p.Year, From: in.From, AsOf: in.AsOf})
			return &body[CompletionReport]{rep}, err
		})

	api.Register(a, op("training.lecturer.list", http.MethodGet, "/lecturers", "External lecturers and institutions", 0),
		"training:plan:read", func(ctx context.Context, in *LecturerFilter) (*api.ListOutput[ExternalLecturer], error) {
			items, n, err := s.ListExternalLecturers(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.lecturer.export", http.MethodGet, "/lecturers/export", "", 0),
		"training:plan:read", func(ctx context.Context, in *LecturerFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListExternalLecturers(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "lecturers", Headers: []string{"ID", "姓名 Name", "机构 Institution", "联系方式 Contact", "备注 Notes", "状态 Status"}}
			for _, l := range items {
				t.Rows = append(t.Rows, []any{l.ID, l.Name, l.Institution, l.Contact, l.Notes, l.Status})
			}
			return api.XLSXFile("external-lecturers", t)
		})
	api.Register(a, op("training.lecturer.get", http.MethodGet, "/lecturers/{id}", "", 0),
		"training:plan:read", func(ctx context.Context, in *IDPath) (*body[ExternalLecturer], error) {
			l, err := s.ExternalLecturer(ctx, in.ID)
			return &body[ExternalLecturer]{l}, err
		})
	api.Register(a, op("training.lecturer.create", http.MethodPost, "/lecturers", "", 201),
		"training:plan:update", func(ctx context.Context, in *body[LecturerInput]) (*body[ExternalLecturer], error) {
			l, err := s.CreateExternalLecturer(ctx, in.Body.model())
			return &body[ExternalLecturer]{l}, err
		})
	api.Register(a, op("training.lecturer.update", http.MethodPut, "/lecturers/{id}", "", 0),
		"training:plan:update", func(ctx context.Context, in *struct {
			IDPath
			Body LecturerInput
		}) (*body[ExternalLecturer], error) {
			l, err := s.UpdateExternalLecturer(ctx, in.ID, in.Body.model())
			return &body[ExternalLecturer]{l}, err
		})
	api.Register(a, op("training.lecturer.delete", http.MethodDelete, "/lecturers/{id}", "Delete a lecturer no plan item names", 204),
		"training:plan:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteExternalLecturer(ctx, in.ID)
		})
}

func (s *Service) planItemRoutes(a huma.API) {
	api.Register(a, op("training.plan_item.list", http.MethodGet, "/plans/{id}/items", "The plan's items", 0),
		"training:plan:read", func(ctx context.Context, in *struct {
			IDPath
			PlanItemFilter
		}) (*api.ListOutput[PlanItem], error) {
			f := in.PlanItemFilter
			f.PlanID = in.ID
			items, n, err := s.ListPlanItems(ctx, f)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.plan_item.export", http.MethodGet, "/plans/{id}/items/export", "", 0),
		"training:plan:read", func(ctx context.Context, in *struct {
			IDPath
			PlanItemFilter
		}) (*api.FileOutput, error) {
			f := in.PlanItemFilter
			f.PlanID, f.Page = in.ID, f.ForExport()
			items, _, err := s.ListPlanItems(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "plan items", Headers: []string{"ID", "培训项目 Title", "目标 Goal", "类别 Category", "方式 Method", "月份 Month",
				"开始 Start", "结束 End", "到期 Due", "对象 Audience", "讲师 Lecturer", "预算(分) Budget (fen)", "状态 Status", "完成日期 Delivered", "需求数 Needs"}}
			for _, it := range items {
				t.Rows = append(t.Rows, []any{it.ID, it.Title, it.Goal, it.Category, it.Method, it.TargetMonth, it.StartDate, it.EndDate, it.DueDate,
					it.AudienceText, it.LecturerName, it.BudgetFen, it.Status, it.DeliveredDate, len(it.NeedIDs)})
			}
			return api.XLSXFile("training-plan-items", t)
		})
	api.Register(a, op("training.plan_item.create", http.MethodPost, "/plans/{id}/items", "Add an item to a draft or rejected plan", 201),
		"training:plan:update", func(ctx context.Context, in *struct {
			IDPath
			Body PlanItemInput
		}) (*body[PlanItem], error) {
			it, err := s.CreatePlanItem(ctx, in.ID, in.Body)
			return &body[PlanItem]{it}, err
		})
	api.Register(a, op("training.plan_item.get", http.MethodGet, "/plan-items/{id}", "", 0),
		"training:plan:read", func(ctx context.Context, in *IDPath) (*body[PlanItem], error) {
			it, err := s.PlanItem(ctx, in.ID)
			return &body[PlanItem]{it}, err
		})
	api.Register(a, op("training.plan_item.update", http.MethodPut, "/plan-items/{id}", "Change an item of a draft or rejected plan", 0),
		"training:plan:update", func(ctx context.Context, in *struct {
			IDPath
			Body PlanItemInput
		}) (*body[PlanItem], error) {
			it, err := s.UpdatePlanItem(ctx, in.ID, in.Body)
			return &body[PlanItem]{it}, err
		})
	api.Register(a, op("training.plan_item.delete", http.MethodDelete, "/plan-items/{id}", "Delete an item of a draft or rejected plan", 204),
		"training:plan:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeletePlanItem(ctx, in.ID)
		})
	api.Register(a, op("training.plan_item.status", http.MethodPut, "/plan-items/{id}/status", "Move an item of the approved plan: scheduled, delivered, cancelled, planned", 0),
		"training:plan:update", func(ctx context.Context, in *struct {
			IDPath
			Body struct {
				Status        string `json:"status" enum:"planned,scheduled,delivered,cancelled"`
				DeliveredDate string `json:"delivered_date,omitempty" doc:"YYYY-MM-DD for delivered; default today; not in the future"`
				Version       int    `json:"version" minimum:"1"`
			}
		}) (*body[PlanItem], error) {
			it, err := s.SetPlanItemStatus(ctx, in.ID, ItemStatusChange{Status: in.Body.Status, DeliveredDate: in.Body.DeliveredDate, Version: in.Body.Version})
			return &body[PlanItem]{it}, err
		})
}
