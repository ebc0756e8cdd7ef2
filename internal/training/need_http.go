package training

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

func (s *Service) needRoutes(a huma.API) {
	api.Register(a, op("training.need.list", http.MethodGet, "/needs", "Training needs in the caller's scope", 0),
		"training:need:read", func(ctx context.Context, in *NeedFilter) (*api.ListOutput[Need], error) {
			items, n, err := s.ListNeeds(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.need.export", http.MethodGet, "/needs/export", "", 0),
		"training:need:read", func(ctx context.Context, in *NeedFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListNeeds(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "needs", Headers: []string{"ID", "主题 Topic", "能力 Competency", "来源 Source", "来源名称 Source title",
				"对象 Audience", "优先级 Priority", "状态 Status", "说明 Description", "提出人 Requested by", "创建 Created"}}
			for _, n := range items {
				t.Rows = append(t.Rows, []any{n.ID, n.Topic, n.CompetencyName, n.Source, n.SourceTitle, n.AudienceText, n.Priority, n.Status,
					n.Description, n.RequestedByName, n.CreatedAt})
			}
			return api.XLSXFile("training-needs", t)
		})
	api.Register(a, op("training.need.summary", http.MethodGet, "/needs/summary", "Needs aggregated by topic and audience, for planning", 0),
		"training:need:read", func(ctx context.Context, in *NeedSummaryFilter) (*api.ListOutput[NeedTopic], error) {
			items, err := s.NeedSummary(ctx, *in)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("training.need.get", http.MethodGet, "/needs/{id}", "", 0),
		"training:need:read", func(ctx context.Context, in *IDPath) (*body[Need], error) {
			n, err := s.Need(ctx, in.ID)
			return &body[Need]{n}, err
		})
	api.Register(a, op("training.need.create", http.MethodPost, "/needs", "Record a manager request for people or departments in the caller's scope", 201),
		"training:need:update", func(ctx context.Context, in *body[NeedInput]) (*body[Need], error) {
			n, err := s.CreateNeed(ctx, in.Body)
			return &body[Need]{n}, err
		})
	api.Register(a, op("training.need.update", http.MethodPut, "/needs/{id}", "", 0),
		"training:need:update", func(ctx context.Context, in *struct {
			IDPath
			Body NeedInput
		}) (*body[Need], error) {
			n, err := s.UpdateNeed(ctx, in.ID, in.Body)
			return &body[Need]{n}, err
		})
	api.Register(a, op("training.need.delete", http.MethodDelete, "/needs/{id}", "Delete a need no plan item addresses", 204),
		"training:need:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteNeed(ctx, in.ID)
		})
}
