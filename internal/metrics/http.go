package metrics

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
)

// KPIFilter is the filter every KPI operation shares.
type KPIFilter struct {
	From     string  `query:"from" required:"true" doc:"first business date YYYY-MM-DD (company time zone)"`
	To       string  `query:"to" required:"true" doc:"last business date YYYY-MM-DD, inclusive"`
	ShopIDs  []int64 `query:"shop_ids" doc:"comma-separated shop ids; empty: every shop in the caller's scope"`
	Platform string  `query:"platform" enum:"taobao,tmall,jd,pdd,douyin,kuaishou,other," doc:"only the shops on this platform"`
}

func (f KPIFilter) query() Query {
	return Query{From: f.From, To: f.To, ShopIDs: f.ShopIDs, Platform: f.Platform}
}

// TopSKUInput adds how many items.
type TopSKUInput struct {
	KPIFilter
	Limit int `query:"limit" minimum:"1" maximum:"100" default:"10" doc:"how many items"`
}

// ExportInput adds how many top SKUs the workbook lists.
type ExportInput struct {
	KPIFilter
	Top int `query:"top" minimum:"0" maximum:"100" default:"20" doc:"how many top SKUs in the workbook"`
}

// KPIInput adds the per-day switch.
type KPIInput struct {
	KPIFilter
	By string `query:"by" enum:"day," doc:"day: add the per-day series"`
}

type body[T any] struct{ Body T }

func op(id, path, summary string) huma.Operation {
	return huma.Operation{OperationID: id, Method: http.MethodGet, Path: path, Summary: summary, Tags: []string{"metrics"}}
}

// Routes registers the metrics operations.
func (s *Service) Routes(a huma.API) {
	const base = "/api/v1/metrics"
	api.Register(a, op("metrics.definitions", base+"/definitions", "Every metric's definition (the registry, as docs/METRICS.md)"),
		"metrics:kpi:read", func(ctx context.Context, _ *struct{}) (*api.ListOutput[Metric], error) {
			return api.NewList(Registry, len(Registry)), nil
		})
	api.Register(a, op("metrics.kpi", base+"/kpi", "KPI totals of a period, optionally per day (the CLI's JSON)"),
		"metrics:kpi:read", func(ctx context.Context, in *KPIInput) (*body[KPIResult], error) {
			res, err := s.KPI(ctx, in.query(), in.By == "day")
			return &body[KPIResult]{res}, err
		})
	api.Register(a, op("metrics.dashboard", base+"/dashboard", "Operations dashboard: KPIs with 环比/同比, per-day series, platform and shop breakdowns, drill-downs"),
		"metrics:kpi:read", func(ctx context.Context, in *KPIFilter) (*body[Dashboard], error) {
			res, err := s.Dashboard(ctx, in.query())
			return &body[Dashboard]{res}, err
		})
	api.Register(a, op("metrics.top_skus", base+"/top-skus", "Best-selling SKUs (and unmatched listings) of the period by paid amount"),
		"metrics:kpi:read", func(ctx context.Context, in *TopSKUInput) (*api.ListOutput[TopSKU], error) {
			items, err := s.TopSKUs(ctx, in.query(), in.Limit)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("metrics.dashboard.export", base+"/dashboard/export", "The dashboard's figures as an XLSX workbook"),
		"metrics:kpi:export", func(ctx context.Context, in *ExportInput) (*api.FileOutput, error) {
			res, err := s.Dashboard(ctx, in.query())
			if err != nil {
				return nil, err
			}
			top, err := s.TopSKUs(ctx, in.query(), in.Top)
			if err != nil {
				return nil, err
			}
			return dashboardWorkbook(res, top)
		})
}
