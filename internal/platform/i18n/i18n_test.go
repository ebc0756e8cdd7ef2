package i18n

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		lang, accept string
		want         Lang
	}{
		{"", "", ZH},
		{"", "en", EN},
		{"", "en-US,en;q=0.9,zh-CN;q=0.8", EN},
		{"", "zh-CN,zh;q=0.9,en;q=0.8", ZH},
		{"", "fr-FR", ZH},
		{"zh-CN", "en", ZH},
		{"en", "zh-CN", EN},
		{"EN", "", EN},
	} {
		if got := Parse(c.lang, c.accept); got != c.want {
			t.Errorf("Parse(%q, %q) = %s, want %s", c.lang, c.accept, got, c.want)
		}
	}
	if (Request{AcceptLanguage: "en"}).Lang() != EN || (Request{LangQuery: "zh-CN", AcceptLanguage: "en"}).Lang() != ZH {
		t.Fatal("Request.Lang")
	}
}

func TestCatalog(t *testing.T) {
	c := Catalog{ZH: {"dup": "与第 {row} 行重复：{values}"}, EN: {"dup": "same as row {row}: {values}"}}
	if s, ok := c.Text(ZH, "dup", map[string]any{"row": float64(7), "values": []any{"a", "b"}}); !ok || s != "与第 7 行重复：a、b" {
		t.Fatalf("%q", s)
	}
	if s, _ := c.Text(EN, "dup", map[string]any{"row": 7, "values": []string{"a", "b"}}); s != "same as row 7: a, b" {
		t.Fatalf("%q", s)
	}
	if _, ok := c.Text(EN, "other", nil); ok {
		t.Fatal("unknown code rendered")
	}
	if s := Format(ZH, "{missing}行", nil); s != "行" {
		t.Fatalf("%q", s)
	}
}
