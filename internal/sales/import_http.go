package sales

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/i18n"
)

// uploadForm is the multipart form of an upload: one or several files.
type uploadForm struct {
	Files []huma.FormFile `form:"files" required:"true" doc:"order or traffic exports (CSV or XLSX); the Taobao classic pair as two files"`
}

// MappingInput saves a mapping template.
type MappingInput struct {
	Mapping
	Version int `json:"version,omitempty" doc:"required on update"`
}

// maxUploadFiles bounds the files of one upload.
const maxUploadFiles = 5

func (s *Service) importRoutes(a huma.API) {
	upOp := op("sales.upload.create", http.MethodPost, base+"/uploads", "Upload files for an import (multipart, field files); answers a token", 201)
	upOp.MaxBodyBytes = maxUploadFiles*s.maxUpload() + 1<<20
	api.Register(a, upOp, "sales:import:create", func(ctx context.Context, in *struct {
		RawBody huma.MultipartFormFiles[uploadForm]
	}) (*body[Upload], error) {
		files := in.RawBody.Data().Files
		if len(files) > maxUploadFiles {
			return nil, apperr.Reject("body.files", apperr.TooManyItems(maxUploadFiles), "upload at most %d files at once", maxUploadFiles)
		}
		parts := make([]UploadPart, len(files))
		for i, f := range files {
			defer f.Close()
			parts[i] = UploadPart{Name: f.Filename, Size: f.Size, Body: f}
		}
		up, err := s.SaveUpload(userOf(ctx), parts)
		return &body[Upload]{up}, err
	})
	api.Register(a, op("sales.upload.detect", http.MethodGet, base+"/uploads/{token}/detect", "Which preset each uploaded file is, with its header row", 0),
		"sales:import:create", func(ctx context.Context, in *struct {
			Token     string `path:"token"`
			Format    string `query:"format" enum:"auto,taobao,tmall,jd,pdd,douyin,generic,"`
			MappingID int64  `query:"mapping_id"`
		}) (*api.ListOutput[FileInfo], error) {
			items, err := s.DetectUpload(ctx, in.Token, in.Format, in.MappingID)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("sales.import.create", http.MethodPost, base+"/imports", "Start importing uploaded files; poll GET /imports/{id}", 202),
		"sales:import:create", func(ctx context.Context, in *body[StartInput]) (*body[Import], error) {
			im, err := s.StartImport(ctx, in.Body)
			return &body[Import]{im}, err
		})
	api.Register(a, op("sales.import.list", http.MethodGet, base+"/imports", "Import sessions of the shops in scope", 0),
		"sales:import:read", func(ctx context.Context, in *ImportFilter) (*api.ListOutput[Import], error) {
			items, n, err := s.ListImports(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("sales.import.get", http.MethodGet, base+"/imports/{id}", "An import session: status, progress (bytes_done/file_bytes), counts", 0),
		"sales:import:read", func(ctx context.Context, in *api.IDPath) (*body[Import], error) {
			im, err := s.Import(ctx, in.ID)
			return &body[Import]{im}, err
		})
	api.Register(a, op("sales.import.errors", http.MethodGet, base+"/imports/{id}/errors", "Row errors of an import (file, row, column, value, reason)", 0),
		"sales:import:read", func(ctx context.Context, in *struct {
			api.IDPath
			api.Page
		}) (*api.ListOutput[ImportErrorRow], error) {
			items, n, err := s.ImportErrors(ctx, in.ID, in.Page)
			return api.NewList(items, n), err
		})
	api.Register(a, op("sales.import.errors.export", http.MethodGet, base+"/imports/{id}/errors/export", "The error report as XLSX, in the language asked for (lang, else Accept-Language; zh-CN by default)", 0),
		"sales:import:read", func(ctx context.Context, in *struct {
			api.IDPath
			i18n.Request
		}) (*api.FileOutput, error) {
			t, err := s.ErrorReport(ctx, in.ID, in.Lang())
			if err != nil {
				return nil, err
			}
			return api.XLSXFile("import-errors", t)
		})
	api.Register(a, op("sales.mapping.list", http.MethodGet, base+"/import-mappings", "Saved column mappings of the generic preset", 0),
		"sales:import:read", func(ctx context.Context, _ *struct{}) (*api.ListOutput[MappingTemplate], error) {
			items, err := s.ListMappings(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("sales.mapping.create", http.MethodPost, base+"/import-mappings", "Save a column mapping template", 201),
		"sales:import:create", func(ctx context.Context, in *body[MappingInput]) (*body[MappingTemplate], error) {
			t, err := s.SaveMapping(ctx, 0, 0, in.Body.Mapping)
			return &body[MappingTemplate]{t}, err
		})
	api.Register(a, op("sales.mapping.update", http.MethodPut, base+"/import-mappings/{id}", "", 0),
		"sales:import:create", func(ctx context.Context, in *struct {
			api.IDPath
			Body MappingInput
		}) (*body[MappingTemplate], error) {
			t, err := s.SaveMapping(ctx, in.ID, in.Body.Version, in.Body.Mapping)
			return &body[MappingTemplate]{t}, err
		})
	api.Register(a, op("sales.mapping.delete", http.MethodDelete, base+"/import-mappings/{id}", "", 204),
		"sales:import:create", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteMapping(ctx, in.ID)
		})
}

func (s *Service) maxUpload() int64 {
	if s.MaxUploadBytes > 0 {
		return s.MaxUploadBytes
	}
	return DefaultMaxUploadBytes
}
