package learning

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// ExternalInput is what a requester writes.
type ExternalInput struct {
	Provider    string `json:"provider" minLength:"1" maxLength:"200"`
	CourseTitle string `json:"course_title" minLength:"1" maxLength:"200"`
	Location    string `json:"location,omitempty" maxLength:"200"`
	StartsOn    string `json:"starts_on" doc:"YYYY-MM-DD"`
	EndsOn      string `json:"ends_on" doc:"YYYY-MM-DD"`
	HoursTenths int64  `json:"hours_tenths,omitempty" minimum:"0" maximum:"10000"`
	CostFen     int64  `json:"cost_fen" minimum:"0"`
	Category    string `json:"category" enum:"basics,professional,marketing,customer_service,management,other"`
	Reason      string `json:"reason" minLength:"1" maxLength:"2000"`
	PlanItemID  *int64 `json:"plan_item_id,omitempty"`
	Version     int    `json:"version,omitempty" doc:"required on update"`
}

func (in ExternalInput) model() External {
	return External{Provider: in.Provider, CourseTitle: in.CourseTitle, Location: in.Location, StartsOn: in.StartsOn, EndsOn: in.EndsOn,
		HoursTenths: in.HoursTenths, CostFen: in.CostFen, Category: in.Category, Reason: in.Reason, PlanItemID: in.PlanItemID, Version: in.Version}
}

