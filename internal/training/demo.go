package training

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// LoadDemo adds the training demo on top of the demo company: a closed
// assessment round with gaps (and the needs they raised), business problems
// with needs, the development survey open with answers, manager requests,
// external lecturers and this year's approved plan of 30 items, those due
// mostly delivered. It runs with a system context after org's demo.
func (s *Service) LoadDemo(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand) error {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return err
	}
	now := s.clock.Now().In(s.system.Location(ctx))
	if err := s.demoRound(ctx, dc, rng, now); err != nil {
		return err
	}
	if err := s.demoProblems(ctx, dc, now); err != nil {
		return err
	}
	if err := s.demoSurvey(ctx, dc, rng, now); err != nil {
		return err
	}
	for _, r := range []struct{ by, topic, dept, why string }{
		{"E001", "直播运营基础", "抖音组", "抖音小店转向直播带货，组员缺少直播间运营经验"},
		{"E010", "大促期间客服应急处理", "客服部", "去年双11咨询量峰值时响应超时较多"},
	} {
		dept := dc.Departments[r.dept]
		by := dc.Employees[r.by]
		n := Need{Source: SourceManager, Topic: r.topic, Description: r.why, Priority: "medium", RequestedBy: &by}
		if err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			return s.insertNeed(ctx, tx, &n, Audience{DepartmentIDs: []int64{dept}})
		}); err != nil {
			return err
		}
	}
	return s.demoPlan(ctx, dc, now)
}

// demoRound runs last half-year's assessment round for 运营部 and 客服部
// and closes it, so gaps become needs.
func (s *Service) demoRound(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand, now time.Time) error {
	year, half, start, due := now.Year(), "H1", "-06-01", "-06-30"
	if now.Month() < time.July {
		year, half, start, due = now.Year()-1, "H2", "-12-01", "-12-20"
	}
	r, err := s.CreateRound(ctx, Round{Name: fmt.Sprintf("%d %s 岗位能力评估", year, half), Period: fmt.Sprintf("%d %s", year, half),
		StartDate: fmt.Sprint(year, start), DueDate: fmt.Sprint(year, due),
		DepartmentIDs: []int64{dc.Departments["运营部"], dc.Departments["客服部"]}})
	if err != nil {
		return err
	}
	if r, err = s.OpenRound(ctx, r.ID, r.Version); err != nil {
		return err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var ratings []Rating
		if err := tx.NewSelect().Model(&ratings).Join("JOIN assessment_participants AS ap ON ap.id = ar.participant_id").
			Where("ap.round_id = ?", r.ID).OrderExpr("ar.id").Scan(ctx); err != nil {
			return apperr.Wrap(err, "demo ratings")
		}
		for _, x := range ratings {
			// managers rate one level under the requirement or worse about a third of the time
			mgr := clampLevel(x.RequiredLevel + []int{-2, -1, -1, 0, 0, 0, 1}[rng.IntN(7)])
			self := clampLevel(mgr + []int{0, 0, 1, 1, -1}[rng.IntN(5)])
			if _, err := tx.NewUpdate().Model((*Rating)(nil)).Set("self_level = ?, manager_level = ?", self, mgr).Where("id = ?", x.ID).Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo rating")
			}
		}
		_, err := tx.NewUpdate().Model((*Participant)(nil)).Set("self_submitted_at = ?, manager_submitted_at = ?", s.now(), s.now()).
			Where("round_id = ?", r.ID).Exec(ctx)
		return apperr.Wrap(err, "demo submit")
	})
	if err != nil {
		return err
	}
	if _, err = s.CloseRound(ctx, r.ID, r.Version); err != nil {
		return err
	}
	// the round ran in its period, not at demo time
	opened := time.Date(year, time.Month(map[string]int{"H1": 6, "H2": 12}[half]), 1, 1, 0, 0, 0, time.UTC)
	closed := opened.AddDate(0, 0, 25)
	_, err = s.db.W.NewUpdate().Model((*Round)(nil)).Set("opened_at = ?, closed_at = ?", opened, closed).Where("id = ?", r.ID).Exec(ctx)
	return apperr.Wrap(err, "demo round dates")
}

func clampLevel(l int) int { return min(max(l, MinLevel), MaxLevel) }

