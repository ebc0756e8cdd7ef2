package system

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// DictTypeInput is the writable part of a dictionary type.
type DictTypeInput struct {
	Type    string `json:"type" minLength:"1" maxLength:"64" pattern:"^[a-z][a-z0-9_]*$"`
	Name    string `json:"name" minLength:"1" maxLength:"64"`
	NameEN  string `json:"name_en,omitempty" maxLength:"64"`
	Status  string `json:"status,omitempty" enum:"active,disabled"`
	Remark  string `json:"remark,omitempty" maxLength:"500"`
	Version int    `json:"version,omitempty" doc:"required on update"`
}

// DictDataInput is the writable part of a dictionary value.
type DictDataInput struct {
	Type    string `json:"type,omitempty" maxLength:"64" doc:"required on create"`
	Value   string `json:"value" minLength:"1" maxLength:"64"`
	Label   string `json:"label" minLength:"1" maxLength:"64"`
	LabelEN string `json:"label_en,omitempty" maxLength:"64"`
	Colour  string `json:"colour,omitempty" maxLength:"16"`
	Sort    int    `json:"sort,omitempty"`
	Status  string `json:"status,omitempty" enum:"active,disabled"`
	Version int    `json:"version,omitempty" doc:"required on update"`
}

type settingsOut struct{ Body Settings }
type dictTypeOut struct{ Body DictType }
type dictDataOut struct{ Body DictData }
type dictOut struct {
	Body struct {
		Items []DictData `json:"items"`
	}
}

// Routes registers the settings and dictionary operations.
func (s *Service) Routes(a huma.API) {
	tags := []string{"system"}
	api.Register(a, huma.Operation{OperationID: "system.settings.get", Method: http.MethodGet, Path: "/api/v1/system/settings", Tags: tags},
		"system:setting:read", func(ctx context.Context, _ *struct{}) (*settingsOut, error) {
			st, err := s.Settings(ctx)
			return &settingsOut{Body: st}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.settings.update", Method: http.MethodPut, Path: "/api/v1/system/settings", Tags: tags},
		"system:setting:update", func(ctx context.Context, in *struct{ Body Settings }) (*settingsOut, error) {
			st, err := s.UpdateSettings(ctx, in.Body)
			return &settingsOut{Body: st}, err
		})

	api.Register(a, huma.Operation{OperationID: "system.dict_type.list", Method: http.MethodGet, Path: "/api/v1/system/dict-types", Tags: tags},
		"system:dict:read", func(ctx context.Context, in *DictTypeFilter) (*api.ListOutput[DictType], error) {
			items, n, err := s.ListDictTypes(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_type.export", Method: http.MethodGet, Path: "/api/v1/system/dict-types/export", Tags: tags},
		"system:dict:read", func(ctx context.Context, in *DictTypeFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListDictTypes(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "dict_types", Headers: []string{"ID", "类型 Type", "名称 Name", "Name (EN)", "内置 Builtin", "状态 Status", "备注 Remark"}}
			for _, d := range items {
				t.Rows = append(t.Rows, []any{d.ID, d.Type, d.Name, d.NameEN, d.Builtin, d.Status, d.Remark})
			}
			return api.XLSXFile("dict-types", t)
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_type.create", Method: http.MethodPost, Path: "/api/v1/system/dict-types", Tags: tags, DefaultStatus: 201},
		"system:dict:create", func(ctx context.Context, in *struct{ Body DictTypeInput }) (*dictTypeOut, error) {
			b := in.Body
			t, err := s.CreateDictType(ctx, DictType{Type: b.Type, Name: b.Name, NameEN: b.NameEN, Status: b.Status, Remark: b.Remark})
			return &dictTypeOut{Body: t}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_type.update", Method: http.MethodPut, Path: "/api/v1/system/dict-types/{id}", Tags: tags},
		"system:dict:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body DictTypeInput
		}) (*dictTypeOut, error) {
			b := in.Body
			t, err := s.UpdateDictType(ctx, in.ID, DictType{Type: b.Type, Name: b.Name, NameEN: b.NameEN, Status: b.Status, Remark: b.Remark, Version: b.Version})
			return &dictTypeOut{Body: t}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_type.delete", Method: http.MethodDelete, Path: "/api/v1/system/dict-types/{id}", Tags: tags, DefaultStatus: 204},
		"system:dict:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteDictType(ctx, in.ID)
		})

	api.Register(a, huma.Operation{OperationID: "system.dict_data.list", Method: http.MethodGet, Path: "/api/v1/system/dict-data", Tags: tags},
		"system:dict:read", func(ctx context.Context, in *DictDataFilter) (*api.ListOutput[DictData], error) {
			items, n, err := s.ListDictData(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_data.export", Method: http.MethodGet, Path: "/api/v1/system/dict-data/export", Tags: tags},
		"system:dict:read", func(ctx context.Context, in *DictDataFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListDictData(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "dict_data", Headers: []string{"ID", "类型 Type", "值 Value", "标签 Label", "Label (EN)", "颜色 Colour", "排序 Sort", "状态 Status"}}
			for _, d := range items {
				t.Rows = append(t.Rows, []any{d.ID, d.Type, d.Value, d.Label, d.LabelEN, d.Colour, d.Sort, d.Status})
			}
			return api.XLSXFile("dict-data", t)
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_data.create", Method: http.MethodPost, Path: "/api/v1/system/dict-data", Tags: tags, DefaultStatus: 201},
		"system:dict:create", func(ctx context.Context, in *struct{ Body DictDataInput }) (*dictDataOut, error) {
			d, err := s.CreateDictData(ctx, dataFromInput(in.Body))
			return &dictDataOut{Body: d}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_data.update", Method: http.MethodPut, Path: "/api/v1/system/dict-data/{id}", Tags: tags},
		"system:dict:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body DictDataInput
		}) (*dictDataOut, error) {
			d, err := s.UpdateDictData(ctx, in.ID, dataFromInput(in.Body))
			return &dictDataOut{Body: d}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.dict_data.delete", Method: http.MethodDelete, Path: "/api/v1/system/dict-data/{id}", Tags: tags, DefaultStatus: 204},
		"system:dict:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteDictData(ctx, in.ID)
		})
	api.Register(a, huma.Operation{OperationID: "system.dict.get", Method: http.MethodGet, Path: "/api/v1/system/dicts/{type}", Tags: tags,
		Summary: "Active values of one dictionary, for selects and status tags"},
		api.Authenticated, func(ctx context.Context, in *struct {
			Type string `path:"type"`
		}) (*dictOut, error) {
			items, err := s.Dict(ctx, in.Type)
			out := &dictOut{}
			out.Body.Items = items
			if out.Body.Items == nil {
				out.Body.Items = []DictData{}
			}
			return out, err
		})
}

func dataFromInput(b DictDataInput) DictData {
	return DictData{Type: b.Type, Value: b.Value, Label: b.Label, LabelEN: b.LabelEN, Colour: b.Colour, Sort: b.Sort, Status: b.Status, Version: b.Version}
}