func (s *Service) externalRoutes(a huma.API) {
	api.Register(a, op("my_external.list", http.MethodGet, "/my/external", "My external training requests", 0),
		"learning:external:request", func(ctx context.Context, in *ExternalFilter) (*api.ListOutput[External], error) {
			items, n, err := s.ListMyExternal(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("my_external.create", http.MethodPost, "/my/external", "Request external training", 201),
		"learning:external:request", func(ctx context.Context, in *body[ExternalInput]) (*body[External], error) {
			return out(s.RequestExternal(ctx, in.Body.model()))
		})
	api.Register(a, op("my_external.update", http.MethodPut, "/my/external/{id}", "Change my request while it waits", 0),
		"learning:external:request", func(ctx context.Context, in *struct {
			IDPath
			Body ExternalInput
		}) (*body[External], error) {
			return out(s.UpdateExternal(ctx, in.ID, in.Body.model()))
		})
	api.Register(a, op("my_external.cancel", http.MethodPost, "/my/external/{id}/cancel", "Withdraw my request", 0),
		"learning:external:request", func(ctx context.Context, in *IDPath) (*body[External], error) {
			return out(s.CancelExternal(ctx, in.ID))
		})
	api.Register(a, op("my_external.report_save", http.MethodPut, "/my/external/{id}/report", "Write my summary report (creates the draft)", 0),
		"learning:external:request", func(ctx context.Context, in *struct {
			IDPath
			Body ReportInput
		}) (*body[Report], error) {
			return out(s.SaveReport(ctx, in.ID, in.Body))
		})
	api.Register(a, op("report.submit", http.MethodPost, "/reports/{id}/submit", "Hand my report to the reviewer", 0),
		"learning:external:request", func(ctx context.Context, in *struct {
			IDPath
			Body struct {
				Version int `json:"version"`
			}
		}) (*body[Report], error) {
			return out(s.SubmitReport(ctx, in.ID, in.Body.Version))
		})
	api.Register(a, uploadOp(a, op("report.attach", http.MethodPost, "/reports/{id}/attachments", "Add a file to my report (multipart)", 201), s.attachmentLimit),
		"learning:external:request", func(ctx context.Context, in *struct {
			IDPath
			RawBody huma.MultipartFormFiles[FileForm]
		}) (*body[Attachment], error) {
			f := in.RawBody.Data()
			defer f.File.Close()
			return out(s.AttachToReport(ctx, in.ID, f.File, f.File.Filename))
		})
	api.Register(a, op("external.get", http.MethodGet, "/external/{id}", "One request: your own, or of someone in your scope (approvers, reviewers)", 0),
		"learning:external:request", func(ctx context.Context, in *IDPath) (*body[External], error) {
			return out(s.External(ctx, in.ID))
		})
	api.Register(a, op("external.report", http.MethodGet, "/external/{id}/report", "The summary report of a request", 0),
		"learning:external:request", func(ctx context.Context, in *IDPath) (*body[Report], error) {
			return out(s.ReportOf(ctx, in.ID))
		})
	api.Register(a, op("report.get", http.MethodGet, "/reports/{id}", "A report: own, in scope, or shared in the library", 0),
		"learning:external:request", func(ctx context.Context, in *IDPath) (*body[Report], error) {
			return out(s.Report(ctx, in.ID))
		})

	api.Register(a, op("external.list", http.MethodGet, "/external", "External training of people in your data scope", 0),
		"learning:external:approve", func(ctx context.Context, in *ExternalFilter) (*api.ListOutput[External], error) {
			items, n, err := s.ListExternal(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("external.export", http.MethodGet, "/external/export", "", 0),
		"learning:external:approve", func(ctx context.Context, in *ExternalFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListExternal(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "external", Headers: []string{"ID", "姓名 Name", "部门 Department", "机构 Provider", "课程 Course", "开始 Starts", "结束 Ends",
				"费用(元) Cost", "状态 Status", "总结截止 Report due", "总结状态 Report", "逾期天数 Days overdue"}}
			for _, x := range items {
				t.Rows = append(t.Rows, []any{x.ID, x.EmployeeName, x.DepartmentName, x.Provider, x.CourseTitle, x.StartsOn, x.EndsOn,
					float64(x.CostFen) / 100, x.Status, x.ReportDueOn, x.ReportStatus, x.DaysOverdue})
			}
			return api.XLSXFile("external-training", t)
		})
	api.Register(a, op("external.overdue", http.MethodGet, "/external/overdue", "Reports past their due date, in your scope", 0),
		"learning:external:approve", func(ctx context.Context, in *ExternalFilter) (*api.ListOutput[External], error) {
			f := *in
			f.Overdue = true
			if f.Sort == "" {
				f.Sort = "report_due_on"
			}
			items, n, err := s.ListExternal(ctx, f)
			return api.NewList(items, n), err
		})
	api.Register(a, op("external.costs", http.MethodGet, "/external/costs", "Approved external-training spend against the plan budget", 0),
		"learning:external:approve", func(ctx context.Context, in *struct {
			Year int `query:"year" minimum:"2000" maximum:"2100" required:"true"`
		}) (*body[CostReport], error) {
			return out(s.Costs(ctx, in.Year))
		})
	api.Register(a, op("external.decide", http.MethodPost, "/external/{id}/decision", "Approve or reject (a note is required to reject)", 0),
		"learning:external:approve", func(ctx context.Context, in *struct {
			IDPath
			Body DecisionInput
		}) (*body[External], error) {
			return out(s.DecideExternal(ctx, in.ID, in.Body.Approve, in.Body.Note))
		})
	api.Register(a, op("external.attend", http.MethodPost, "/external/{id}/attendance", "Confirm attendance: the report falls due", 0),
		"learning:external:approve", func(ctx context.Context, in *IDPath) (*body[External], error) {
			return out(s.ConfirmAttendance(ctx, in.ID))
		})

	api.Register(a, op("report.list", http.MethodGet, "/reports", "Reports of people in your scope (default: waiting for review)", 0),
		"learning:external:review", func(ctx context.Context, in *ReportFilter) (*api.ListOutput[Report], error) {
			items, n, err := s.Reports(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("report.review", http.MethodPost, "/reports/{id}/review", "Approve (shares it into the library) or return for rework", 0),
		"learning:external:review", func(ctx context.Context, in *struct {
			IDPath
			Body DecisionInput
		}) (*body[Report], error) {
			return out(s.ReviewReport(ctx, in.ID, in.Body.Approve, in.Body.Note))
		})

	api.Register(a, op("library.search", http.MethodGet, "/library", "Knowledge library: approved summary reports (substring search)", 0),
		"learning:library:read", func(ctx context.Context, in *LibraryFilter) (*api.ListOutput[Report], error) {
			items, n, err := s.Library(ctx, *in)
			return api.NewList(items, n), err
		})
}
