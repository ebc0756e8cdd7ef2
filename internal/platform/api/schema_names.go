package api

import (
	"reflect"
	"strings"
	"unicode"
)

// schemaName names OpenAPI schemas after the module that declares the type,
// so two modules may each have a Settings or a Session type: org.Employee
// becomes OrgEmployee, api.List[org.Employee] ListOrgEmployee, trail.Row
// TrailRow. Types of platform/api itself and of other modules keep their
// plain names. Anonymous types use huma's hint.
func schemaName(t reflect.Type, hint string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	name := t.Name()
	if name == "" {
		name = hint
	} else if t.PkgPath() != "" {
		name = t.PkgPath() + "." + name // qualified like the type arguments inside it
	}
	name = strings.ReplaceAll(name, "[]", "List[")
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '[' || r == ']' || r == '*' || r == ',' }) {
		pkg, base := "", part
		if i := strings.LastIndex(part, "."); i >= 0 {
			pkg, base = part[:i], part[i+1:]
		}
		b.WriteString(modulePrefix(pkg))
		b.WriteString(upperFirst(base))
	}
	return b.String()
}

// modulePrefix returns "Org" for ecomops/internal/org, "Trail" for
// ecomops/internal/platform/trail, "" for platform/api and foreign packages.
func modulePrefix(pkgPath string) string {
	rest, ok := strings.CutPrefix(pkgPath, "ecomops/internal/")
	if !ok {
		return ""
	}
	rest = strings.TrimPrefix(rest, "platform/")
	if rest == "api" {
		return ""
	}
	return upperFirst(rest[strings.LastIndex(rest, "/")+1:])
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
