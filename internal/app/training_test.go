package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"ecomops/internal/org"
)

// loadTrainingDemo adds the training demo to the env's demo company (the
// API harness loads only the company).
func loadTrainingDemo(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	dc := org.DemoCompany{Departments: map[string]int64{}, Shops: map[string]int64{}, Employees: map[string]int64{}}
	for _, m := range []struct {
		query string
		into  map[string]int64
	}{
		{"SELECT name AS k, id AS v FROM departments", dc.Departments},
		{"SELECT code AS k, id AS v FROM shops", dc.Shops},
		{"SELECT employee_no AS k, id AS v FROM employees", dc.Employees},
	} {
		var rows []struct {
			K string `bun:"k"`
			V int64  `bun:"v"`
		}
		if err := e.app.DB.R.NewRaw(m.query).Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			m.into[r.K] = r.V
		}
	}
	if err := e.app.Training.LoadDemo(ctx, &dc, rand.New(rand.NewPCG(DemoSeed, DemoSeed))); err != nil {
		t.Fatal(err)
	}
}

// TestTrainingAPI runs the training module over HTTP on the demo company:
// data scope (the 运营部 manager sees their department only, 404 outside),
// a person reaching only their own assessment sheet, answering the survey
// once, the plan completion rate and an export.
func TestTrainingAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		loadTrainingDemo(t, e)
		mgr, learner, hr := e.login("manager"), e.login("learner1"), e.login("hradmin")
		csNeed := idOf(t, e, "SELECT n.id FROM training_needs n JOIN training_audiences a ON a.owner = 'need' AND a.owner_id = n.id AND a.kind = 'department' JOIN departments d ON d.id = a.ref_id WHERE n.source = 'manager_request' AND d.name = '客服部'")
		csProblem := idOf(t, e, "SELECT id FROM business_problems WHERE title = '客服投诉响应超时'")
		round := idOf(t, e, "SELECT id FROM assessment_rounds")
		csParticipant := idOf(t, e, "SELECT p.id FROM assessment_participants p JOIN employees x ON x.id = p.employee_id WHERE x.employee_no = 'E011'")
		ownParticipant := idOf(t, e, "SELECT p.id FROM assessment_participants p JOIN employees x ON x.id = p.employee_id WHERE x.employee_no = 'E018'")

		for _, path := range []string{
			fmt.Sprintf("/api/v1/training/needs/%d", csNeed),
			fmt.Sprintf("/api/v1/training/problems/%d", csProblem),
			fmt.Sprintf("/api/v1/training/assessment-rounds/%d/participants/%d", round, csParticipant),
		} {
			if st, b := mgr.do("GET", path, nil); st != 404 {
				t.Errorf("manager GET %s: %d %s", path, st, b)
			}
			if st, _ := hr.do("GET", path, nil); st != 200 {
				t.Errorf("HR GET %s: %d", path, st)
			}
		}
		if st, b := mgr.do("PUT", fmt.Sprintf("/api/v1/training/problems/%d", csProblem),
			map[string]any{"title": "x", "area": "other", "owner_id": 1, "version": 1}); st != 404 {
			t.Errorf("manager updates a problem outside the scope: %d %s", st, b)
		}
		var parts struct {
			Items []struct {
				DepartmentName string `json:"department_name"`
			}
			Total int
		}
		mgr.getJSON(fmt.Sprintf("/api/v1/training/assessment-rounds/%d/participants?page_size=500", round), &parts)
		for _, p := range parts.Items {
			if p.DepartmentName == "客服部" {
				t.Error("manager lists a 客服部 participant")
			}
		}
		if parts.Total == 0 {
			t.Error("manager sees no participant of their department")
		}

		var mine struct {
			Items []struct {
				Role        string
				Participant struct{ ID int64 }
			}
		}
		learner.getJSON("/api/v1/training/my/assessments", &mine)
		if len(mine.Items) != 1 || mine.Items[0].Role != "self" || mine.Items[0].Participant.ID != ownParticipant {
			t.Fatalf("learner's sheets: %+v", mine)
		}
		if st, _ := learner.do("GET", fmt.Sprintf("/api/v1/training/my/assessments/%d", csParticipant), nil); st != 404 {
			t.Errorf("learner reads someone else's sheet: %d", st)
		}
		if st, _ := learner.do("GET", fmt.Sprintf("/api/v1/training/assessment-rounds/%d", round), nil); st != 403 {
			t.Errorf("learner reads round management: %d", st)
		}

		// hradmin (E016) has not answered the development survey yet
		var qs struct {
			Items []struct {
				ID           int64
				HasResponded bool `json:"has_responded"`
				Items        []struct {
					ID   int64
					Kind string
				}
			}
		}
		hr.getJSON("/api/v1/training/my/questionnaires", &qs)
		if len(qs.Items) != 1 || qs.Items[0].HasResponded {
			t.Fatalf("HR's questionnaires: %+v", qs)
		}
		q := qs.Items[0]
		hr.getJSON(fmt.Sprintf("/api/v1/training/my/questionnaires/%d", q.ID), &q)
		answers := []map[string]any{{"item_id": q.Items[0].ID, "choice": "manager"}, {"item_id": q.Items[1].ID, "choices": []string{"team"}},
			{"item_id": q.Items[2].ID, "choices": []string{"case_study"}}, {"item_id": q.Items[3].ID, "value": 5}}
		path := fmt.Sprintf("/api/v1/training/my/questionnaires/%d/response", q.ID)
		if st, b := hr.do("POST", path, map[string]any{"answers": answers[1:]}); st != 422 || !strings.Contains(string(b), "is required") {
			t.Errorf("missing required item: %d %s", st, b)
		}
		if st, b := hr.do("POST", path, map[string]any{"answers": answers}); st != 204 {
			t.Fatalf("answer: %d %s", st, b)
		}
		if st, _ := hr.do("POST", path, map[string]any{"answers": answers}); st != 409 {
			t.Errorf("second answer: %d", st)
		}

		plan := idOf(t, e, "SELECT id FROM training_plans")
		var rep struct {
			Overall struct {
				Numerator, Denominator float64
				Value                  *float64
			}
			ByLecturer []struct {
				LecturerName string `json:"lecturer_name"`
			} `json:"by_lecturer"`
		}
		e.login("trainer").getJSON(fmt.Sprintf("/api/v1/training/plans/%d/completion", plan), &rep)
		if rep.Overall.Denominator == 0 || rep.Overall.Value == nil || rep.Overall.Numerator > rep.Overall.Denominator || len(rep.ByLecturer) == 0 {
			t.Errorf("completion: %+v", rep)
		}
		r := hr.req("GET", "/api/v1/training/needs/export", nil, nil)
		if r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) || !strings.Contains(xlsxText(t, r.body), "客服部") {
			t.Errorf("needs export: %d", r.status)
		}
		var me struct{ Menus json.RawMessage }
		learner.getJSON("/api/v1/auth/me", &me)
		if !strings.Contains(string(me.Menus), `"key":"assessments"`) || strings.Contains(string(me.Menus), `"key":"plans"`) {
			t.Errorf("learner's training menu: %s", me.Menus)
		}
	})
}
