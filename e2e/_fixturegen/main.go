// Command _fixturegen writes the browser tests' import fixtures with the
// project's own generator (internal/sales/gen): a Taobao classic export pair
// (订单报表 + 宝贝报表, GBK, CRLF, the real quirks) of 40 orders created
// 2024-06-01..2024-06-14, a period the demo's 12 months never reach, so the
// dashboard figures of that period are exactly what the test uploads.
//
// It also fills the question bank's import template (the very XLSX the
// question page offers for download, assessment.QuestionTemplate) with
// excelize, once per language: a few good questions and one bad row, for
// the question import of tests/assessment-ui.test.mjs.
//
//	go run ./e2e/_fixturegen e2e/fixtures
//
// The leading underscore keeps the folder out of ./... (go test, go vet).
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"ecomops/internal/assessment"
	"ecomops/internal/sales/gen"
)

func main() {
	dir := "e2e/fixtures"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	for _, w := range []func(string) error{write, writeQuestions} {
		if err := w(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func write(dir string) error {
	loc := time.FixedZone("CST", 8*3600)
	from := time.Date(2024, 6, 1, 0, 0, 0, 0, loc)
	cfg := gen.Config{Seed: 20240601, Platform: "tmall", Orders: 40, From: from, To: from.AddDate(0, 0, 14), Loc: loc,
		Now: from.AddDate(0, 0, 30)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	orders, err := os.Create(filepath.Join(dir, "ExportOrderList202406.csv"))
	if err != nil {
		return err
	}
	defer orders.Close()
	items, err := os.Create(filepath.Join(dir, "ExportOrderDetailList202406.csv"))
	if err != nil {
		return err
	}
	defer items.Close()
	if err := gen.WriteTaobao(orders, items, gen.Generate(cfg)); err != nil {
		return err
	}
	if err := orders.Close(); err != nil {
		return err
	}
	return items.Close()
}

// questionRows are what a trainer types into the template, per language:
// code, kind, stem, options A-D, answer, points, difficulty, tags, rubric,
// reference answer. The third row is bad on purpose (a true/false answer
// that is neither 对 nor 错), so the import names row 4, column 答案.
var questionRows = map[string][][]string{
	"zh": {
		{"E2E-ZH-01", "单选", "E2E 导入：直通车默认按什么计费？", "按点击", "按展示", "按成交", "", "A", "2", "易", "E2E导入", "", ""},
		{"E2E-ZH-02", "判断", "E2E 导入：大促前应提前备货。", "", "", "", "", "对", "1", "中", "E2E导入", "", ""},
		{"E2E-ZH-03", "判断", "E2E 导入：退款率越高越好。", "", "", "", "", "也许", "1", "中", "E2E导入", "", ""},
		{"E2E-ZH-04", "简答", "E2E 导入：请说明提升详情页转化的两项措施。", "", "", "", "", "", "5", "难", "E2E导入",
			"每项措施 2.5 分。", "优化首屏卖点；补充买家秀与问答。"},
	},
	"en": {
		{"E2E-EN-01", "single", "E2E import: how is a search ad charged by default?", "Per click", "Per view", "Per sale", "", "A", "2", "easy", "e2e-import", "", ""},
		{"E2E-EN-02", "truefalse", "E2E import: stock up before a big sale.", "", "", "", "", "true", "1", "medium", "e2e-import", "", ""},
		{"E2E-EN-03", "truefalse", "E2E import: a higher refund rate is better.", "", "", "", "", "maybe", "1", "medium", "e2e-import", "", ""},
		{"E2E-EN-04", "short", "E2E import: name two ways to lift a product page's conversion.", "", "", "", "", "", "5", "hard", "e2e-import",
			"2.5 points per measure.", "Sharper first screen; buyer photos and Q&A."},
	},
}

// writeQuestions fills the question template: its example rows are replaced
// by questionRows, its header and help sheet stay as downloaded.
func writeQuestions(dir string) error {
	tpl, err := assessment.QuestionTemplate()
	if err != nil {
		return err
	}
	for lang, rows := range questionRows {
		f, err := excelize.OpenReader(bytes.NewReader(tpl))
		if err != nil {
			return err
		}
		sheet := f.GetSheetName(0)
		header, err := f.GetRows(sheet)
		if err != nil {
			return err
		}
		cols := map[string]int{}
		for i, h := range header[0] {
			cols[h] = i + 1
		}
		for r := len(header); r > 1; r-- { // the template's examples
			if err := f.RemoveRow(sheet, r); err != nil {
				return err
			}
		}
		names := []string{"编码", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "分值", "难度", "标签", "评分标准", "参考答案"}
		for r, row := range rows {
			for i, v := range row {
				c, ok := cols[names[i]]
				if !ok {
					return fmt.Errorf("the template has no column %s", names[i])
				}
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c, r+2)
				var val any = v
				if names[i] == "分值" { // a number cell, as a spreadsheet keeps typed digits
					n, _ := strconv.Atoi(v)
					val = n
				}
				if err := f.SetCellValue(sheet, cell, val); err != nil {
					return err
				}
			}
		}
		err = f.SaveAs(filepath.Join(dir, "questions-import-"+lang+".xlsx"))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
