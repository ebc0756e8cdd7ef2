package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"

	"ecomops/internal/platform/apperr"
)

type probeInput struct {
	Page int `query:"page" minimum:"1"`
	Body struct {
		Name   string   `json:"name" minLength:"2" maxLength:"8"`
		Kind   string   `json:"kind" enum:"a,b"`
		Email  string   `json:"email,omitempty" format:"email"`
		Tags   []string `json:"tags,omitempty" maxItems:"1"`
		Score  int      `json:"score,omitempty" minimum:"0" maximum:"100"`
		Taken  bool     `json:"taken,omitempty"`
		Reason bool     `json:"reason,omitempty"`
	}
}

// probeAPI answers with huma's validation errors or with the service's apperr errors.
func probeAPI(t *testing.T) humatest.TestAPI {
	_, a := humatest.New(t, huma.DefaultConfig("probe", "1"))
	huma.Register(a, huma.Operation{OperationID: "probe", Method: http.MethodPost, Path: "/probe"},
		func(ctx context.Context, in *probeInput) (*struct{}, error) {
			switch {
			case in.Body.Taken:
				return nil, ToHTTP(apperr.Reject("body.name", apperr.Taken(in.Body.Name), "name %q is taken", in.Body.Name))
			case in.Body.Reason:
				return nil, ToHTTP(apperr.Refuse(apperr.Invalid, apperr.Because("exam_not_open", apperr.P{"opens_at": "2026-12-01T08:00:00Z"}),
					"exam opens at 2026-12-01T08:00:00Z"))
			}
			return &struct{}{}, nil
		})
	return a
}

func problemOf(t *testing.T, resp *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	if ct := resp.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q, body %s", ct, resp.Body)
	}
	var p map[string]any
	if err := json.Unmarshal(resp.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// fieldAt is the error at location (with its code and params), nil when absent.
func fieldAt(p map[string]any, location string) map[string]any {
	errs, _ := p["errors"].([]any)
	for _, e := range errs {
		fe := e.(map[string]any)
		if fe["location"] == location {
			return fe
		}
	}
	return nil
}

func TestHumaValidationErrorsCarryCodes(t *testing.T) {
	a := probeAPI(t)
	resp := a.Post("/probe?page=0", map[string]any{"name": "x", "kind": "c", "email": "nope", "tags": []string{"1", "2"}, "score": 101, "extra": 1})
	if resp.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %s", resp.Code, resp.Body)
	}
	p := problemOf(t, resp)
	if p["code"] != "invalid" {
		t.Fatalf("problem code %v", p["code"])
	}
	want := map[string]struct {
		code   string
		params string
	}{
		"query.page": {"out_of_range", `{"min":1}`},
		"body.name":  {"too_short", `{"min":2}`},
		"body.kind":  {"enum", `{"values":["a","b"]}`},
		"body.email": {"invalid_format", `{"format":"email"}`},
		"body.tags":  {"too_many", `{"max":1}`},
		"body.score": {"out_of_range", `{"max":100}`},
		"body.extra": {"unknown_field", `null`},
	}
	for loc, w := range want {
		fe := fieldAt(p, loc)
		if fe == nil {
			t.Errorf("no error at %s in %v", loc, p["errors"])
			continue
		}
		params, _ := json.Marshal(fe["params"])
		if fe["code"] != w.code || string(params) != w.params {
			t.Errorf("%s: code %v params %s, want %s %s", loc, fe["code"], params, w.code, w.params)
		}
		if fe["message"] == "" {
			t.Errorf("%s: the English message is gone", loc)
		}
	}

	// a missing property: code required, the property named in params
	resp = a.Post("/probe?page=1", map[string]any{"name": "xy"})
	fe := fieldAt(problemOf(t, resp), "body")
	if fe == nil || fe["code"] != "required" || fe["params"].(map[string]any)["property"] != "kind" {
		t.Fatalf("missing property: %s", resp.Body)
	}

	// a body that is not JSON
	resp = a.Post("/probe?page=1", strings.NewReader("{not json"))
	if fe := fieldAt(problemOf(t, resp), "body"); fe == nil || fe["code"] != "invalid_format" {
		t.Fatalf("broken body: %d %s", resp.Code, resp.Body)
	}

	// a query parameter of the wrong type
	resp = a.Post("/probe?page=abc", map[string]any{"name": "xy", "kind": "a"})
	if fe := fieldAt(problemOf(t, resp), "query.page"); fe == nil || fe["code"] != "type" {
		t.Fatalf("wrong type: %s", resp.Body)
	}
}

