package assessment

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
)

// principals maps the X-Test-User header to a caller, standing in for iam
// and org in these API tests.
type principals map[string]*auth.Principal

func (p principals) Authenticate(_ context.Context, r *http.Request) (*auth.Principal, error) {
	return p[r.Header.Get("X-Test-User")], nil
}

type apiEnv struct {
	t      *testing.T
	url    string
	bodies []string // every response body, in order
}

// newAPI serves the module's routes for: learner1 (E018) and learner2
// (E019) with exam:take only, trainer (E017) with everything.
func newAPI(t *testing.T, w *world) *apiEnv {
	user := func(no string, scope auth.Scope, perms ...string) *auth.Principal {
		p := w.as(no, scope)
		pr := auth.From(p)
		for _, perm := range perms {
			pr.Perms[perm] = true
		}
		return pr
	}
	users := principals{
		"learner1": user("E018", auth.ScopeSelf, "assessment:exam:take"),
		"learner2": user("E019", auth.ScopeSelf, "assessment:exam:take"),
		"trainer":  user("E017", auth.ScopeAll, Permissions...),
	}
	srv := api.NewServer(api.Config{Title: "test", Version: "test", Auth: users, LogDB: w.d.W, Ready: w.d.Ping})
	w.s.Routes(srv.API)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &apiEnv{t: t, url: hs.URL}
}

// call sends a JSON request and decodes the answer into out (when given).
func (e *apiEnv) call(who, method, path string, in, out any) int {
	e.t.Helper()
	var rd io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		rd = bytes.NewReader(b)
	}
	r, err := http.NewRequest(method, e.url+"/api/v1/assessment"+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	r.Header.Set("X-Test-User", who)
	if in != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	e.bodies = append(e.bodies, string(b))
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			e.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	return res.StatusCode
}

// secrets are texts only the answer key, explanations, rubric and reference
// answer of the bank hold, and the JSON fields that carry them.
var secrets = []string{"SKU-KEY-91c2", "库存单位KEY", "EXPLAIN-single-7f3a", "RUBRIC-5d1e", "REFERENCE-0b7c",
	`"key":{`, `"rubric"`, `"explanation"`, `"reference_answer"`, `"answer_key"`}

func leaks(bodies []string) []string {
	var found []string
	for i, b := range bodies {
		for _, s := range secrets {
			if strings.Contains(b, s) {
				found = append(found, fmt.Sprintf("response %d holds %s", i+1, s))
			}
		}
	}
	return found
}

