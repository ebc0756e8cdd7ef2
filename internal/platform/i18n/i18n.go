// Package i18n writes the sentences of generated files (XLSX reports) in
// the requesting user's language. The UI translates everything it shows
// itself (web/src/locales); a file the server writes cannot wait for the
// UI, so the operations that write one take the language from the request
// (the lang query parameter, else Accept-Language) and render coded
// sentences from a Catalog. zh-CN is the default, as in the UI.
package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Lang is a language the server writes files in.
type Lang string

// The languages of the UI.
const (
	ZH Lang = "zh-CN"
	EN Lang = "en"
)

// Request is embedded in the input of an operation that writes a file for
// people: the UI sends its language as Accept-Language (and may send lang).
type Request struct {
	LangQuery      string `query:"lang" required:"false" doc:"language of the file: zh-CN (default) or en; overrides Accept-Language"`
	AcceptLanguage string `header:"Accept-Language" required:"false" doc:"the first language tag decides: en... for English, anything else zh-CN"`
}

// Lang is the language the request asks for.
func (r Request) Lang() Lang { return Parse(r.LangQuery, r.AcceptLanguage) }

// Parse picks the language from a lang parameter, else from the first tag
// of an Accept-Language header: English for en..., else Chinese.
func Parse(lang, acceptLanguage string) Lang {
	tag := strings.TrimSpace(lang)
	if tag == "" {
		tag, _, _ = strings.Cut(acceptLanguage, ",")
		tag, _, _ = strings.Cut(tag, ";")
		tag = strings.TrimSpace(tag)
	}
	if t := strings.ToLower(tag); t == "en" || strings.HasPrefix(t, "en-") || strings.HasPrefix(t, "en_") {
		return EN
	}
	return ZH
}

// Pick returns zh or en by language.
func (l Lang) Pick(zh, en string) string {
	if l == EN {
		return en
	}
	return zh
}

// Catalog holds sentences by code per language, with {name} placeholders
// filled from params.
type Catalog map[Lang]map[string]string

// Text renders code in l with params; false when the catalog lacks it.
func (c Catalog) Text(l Lang, code string, params map[string]any) (string, bool) {
	tmpl, ok := c[l][code]
	if !ok {
		return "", false
	}
	return Format(l, tmpl, params), true
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// Format fills the {name} placeholders of tmpl from params: lists joined
// as the language joins them, whole numbers without decimals; a missing
// param leaves nothing.
func Format(l Lang, tmpl string, params map[string]any) string {
	return placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		return Value(l, params[m[1:len(m)-1]])
	})
}

// Value renders one param as the sentences show it.
func Value(l Lang, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case []string:
		return strings.Join(x, l.Pick("、", ", "))
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = Value(l, p)
		}
		return strings.Join(parts, l.Pick("、", ", "))
	}
	return fmt.Sprint(v)
}

// Key is the catalog key of a code with these params, as the UI chooses it
// (web/src/api/errors.ts keyOf): a range with one bound, a duplicate that
// names its value and a decimals limit that names its maximum have their
// own sentences.
func Key(code string, params map[string]any) string {
	has := func(k string) bool { return params[k] != nil }
	switch code {
	case "out_of_range":
		switch {
		case has("gt"):
			return "out_of_range_gt"
		case has("lt"):
			return "out_of_range_lt"
		case has("min") && !has("max"):
			return "out_of_range_min"
		case has("max") && !has("min"):
			return "out_of_range_max"
		}
	case "not_unique":
		if has("value") {
			return "not_unique_value"
		}
	case "too_many_decimals":
		if has("max") {
			return "too_many_decimals_max"
		}
	}
	return code
}
