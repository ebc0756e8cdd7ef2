package assessment

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// importInput is the upload of a question file.
type importInput struct {
	OnError string `query:"on_error" enum:"skip,abort," doc:"skip (default): import the good rows; abort: nothing when any row is bad"`
	DryRun  bool   `query:"dry_run" doc:"check the file and answer what would happen, writing nothing"`
	RawBody huma.MultipartFormFiles[importForm]
}

type importForm struct {
	File huma.FormFile `form:"file" required:"true" doc:"XLSX or CSV in the template's columns"`
}

// maxImportBytes bounds a question file upload.
const maxImportBytes = 16 << 20

// QuestionStatusInput archives or restores a question.
type QuestionStatusInput struct {
	Status  string `json:"status" enum:"active,archived"`
	Version int    `json:"version"`
}

func (s *Service) questionRoutes(a huma.API) {
	api.Register(a, op("assessment.question.list", http.MethodGet, "/questions", "The question bank with current versions (answer keys included)", 0),
		"assessment:question:read", func(ctx context.Context, in *QuestionFilter) (*api.ListOutput[Question], error) {
			items, n, err := s.ListQuestions(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("assessment.question.export", http.MethodGet, "/questions/export", "The filtered bank as XLSX in the import's columns", 0),
		"assessment:question:read", func(ctx context.Context, in *QuestionFilter) (*api.FileOutput, error) {
			return s.ExportQuestions(ctx, *in)
		})
	api.Register(a, op("assessment.question.template", http.MethodGet, "/questions/template", "The XLSX template of the question import", 0),
		"assessment:question:import", func(ctx context.Context, _ *struct{}) (*api.FileOutput, error) {
			b, err := QuestionTemplate()
			if err != nil {
				return nil, err
			}
			return api.Attachment("question-template.xlsx", xlsx.ContentType, b), nil
		})
	imp := op("assessment.question.import", http.MethodPost, "/questions/import", "Import questions from an XLSX or CSV file, with per-row errors", 0)
	imp.MaxBodyBytes = maxImportBytes
	api.Register(a, imp, "assessment:question:import", func(ctx context.Context, in *importInput) (*body[ImportResult], error) {
		f := in.RawBody.Data().File
		defer f.Close()
		res, err := s.ImportQuestions(ctx, f, ImportOptions{Name: f.Filename, OnError: in.OnError, DryRun: in.DryRun})
		return &body[ImportResult]{res}, err
	})
	api.Register(a, op("assessment.question.get", http.MethodGet, "/questions/{id}", "", 0),
		"assessment:question:read", func(ctx context.Context, in *IDPath) (*body[Question], error) {
			q, err := s.Question(ctx, in.ID)
			return &body[Question]{q}, err
		})
	api.Register(a, op("assessment.question.versions", http.MethodGet, "/questions/{id}/versions", "Every version of a question, newest first", 0),
		"assessment:question:read", func(ctx context.Context, in *IDPath) (*api.ListOutput[QuestionVersion], error) {
			vs, err := s.QuestionVersions(ctx, in.ID)
			return api.NewList(vs, len(vs)), err
		})
	api.Register(a, op("assessment.question.create", http.MethodPost, "/questions", "", 201),
		"assessment:question:update", func(ctx context.Context, in *body[QuestionInput]) (*body[Question], error) {
			q, err := s.CreateQuestion(ctx, in.Body)
			return &body[Question]{q}, err
		})
	api.Register(a, op("assessment.question.update", http.MethodPut, "/questions/{id}", "Edit a question: a changed content becomes a new version", 0),
		"assessment:question:update", func(ctx context.Context, in *struct {
			IDPath
			Body QuestionInput
		}) (*body[Question], error) {
			q, err := s.UpdateQuestion(ctx, in.ID, in.Body)
			return &body[Question]{q}, err
		})
	api.Register(a, op("assessment.question.status", http.MethodPut, "/questions/{id}/status", "Archive or restore a question", 0),
		"assessment:question:update", func(ctx context.Context, in *struct {
			IDPath
			Body QuestionStatusInput
		}) (*body[Question], error) {
			q, err := s.SetQuestionStatus(ctx, in.ID, in.Body.Status, in.Body.Version)
			return &body[Question]{q}, err
		})
	api.Register(a, op("assessment.question.delete", http.MethodDelete, "/questions/{id}", "Delete a question no paper or attempt uses", 204),
		"assessment:question:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteQuestion(ctx, in.ID)
		})
}
