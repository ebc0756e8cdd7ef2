package training

import (
	"strings"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

func testItems() []QuestionnaireItem {
	return []QuestionnaireItem{
		{ID: 1, Sort: 1, Kind: KindSingle, Prompt: "goal", Required: true, Options: []ItemOption{{"a", "A"}, {"b", "B"}}},
		{ID: 2, Sort: 2, Kind: KindMultiple, Prompt: "skills", MaxChoices: 2, Options: []ItemOption{{"x", "X"}, {"y", "Y"}, {"z", "Z"}}},
		{ID: 3, Sort: 3, Kind: KindLikert, Prompt: "useful", Required: true, Labels: DefaultLikertLabels},
		{ID: 4, Sort: 4, Kind: KindRating, Prompt: "nps"},
		{ID: 5, Sort: 5, Kind: KindText, Prompt: "comments"},
	}
}

func TestCheckAnswers(t *testing.T) {
	items := testItems()
	ok := []ItemAnswer{{ItemID: 1, Choice: "a"}, {ItemID: 2, Choices: []string{"x", "z", "x"}}, {ItemID: 3, Value: intp(4)}, {ItemID: 4, Value: intp(0)}, {ItemID: 5, Text: " fine "}}
	rows, err := checkAnswers(items, ok)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[5].Text != "fine" {
		t.Fatalf("rows: %+v", rows)
	}
	if _, err := checkAnswers(items, []ItemAnswer{{ItemID: 1, Choice: "a"}, {ItemID: 5}}); !strings.Contains(errText(err), "item 3 (useful) is required") {
		t.Errorf("missing required item: %v", err)
	}
	for name, bad := range map[string][]ItemAnswer{
		"unknown item":      {{ItemID: 9, Choice: "a"}},
		"twice":             {{ItemID: 1, Choice: "a"}, {ItemID: 1, Choice: "b"}},
		"not an option":     {{ItemID: 1, Choice: "c"}},
		"too many choices":  {{ItemID: 2, Choices: []string{"x", "y", "z"}}},
		"likert range":      {{ItemID: 3, Value: intp(6)}},
		"rating range":      {{ItemID: 4, Value: intp(11)}},
		"wrong field":       {{ItemID: 3, Choice: "a"}},
		"text too long":     {{ItemID: 5, Text: strings.Repeat("长", MaxTextAnswer+1)}},
		"value on a choice": {{ItemID: 1, Value: intp(1)}},
	} {
		answers := append([]ItemAnswer{{ItemID: 1, Choice: "a"}, {ItemID: 3, Value: intp(3)}}, bad...)
		if name == "twice" || name == "not an option" || name == "value on a choice" {
			answers = append([]ItemAnswer{{ItemID: 3, Value: intp(3)}}, bad...)
		}
		if _, err := checkAnswers(items, answers); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: accepted", name)
		}
	}
}

func errText(err error) string {
	if ae, ok := err.(*apperr.Error); ok {
		var b strings.Builder
		for _, f := range ae.Fields {
			b.WriteString(f.Location + ": " + f.Message + "; ")
		}
		return b.String()
	}
	return ""
}