// TestNoKeyBeforeReview: no response of the learner's attempt flow holds an
// answer key, explanation, rubric or reference answer before the exam's
// review policy allows it; afterwards the review does.
func TestNoKeyBeforeReview(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		env := newAPI(t, w)
		p := w.fixedPaper(w.bank(), MultiAllOrNothing)
		closed := w.exam(p, ExamInput{Title: "考后公布", ReviewPolicy: ReviewAfterClose, TimeLimitMinutes: 30})
		open := w.exam(p, ExamInput{Title: "交卷即看", ReviewPolicy: ReviewAfterSubmit})

		var mine api.List[MyExam]
		if st := env.call("learner1", "GET", "/my/exams", nil, &mine); st != 200 || mine.Total != 2 {
			t.Fatalf("my exams: %d %+v", st, mine)
		}
		var started StartOutput
		if st := env.call("learner1", "POST", fmt.Sprintf("/my/exams/%d/attempts", closed.ID), nil, &started); st != 200 {
			t.Fatalf("start: %d %s", st, env.bodies[len(env.bodies)-1])
		}
		id := started.ID
		answers := map[int]Response{1: {Choices: []string{"B"}}, 2: {Choices: []string{"A", "B"}}, 3: {Value: boolp(true)},
			4: {Blanks: []string{"spu"}}, 5: {Text: "加强质检"}}
		for pos, r := range answers {
			var res SaveResult
			if st := env.call("learner1", "PUT", fmt.Sprintf("/my/attempts/%d/answers/%d", id, pos), SaveInput{Seq: 1, Answer: r}, &res); st != 200 || !res.Applied {
				t.Fatalf("save %d: %d %s", pos, st, env.bodies[len(env.bodies)-1])
			}
		}
		// a bad answer and somebody else's attempt
		if st := env.call("learner1", "PUT", fmt.Sprintf("/my/attempts/%d/answers/1", id), map[string]any{"seq": 2, "answer": map[string]any{"text": "x"}}, nil); st != 422 {
			t.Fatalf("bad answer: %d", st)
		}
		if st := env.call("learner2", "GET", fmt.Sprintf("/my/attempts/%d", id), nil, nil); st != 404 {
			t.Fatalf("someone else's attempt: %d", st)
		}
		env.call("learner1", "GET", fmt.Sprintf("/my/attempts/%d", id), nil, nil)
		if st := env.call("learner1", "GET", fmt.Sprintf("/my/attempts/%d/review", id), nil, nil); st != 403 {
			t.Fatalf("review before submit: %d", st)
		}
		var sub AttemptView
		if st := env.call("learner1", "POST", fmt.Sprintf("/my/attempts/%d/submit", id), nil, &sub); st != 200 || sub.Status == AttemptActive {
			t.Fatalf("submit: %d %+v", st, sub)
		}
		if st := env.call("learner1", "PUT", fmt.Sprintf("/my/attempts/%d/answers/1", id), SaveInput{Seq: 9, Answer: Response{Choices: []string{"A"}}}, nil); st != 409 {
			t.Fatalf("answer after submit: %d", st)
		}
		env.call("learner1", "GET", "/my/exams", nil, nil)
		env.call("learner1", "GET", fmt.Sprintf("/my/attempts/%d", id), nil, nil)
		if st := env.call("learner1", "GET", fmt.Sprintf("/my/attempts/%d/review", id), nil, nil); st != 403 {
			t.Fatalf("review before the window closes: %d", st)
		}
		// the learner may not use the management routes
		for _, path := range []string{"/questions", fmt.Sprintf("/exams/%d/attempts", closed.ID), fmt.Sprintf("/attempts/%d", id), "/grading"} {
			if st := env.call("learner1", "GET", path, nil, nil); st != 403 {
				t.Fatalf("learner GET %s: %d", path, st)
			}
		}
		if found := leaks(env.bodies); len(found) > 0 {
			t.Fatalf("answer keys reached the learner:\n%s", strings.Join(found, "\n"))
		}

		// with after_submit, the review follows the submission and holds the keys
		env.bodies = nil
		env.call("learner1", "POST", fmt.Sprintf("/my/exams/%d/attempts", open.ID), nil, &started)
		env.call("learner1", "PUT", fmt.Sprintf("/my/attempts/%d/answers/4", started.ID), SaveInput{Seq: 1, Answer: Response{Blanks: []string{"sku-key-91c2"}}}, nil)
		env.call("learner1", "POST", fmt.Sprintf("/my/attempts/%d/submit", started.ID), nil, &sub)
		if !sub.ReviewAvailable {
			t.Fatal("after_submit: review not available after submit")
		}
		before := leaks(env.bodies)
		var rv Review
		if st := env.call("learner1", "GET", fmt.Sprintf("/my/attempts/%d/review", started.ID), nil, &rv); st != 200 {
			t.Fatalf("review: %d", st)
		}
		if len(before) > 0 {
			t.Fatalf("keys before the review call:\n%s", strings.Join(before, "\n"))
		}
		if rv.Items[3].Key.Blanks[0][0] != "SKU-KEY-91c2" || rv.Items[0].Explanation != "EXPLAIN-single-7f3a" || *rv.Items[3].Score != 2 {
			t.Fatalf("review content: %+v", rv.Items)
		}
		if strings.Contains(env.bodies[len(env.bodies)-1], "RUBRIC-5d1e") {
			t.Fatal("the rubric is for graders only")
		}

		// the trainer sees the attempts and the grading queue
		var attempts api.List[Attempt]
		if st := env.call("trainer", "GET", fmt.Sprintf("/exams/%d/attempts", closed.ID), nil, &attempts); st != 200 || attempts.Total != 1 {
			t.Fatalf("attempts: %d %+v", st, attempts)
		}
		var queue api.List[GradingItem]
		if st := env.call("trainer", "GET", "/grading", nil, &queue); st != 200 || queue.Total != 1 || queue.Items[0].Rubric == "" {
			t.Fatalf("queue: %d %+v", st, queue)
		}
	})
}
