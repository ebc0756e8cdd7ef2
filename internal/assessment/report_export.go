package assessment

import (
	"bytes"
	"fmt"
	"strings"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// val renders an optional number for a cell.
func val(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func ratioCells(r Ratio) []any { return []any{r.Numerator, r.Denominator, val(r.Value)} }

// ExportReport renders an effect report as an XLSX workbook: a summary of
// the four levels, then the learners, the feedback, the ratings, the shops
// behind the results and the lessons learned.
func ExportReport(r EffectReport) (*api.FileOutput, error) {
	sum := xlsx.Table{Sheet: "概览 Summary", Headers: []string{"层级 Level", "指标 Figure", "值 Value", "分子 Numerator", "分母 Denominator"}}
	add := func(level, name string, v any, num, den any) {
		sum.Rows = append(sum.Rows, []any{level, name, v, num, den})
	}
	add("报告 Report", fmt.Sprintf("%s %d", r.Scope, r.ID), r.Title, nil, nil)
	add("报告 Report", "sessions", len(r.Sessions), nil, nil)
	add("反应 Reaction", "response_rate", val(r.Reaction.ResponseRate.Value), r.Reaction.ResponseRate.Numerator, r.Reaction.ResponseRate.Denominator)
	for _, d := range append(r.Reaction.Dimensions, r.Reaction.Overall) {
		add("反应 Reaction", "satisfaction."+d.Dimension, val(d.Average), d.Ratings, nil)
		add("反应 Reaction", "satisfied_share."+d.Dimension, val(d.Satisfied.Value), d.Satisfied.Numerator, d.Satisfied.Denominator)
	}
	p := r.Participation
	add("培训中 During", "trainees", p.Trainees, nil, nil)
	add("培训中 During", "questions_asked", p.QuestionsAsked, nil, nil)
	add("培训中 During", "questions_answered", p.QuestionsAnswered, nil, nil)
	add("培训中 During", "discussion", p.Discussion, nil, nil)
	add("培训中 During", "practice_average", val(p.PracticeAverage), p.PracticeScored, nil)
	l := r.Learning
	add("学习 Learning", "paired_learners", l.Paired, nil, nil)
	add("学习 Learning", "avg_pre", val(l.AvgPre), nil, nil)
	add("学习 Learning", "avg_post", val(l.AvgPost), nil, nil)
	add("学习 Learning", "avg_gain", val(l.AvgGain), nil, nil)
	add("学习 Learning", "normalised_gain", val(l.NormalisedGain), nil, nil)
	add("学习 Learning", "pass_rate", val(l.PassRate.Value), l.PassRate.Numerator, l.PassRate.Denominator)
	for _, c := range l.Competencies {
		add("学习 Learning", "competency."+c.Name, val(c.Gain), val(c.Pre.Value), val(c.Post.Value))
	}
	add("行为 Behaviour", "ratings", r.Behaviour.Rated, r.Behaviour.Rated, r.Behaviour.Requested)
	add("行为 Behaviour", "average_rating", val(r.Behaviour.Average), nil, nil)
	for _, pr := range r.Results.Pooled {
		add("结果 Results", "did."+pr.Metric, val(pr.Estimate), pr.TrainedShops, pr.Message)
	}

	learners := xlsx.Table{Sheet: "学员 Learners", Headers: []string{"员工 Employee", "后测 Post exam", "前测% Pre", "后测% Post", "提升 Gain (pp)", "标准化提升 Normalised gain", "通过 Passed"}}
	for _, x := range l.Learners {
		learners.Rows = append(learners.Rows, []any{x.Name, x.PostExamID, val(x.Pre), val(x.Post), val(x.Gain), val(x.NormalisedGain), deref(x.Passed)})
	}
	exams := xlsx.Table{Sheet: "考试 Exams", Headers: []string{"ID", "考试 Exam", "类型 Purpose", "人数 Learners", "平均% Average", "通过 Passed", "人数 Of"}}
	for _, e := range l.Exams {
		exams.Rows = append(exams.Rows, []any{e.ExamID, e.Title, e.Purpose, e.Learners, val(e.AvgPercent), e.PassRate.Numerator, e.PassRate.Denominator})
	}
	ratings := xlsx.Table{Sheet: "行为 Behaviour", Headers: []string{"员工 Employee", "培训 Session", "天数 Days after", "评分 Rating", "评语 Comment"}}
	for _, b := range r.Behaviour.Ratings {
		ratings.Rows = append(ratings.Rows, []any{b.EmployeeName, b.SessionTitle, b.DaysAfter, deref(b.Rating), b.Comment})
	}
	results := xlsx.Table{Sheet: "结果 Results", Headers: []string{"培训 Session", "指标 Metric", "组 Group", "店铺 Shop", "人员 Staff",
		"前期 Before", "前分子", "前分母", "后期 After", "后分子", "后分母", "变化 Change", "差中差 DiD", "结论 Conclusion"}}
	for _, sr := range r.Results.Sessions {
		for _, d := range sr.Metrics {
			for _, u := range d.Units {
				results.Rows = append(results.Rows, []any{sr.Title, d.Metric, u.Group, u.ShopName, strings.Join(u.Staff, "、"),
					val(u.Before.Value), u.Before.Numerator, u.Before.Denominator, val(u.After.Value), u.After.Numerator, u.After.Denominator,
					val(u.Change), val(d.Estimate), d.Conclusion})
			}
		}
	}
	lessons := xlsx.Table{Sheet: "经验 Lessons", Headers: []string{"培训 Session", "做得好 Went well", "待改进 To improve", "行动 Actions"}}
	titles := map[int64]string{}
	for _, x := range r.Sessions {
		titles[x.ID] = x.Title
	}
	for _, x := range r.Lessons {
		lessons.Rows = append(lessons.Rows, []any{titles[x.SessionID], x.WentWell, x.ToImprove, x.Actions})
	}
	var buf bytes.Buffer
	if err := xlsx.WriteBook(&buf, sum, learners, exams, ratings, results, lessons); err != nil {
		return nil, err
	}
	return api.Attachment(fmt.Sprintf("effect-%s-%d.xlsx", r.Scope, r.ID), xlsx.ContentType, buf.Bytes()), nil
}
