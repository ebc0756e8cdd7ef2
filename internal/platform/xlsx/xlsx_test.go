package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestFormulaInjectionNeutralised(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, Table{Headers: []string{"name", "n"}, Rows: [][]any{{"=HYPERLINK(\"http://x\")", 1}, {"+1", -5}, {"@SUM(A1)", 2}, {"normal", 3}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	want := []string{"'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "normal"}
	for i, w := range want {
		if rows[i+1][0] != w {
			t.Errorf("row %d: %q, want %q", i+2, rows[i+1][0], w)
		}
		if formula, _ := f.GetCellFormula("Sheet1", "A"+string(rune('2'+i))); formula != "" {
			t.Errorf("row %d became a formula %q", i+2, formula)
		}
	}
	if rows[2][1] != "-5" {
		t.Errorf("numbers must stay numbers: %q", rows[2][1])
	}
}
