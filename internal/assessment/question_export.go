package assessment

import (
	"bytes"
	"context"
	"strings"

	"ecomops/internal/learning"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// questionHeaders are the question file's columns, in template order.
func questionHeaders() []string {
	h := []string{colCode[0], colKind[0], colStem[0]}
	for i := range optionLetters {
		h = append(h, colOption(i)[0])
	}
	return append(h, colAnswer[0], colPoints[0], colDifficulty[0], colCompetency[0], colCourse[0], colTags[0],
		colExplanation[0], colRubric[0], colReference[0])
}

var kindLabels = map[string]string{KindSingle: "单选", KindMultiple: "多选", KindTrueFalse: "判断", KindFill: "填空", KindShort: "简答"}
var difficultyLabels = map[string]string{"easy": "易", "medium": "中", "hard": "难"}

// questionRow renders one question in the file's columns.
func questionRow(q Question, courseCode string) []any {
	v := q.Current
	row := []any{q.Code, kindLabels[q.Kind], v.Stem}
	opts := map[string]string{}
	for _, o := range v.Options {
		opts[o.Key] = o.Text
	}
	for i := range optionLetters {
		row = append(row, opts[string(optionLetters[i])])
	}
	answer := keyText(v.Key)
	if v.Key.True != nil {
		answer = map[bool]string{true: "对", false: "错"}[*v.Key.True]
	}
	return append(row, answer, v.Points, difficultyLabels[v.Difficulty], joinIDs(v.CompetencyIDs), courseCode,
		strings.Join(v.Tags, ","), v.Explanation, v.Rubric, v.ReferenceAnswer)
}

// templateHelp explains the columns (second sheet of the template).
var templateHelp = [][]any{
	{"编码 Code", "可选。填写后再次导入同一编码会更新该题（生成新版本）。Optional: re-importing a code edits that question (a new version)."},
	{"题型 Type", "单选、多选、判断、填空、简答 (single, multiple, truefalse, fill, short)."},
	{"选项A-H Options", "单选/多选题的选项，答案用列字母表示。Choice options; the answer names them by column letter."},
	{"答案 Answer", "单选: B；多选: A,C 或 AC；判断: 对/错；填空: 各空用 || 分隔，同一空的多个可接受答案用 | 分隔（不区分大小写与全半角）；简答: 留空。" +
		" Single: B; multiple: A,C; true/false: 对/错 (true/false); fill: blanks separated by ||, accepted answers of a blank by | (case and width ignored); short: empty."},
	{"分值 Points", "1-100，默认 1。Default points of the question."},
	{"难度 Difficulty", "易/中/难 (easy/medium/hard)，默认中。"},
	{"能力 Competencies", "能力模型中的能力名称或编号，多个用逗号分隔。Competency names or ids, comma separated."},
	{"课程 Course", "课程编码。The course code."},
	{"标签 Tags", "逗号分隔。Comma separated."},
	{"解析 Explanation", "考后回顾时显示。Shown in the review."},
	{"评分标准 Rubric", "简答题必填，仅阅卷人可见。Short answer: required, graders only."},
	{"参考答案 Reference answer", "简答题的参考答案。A model answer for short questions."},
}

// QuestionTemplate is the XLSX template of the question import: the
// columns with one example row per kind, and a help sheet.
func QuestionTemplate() ([]byte, error) {
	rows := [][]any{
		{"", "单选", "支付转化率 = 支付买家数 ÷ ?", "访客数", "浏览量", "加购人数", "", "", "", "", "", "A", 2, "易", "", "", "数据分析", "生意参谋口径：支付买家数/访客数。", "", ""},
		{"", "多选", "以下哪些属于店铺营销工具?", "满减", "优惠券", "退款", "搭配套餐", "", "", "", "", "A,B,D", 2, "中", "", "", "营销", "", "", ""},
		{"", "判断", "客单价等于GMV除以支付订单数。", "", "", "", "", "", "", "", "", "错", 1, "中", "", "", "数据分析", "客单价 = GMV ÷ 支付买家数。", "", ""},
		{"", "填空", "商品的最小库存单位英文缩写为____。", "", "", "", "", "", "", "", "", "SKU|库存单位", 2, "易", "", "", "商品", "", "", ""},
		{"", "简答", "请说明降低退款率的三项措施。", "", "", "", "", "", "", "", "", "", 5, "难", "", "", "售后", "", "原因分析2分，措施3分。", "核对描述、加强质检、优化物流。"},
	}
	var buf bytes.Buffer
	err := xlsx.WriteBook(&buf,
		xlsx.Table{Sheet: "题库 Questions", Headers: questionHeaders(), Rows: rows},
		xlsx.Table{Sheet: "说明 Help", Headers: []string{"列 Column", "说明 How to fill it"}, Rows: templateHelp})
	return buf.Bytes(), err
}

// ExportQuestions renders the filtered bank in the import's columns, so an
// edited export imports back (rows with codes update their questions).
func (s *Service) ExportQuestions(ctx context.Context, f QuestionFilter) (*api.FileOutput, error) {
	f.Page = f.ForExport()
	items, _, err := s.ListQuestions(ctx, f)
	if err != nil {
		return nil, err
	}
	codes := map[int64]string{}
	if s.Learning != nil {
		cs, _, err := s.Learning.ListCourses(systemCtx(ctx), learning.CourseFilter{Page: f.Page})
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			codes[c.ID] = c.Code
		}
	}
	t := xlsx.Table{Sheet: "题库 Questions", Headers: questionHeaders()}
	for _, q := range items {
		if q.Current == nil {
			continue
		}
		code := ""
		if q.Current.CourseID != nil {
			code = codes[*q.Current.CourseID]
		}
		t.Rows = append(t.Rows, questionRow(q, code))
	}
	return api.XLSXFile("questions", t)
}
