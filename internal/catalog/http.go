package catalog

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

type body[T any] struct{ Body T }

// ProductInput is the writable part of a product.
type ProductInput struct {
	Code     string `json:"code" minLength:"1" maxLength:"64"`
	Name     string `json:"name" minLength:"1" maxLength:"200"`
	Category string `json:"category,omitempty" maxLength:"64"`
	Status   string `json:"status,omitempty" enum:"active,disabled"`
	Version  int    `json:"version,omitempty" doc:"required on update"`
}

func (in ProductInput) model() Product {
	return Product{Code: in.Code, Name: in.Name, Category: in.Category, Status: in.Status, Version: in.Version}
}

// SKUInput is the writable part of a SKU.
type SKUInput struct {
	ProductID    *int64 `json:"product_id,omitempty"`
	MerchantCode string `json:"merchant_code" minLength:"1" maxLength:"64"`
	Name         string `json:"name" minLength:"1" maxLength:"200"`
	Attributes   string `json:"attributes,omitempty" maxLength:"500"`
	CostFen      int64  `json:"cost_fen,omitempty" minimum:"0"`
	Status       string `json:"status,omitempty" enum:"active,disabled"`
	Version      int    `json:"version,omitempty" doc:"required on update"`
}

func (in SKUInput) model() SKU {
	return SKU{ProductID: in.ProductID, MerchantCode: in.MerchantCode, Name: in.Name, Attributes: in.Attributes,
		CostFen: in.CostFen, Status: in.Status, Version: in.Version}
}

// MatchInput points listings at a SKU; sku_id 0 unmatches them.
type MatchInput struct {
	ListingIDs []int64 `json:"listing_ids" minItems:"1" maxItems:"1000"`
	SKUID      int64   `json:"sku_id" minimum:"0" doc:"0 unmatches the listings"`
}

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"catalog"}, DefaultStatus: status}
}

// Routes registers the catalogue operations.
func (s *Service) Routes(a huma.API) {
	const base = "/api/v1/catalog"
	api.Register(a, op("catalog.product.list", http.MethodGet, base+"/products", "Products (SPU) with their SKU count", 0),
		"catalog:product:read", func(ctx context.Context, in *ProductFilter) (*api.ListOutput[Product], error) {
			items, n, err := s.ListProducts(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("catalog.product.export", http.MethodGet, base+"/products/export", "", 0),
		"catalog:product:export", func(ctx context.Context, in *ProductFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListProducts(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "products", Headers: []string{"ID", "编码 Code", "名称 Name", "类目 Category", "SKU数 SKUs", "状态 Status"}}
			for _, p := range items {
				t.Rows = append(t.Rows, []any{p.ID, p.Code, p.Name, p.Category, p.SKUCount, p.Status})
			}
			return api.XLSXFile("products", t)
		})
	api.Register(a, op("catalog.product.get", http.MethodGet, base+"/products/{id}", "", 0),
		"catalog:product:read", func(ctx context.Context, in *api.IDPath) (*body[Product], error) {
			p, err := s.Product(ctx, in.ID)
			return &body[Product]{p}, err
		})
	api.Register(a, op("catalog.product.create", http.MethodPost, base+"/products", "", 201),
		"catalog:product:create", func(ctx context.Context, in *body[ProductInput]) (*body[Product], error) {
			p, err := s.CreateProduct(ctx, in.Body.model())
			return &body[Product]{p}, err
		})
	api.Register(a, op("catalog.product.update", http.MethodPut, base+"/products/{id}", "", 0),
		"catalog:product:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body ProductInput
		}) (*body[Product], error) {
			p, err := s.UpdateProduct(ctx, in.ID, in.Body.model())
			return &body[Product]{p}, err
		})
	api.Register(a, op("catalog.product.delete", http.MethodDelete, base+"/products/{id}", "", 204),
		"catalog:product:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteProduct(ctx, in.ID)
		})
	s.skuRoutes(a, base)
	s.listingRoutes(a, base)
}

func (s *Service) skuRoutes(a huma.API, base string) {
	api.Register(a, op("catalog.sku.list", http.MethodGet, base+"/skus", "SKUs", 0),
		"catalog:sku:read", func(ctx context.Context, in *SKUFilter) (*api.ListOutput[SKU], error) {
			items, n, err := s.ListSKUs(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("catalog.sku.export", http.MethodGet, base+"/skus/export", "", 0),
		"catalog:sku:export", func(ctx context.Context, in *SKUFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListSKUs(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "skus", Headers: []string{"ID", "商家编码 Merchant code", "名称 Name", "商品 Product", "属性 Attributes", "成本(分) Cost (fen)", "状态 Status"}}
			for _, k := range items {
				t.Rows = append(t.Rows, []any{k.ID, k.MerchantCode, k.Name, k.ProductName, k.Attributes, k.CostFen, k.Status})
			}
			return api.XLSXFile("skus", t)
		})
	api.Register(a, op("catalog.sku.get", http.MethodGet, base+"/skus/{id}", "", 0),
		"catalog:sku:read", func(ctx context.Context, in *api.IDPath) (*body[SKU], error) {
			k, err := s.SKU(ctx, in.ID)
			return &body[SKU]{k}, err
		})
	api.Register(a, op("catalog.sku.create", http.MethodPost, base+"/skus", "Add a SKU; unmatched listings with its merchant code are matched to it", 201),
		"catalog:sku:create", func(ctx context.Context, in *body[SKUInput]) (*body[SKU], error) {
			k, err := s.CreateSKU(ctx, in.Body.model())
			return &body[SKU]{k}, err
		})
	api.Register(a, op("catalog.sku.update", http.MethodPut, base+"/skus/{id}", "", 0),
		"catalog:sku:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body SKUInput
		}) (*body[SKU], error) {
			k, err := s.UpdateSKU(ctx, in.ID, in.Body.model())
			return &body[SKU]{k}, err
		})
	api.Register(a, op("catalog.sku.delete", http.MethodDelete, base+"/skus/{id}", "", 204),
		"catalog:sku:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteSKU(ctx, in.ID)
		})
}

func (s *Service) listingRoutes(a huma.API, base string) {
	api.Register(a, op("catalog.listing.list", http.MethodGet, base+"/listings", "Listings of the shops in scope; status=unmatched for the matching screen", 0),
		"catalog:listing:read", func(ctx context.Context, in *ListingFilter) (*api.ListOutput[Listing], error) {
			items, n, err := s.ListListings(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("catalog.listing.get", http.MethodGet, base+"/listings/{id}", "", 0),
		"catalog:listing:read", func(ctx context.Context, in *api.IDPath) (*body[Listing], error) {
			l, err := s.Listing(ctx, in.ID)
			return &body[Listing]{l}, err
		})
	api.Register(a, op("catalog.listing.match", http.MethodPost, base+"/listings/match", "Match one or many listings to a SKU; their order lines get the SKU", 0),
		"catalog:listing:update", func(ctx context.Context, in *body[MatchInput]) (*api.ListOutput[Listing], error) {
			items, err := s.MatchListings(ctx, in.Body.ListingIDs, in.Body.SKUID)
			return api.NewList(items, len(items)), err
		})
}
