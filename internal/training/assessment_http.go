package training

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// RoundInput is the writable part of an assessment round.
type RoundInput struct {
	Name          string  `json:"name" minLength:"1" maxLength:"100"`
	Period        string  `json:"period,omitempty" maxLength:"32"`
	StartDate     string  `json:"start_date,omitempty"`
	DueDate       string  `json:"due_date,omitempty"`
	DepartmentIDs []int64 `json:"department_ids,omitempty" maxItems:"100" doc:"empty: all departments"`
	PositionIDs   []int64 `json:"position_ids,omitempty" maxItems:"100" doc:"empty: every position with a model"`
	Version       int     `json:"version,omitempty" doc:"required on update"`
}

func (in RoundInput) model() Round {
	return Round{Name: in.Name, Period: in.Period, StartDate: in.StartDate, DueDate: in.DueDate, DepartmentIDs: in.DepartmentIDs, PositionIDs: in.PositionIDs, Version: in.Version}
}

func (s *Service) assessmentRoutes(a huma.API) {
	api.Register(a, op("training.round.list", http.MethodGet, "/assessment-rounds", "Assessment rounds with progress in the caller's scope", 0),
		"training:assessment:read", func(ctx context.Context, in *RoundFilter) (*api.ListOutput[Round], error) {
			items, n, err := s.ListRounds(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.round.export", http.MethodGet, "/assessment-rounds/export", "", 0),
		"training:assessment:read", func(ctx context.Context, in *RoundFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListRounds(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "rounds", Headers: []string{"ID", "名称 Name", "期间 Period", "开始 Start", "截止 Due", "状态 Status",
				"参与人数 Participants", "自评完成 Self done", "上级评完成 Manager done", "差距阈值 Gap threshold", "生成需求 Needs created"}}
			for _, r := range items {
				t.Rows = append(t.Rows, []any{r.ID, r.Name, r.Period, r.StartDate, r.DueDate, r.Status, r.Participants, r.SelfDone, r.ManagerDone, r.GapThreshold, r.NeedsCreated})
			}
			return api.XLSXFile("assessment-rounds", t)
		})
	api.Register(a, op("training.round.get", http.MethodGet, "/assessment-rounds/{id}", "", 0),
		"training:assessment:read", func(ctx context.Context, in *IDPath) (*body[Round], error) {
			r, err := s.Round(ctx, in.ID)
			return &body[Round]{r}, err
		})
	api.Register(a, op("training.round.create", http.MethodPost, "/assessment-rounds", "Create a draft round", 201),
		"training:assessment:manage", func(ctx context.Context, in *body[RoundInput]) (*body[Round], error) {
			r, err := s.CreateRound(ctx, in.Body.model())
			return &body[Round]{r}, err
		})
	api.Register(a, op("training.round.update", http.MethodPut, "/assessment-rounds/{id}", "Change a draft round", 0),
		"training:assessment:manage", func(ctx context.Context, in *struct {
			IDPath
			Body RoundInput
		}) (*body[Round], error) {
			r, err := s.UpdateRound(ctx, in.ID, in.Body.model())
			return &body[Round]{r}, err
		})
	api.Register(a, op("training.round.delete", http.MethodDelete, "/assessment-rounds/{id}", "Delete a draft round", 204),
		"training:assessment:manage", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteRound(ctx, in.ID)
		})
	api.Register(a, op("training.round.open", http.MethodPost, "/assessment-rounds/{id}/open", "Open the round: participants and rating sheets are created", 0),
		"training:assessment:manage", func(ctx context.Context, in *struct {
			IDPath
			Body VersionInput
		}) (*body[Round], error) {
			r, err := s.OpenRound(ctx, in.ID, in.Body.Version)
			return &body[Round]{r}, err
		})
	api.Register(a, op("training.round.close", http.MethodPost, "/assessment-rounds/{id}/close", "Close the round: agreed levels and gaps are fixed, gaps become training needs", 0),
		"training:assessment:manage", func(ctx context.Context, in *struct {
			IDPath
			Body VersionInput
		}) (*body[Round], error) {
			r, err := s.CloseRound(ctx, in.ID, in.Body.Version)
			return &body[Round]{r}, err
		})
	api.Register(a, op("training.round.heatmap", http.MethodGet, "/assessment-rounds/{id}/heatmap", "Gap heat map by department or position and competency", 0),
		"training:assessment:read", func(ctx context.Context, in *struct {
			IDPath
			HeatmapQuery
		}) (*body[Heatmap], error) {
			h, err := s.RoundHeatmap(ctx, in.ID, in.HeatmapQuery)
			return &body[Heatmap]{h}, err
		})
	api.Register(a, op("training.participant.list", http.MethodGet, "/assessment-rounds/{id}/participants", "Participants in the caller's scope", 0),
		"training:assessment:read", func(ctx context.Context, in *struct {
			IDPath
			ParticipantFilter
		}) (*api.ListOutput[Participant], error) {
			items, n, err := s.ListParticipants(ctx, in.ID, in.ParticipantFilter)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.participant.export", http.MethodGet, "/assessment-rounds/{id}/participants/export", "", 0),
		"training:assessment:read", func(ctx context.Context, in *struct {
			IDPath
			ParticipantFilter
		}) (*api.FileOutput, error) {
			f := in.ParticipantFilter
			f.Page = f.ForExport()
			items, _, err := s.ListParticipants(ctx, in.ID, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "participants", Headers: []string{"姓名 Name", "部门 Department", "岗位 Position", "上级 Manager",
				"自评提交 Self submitted", "上级评提交 Manager submitted", "差距数 Gaps"}}
			for _, p := range items {
				t.Rows = append(t.Rows, []any{p.EmployeeName, p.DepartmentName, p.PositionName, p.ManagerName, deref(p.SelfSubmittedAt), deref(p.ManagerSubmittedAt), p.Gaps})
			}
			return api.XLSXFile("assessment-participants", t)
		})
	api.Register(a, op("training.participant.get", http.MethodGet, "/assessment-rounds/{id}/participants/{pid}", "A participant's sheet with radar data", 0),
		"training:assessment:read", func(ctx context.Context, in *RoundParticipantPath) (*body[Sheet], error) {
			sh, err := s.Sheet(ctx, in.ID, in.PID)
			return &body[Sheet]{sh}, err
		})
	api.Register(a, op("training.participant.agreed", http.MethodPut, "/assessment-rounds/{id}/participants/{pid}/agreed", "Set agreed levels (HR) while the round is open", 0),
		"training:assessment:manage", func(ctx context.Context, in *struct {
			RoundParticipantPath
			Body struct {
				Ratings []LevelInput `json:"ratings" maxItems:"50"`
			}
		}) (*body[Sheet], error) {
			sh, err := s.SetAgreed(ctx, in.ID, in.PID, in.Body.Ratings)
			return &body[Sheet]{sh}, err
		})
}

func (s *Service) rateRoutes(a huma.API) {
	api.Register(a, op("training.my_assessment.list", http.MethodGet, "/my/assessments", "Sheets the caller rates: their own and their direct reports'", 0),
		"training:assessment:rate", func(ctx context.Context, _ *struct{}) (*api.ListOutput[MySheet], error) {
			items, err := s.MySheets(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("training.my_assessment.get", http.MethodGet, "/my/assessments/{id}", "One of those sheets, by participant id", 0),
		"training:assessment:rate", func(ctx context.Context, in *IDPath) (*body[Sheet], error) {
			sh, err := s.MySheet(ctx, in.ID)
			return &body[Sheet]{sh}, err
		})
	api.Register(a, op("training.my_assessment.rate", http.MethodPut, "/my/assessments/{id}", "Save (and optionally submit) the caller's self or manager rating", 0),
		"training:assessment:rate", func(ctx context.Context, in *struct {
			IDPath
			Body RateInput
		}) (*body[Sheet], error) {
			sh, err := s.Rate(ctx, in.ID, in.Body)
			return &body[Sheet]{sh}, err
		})
}
