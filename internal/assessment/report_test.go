package assessment

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/catalog"
	"ecomops/internal/learning"
	"ecomops/internal/metrics"
	"ecomops/internal/org"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/i18n"
	"ecomops/internal/training"
)

// shopDay is a fixture row of the metrics module's daily rollup: the test
// stands in for the order importer, which is not part of this module.
type shopDay struct {
	bun.BaseModel `bun:"table:metric_shop_day"`
	ShopID        int64  `bun:"shop_id,pk"`
	Date          string `bun:"date,pk"`
	GMVFen        int64  `bun:"gmv_fen"`
	PaidOrders    int64  `bun:"paid_orders"`
	RefundFen     int64  `bun:"refund_fen"`
	Buyers        int64  `bun:"buyers"`
}

type trafficDay struct {
	bun.BaseModel `bun:"table:traffic_daily"`
	ShopID        int64  `bun:"shop_id,pk"`
	Date          string `bun:"date,pk"`
	ItemID        string `bun:"item_id,pk"`
	Visitors      int64  `bun:"visitors"`
}

// course runs one session of a course on day 0 (09:00-17:00) for the given
// trainees, lecturer E017, marks them present and completes it.
func (w *world) courseSession(trainees ...string) (learning.Course, learning.Session) {
	t := w.t
	ctx := w.admin()
	lect := w.dc.Employees["E017"]
	c, err := w.s.Learning.CreateCourse(ctx, learning.Course{Code: "DATA-01", Title: "生意参谋数据分析", Category: "professional", Status: "published"})
	check(t, err)
	x, err := w.s.Learning.CreateSession(ctx, learning.Session{CourseID: &c.ID, StartsAt: t0, EndsAt: t0.Add(8 * time.Hour), LecturerEmployeeID: &lect})
	check(t, err)
	var ids []int64
	for _, no := range trainees {
		ids = append(ids, w.dc.Employees[no])
	}
	_, err = w.s.Learning.AssignSession(ctx, x.ID, learning.Audience{EmployeeIDs: ids})
	check(t, err)
	w.clock.Advance(time.Hour)
	var roll []learning.RollCallItem
	for _, id := range ids {
		roll = append(roll, learning.RollCallItem{EmployeeID: id, Attendance: "present"})
	}
	_, err = w.s.Learning.RollCall(ctx, x.ID, roll)
	check(t, err)
	return c, x
}