func (s *Service) demoProblems(ctx context.Context, dc *org.DemoCompany, now time.Time) error {
	month := now.AddDate(0, -1, 0).Format("2006-01")
	shop := func(code string) *int64 { id := dc.Shops[code]; return &id }
	for _, d := range []struct {
		p     BusinessProblem
		need  NeedInput
		depts []string
	}{
		{BusinessProblem{Title: "天猫店退货率偏高", Area: "returns", Description: "家居收纳类目退货率明显高于行业均值。",
			Evidence: Evidence{Metric: "refund_rate", ShopID: shop("TM01"), Period: month, Value: "12.4%"},
			Causes:   "详情页尺寸说明不清；客服未主动确认尺寸。", OwnerID: dc.Employees["E002"], Status: "action"},
			NeedInput{Topic: "售后处理", Description: "退货原因分析与售前确认话术", Priority: "high"}, []string{"客服部"}},
		{BusinessProblem{Title: "京东店转化率下滑", Area: "conversion", Description: "近两个月转化率连续下降。",
			Evidence: Evidence{Metric: "conversion_rate", ShopID: shop("JD01"), Period: month, Value: "2.1%"},
			Causes:   "主图与竞品同质化；评价晒图少。", OwnerID: dc.Employees["E005"], Status: "analysing"},
			NeedInput{Topic: "主图与详情页设计", Description: "提升主图点击与详情页转化", Priority: "medium"}, []string{"京东组"}},
		{BusinessProblem{Title: "抖音投放 ROI 低于目标", Area: "ads_roi", Description: "千川投放 ROI 长期低于 2。",
			Evidence: Evidence{Metric: "ads_roi", ShopID: shop("DY01"), Period: month, Value: "1.6"},
			Causes:   "人群定向过宽，素材迭代慢。", OwnerID: dc.Employees["E008"], Status: "open"},
			NeedInput{Topic: "ROI 优化", Description: "投放数据分析与素材测试", Priority: "high"}, []string{"抖音组"}},
		{BusinessProblem{Title: "客服投诉响应超时", Area: "complaints", Description: "大促期间投诉首次响应超过平台要求。",
			Evidence: Evidence{URL: "https://example.com/reports/cs-sla", Note: "客服质检周报"},
			Causes:   "排班不足，缺少应急话术。", OwnerID: dc.Employees["E010"], Status: "action"},
			NeedInput{Topic: "情绪管理", Description: "投诉安抚与升级处理", Priority: "medium"}, []string{"客服部"}},
		{BusinessProblem{Title: "爆款断货", Area: "stock", Description: "主推款在活动期间断货三天。", Evidence: Evidence{Note: "活动复盘会记录"},
			Causes: "补货计划未考虑活动增量。", OwnerID: dc.Employees["E013"], Status: "closed"},
			NeedInput{}, nil},
	} {
		p, err := s.CreateProblem(ctx, d.p)
		if err != nil {
			return err
		}
		if d.need.Topic == "" {
			continue
		}
		for _, name := range d.depts {
			d.need.Audience.DepartmentIDs = append(d.need.Audience.DepartmentIDs, dc.Departments[name])
		}
		if _, err := s.RaiseProblemNeed(ctx, p.ID, d.need); err != nil {
			return err
		}
	}
	return nil
}

// demoSurvey opens the development survey and answers it for most people.
func (s *Service) demoSurvey(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand, now time.Time) error {
	qs, _, err := s.ListQuestionnaires(ctx, QuestionnaireFilter{Page: api.Page{Sort: "id"}, Q: DevSurveyCode})
	if err != nil || len(qs) == 0 {
		return err
	}
	opens, closes := now.AddDate(0, 0, -20), now.AddDate(0, 0, 10)
	q, err := s.SetQuestionnaireWindow(ctx, qs[0].ID, QuestionnaireWindow{OpensAt: &opens, ClosesAt: &closes, Version: qs[0].Version})
	if err != nil {
		return err
	}
	if q, err = s.OpenQuestionnaire(ctx, q.ID, q.Version); err != nil {
		return err
	}
	skills := map[string][]string{"ops": {"platform_rules", "data_analysis", "campaign", "listing_seo"}, "ads": {"ads", "roi", "data_analysis"},
		"cs": {"communication", "after_sales", "platform_rules"}, "design": {"visual", "video"}, "warehouse": {"inventory", "data_analysis"},
		"trainer": {"team", "video"}, "ops_manager": {"team", "data_analysis"}, "hr": {"team"}}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return s.demoAnswers(ctx, tx, dc, rng, q, dir, skills)
	})
}

// demoAnswers answers the survey for three quarters of the company.
func (s *Service) demoAnswers(ctx context.Context, tx bun.Tx, dc *org.DemoCompany, rng *rand.Rand, q Questionnaire, dir *directory, skills map[string][]string) error {
	for i := 1; i <= 25; i++ {
		emp, ok := dc.Employees[fmt.Sprintf("E%03d", i)]
		if !ok || i%4 == 0 { // about a quarter have not answered yet
			continue
		}
		e := dir.emps[emp]
		code := ""
		if e.PositionID != nil {
			code = dir.pos[*e.PositionID].Code
		}
		want := skills[code]
		if len(want) == 0 {
			want = []string{"data_analysis"}
		}
		pick := want[:1+rng.IntN(min(len(want), 3))]
		likert, nps := 2+rng.IntN(4), 5+rng.IntN(6)
		answers := []ItemAnswer{
			{ItemID: q.Items[0].ID, Choice: []string{"expert", "manager", "transfer", "undecided"}[rng.IntN(4)]},
			{ItemID: q.Items[1].ID, Choices: pick},
			{ItemID: q.Items[2].ID, Choices: [][]string{{"case_study", "practice"}, {"practice"}, {"online", "lecture"}, {"discussion", "mentoring"}}[rng.IntN(4)]},
			{ItemID: q.Items[3].ID, Value: &likert},
			{ItemID: q.Items[4].ID, Value: &nps},
		}
		if i%5 == 1 {
			answers = append(answers, ItemAnswer{ItemID: q.Items[5].ID, Text: []string{"希望多一些实操案例", "希望有大促前的集中培训", "希望能有外部专家分享"}[i%3]})
		}
		if err := s.SubmitResponseTx(ctx, tx, q.ID, emp, answers); err != nil {
			return err
		}
	}
	return nil
}