func TestAppFieldErrorsCarryCodes(t *testing.T) {
	a := probeAPI(t)
	resp := a.Post("/probe?page=1", map[string]any{"name": "shop1", "kind": "a", "taken": true})
	if resp.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %s", resp.Code, resp.Body)
	}
	fe := fieldAt(problemOf(t, resp), "body.name")
	if fe == nil || fe["code"] != "taken" || fe["params"].(map[string]any)["value"] != "shop1" || fe["message"] != `name "shop1" is taken` {
		t.Fatalf("taken: %s", resp.Body)
	}

	// a refusal without field: reason and params at the top
	resp = a.Post("/probe?page=1", map[string]any{"name": "shop1", "kind": "a", "reason": true})
	p := problemOf(t, resp)
	if p["reason"] != "exam_not_open" || p["params"].(map[string]any)["opens_at"] != "2026-12-01T08:00:00Z" || p["detail"] == "" {
		t.Fatalf("refusal: %s", resp.Body)
	}
}

func TestEveryHumaTemplateHasACode(t *testing.T) {
	// templates whose sentence says nothing a code could carry
	vague := map[string]bool{
		"expected value to match at least one schema but matched none": true,
		"expected value to match exactly one schema but matched none":  true,
		"expected value to not match schema":                           true,
		"expected propertyName value to be present in object":          true,
	}
	for _, msg := range []string{
		"expected required property name to be present", "expected length <= 64", "expected number > 0",
		"expected array length >= 1", "expected value to be one of \"a, b\"", "expected string to match pattern ^[a-z]+$",
		"expected string to be RFC 3339 date-time", "expected string to be RFC 5322 email: mail: no angle-addr",
		"expected string to be a lower-case code", "expected boolean", "unknown query parameter", "invalid integer",
		"required query parameter is missing", "expected array items to be unique",
	} {
		if r := humaReason(msg); r.Code == apperr.CodeInvalid {
			t.Errorf("%q has no code", msg)
		}
	}
	for msg := range vague {
		if r := humaReason(msg); r.Code != apperr.CodeInvalid {
			t.Errorf("%q: %v", msg, r)
		}
	}
	if r := humaReason("expected string to be a lower-case code"); r.Code != "pattern" || r.Params["description"] != "a lower-case code" {
		t.Errorf("pattern description: %v", r)
	}
	if r := humaReason("expected string to be RFC 3339 date"); r.Code != "invalid_format" || r.Params["format"] != "date" {
		t.Errorf("date: %v", r)
	}
}

// TestCodesAreDocumented: every field code, refusal reason and report
// sentence code the Go code sends is listed in docs/API.md (whose tables
// the UI's tests check for translations).
func TestCodesAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/API.md")
	if err != nil {
		t.Fatal(err)
	}
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`apperr\.Because\("([a-z_]+)"`),                  // app-specific field codes and reasons
		regexp.MustCompile(`(?s)\{Location: [^{}]*?\bCode: +"([a-z_]+)"`),   // FieldError literals
		regexp.MustCompile(`\bCode[A-Z][A-Za-z]* += "([a-z_]+)"`),           // apperr's generic codes
		regexp.MustCompile(`\bcode :?= "([a-z_]+)"`),                        // tabular.Reason
		regexp.MustCompile(`\b(?:Reason|Msg)[A-Z][A-Za-z]* += "([a-z_]+)"`), // assessment's reasons and report sentences
	}
	used := map[string]string{}
	err = filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, re := range patterns {
			for _, m := range re.FindAllSubmatch(src, -1) {
				used[string(m[1])] = p
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"required", "taken", "file_type", "confirm_force", "file_no_header", "exam_not_open_yet", "too_little_data", "not_enough_questions"} {
		if used[want] == "" {
			t.Fatalf("the scan misses %s: %v", want, used)
		}
	}
	for code, file := range used {
		quoted := "`" + code + "`"
		if strings.HasSuffix(code, "_") { // a prefix: "checkin_"+reason
			quoted = "`" + code
		}
		if !bytes.Contains(doc, []byte(quoted)) {
			t.Errorf("%s (%s) is not in docs/API.md", code, file)
		}
	}
}