// TestEffectReport runs a session through the four levels and checks the
// numbers of each.
func TestEffectReport(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		ctx := w.admin()
		w.s.Metrics = metrics.New(w.d, w.org, catalog.New(w.d, w.clock), func(context.Context) *time.Location { return time.FixedZone("CST", 8*3600) }, w.clock)
		comps, _, err := w.s.Training.ListCompetencies(ctx, training.CompetencyFilter{})
		check(t, err)
		comp := comps[0].ID
		c, x := w.courseSession("E018", "E019")

		// pre-test and post-test on one paper: 2 questions of 5 points tagged with a competency
		var qs []Question
		for i, stem := range []string{"访客数是转化率的分母。", "退款率越高越好。"} {
			qs = append(qs, w.question(QuestionInput{Kind: KindTrueFalse, Content: Content{Stem: stem, Points: 5,
				Key: Key{True: boolp(i == 0)}, CompetencyIDs: []int64{comp}}}))
		}
		p := w.fixedPaper(qs, "")
		pre := w.exam(p, ExamInput{Title: "前测", Purpose: PurposePre, SessionID: &x.ID})
		post := w.exam(p, ExamInput{Title: "后测", Purpose: PurposePost, SessionID: &x.ID, PairExamID: &pre.ID, MaxAttempts: intp(2)})
		if pre.CourseID == nil || *pre.CourseID != c.ID {
			t.Fatal("a session's exam belongs to its course")
		}
		take := func(no string, e Exam, answers ...bool) {
			learner := w.as(no, auth.ScopeSelf)
			v, _, err := w.s.StartAttempt(learner, e.ID)
			check(t, err)
			for i, a := range answers {
				_, err := w.s.SaveAnswer(learner, v.ID, i+1, SaveInput{Seq: 1, Answer: Response{Value: boolp(a)}})
				check(t, err)
			}
			_, err = w.s.Submit(learner, v.ID)
			check(t, err)
		}
		take("E018", pre, false, true) // 0%
		take("E019", pre, true, true)  // 50%
		take("E018", post, true, true) // 50%, then 100% on the second attempt: the best counts
		take("E018", post, true, false)
		take("E019", post, true, false) // 100%

		// feedback: two anonymous responses
		fb, err := w.s.CreateFeedback(ctx, x.ID, FeedbackInput{})
		check(t, err)
		if !fb.Questionnaire.Anonymous || fb.Questionnaire.Status != training.QuestionnaireOpen || len(fb.Form.Dimensions) != 4 {
			t.Fatalf("feedback form: %+v", fb.Form)
		}
		rate := func(no string, vals ...int) {
			var ans []training.ItemAnswer
			for i, v := range vals {
				v := v
				ans = append(ans, training.ItemAnswer{ItemID: fb.Questionnaire.Items[i].ID, Value: &v})
			}
			check(t, w.s.Training.SubmitResponse(ctx, fb.Form.QuestionnaireID, w.dc.Employees[no], ans))
		}
		rate("E018", 5, 4, 5, 3)
		rate("E019", 4, 4, 5, 2)

		// participation during the session
		_, err = w.s.RecordParticipation(ctx, x.ID, w.dc.Employees["E018"], ParticipationInput{QuestionsAsked: 2, QuestionsAnswered: 1, Discussion: 3, PracticeScore: intp(80)})
		check(t, err)

		// results: 3 trained shops (TM01 and JD01 of the trainees, X1) and 3 comparison shops run by
		// untrained operations colleagues (DY01, PDD01, X2); conversion as in TestDiDHandChecked
		x1, err := w.org.CreateShop(ctx, org.Shop{Code: "X1", Platform: "tmall", Name: "X1"})
		check(t, err)
		x2, err := w.org.CreateShop(ctx, org.Shop{Code: "X2", Platform: "jd", Name: "X2"})
		check(t, err)
		_, err = w.org.SetShopStaff(ctx, x1.ID, []int64{w.dc.Employees["E018"]})
		check(t, err)
		_, err = w.org.SetShopStaff(ctx, x2.ID, []int64{w.dc.Employees["E020"]})
		check(t, err)
		buyers := map[int64][2]int64{w.dc.Shops["TM01"]: {20, 30}, w.dc.Shops["JD01"]: {25, 30}, x1.ID: {30, 40},
			w.dc.Shops["DY01"]: {20, 22}, w.dc.Shops["PDD01"]: {30, 31}, x2.ID: {25, 28}}
		for shop, b := range buyers {
			for i, date := range []string{"2026-10-15", "2026-11-15"} {
				_, err := w.d.W.NewInsert().Model(&shopDay{ShopID: shop, Date: date, GMVFen: b[i] * 10000, PaidOrders: b[i], RefundFen: b[i] * 500, Buyers: b[i]}).Exec(ctx)
				check(t, err)
				_, err = w.d.W.NewInsert().Model(&trafficDay{ShopID: shop, Date: date, Visitors: 1000}).Exec(ctx)
				check(t, err)
			}
		}

		// the session is completed; 91 days later the managers are asked to rate
		w.clock.Advance(8 * time.Hour)
		_, err = w.s.Learning.CompleteSession(ctx, x.ID)
		check(t, err)
		early, err := w.s.SessionReport(ctx, x.ID)
		check(t, err)
		if early.Results.Sessions[0].Complete || early.Results.Sessions[0].Metrics[0].Conclusion != TooLittleData {
			t.Fatalf("before the after period ends nothing is concluded: %+v", early.Results.Sessions[0].Metrics[0])
		}
		if m := early.Results.Sessions[0].Metrics[0]; m.MessageCode != MsgTooEarly || m.MessageParams["until"] != early.Results.Sessions[0].After.To {
			t.Fatalf("too early: %s %v", m.MessageCode, m.MessageParams)
		}
		if early.Results.CaveatCode != MsgObservational || early.Results.Pooled[0].MessageCode != MsgPooledTooLittle {
			t.Fatalf("caveat %q, pooled %+v", early.Results.CaveatCode, early.Results.Pooled[0])
		}
		w.clock.Advance(91 * 24 * time.Hour)
		n, err := w.s.RequestBehaviourRatings(ctx)
		check(t, err)
		if n != 2 {
			t.Fatalf("rating requests: %d", n)
		}
		if n, _ := w.s.RequestBehaviourRatings(ctx); n != 0 {
			t.Fatalf("requests are made once, got %d more", n)
		}
		manager := w.as("E001", auth.ScopeDeptAndBelow)
		reqs, err := w.s.MyRatings(manager, RatingFilter{})
		check(t, err)
		if len(reqs) != 2 || reqs[0].DaysAfter != 90 {
			t.Fatalf("manager's requests: %+v", reqs)
		}
		_, err = w.s.Rate(manager, reqs[0].ID, RateInput{Rating: 4, Version: reqs[0].Version})
		check(t, err)
		_, err = w.s.Rate(w.as("E010", auth.ScopeSelf), reqs[1].ID, RateInput{Rating: 1, Version: reqs[1].Version})
		if err == nil {
			t.Fatal("someone else rated the manager's request")
		}

		r, err := w.s.SessionReport(ctx, x.ID)
		check(t, err)
		// reaction: content (5,4) 4.5, method 4, lecturer 5, organisation (3,2) 2.5; overall 32/8 = 4; satisfied 6/8
		re := r.Reaction
		if re.Forms != 1 || *re.ResponseRate.Value != 1 || *re.Dimensions[0].Average != 4.5 || *re.Dimensions[3].Average != 2.5 ||
			*re.Overall.Average != 4 || *re.Overall.Satisfied.Value != 0.75 {
			t.Fatalf("reaction: %+v", re)
		}
		// learning: pre 0 and 50 (avg 25), post 100 and 100 (avg 100); gain 75; normalised (100-25)/(100-25) = 1
		l := r.Learning
		if len(l.Pairs) != 1 || l.Paired != 2 || *l.AvgPre != 25 || *l.AvgPost != 100 || *l.AvgGain != 75 || *l.NormalisedGain != 1 ||
			*l.PassRate.Value != 1 || len(l.Competencies) != 1 || *l.Competencies[0].Gain != 75 {
			t.Fatalf("learning: %+v", l)
		}
		if p := r.Participation; p.Recorded != 1 || p.QuestionsAsked != 2 || *p.PracticeAverage != 80 || p.Trainees != 2 {
			t.Fatalf("participation: %+v", p)
		}
		if b := r.Behaviour; b.Requested != 2 || b.Rated != 1 || *b.Average != 4 {
			t.Fatalf("behaviour: %+v", b)
		}
		res := r.Results.Sessions[0]
		conv := res.Metrics[0]
		if !res.Complete || res.TrainedShops != 3 || res.ComparisonShops != 3 || conv.Metric != "conversion" || !near(conv.Estimate, 0.0063333333) ||
			conv.Conclusion != NoClearDifference || len(conv.Units) != 6 {
			t.Fatalf("results: %+v\n%+v", res, conv)
		}
		// the course report covers the same session; the export opens
		cr, err := w.s.CourseReport(ctx, c.ID)
		check(t, err)
		if len(cr.Sessions) != 1 || cr.Learning.Paired != 2 {
			t.Fatalf("course report: %+v", cr.Learning)
		}
		for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
			if _, err := ExportReport(r, lang); err != nil {
				t.Fatal(err)
			}
		}
		checkReportTables(t, r)
		// a manager of another department sees none of the trainees
		cs, err := w.s.SessionReport(w.as("E010", auth.ScopeDept, "E011", "E012", "E023"), x.ID)
		check(t, err)
		if cs.Learning.Paired != 0 || cs.Sessions[0].Trainees != 0 {
			t.Fatalf("scope: %+v", cs.Learning)
		}
		// trainer KPIs: E017's one session scored 4 of 5, 6 of 8 ratings satisfied
		ks, err := w.s.TrainerKPIs(ctx, TrainerQuery{LecturerEmployeeID: w.dc.Employees["E017"], From: "2026-01-01", To: "2027-03-01"})
		check(t, err)
		if len(ks) != 1 || *ks[0].EvaluationScore.Value != 4 || *ks[0].Satisfaction.Value != 0.75 || len(ks[0].Sessions) != 1 {
			t.Fatalf("trainer KPIs: %+v", ks)
		}
	})
}

