package app

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestAssessmentMenu: every role has "my exams"; the learner nothing else
// of evaluation, the trainer everything.
func TestAssessmentMenu(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	children := func(user string) []string {
		var me struct {
			Menus []struct {
				Key      string `json:"key"`
				Children []struct {
					Key string `json:"key"`
				} `json:"children"`
			} `json:"menus"`
		}
		e.login(user).getJSON("/api/v1/auth/me", &me)
		for _, m := range me.Menus {
			if m.Key == "evaluation" {
				var keys []string
				for _, c := range m.Children {
					keys = append(keys, c.Key)
				}
				return keys
			}
		}
		return nil
	}
	if got := fmt.Sprint(children("learner1")); got != "[my_exams]" {
		t.Fatalf("learner's evaluation menu: %s", got)
	}
	if got := fmt.Sprint(children("trainer")); got != "[my_exams questions exams grading reports]" {
		t.Fatalf("trainer's evaluation menu: %s", got)
	}
	if got := fmt.Sprint(children("manager")); got != "[my_exams reports]" {
		t.Fatalf("manager's evaluation menu: %s", got)
	}
}

// TestAssessmentAPI: with the seeded roles, a trainer builds and publishes
// an exam, a learner takes it over HTTP, the manager reads reports but
// cannot manage exams, and the learner cannot reach the bank.
func TestAssessmentAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		trainer, learner, manager := e.login("trainer"), e.login("learner1"), e.login("manager")
		var q struct {
			ID int64 `json:"id"`
		}
		st, b := trainer.do("POST", "/api/v1/assessment/questions", map[string]any{"kind": "truefalse", "stem": "客单价 = GMV ÷ 支付买家数。", "key": map[string]any{"true": true}})
		if st != 201 {
			t.Fatalf("create question: %d %s", st, b)
		}
		json.Unmarshal(b, &q)
		var p struct {
			ID int64 `json:"id"`
		}
		st, b = trainer.do("POST", "/api/v1/assessment/papers", map[string]any{"title": "小测", "mode": "fixed", "items": []any{map[string]any{"question_id": q.ID}}})
		if st != 201 {
			t.Fatalf("create paper: %d %s", st, b)
		}
		json.Unmarshal(b, &p)
		var ex struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		}
		st, b = trainer.do("POST", "/api/v1/assessment/exams", map[string]any{"title": "小测验", "paper_id": p.ID, "time_limit_minutes": 10})
		if st != 201 {
			t.Fatalf("create exam: %d %s", st, b)
		}
		json.Unmarshal(b, &ex)
		if st, b = trainer.do("POST", fmt.Sprintf("/api/v1/assessment/exams/%d/publish", ex.ID), map[string]any{"version": ex.Version}); st != 200 {
			t.Fatalf("publish: %d %s", st, b)
		}

		var started struct {
			ID        int64 `json:"id"`
			Questions []struct {
				Position int `json:"position"`
			} `json:"questions"`
		}
		st, b = learner.do("POST", fmt.Sprintf("/api/v1/assessment/my/exams/%d/attempts", ex.ID), nil)
		if st != 200 {
			t.Fatalf("start: %d %s", st, b)
		}
		json.Unmarshal(b, &started)
		st, b = learner.do("PUT", fmt.Sprintf("/api/v1/assessment/my/attempts/%d/answers/1", started.ID), map[string]any{"seq": 1, "answer": map[string]any{"value": true}})
		if st != 200 {
			t.Fatalf("save: %d %s", st, b)
		}
		var sub struct {
			Status string `json:"status"`
			Result struct {
				Percent float64 `json:"percent"`
			} `json:"result"`
		}
		st, b = learner.do("POST", fmt.Sprintf("/api/v1/assessment/my/attempts/%d/submit", started.ID), nil)
		if st != 200 {
			t.Fatalf("submit: %d %s", st, b)
		}
		json.Unmarshal(b, &sub)
		if sub.Status != "graded" || sub.Result.Percent != 100 {
			t.Fatalf("submitted: %s", b)
		}

		for _, c := range []struct {
			who    *client
			method string
			path   string
			want   int
		}{
			{learner, "GET", "/api/v1/assessment/questions", 403},
			{learner, "GET", "/api/v1/assessment/grading", 403},
			{manager, "POST", "/api/v1/assessment/exams", 403},
			{manager, "GET", "/api/v1/assessment/reports/trainers", 200},
			{manager, "GET", "/api/v1/assessment/my/exams", 200},
			{trainer, "GET", fmt.Sprintf("/api/v1/assessment/exams/%d/attempts", ex.ID), 200},
		} {
			var body any
			if c.method == "POST" {
				body = map[string]any{"title": "x", "paper_id": p.ID}
			}
			if st, b := c.who.do(c.method, c.path, body); st != c.want {
				t.Errorf("%s %s: %d, want %d (%s)", c.method, c.path, st, c.want, b)
			}
		}
	})
}
