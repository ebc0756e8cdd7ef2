package assessment

import (
	"bytes"
	"testing"

	"ecomops/internal/platform/xlsx"
)

// questionFile builds an XLSX in the template's columns from partial rows
// (column name -> value).
func questionFile(t *testing.T, rows ...map[string]any) *bytes.Reader {
	t.Helper()
	h := questionHeaders()
	tbl := xlsx.Table{Sheet: "q", Headers: h}
	for _, r := range rows {
		row := make([]any, len(h))
		for i, name := range h {
			row[i] = r[name]
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	var buf bytes.Buffer
	check(t, xlsx.Write(&buf, tbl))
	return bytes.NewReader(buf.Bytes())
}

func TestImportQuestions(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		tpl, err := QuestionTemplate()
		check(t, err)
		res, err := w.s.ImportQuestions(w.admin(), bytes.NewReader(tpl), ImportOptions{Name: "template.xlsx"})
		check(t, err)
		if res.Created != 5 || res.Rejected != 0 || res.Rows != 5 {
			t.Fatalf("template import: %+v", res)
		}
		qs, _, err := w.s.ListQuestions(w.admin(), QuestionFilter{Kind: KindFill})
		check(t, err)
		if len(qs) != 1 || len(qs[0].Current.Key.Blanks[0]) != 2 {
			t.Fatalf("fill question from the template: %+v", qs)
		}

		good := map[string]any{"编码": "Q-1", "题型": "多选", "题干": "哪些是流量指标?", "选项A": "访客数", "选项B": "浏览量", "选项C": "退款额",
			"答案": "AB", "分值": 3, "难度": "难", "标签": "流量, 指标"}
		file := func() *bytes.Reader {
			return questionFile(t,
				good,
				map[string]any{"题型": "问答", "题干": "x"},
				map[string]any{"题型": "单选", "题干": "选哪个?", "选项A": "甲", "选项B": "乙", "答案": "Z"},
				map[string]any{"题型": "判断", "题干": "对吗?", "答案": "也许"},
				map[string]any{"题型": "简答", "题干": "谈谈看法"},
				map[string]any{"题型": "单选", "题干": "难度?", "选项A": "甲", "选项B": "乙", "答案": "A", "难度": "很难", "能力": "不存在的能力"},
			)
		}
		// abort: nothing written
		res, err = w.s.ImportQuestions(w.admin(), file(), ImportOptions{OnError: "abort"})
		check(t, err)
		if !res.Aborted || res.Created != 0 || res.Rejected != 5 {
			t.Fatalf("abort: %+v", res)
		}
		// skip: the good row only, every bad row named with its column
		res, err = w.s.ImportQuestions(w.admin(), file(), ImportOptions{})
		check(t, err)
		if res.Created != 1 || res.Rejected != 5 {
			t.Fatalf("skip: %+v", res)
		}
		want := map[int]string{3: "题型", 4: "答案", 5: "答案", 6: "评分标准", 7: "难度"}
		for row, col := range want {
			found := false
			for _, e := range res.Errors {
				if e.Row == row && e.Column == col {
					found = true
				}
			}
			if !found {
				t.Errorf("no error for row %d column %s in %+v", row, col, res.Errors)
			}
		}
		// every row error carries a code the UI translates
		codes := map[string]bool{}
		for _, e := range res.Errors {
			if e.Code == "" || e.Code == "invalid" {
				t.Errorf("row %d (%s): no code for %q", e.Row, e.Column, e.Reason)
			}
			codes[e.Code] = true
		}
		for _, c := range []string{"enum", "not_option", "unknown_competency"} {
			if !codes[c] {
				t.Errorf("no %s among %+v", c, res.Errors)
			}
		}
		q, _, err := w.s.ListQuestions(w.admin(), QuestionFilter{Q: "Q-1"})
		check(t, err)
		if len(q) != 1 || q[0].Current.Points != 3 || q[0].Current.Difficulty != "hard" || len(q[0].Current.Tags) != 2 ||
			keyText(q[0].Current.Key) != "A,B" {
			t.Fatalf("imported question: %+v", q[0].Current)
		}
		// the same code again: unchanged; a changed stem: a new version
		res, err = w.s.ImportQuestions(w.admin(), questionFile(t, good), ImportOptions{})
		check(t, err)
		if res.Unchanged != 1 || res.Created != 0 {
			t.Fatalf("re-import: %+v", res)
		}
		good["题干"] = "以下哪些是流量指标?"
		res, err = w.s.ImportQuestions(w.admin(), questionFile(t, good), ImportOptions{DryRun: true})
		check(t, err)
		if res.Updated != 1 {
			t.Fatalf("dry run: %+v", res)
		}
		res, err = w.s.ImportQuestions(w.admin(), questionFile(t, good), ImportOptions{})
		check(t, err)
		q2, err := w.s.Question(w.admin(), q[0].ID)
		check(t, err)
		if res.Updated != 1 || q2.VersionNo != 2 {
			t.Fatalf("update by code: %+v, version %d", res, q2.VersionNo)
		}
		// the export imports back unchanged
		out, err := w.s.ExportQuestions(w.admin(), QuestionFilter{})
		check(t, err)
		res, err = w.s.ImportQuestions(w.admin(), bytes.NewReader(out.Body), ImportOptions{})
		check(t, err)
		if res.Unchanged != 1 || res.Created != 5 || res.Rejected != 0 {
			t.Fatalf("export round trip (5 template questions have no code): %+v", res)
		}
		// not a question file
		_, err = w.s.ImportQuestions(w.admin(), bytes.NewReader([]byte("a,b\n1,2\n")), ImportOptions{})
		if err == nil {
			t.Fatal("a file without the columns was accepted")
		}
	})
}