// checkReportTables: the workbook is written in one language; in Chinese no
// word of it is English (names and titles come from the data).
func checkReportTables(t *testing.T, r EffectReport) {
	t.Helper()
	zh, en := reportTables(r, i18n.ZH), reportTables(r, i18n.EN)
	if zh[0].Sheet != "概览" || en[0].Sheet != "Summary" || zh[4].Headers[13] != "结论" || en[4].Headers[13] != "Conclusion" {
		t.Fatalf("sheets %s %s, headers %v %v", zh[0].Sheet, en[0].Sheet, zh[4].Headers, en[4].Headers)
	}
	data := map[string]bool{r.Title: true}
	for _, x := range r.Sessions {
		data[x.Title] = true
	}
	latin := regexp.MustCompile(`[A-Za-z]{4,}`)
	var results int
	for _, tb := range zh {
		for _, h := range append([]string{tb.Sheet}, tb.Headers...) {
			if latin.MatchString(h) {
				t.Errorf("zh-CN header %q", h)
			}
		}
		for _, row := range tb.Rows {
			for _, c := range row {
				if s, ok := c.(string); ok && !data[s] && latin.MatchString(s) {
					t.Errorf("zh-CN cell %q in %s", s, tb.Sheet)
				}
			}
		}
	}
	for _, row := range zh[4].Rows {
		results++
		if row[1] != "转化率" && row[1] != "客单价" && row[1] != "退款率" || (row[2] != "受训组" && row[2] != "对照组") || row[14] == "" {
			t.Errorf("results row %v", row)
		}
	}
	for _, row := range en[4].Rows {
		if row[13] == "" || row[14] == "" || row[2] != "Trained" && row[2] != "Comparison" {
			t.Errorf("en results row %v", row)
		}
	}
	if results == 0 {
		t.Fatal("no results rows to check")
	}
}
