package training

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// CompetencyInput is the writable part of a competency.
type CompetencyInput struct {
	PositionID    int64    `json:"position_id"`
	Category      string   `json:"category" enum:"knowledge,skill,quality"`
	Name          string   `json:"name" minLength:"1" maxLength:"64"`
	Description   string   `json:"description,omitempty" maxLength:"1000"`
	RequiredLevel int      `json:"required_level" minimum:"1" maximum:"5"`
	Levels        []string `json:"levels" minItems:"5" maxItems:"5" doc:"behavioural description of levels 1-5"`
	Sort          int      `json:"sort,omitempty"`
	Version       int      `json:"version,omitempty" doc:"required on update"`
}

func (in CompetencyInput) model() Competency {
	return Competency{PositionID: in.PositionID, Category: in.Category, Name: in.Name, Description: in.Description,
		RequiredLevel: in.RequiredLevel, Levels: in.Levels, Sort: in.Sort, Version: in.Version}
}

func (s *Service) competencyRoutes(a huma.API) {
	api.Register(a, op("training.competency_model.list", http.MethodGet, "/competency-models", "Positions with the size of their competency model", 0),
		"training:competency:read", func(ctx context.Context, _ *struct{}) (*api.ListOutput[PositionModel], error) {
			items, err := s.CompetencyModels(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("training.competency.list", http.MethodGet, "/competencies", "Competencies with their level descriptions", 0),
		"training:competency:read", func(ctx context.Context, in *CompetencyFilter) (*api.ListOutput[Competency], error) {
			items, n, err := s.ListCompetencies(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.competency.export", http.MethodGet, "/competencies/export", "", 0),
		"training:competency:read", func(ctx context.Context, in *CompetencyFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListCompetencies(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "competencies", Headers: []string{"岗位 Position", "类别 Category", "能力 Competency", "说明 Description",
				"要求等级 Required", "1级 L1", "2级 L2", "3级 L3", "4级 L4", "5级 L5"}}
			for _, c := range items {
				row := []any{c.PositionName, c.Category, c.Name, c.Description, c.RequiredLevel}
				for _, l := range c.Levels {
					row = append(row, l)
				}
				t.Rows = append(t.Rows, row)
			}
			return api.XLSXFile("competencies", t)
		})
	api.Register(a, op("training.competency.get", http.MethodGet, "/competencies/{id}", "", 0),
		"training:competency:read", func(ctx context.Context, in *IDPath) (*body[Competency], error) {
			c, err := s.Competency(ctx, in.ID)
			return &body[Competency]{c}, err
		})
	api.Register(a, op("training.competency.create", http.MethodPost, "/competencies", "", 201),
		"training:competency:update", func(ctx context.Context, in *body[CompetencyInput]) (*body[Competency], error) {
			c, err := s.CreateCompetency(ctx, in.Body.model())
			return &body[Competency]{c}, err
		})
	api.Register(a, op("training.competency.update", http.MethodPut, "/competencies/{id}", "", 0),
		"training:competency:update", func(ctx context.Context, in *struct {
			IDPath
			Body CompetencyInput
		}) (*body[Competency], error) {
			c, err := s.UpdateCompetency(ctx, in.ID, in.Body.model())
			return &body[Competency]{c}, err
		})
	api.Register(a, op("training.competency.delete", http.MethodDelete, "/competencies/{id}", "Delete a competency no round has rated", 204),
		"training:competency:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteCompetency(ctx, in.ID)
		})
	api.Register(a, op("training.settings.get", http.MethodGet, "/settings", "Module settings (gap threshold)", 0),
		"training:assessment:read", func(ctx context.Context, _ *struct{}) (*body[TrainingSettings], error) {
			st, err := s.Settings(ctx)
			return &body[TrainingSettings]{st}, err
		})
	api.Register(a, op("training.settings.update", http.MethodPut, "/settings", "", 0),
		"training:assessment:manage", func(ctx context.Context, in *body[TrainingSettings]) (*body[TrainingSettings], error) {
			st, err := s.UpdateSettings(ctx, in.Body)
			return &body[TrainingSettings]{st}, err
		})
}
