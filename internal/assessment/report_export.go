package assessment

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/i18n"
	"ecomops/internal/platform/xlsx"
)

// val renders an optional number for a cell.
func val(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// reportText is what the effect report workbook says, in the user's
// language. The report page says the same from the UI's locale files
// (assessment.report.*, assessment.enum.*, assessment.metric.*,
// assessment.resultText.*); keep the two alike.
var reportText = i18n.Catalog{
	i18n.ZH: {
		"sheet.summary": "概览", "sheet.learners": "学员", "sheet.exams": "考试", "sheet.behaviour": "行为", "sheet.results": "结果", "sheet.lessons": "经验",
		"level.report": "报告", "level.reaction": "反应", "level.during": "培训中", "level.learning": "学习", "level.behaviour": "行为", "level.results": "结果",
		"h.level": "层级", "h.figure": "指标", "h.value": "值", "h.numerator": "分子", "h.denominator": "分母",
		"h.employee": "员工", "h.post_exam": "后测考试", "h.pre": "训前测%", "h.post": "训后测%", "h.gain": "提升（百分点）", "h.normalised_gain": "标准化提升", "h.passed": "通过",
		"h.id": "ID", "h.exam": "考试", "h.purpose": "类型", "h.learners": "人数", "h.average": "平均%", "h.of": "参考人数",
		"h.session": "培训", "h.days_after": "培训后天数", "h.rating": "评分", "h.comment": "评语",
		"h.metric": "指标", "h.group": "组", "h.shop": "店铺", "h.staff": "人员", "h.before": "前期", "h.before_num": "前期分子", "h.before_den": "前期分母",
		"h.after": "后期", "h.after_num": "后期分子", "h.after_den": "后期分母", "h.change": "变化", "h.did": "差中差", "h.conclusion": "结论", "h.explanation": "说明",
		"h.went_well": "做得好", "h.to_improve": "待改进", "h.actions": "行动",
		"scope.session": "场次 {id}", "scope.course": "课程 {id}", "scope.plan": "年度计划 {id}",
		"f.sessions": "场次数", "f.response_rate": "反馈回复率", "f.satisfaction": "满意度：{dimension}", "f.satisfied_share": "满意占比：{dimension}",
		"f.trainees": "学员人数", "f.questions_asked": "提问次数", "f.questions_answered": "回答次数", "f.discussion": "讨论次数", "f.practice_average": "练习平均分",
		"f.paired_learners": "有前后测的学员", "f.avg_pre": "训前测平均%", "f.avg_post": "训后测平均%", "f.avg_gain": "平均提升（百分点）",
		"f.normalised_gain": "标准化提升", "f.pass_rate": "通过率", "f.competency": "能力提升：{name}",
		"f.ratings": "评价数", "f.average_rating": "平均评分", "f.pooled": "合并估计：{metric}", "f.note": "说明",
		"dimension.content": "课程内容", "dimension.method": "授课方式", "dimension.lecturer": "讲师", "dimension.organisation": "组织安排", "dimension.overall": "总体",
		"purpose.exam": "考试", "purpose.pre": "训前测", "purpose.post": "训后测",
		"metric.conversion": "转化率", "metric.aov": "客单价", "metric.refund_rate": "退款率",
		"group.trained": "受训组", "group.comparison": "对照组",
		"conclusion.too_little_data": "数据不足", "conclusion.better": "有改善", "conclusion.worse": "变差", "conclusion.no_clear_difference": "无明显差异",
		"yes": "是", "no": "否",
		MsgUnavailable:       "本系统未启用销售指标，无法评估业务结果。",
		MsgNoSession:         "还没有已结束的场次。",
		MsgTooEarly:          "为时尚早：培训后的观察期到 {until} 才结束。",
		MsgPooledWeighted:    "按受训店铺数对 {sessions} 个场次加权合并。",
		MsgPooledTooLittle:   "数据不足：没有哪个场次两组都有足够的店铺。",
		MsgTooLittleData:     "数据不足：受训店铺 {trained} 家、对照店铺 {comparison} 家在前后两期都有{metric}数据，每组至少需要 {min} 家。",
		MsgChanged:           "受训店铺的{metric}变化比对照店铺多 {estimate}（95% 区间 {low} 至 {high}）。",
		MsgNoClearDifference: "无明显差异：估计值 {estimate} 的 95% 区间（{low} 至 {high}）包含 0。",
		MsgObservational:     "这是观察性比较：店铺并非随机分配参加培训，两组之间的其他差异也可能造成变化，请结合背后的数字解读。",
	},
	i18n.EN: {
		"sheet.summary": "Summary", "sheet.learners": "Learners", "sheet.exams": "Exams", "sheet.behaviour": "Behaviour", "sheet.results": "Results", "sheet.lessons": "Lessons",
		"level.report": "Report", "level.reaction": "Reaction", "level.during": "During", "level.learning": "Learning", "level.behaviour": "Behaviour", "level.results": "Results",
		"h.level": "Level", "h.figure": "Figure", "h.value": "Value", "h.numerator": "Numerator", "h.denominator": "Denominator",
		"h.employee": "Employee", "h.post_exam": "Post exam", "h.pre": "Pre %", "h.post": "Post %", "h.gain": "Gain (pp)", "h.normalised_gain": "Normalised gain", "h.passed": "Passed",
		"h.id": "ID", "h.exam": "Exam", "h.purpose": "Purpose", "h.learners": "Learners", "h.average": "Average %", "h.of": "Of",
		"h.session": "Session", "h.days_after": "Days after", "h.rating": "Rating", "h.comment": "Comment",
		"h.metric": "Metric", "h.group": "Group", "h.shop": "Shop", "h.staff": "Staff", "h.before": "Before", "h.before_num": "Before numerator", "h.before_den": "Before denominator",
		"h.after": "After", "h.after_num": "After numerator", "h.after_den": "After denominator", "h.change": "Change", "h.did": "DiD", "h.conclusion": "Conclusion", "h.explanation": "Explanation",
		"h.went_well": "Went well", "h.to_improve": "To improve", "h.actions": "Actions",
		"scope.session": "Session {id}", "scope.course": "Course {id}", "scope.plan": "Annual plan {id}",
		"f.sessions": "Sessions", "f.response_rate": "Feedback response rate", "f.satisfaction": "Satisfaction: {dimension}", "f.satisfied_share": "Satisfied share: {dimension}",
		"f.trainees": "Trainees", "f.questions_asked": "Questions asked", "f.questions_answered": "Questions answered", "f.discussion": "Discussion", "f.practice_average": "Practice average",
		"f.paired_learners": "Learners with both tests", "f.avg_pre": "Average pre-test %", "f.avg_post": "Average post-test %", "f.avg_gain": "Average gain (pp)",
		"f.normalised_gain": "Normalised gain", "f.pass_rate": "Pass rate", "f.competency": "Competency gain: {name}",
		"f.ratings": "Ratings", "f.average_rating": "Average rating", "f.pooled": "Pooled estimate: {metric}", "f.note": "Note",
		"dimension.content": "Content", "dimension.method": "Method", "dimension.lecturer": "Lecturer", "dimension.organisation": "Organisation", "dimension.overall": "Overall",
		"purpose.exam": "Exam", "purpose.pre": "Pre-test", "purpose.post": "Post-test",
		"metric.conversion": "Conversion", "metric.aov": "Average order value", "metric.refund_rate": "Refund rate",
		"group.trained": "Trained", "group.comparison": "Comparison",
		"conclusion.too_little_data": "Too little data", "conclusion.better": "Better", "conclusion.worse": "Worse", "conclusion.no_clear_difference": "No clear difference",
		"yes": "Yes", "no": "No",
		MsgUnavailable:       "The sales KPIs are not available in this installation.",
		MsgNoSession:         "No completed session yet.",
		MsgTooEarly:          "Too early to conclude: the period after the session runs until {until}.",
		MsgPooledWeighted:    "Weighted by trained shops over {sessions} session(s).",
		MsgPooledTooLittle:   "Too little data to conclude: no session has enough shops in both groups.",
		MsgTooLittleData:     "Too little data to conclude: {trained} trained and {comparison} comparison shops have data on {metric} in both periods; at least {min} of each are needed.",
		MsgChanged:           "The trained shops' {metric} changed by {estimate} more than the comparison shops' (95% interval {low} to {high}).",
		MsgNoClearDifference: "No clear difference: the estimate {estimate} lies in a 95% interval ({low} to {high}) that includes 0.",
		MsgObservational:     "Observational comparison: shops were not assigned to training at random, so other differences between the groups can explain a change. Read it with the numbers behind it.",
	},
}

// reportWriter renders the report's words in one language.
type reportWriter struct{ lang i18n.Lang }

// text is key's sentence with params; a key the catalog lacks (a code
// added later) shows as itself.
func (w reportWriter) text(key string, params map[string]any) string {
	if s, ok := reportText.Text(w.lang, key, params); ok {
		return s
	}
	return key
}

// label is the word for value in group ("metric", "conclusion" ...), the
// value itself when unknown.
func (w reportWriter) label(group, value string) string {
	if s, ok := reportText.Text(w.lang, group+"."+value, nil); ok {
		return s
	}
	return value
}

// sig renders a number of a sentence as the UI does: 4 significant digits.
func sig(v any) string {
	f, ok := v.(float64)
	if !ok {
		return i18n.Value(i18n.EN, v)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 4, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// message renders a results-level sentence (message_code with its params):
// the metric by its label, estimates signed with 4 significant digits.
func (w reportWriter) message(code string, params map[string]any) string {
	if code == "" {
		return ""
	}
	named := map[string]any{}
	for k, v := range params {
		named[k] = v
	}
	if m, ok := params["metric"].(string); ok {
		named["metric"] = w.label("metric", m)
	}
	if e, ok := params["estimate"].(float64); ok {
		named["estimate"] = sig(e)
		if e > 0 {
			named["estimate"] = "+" + sig(e)
		}
	}
	for _, k := range []string{"low", "high"} {
		if v, ok := params[k]; ok {
			named[k] = sig(v)
		}
	}
	return w.text(code, named)
}

func (w reportWriter) yesNo(b *bool) any {
	switch {
	case b == nil:
		return nil
	case *b:
		return w.text("yes", nil)
	}
	return w.text("no", nil)
}

// reportTables lays the report out as the workbook's sheets in lang: a
// summary of the four levels, then the learners, the exams, the ratings,
// the shops behind the results and the lessons learned.
func reportTables(r EffectReport, lang i18n.Lang) []xlsx.Table {
	w := reportWriter{lang}
	h := func(keys ...string) []string {
		out := make([]string, len(keys))
		for i, k := range keys {
			out[i] = w.text("h."+k, nil)
		}
		return out
	}
	sum := xlsx.Table{Sheet: w.text("sheet.summary", nil), Headers: h("level", "figure", "value", "numerator", "denominator")}
	add := func(level, figure string, params map[string]any, v any, num, den any) {
		sum.Rows = append(sum.Rows, []any{w.text("level."+level, nil), w.text("f."+figure, params), v, num, den})
	}
	sum.Rows = append(sum.Rows, []any{w.text("level.report", nil), w.text("scope."+r.Scope, map[string]any{"id": r.ID}), r.Title, nil, nil})
	add("report", "sessions", nil, len(r.Sessions), nil, nil)
	add("reaction", "response_rate", nil, val(r.Reaction.ResponseRate.Value), r.Reaction.ResponseRate.Numerator, r.Reaction.ResponseRate.Denominator)
	for _, d := range append(r.Reaction.Dimensions, r.Reaction.Overall) {
		dim := map[string]any{"dimension": w.label("dimension", d.Dimension)}
		add("reaction", "satisfaction", dim, val(d.Average), d.Ratings, nil)
		add("reaction", "satisfied_share", dim, val(d.Satisfied.Value), d.Satisfied.Numerator, d.Satisfied.Denominator)
	}
	p := r.Participation
	add("during", "trainees", nil, p.Trainees, nil, nil)
	add("during", "questions_asked", nil, p.QuestionsAsked, nil, nil)
	add("during", "questions_answered", nil, p.QuestionsAnswered, nil, nil)
	add("during", "discussion", nil, p.Discussion, nil, nil)
	add("during", "practice_average", nil, val(p.PracticeAverage), p.PracticeScored, nil)
	l := r.Learning
	add("learning", "paired_learners", nil, l.Paired, nil, nil)
	add("learning", "avg_pre", nil, val(l.AvgPre), nil, nil)
	add("learning", "avg_post", nil, val(l.AvgPost), nil, nil)
	add("learning", "avg_gain", nil, val(l.AvgGain), nil, nil)
	add("learning", "normalised_gain", nil, val(l.NormalisedGain), nil, nil)
	add("learning", "pass_rate", nil, val(l.PassRate.Value), l.PassRate.Numerator, l.PassRate.Denominator)
	for _, c := range l.Competencies {
		add("learning", "competency", map[string]any{"name": c.Name}, val(c.Gain), val(c.Pre.Value), val(c.Post.Value))
	}
	add("behaviour", "ratings", nil, r.Behaviour.Rated, r.Behaviour.Rated, r.Behaviour.Requested)
	add("behaviour", "average_rating", nil, val(r.Behaviour.Average), nil, nil)
	if r.Results.MessageCode != "" {
		add("results", "note", nil, w.message(r.Results.MessageCode, nil), nil, nil)
	}
	for _, pr := range r.Results.Pooled {
		add("results", "pooled", map[string]any{"metric": w.label("metric", pr.Metric)}, val(pr.Estimate), pr.TrainedShops, w.message(pr.MessageCode, pr.MessageParams))
	}
	if r.Results.CaveatCode != "" {
		add("results", "note", nil, w.message(r.Results.CaveatCode, nil), nil, nil)
	}

	learners := xlsx.Table{Sheet: w.text("sheet.learners", nil), Headers: h("employee", "post_exam", "pre", "post", "gain", "normalised_gain", "passed")}
	for _, x := range l.Learners {
		learners.Rows = append(learners.Rows, []any{x.Name, x.PostExamID, val(x.Pre), val(x.Post), val(x.Gain), val(x.NormalisedGain), w.yesNo(x.Passed)})
	}
	exams := xlsx.Table{Sheet: w.text("sheet.exams", nil), Headers: h("id", "exam", "purpose", "learners", "average", "passed", "of")}
	for _, e := range l.Exams {
		exams.Rows = append(exams.Rows, []any{e.ExamID, e.Title, w.label("purpose", e.Purpose), e.Learners, val(e.AvgPercent), e.PassRate.Numerator, e.PassRate.Denominator})
	}
	ratings := xlsx.Table{Sheet: w.text("sheet.behaviour", nil), Headers: h("employee", "session", "days_after", "rating", "comment")}
	for _, b := range r.Behaviour.Ratings {
		ratings.Rows = append(ratings.Rows, []any{b.EmployeeName, b.SessionTitle, b.DaysAfter, deref(b.Rating), b.Comment})
	}
	results := xlsx.Table{Sheet: w.text("sheet.results", nil), Headers: h("session", "metric", "group", "shop", "staff",
		"before", "before_num", "before_den", "after", "after_num", "after_den", "change", "did", "conclusion", "explanation")}
	for _, sr := range r.Results.Sessions {
		for _, d := range sr.Metrics {
			for _, u := range d.Units {
				results.Rows = append(results.Rows, []any{sr.Title, w.label("metric", d.Metric), w.label("group", u.Group), u.ShopName,
					strings.Join(u.Staff, lang.Pick("、", ", ")),
					val(u.Before.Value), u.Before.Numerator, u.Before.Denominator, val(u.After.Value), u.After.Numerator, u.After.Denominator,
					val(u.Change), val(d.Estimate), w.label("conclusion", d.Conclusion), w.message(d.MessageCode, d.MessageParams)})
			}
		}
	}
	lessons := xlsx.Table{Sheet: w.text("sheet.lessons", nil), Headers: h("session", "went_well", "to_improve", "actions")}
	titles := map[int64]string{}
	for _, x := range r.Sessions {
		titles[x.ID] = x.Title
	}
	for _, x := range r.Lessons {
		lessons.Rows = append(lessons.Rows, []any{titles[x.SessionID], x.WentWell, x.ToImprove, x.Actions})
	}
	return []xlsx.Table{sum, learners, exams, ratings, results, lessons}
}

// ExportReport renders an effect report as an XLSX workbook in lang (see
// reportTables).
func ExportReport(r EffectReport, lang i18n.Lang) (*api.FileOutput, error) {
	var buf bytes.Buffer
	if err := xlsx.WriteBook(&buf, reportTables(r, lang)...); err != nil {
		return nil, err
	}
	return api.Attachment(fmt.Sprintf("effect-%s-%d.xlsx", r.Scope, r.ID), xlsx.ContentType, buf.Bytes()), nil
}
