package training

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// ProblemInput is the writable part of a business problem.
type ProblemInput struct {
	Title       string `json:"title" minLength:"1" maxLength:"200"`
	Area        string `json:"area" enum:"conversion,returns,complaints,ads_roi,stock,other"`
	Description string `json:"description,omitempty" maxLength:"4000"`
	Evidence
	Causes    string `json:"causes,omitempty" maxLength:"4000"`
	OwnerID   int64  `json:"owner_id"`
	Status    string `json:"status,omitempty" enum:"open,analysing,action,closed"`
	FoundDate string `json:"found_date,omitempty" doc:"YYYY-MM-DD; default today"`
	Version   int    `json:"version,omitempty" doc:"required on update"`
}

func (in ProblemInput) model() BusinessProblem {
	return BusinessProblem{Title: in.Title, Area: in.Area, Description: in.Description, Evidence: in.Evidence, Causes: in.Causes,
		OwnerID: in.OwnerID, Status: in.Status, FoundDate: in.FoundDate, Version: in.Version}
}

func (s *Service) problemRoutes(a huma.API) {
	api.Register(a, op("training.problem.list", http.MethodGet, "/problems", "Business problems whose owner is in the caller's scope", 0),
		"training:problem:read", func(ctx context.Context, in *ProblemFilter) (*api.ListOutput[BusinessProblem], error) {
			items, n, err := s.ListProblems(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.problem.export", http.MethodGet, "/problems/export", "", 0),
		"training:problem:read", func(ctx context.Context, in *ProblemFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListProblems(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "problems", Headers: []string{"ID", "问题 Title", "领域 Area", "描述 Description", "指标 Metric", "店铺 Shop",
				"期间 Period", "数值 Value", "链接 URL", "原因 Causes", "负责人 Owner", "状态 Status", "发现日期 Found", "关闭日期 Closed", "培训需求 Needs"}}
			for _, p := range items {
				t.Rows = append(t.Rows, []any{p.ID, p.Title, p.Area, p.Description, p.Metric, p.ShopName, p.Period, p.Value, p.URL,
					p.Causes, p.OwnerName, p.Status, p.FoundDate, p.ClosedDate, p.Needs})
			}
			return api.XLSXFile("business-problems", t)
		})
	api.Register(a, op("training.problem.get", http.MethodGet, "/problems/{id}", "", 0),
		"training:problem:read", func(ctx context.Context, in *IDPath) (*body[BusinessProblem], error) {
			p, err := s.Problem(ctx, in.ID)
			return &body[BusinessProblem]{p}, err
		})
	api.Register(a, op("training.problem.create", http.MethodPost, "/problems", "", 201),
		"training:problem:update", func(ctx context.Context, in *body[ProblemInput]) (*body[BusinessProblem], error) {
			p, err := s.CreateProblem(ctx, in.Body.model())
			return &body[BusinessProblem]{p}, err
		})
	api.Register(a, op("training.problem.update", http.MethodPut, "/problems/{id}", "", 0),
		"training:problem:update", func(ctx context.Context, in *struct {
			IDPath
			Body ProblemInput
		}) (*body[BusinessProblem], error) {
			p, err := s.UpdateProblem(ctx, in.ID, in.Body.model())
			return &body[BusinessProblem]{p}, err
		})
	api.Register(a, op("training.problem.delete", http.MethodDelete, "/problems/{id}", "Delete a problem that raised no needs", 204),
		"training:problem:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteProblem(ctx, in.ID)
		})
	api.Register(a, op("training.problem.raise_need", http.MethodPost, "/problems/{id}/needs", "Raise a training need from the problem", 201),
		"training:need:update", func(ctx context.Context, in *struct {
			IDPath
			Body NeedInput
		}) (*body[Need], error) {
			n, err := s.RaiseProblemNeed(ctx, in.ID, in.Body)
			return &body[Need]{n}, err
		})
}
