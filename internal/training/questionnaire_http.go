package training

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// QuestionnaireInput is the writable part of a questionnaire; items are
// replaced as a whole.
type QuestionnaireInput struct {
	Code        string                   `json:"code,omitempty" maxLength:"64"`
	Title       string                   `json:"title" minLength:"1" maxLength:"200"`
	Description string                   `json:"description,omitempty" maxLength:"4000"`
	Purpose     string                   `json:"purpose,omitempty" maxLength:"32" doc:"default survey"`
	Ref         string                   `json:"ref,omitempty" maxLength:"64"`
	Anonymous   bool                     `json:"anonymous,omitempty"`
	OpensAt     *time.Time               `json:"opens_at,omitempty"`
	ClosesAt    *time.Time               `json:"closes_at,omitempty"`
	Audience    Audience                 `json:"audience,omitempty" doc:"empty: every active employee"`
	Items       []QuestionnaireItemInput `json:"items" minItems:"1" maxItems:"100"`
	Version     int                      `json:"version,omitempty" doc:"required on update"`
}

// QuestionnaireItemInput is one question of a QuestionnaireInput.
type QuestionnaireItemInput struct {
	Kind        string       `json:"kind" enum:"single,multiple,likert,rating,text"`
	Prompt      string       `json:"prompt" minLength:"1" maxLength:"500"`
	Required    bool         `json:"required,omitempty"`
	Options     []ItemOption `json:"options,omitempty" maxItems:"50"`
	Labels      []string     `json:"labels,omitempty" maxItems:"5" doc:"likert: labels of 1-5 (default 非常不同意 ... 非常同意)"`
	MaxChoices  int          `json:"max_choices,omitempty" minimum:"0"`
	RaisesNeeds bool         `json:"raises_needs,omitempty"`
}

func (in QuestionnaireInput) model() Questionnaire {
	q := Questionnaire{Code: in.Code, Title: in.Title, Description: in.Description, Purpose: in.Purpose, Ref: in.Ref, Anonymous: in.Anonymous,
		OpensAt: in.OpensAt, ClosesAt: in.ClosesAt, Audience: in.Audience, Version: in.Version}
	for _, it := range in.Items {
		q.Items = append(q.Items, QuestionnaireItem{Kind: it.Kind, Prompt: it.Prompt, Required: it.Required, Options: it.Options, Labels: it.Labels,
			MaxChoices: it.MaxChoices, RaisesNeeds: it.RaisesNeeds})
	}
	return q
}