func TestValidateQuestionnaire(t *testing.T) {
	q := Questionnaire{Title: "x", Items: []QuestionnaireItem{{Kind: KindLikert, Prompt: "p"}}}
	if err := validateQuestionnaire(&q); err != nil || len(q.Items[0].Labels) != 5 || q.Purpose != "survey" {
		t.Fatalf("defaults: %v %+v", err, q)
	}
	for name, it := range map[string]QuestionnaireItem{
		"one option":       {Kind: KindSingle, Prompt: "p", Options: []ItemOption{{"a", "A"}}},
		"duplicate value":  {Kind: KindSingle, Prompt: "p", Options: []ItemOption{{"a", "A"}, {"a", "B"}}},
		"options on text":  {Kind: KindText, Prompt: "p", Options: []ItemOption{{"a", "A"}, {"b", "B"}}},
		"three labels":     {Kind: KindLikert, Prompt: "p", Labels: []string{"1", "2", "3"}},
		"needs from text":  {Kind: KindText, Prompt: "p", RaisesNeeds: true},
		"unknown kind":     {Kind: "matrix", Prompt: "p"},
		"max over options": {Kind: KindMultiple, Prompt: "p", MaxChoices: 3, Options: []ItemOption{{"a", "A"}, {"b", "B"}}},
	} {
		q := Questionnaire{Title: "x", Items: []QuestionnaireItem{it}}
		if err := validateQuestionnaire(&q); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	anon := Questionnaire{Title: "x", Anonymous: true, Items: []QuestionnaireItem{{Kind: KindSingle, Prompt: "p", RaisesNeeds: true, Options: []ItemOption{{"a", "A"}, {"b", "B"}}}}}
	if err := validateQuestionnaire(&anon); !strings.Contains(errText(err), "anonymous") {
		t.Errorf("anonymous questionnaire raising needs: %v", err)
	}
}

func TestItemResult(t *testing.T) {
	items := testItems()
	answers := []answerRow{
		{ResponseID: 1, ItemID: 2, Choice: "x"}, {ResponseID: 1, ItemID: 2, Choice: "y"}, {ResponseID: 2, ItemID: 2, Choice: "x"},
		{ResponseID: 1, ItemID: 3, Number: intp(5)}, {ResponseID: 2, ItemID: 3, Number: intp(2)},
		{ResponseID: 2, ItemID: 5, Text: "more cases"},
	}
	r := itemResult(items[1], answers)
	if r.Answered != 2 || r.Options[0].Count != 2 || r.Options[0].Share != 1 || r.Options[1].Count != 1 || r.Options[2].Count != 0 {
		t.Errorf("multiple: %+v", r)
	}
	r = itemResult(items[2], answers)
	if r.Average == nil || *r.Average != 3.5 || len(r.Distribution) != 5 || r.Distribution[4].Count != 1 || r.Distribution[4].Label != "非常同意" {
		t.Errorf("likert: %+v", r)
	}
	r = itemResult(items[4], answers)
	if len(r.Texts) != 1 || r.Texts[0] != "more cases" {
		t.Errorf("text: %+v", r)
	}
	if r := itemResult(items[3], answers); r.Average != nil || len(r.Distribution) != 11 {
		t.Errorf("rating without answers: %+v", r)
	}
}

// TestQuestionnaireRules: audience, window, one response per person,
// anonymous responses stored without the person but with the marker, the
// response rate, non-responders and the survey need rule.
func TestQuestionnaireRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := f.ctx()
		opens, closes := fixtureNow.Add(time.Hour), fixtureNow.Add(48*time.Hour)
		q, err := f.svc.CreateQuestionnaire(ctx, Questionnaire{Title: "反馈", Purpose: "feedback", Ref: "session:7", Anonymous: true,
			OpensAt: &opens, ClosesAt: &closes, Audience: Audience{DepartmentIDs: []int64{f.dept["运营部"]}},
			Items: []QuestionnaireItem{{Kind: KindLikert, Prompt: "内容", Required: true}, {Kind: KindText, Prompt: "建议"}}})
		check(t, err)
		if q.Invited != 4 { // M, A, B, T: 运营部 and 天猫组 below it
			t.Fatalf("invited %d", q.Invited)
		}
		answers := []ItemAnswer{{ItemID: q.Items[0].ID, Value: intp(4)}, {ItemID: q.Items[1].ID, Text: "好"}}
		// a draft takes no answers and is invisible to respondents
		wantCode(t, f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers), apperr.NotFound)
		q, err = f.svc.OpenQuestionnaire(ctx, q.ID, q.Version)
		check(t, err)
		if err := f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers); !strings.Contains(err.Error(), "opens at") {
			t.Fatalf("before the window: %v", err)
		}
		f.clock.Advance(2 * time.Hour)
		wantCode(t, f.svc.SubmitResponse(ctx, q.ID, f.emp["C"], answers), apperr.NotFound) // 客服部 is not invited
		wantCode(t, f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers[1:]), apperr.Invalid)
		if err := f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers); err != nil {
			t.Fatal(err)
		}
		wantReason(t, f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers), apperr.Conflict, "already_responded")
		if err := f.svc.SubmitResponse(ctx, q.ID, f.emp["B"], []ItemAnswer{{ItemID: q.Items[0].ID, Value: intp(2)}}); err != nil {
			t.Fatal(err)
		}
		// anonymous: no respondent on responses, markers keep who answered, both at day precision
		var linked, n int
		check(t, d.R.NewRaw("SELECT count(*) FROM questionnaire_responses WHERE questionnaire_id = ? AND respondent_id IS NOT NULL", q.ID).Scan(ctx, &linked))
		check(t, d.R.NewRaw("SELECT count(*) FROM questionnaire_respondents WHERE questionnaire_id = ?", q.ID).Scan(ctx, &n))
		if linked != 0 || n != 2 {
			t.Fatalf("responses linked to people: %d, markers %d", linked, n)
		}
		var times []time.Time
		check(t, d.R.NewRaw("SELECT submitted_at FROM questionnaire_responses WHERE questionnaire_id = ? UNION ALL SELECT responded_at FROM questionnaire_respondents WHERE questionnaire_id = ?", q.ID, q.ID).Scan(ctx, &times))
		for _, at := range times {
			if !at.Equal(at.Truncate(24 * time.Hour)) {
				t.Fatalf("anonymous time kept below the day: %v", at)
			}
		}
		res, err := f.svc.QuestionnaireResults(ctx, q.ID)
		check(t, err)
		if res.ResponseRate.Numerator != 2 || res.ResponseRate.Denominator != 4 || *res.ResponseRate.Value != 0.5 || res.Responses != 2 {
			t.Fatalf("rate: %+v", res.ResponseRate)
		}
		if *res.Items[0].Average != 3 || len(res.Items[1].Texts) != 1 {
			t.Fatalf("results: %+v", res.Items)
		}
		non, err := f.svc.NonResponders(ctx, q.ID)
		check(t, err)
		if len(non) != 2 || non[0] != f.emp["M"] || non[1] != f.emp["T"] {
			t.Fatalf("non-responders %v", non)
		}
		f.clock.Advance(48 * time.Hour)
		if err := f.svc.SubmitResponse(ctx, q.ID, f.emp["M"], answers); !strings.Contains(err.Error(), "closed at") {
			t.Fatalf("after the window: %v", err)
		}
		wantReason(t, f.svc.SubmitResponse(ctx, q.ID, f.emp["M"], answers), apperr.Invalid, "questionnaire_window_closed")
		wantReason(t, f.svc.DeleteQuestionnaire(ctx, q.ID), apperr.Invalid, "questionnaire_has_responses")
	})
}

