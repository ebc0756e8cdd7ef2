package blob

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameRunes bounds a kept file name; longer names are cut before the extension.
const maxNameRunes = 120

// SanitizeName turns a name from an upload into one that is safe to keep and
// to send back in Content-Disposition: the last path element only (either
// slash), no control or format characters, no quotes, backslashes or
// characters Windows refuses in names, no leading dots (hidden files) or
// trailing dots and spaces, at most 120 characters with the extension kept.
// An empty result becomes "file". Chinese and other letters are kept.
func SanitizeName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base("/" + name)
	if name == "/" {
		return "file"
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		case strings.ContainsRune(`"<>:|?*/`, r):
			b.WriteRune('_')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Trim(strings.TrimLeft(b.String(), ". "), ". ")
	if rs := []rune(out); len(rs) > maxNameRunes {
		ext := []rune(path.Ext(out))
		if len(ext) > 16 {
			ext = nil
		}
		out = string(rs[:maxNameRunes-len(ext)]) + string(ext)
	}
	if out == "" {
		return "file"
	}
	return out
}

// ContentDisposition returns the header value for name (sanitised here
// again): "attachment" or "inline", an ASCII fallback filename and the
// RFC 5987 filename* with the UTF-8 name.
func ContentDisposition(inline bool, name string) string {
	name = SanitizeName(name)
	kind := "attachment"
	if inline {
		kind = "inline"
	}
	ascii := []rune(name)
	for i, r := range ascii {
		if r > 126 || r < 32 || r == '%' || r == ';' {
			ascii[i] = '_'
		}
	}
	return fmt.Sprintf("%s; filename=\"%s\"; filename*=UTF-8''%s", kind, string(ascii), url.PathEscape(name))
}