func (s *Service) questionnaireRoutes(a huma.API) {
	api.Register(a, op("training.questionnaire.list", http.MethodGet, "/questionnaires", "Questionnaires with invited and responded counts", 0),
		"training:survey:read", func(ctx context.Context, in *QuestionnaireFilter) (*api.ListOutput[Questionnaire], error) {
			items, n, err := s.ListQuestionnaires(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("training.questionnaire.export", http.MethodGet, "/questionnaires/export", "", 0),
		"training:survey:read", func(ctx context.Context, in *QuestionnaireFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListQuestionnaires(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "questionnaires", Headers: []string{"ID", "编码 Code", "标题 Title", "用途 Purpose", "匿名 Anonymous", "状态 Status",
				"开始 Opens", "截止 Closes", "对象 Audience", "应答人数 Invited", "已答人数 Responded"}}
			for _, q := range items {
				t.Rows = append(t.Rows, []any{q.ID, q.Code, q.Title, q.Purpose, q.Anonymous, q.Status, deref(q.OpensAt), deref(q.ClosesAt), q.AudienceText, q.Invited, q.Responded})
			}
			return api.XLSXFile("questionnaires", t)
		})
	api.Register(a, op("training.questionnaire.get", http.MethodGet, "/questionnaires/{id}", "A questionnaire with its items", 0),
		"training:survey:read", func(ctx context.Context, in *IDPath) (*body[Questionnaire], error) {
			q, err := s.Questionnaire(ctx, in.ID)
			return &body[Questionnaire]{q}, err
		})
	api.Register(a, op("training.questionnaire.create", http.MethodPost, "/questionnaires", "Create a draft questionnaire", 201),
		"training:survey:manage", func(ctx context.Context, in *body[QuestionnaireInput]) (*body[Questionnaire], error) {
			q, err := s.CreateQuestionnaire(ctx, in.Body.model())
			return &body[Questionnaire]{q}, err
		})
	api.Register(a, op("training.questionnaire.update", http.MethodPut, "/questionnaires/{id}", "Change a draft questionnaire, items included", 0),
		"training:survey:manage", func(ctx context.Context, in *struct {
			IDPath
			Body QuestionnaireInput
		}) (*body[Questionnaire], error) {
			q, err := s.UpdateQuestionnaire(ctx, in.ID, in.Body.model())
			return &body[Questionnaire]{q}, err
		})
	api.Register(a, op("training.questionnaire.delete", http.MethodDelete, "/questionnaires/{id}", "Delete a questionnaire nobody answered", 204),
		"training:survey:manage", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteQuestionnaire(ctx, in.ID)
		})
	api.Register(a, op("training.questionnaire.window", http.MethodPut, "/questionnaires/{id}/window", "Change the answering window of a draft or open questionnaire", 0),
		"training:survey:manage", func(ctx context.Context, in *struct {
			IDPath
			Body QuestionnaireWindow
		}) (*body[Questionnaire], error) {
			q, err := s.SetQuestionnaireWindow(ctx, in.ID, in.Body)
			return &body[Questionnaire]{q}, err
		})
	api.Register(a, op("training.questionnaire.open", http.MethodPost, "/questionnaires/{id}/open", "Start taking answers", 0),
		"training:survey:manage", func(ctx context.Context, in *struct {
			IDPath
			Body VersionInput
		}) (*body[Questionnaire], error) {
			q, err := s.OpenQuestionnaire(ctx, in.ID, in.Body.Version)
			return &body[Questionnaire]{q}, err
		})
	api.Register(a, op("training.questionnaire.close", http.MethodPost, "/questionnaires/{id}/close", "Stop taking answers", 0),
		"training:survey:manage", func(ctx context.Context, in *struct {
			IDPath
			Body VersionInput
		}) (*body[Questionnaire], error) {
			q, err := s.CloseQuestionnaire(ctx, in.ID, in.Body.Version)
			return &body[Questionnaire]{q}, err
		})
	api.Register(a, op("training.questionnaire.results", http.MethodGet, "/questionnaires/{id}/results", "Response rate and per-item results; never names respondents", 0),
		"training:survey:read", func(ctx context.Context, in *IDPath) (*body[ResponseSummary], error) {
			r, err := s.QuestionnaireResults(ctx, in.ID)
			return &body[ResponseSummary]{r}, err
		})
	api.Register(a, op("training.questionnaire.results_export", http.MethodGet, "/questionnaires/{id}/results/export", "", 0),
		"training:survey:read", func(ctx context.Context, in *IDPath) (*api.FileOutput, error) {
			r, err := s.QuestionnaireResults(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return api.XLSXFile(fmt.Sprintf("questionnaire-%d-results", r.QuestionnaireID), resultsTable(r))
		})
	api.Register(a, op("training.questionnaire.non_responders", http.MethodGet, "/questionnaires/{id}/non-responders", "Invited people who have not responded (for reminders)", 0),
		"training:survey:manage", func(ctx context.Context, in *IDPath) (*api.ListOutput[NonResponder], error) {
			items, err := s.NonResponderList(ctx, in.ID)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("training.my_questionnaire.list", http.MethodGet, "/my/questionnaires", "Open questionnaires the caller is invited to", 0),
		"training:survey:answer", func(ctx context.Context, _ *struct{}) (*api.ListOutput[MyQuestionnaire], error) {
			items, err := s.MyQuestionnaires(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("training.my_questionnaire.get", http.MethodGet, "/my/questionnaires/{id}", "The form to answer", 0),
		"training:survey:answer", func(ctx context.Context, in *IDPath) (*body[MyQuestionnaire], error) {
			q, err := s.MyQuestionnaire(ctx, in.ID)
			return &body[MyQuestionnaire]{q}, err
		})
	api.Register(a, op("training.my_questionnaire.respond", http.MethodPost, "/my/questionnaires/{id}/response", "Submit the caller's one response", 204),
		"training:survey:answer", func(ctx context.Context, in *struct {
			IDPath
			Body struct {
				Answers []ItemAnswer `json:"answers" maxItems:"200"`
			}
		}) (*struct{}, error) {
			return nil, s.SubmitMyResponse(ctx, in.ID, in.Body.Answers)
		})
}

// resultsTable lays results out as one row per option, scale point or text.
func resultsTable(r ResponseSummary) xlsx.Table {
	t := xlsx.Table{Sheet: "results", Headers: []string{"题号 No.", "题目 Prompt", "类型 Kind", "作答数 Answered", "选项/分值 ItemOption/value", "次数 Count", "占比 Share", "平均 Average"}}
	t.Rows = append(t.Rows, []any{"", "回复率 Response rate", "", r.ResponseRate.Denominator, "", r.ResponseRate.Numerator, deref(r.ResponseRate.Value), ""})
	for _, it := range r.Items {
		switch it.Kind {
		case KindSingle, KindMultiple:
			for _, o := range it.Options {
				t.Rows = append(t.Rows, []any{it.Sort, it.Prompt, it.Kind, it.Answered, o.Label, o.Count, o.Share, ""})
			}
		case KindLikert, KindRating:
			for _, d := range it.Distribution {
				t.Rows = append(t.Rows, []any{it.Sort, it.Prompt, it.Kind, it.Answered, strings.TrimSpace(fmt.Sprintf("%d %s", d.Value, d.Label)), d.Count, "", deref(it.Average)})
			}
		case KindText:
			for _, txt := range it.Texts {
				t.Rows = append(t.Rows, []any{it.Sort, it.Prompt, it.Kind, it.Answered, txt, "", "", ""})
			}
		}
	}
	return t
}
