package sales

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ecomops/internal/platform/i18n"
	"ecomops/internal/platform/tabular"
)

// Every code a row error can carry has a sentence in both languages of the
// error workbook, and the Chinese ones read as Chinese.
func TestRowTextCoversEveryRowCode(t *testing.T) {
	codes := []string{"invalid", "required", "too_long", "out_of_range_min", "too_many_decimals_max",
		tabular.CodeNotANumber, tabular.CodeTooLarge, tabular.CodeTooManyDecimals, tabular.CodeNotInteger, tabular.CodeNotATime}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`(?s)(?:rowError|\.fail)\([^;{}]*?apperr\.Because\("([a-z_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			codes = append(codes, string(m[1]))
		}
	}
	if len(codes) < 17 {
		t.Fatalf("the scan found too few codes: %v", codes)
	}
	latin, placeholders := regexp.MustCompile(`[A-Za-z]{4,}`), regexp.MustCompile(`\{[a-z_]+\}`)
	for _, c := range codes {
		for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
			s, ok := rowText[l][c]
			if !ok {
				t.Errorf("%s has no %s sentence", c, l)
			}
			if l == i18n.ZH && latin.MatchString(placeholders.ReplaceAllString(s, "")) {
				t.Errorf("%s reads English in zh-CN: %s", c, s)
			}
		}
	}
}