// TestSurveyRaisesNeeds: each "skills wanted" choice of the seeded survey
// becomes a survey need for the respondent, linked to the competency of the
// same name in their position's model; a retried submission adds nothing.
func TestSurveyRaisesNeeds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := f.ctx()
		qs, _, err := f.svc.ListQuestionnaires(ctx, QuestionnaireFilter{Q: DevSurveyCode})
		check(t, err)
		if len(qs) != 1 {
			t.Fatalf("seeded survey: %d", len(qs))
		}
		_, err = f.svc.OpenQuestionnaire(ctx, qs[0].ID, qs[0].Version)
		check(t, err)
		q, err := f.svc.Questionnaire(ctx, qs[0].ID)
		check(t, err)
		answers := []ItemAnswer{{ItemID: q.Items[0].ID, Choice: "expert"}, {ItemID: q.Items[1].ID, Choices: []string{"data_analysis", "video"}},
			{ItemID: q.Items[2].ID, Choices: []string{"practice"}}, {ItemID: q.Items[3].ID, Value: intp(4)}}
		if err := f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers); err != nil {
			t.Fatal(err)
		}
		needs, _, err := f.svc.ListNeeds(ctx, NeedFilter{Source: SourceSurvey})
		check(t, err)
		if len(needs) != 2 {
			t.Fatalf("survey needs: %+v", needs)
		}
		for _, n := range needs {
			if len(n.Audience.EmployeeIDs) != 1 || n.Audience.EmployeeIDs[0] != f.emp["A"] || *n.SourceID != q.ID {
				t.Errorf("need %s: audience %+v", n.Topic, n.Audience)
			}
			switch n.Topic {
			case "数据分析":
				if n.CompetencyID == nil || n.CompetencyName != "数据分析" {
					t.Errorf("数据分析 not linked to the ops model: %+v", n)
				}
			case "短视频制作":
				if n.CompetencyID != nil {
					t.Errorf("短视频制作 is not in the ops model: %+v", n)
				}
			default:
				t.Errorf("topic %s", n.Topic)
			}
		}
		wantCode(t, f.svc.SubmitResponse(ctx, q.ID, f.emp["A"], answers), apperr.Conflict)
		if n := dbtest.Count(t, d.R, "training_needs"); n != 2 {
			t.Fatalf("needs after the refused retry: %d", n)
		}
	})
}
