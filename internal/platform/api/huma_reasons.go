package api

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/validation"

	"ecomops/internal/platform/apperr"
)

// Huma validates requests before a handler runs and explains each fault
// in an English sentence (its validation.Msg* templates, the parameter
// parsers in huma.go and the multipart decoder in formdata.go). fromHuma
// gives each of them the code and params an apperr.Reason would carry, so
// the UI can say it in the user's language. The patterns are made from
// huma's own templates; a sentence no pattern knows keeps code "invalid".

// fromHuma converts one of huma's error details, made for an answer of status.
func fromHuma(status int, d *huma.ErrorDetail) *FieldError {
	r := humaReason(d.Message)
	if r.Code == apperr.CodeInvalid && status == 400 && d.Location == "body" {
		r = apperr.Format("json") // the body is not JSON (the decoder's message)
	}
	return &FieldError{Location: d.Location, Message: d.Message, Code: r.Code, Params: r.Params, Value: d.Value}
}

// humaPattern turns one huma template into a matcher and a reason builder
// taking the template's arguments in order.
type humaPattern struct {
	re    *regexp.Regexp
	build func(args []string) apperr.Reason
}

var (
	humaFixed    map[string]apperr.Reason // templates without arguments
	humaPatterns []humaPattern            // in order: the first match wins
)

func reason(code string, params apperr.P) func([]string) apperr.Reason {
	return func([]string) apperr.Reason { return apperr.Because(code, params) }
}

func init() {
	format := func(f string) apperr.Reason { return apperr.Format(f) }
	typ := func(t string) apperr.Reason { return apperr.Because(apperr.CodeType, apperr.P{"expected": t}) }
	humaFixed = map[string]apperr.Reason{
		validation.MsgUnexpectedProperty:                 {Code: apperr.CodeUnknownField},
		validation.MsgExpectedRFC3339DateTime:            format("date-time"),
		validation.MsgExpectedRFC1123DateTime:            format("date-time"),
		validation.MsgExpectedRFC3339Date:                format("date"),
		validation.MsgExpectedRFC3339Time:                format("time"),
		validation.MsgExpectedRFC5890Hostname:            format("hostname"),
		validation.MsgExpectedRFC2673IPv4:                format("ipv4"),
		validation.MsgExpectedRFC2373IPv6:                format("ipv6"),
		validation.MsgExpectedRFCIPAddr:                  format("ip"),
		validation.MsgExpectedRFC6570URITemplate:         format("uri-template"),
		validation.MsgExpectedRFC6901JSONPointer:         format("json-pointer"),
		validation.MsgExpectedRFC6901RelativeJSONPointer: format("relative-json-pointer"),
		validation.MsgExpectedBase64String:               format("base64"),
		validation.MsgExpectedBoolean:                    typ("boolean"),
		validation.MsgExpectedNumber:                     typ("number"),
		validation.MsgExpectedInteger:                    typ("integer"),
		validation.MsgExpectedString:                     typ("string"),
		validation.MsgExpectedArray:                      typ("array"),
		validation.MsgExpectedObject:                     typ("object"),
		validation.MsgExpectedArrayItemsUnique:           {Code: apperr.CodeNotUnique},
		// parameters (huma.go)
		"unknown query parameter":                                  {Code: apperr.CodeUnknownField},
		"expected at most one value, but received multiple values": apperr.TooManyItems(1),
		"invalid integer":                                          typ("integer"),
		"invalid float":                                            typ("number"),
		"invalid floating value":                                   typ("number"),
		"invalid boolean":                                          typ("boolean"),
		"invalid url.URL value":                                    format("uri"),
		// multipart forms (formdata.go)
		"File required":                                     apperr.Required(),
		"At least one file is required":                     apperr.Required(),
		"Multiple files received but only one was expected": apperr.TooManyItems(1),
	}
	num := func(s string) any {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		return s
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	add := func(template string, build func([]string) apperr.Reason) {
		humaPatterns = append(humaPatterns, humaPattern{templateRE(template), build})
	}
	add(validation.MsgExpectedRequiredProperty, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodeRequired, apperr.P{"property": a[0]})
	})
	add(validation.MsgExpectedDependentRequiredProperty, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodeRequired, apperr.P{"property": a[0], "when": a[1]})
	})
	add(validation.MsgExpectedMinLength, func(a []string) apperr.Reason { return apperr.TooShort(atoi(a[0])) })
	add(validation.MsgExpectedMaxLength, func(a []string) apperr.Reason { return apperr.TooLong(atoi(a[0])) })
	add(validation.MsgExpectedMinItems, func(a []string) apperr.Reason { return apperr.TooFewItems(atoi(a[0])) })
	add(validation.MsgExpectedMaxItems, func(a []string) apperr.Reason { return apperr.TooManyItems(atoi(a[0])) })
	add(validation.MsgExpectedMinProperties, func(a []string) apperr.Reason { return apperr.TooFewItems(atoi(a[0])) })
	add(validation.MsgExpectedMaxProperties, func(a []string) apperr.Reason { return apperr.TooManyItems(atoi(a[0])) })
	add(validation.MsgExpectedMinimumNumber, func(a []string) apperr.Reason { return apperr.AtLeast(num(a[0])) })
	add(validation.MsgExpectedMaximumNumber, func(a []string) apperr.Reason { return apperr.AtMost(num(a[0])) })
	add(validation.MsgExpectedExclusiveMinimumNumber, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodeOutOfRange, apperr.P{"gt": num(a[0])})
	})
	add(validation.MsgExpectedExclusiveMaximumNumber, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodeOutOfRange, apperr.P{"lt": num(a[0])})
	})
	add(validation.MsgExpectedNumberBeMultipleOf, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodeMultipleOf, apperr.P{"n": num(a[0])})
	})
	add(validation.MsgExpectedOneOf, func(a []string) apperr.Reason { return apperr.OneOf(strings.Split(a[0], ", ")...) })
	add(validation.MsgExpectedConst, func(a []string) apperr.Reason { return apperr.OneOf(a[0]) })
	add(validation.MsgExpectedRFC5322Email, func([]string) apperr.Reason { return format("email") })
	add(validation.MsgExpectedRFC3986URI, func([]string) apperr.Reason { return format("uri") })
	add(validation.MsgExpectedRFC4122UUID, func([]string) apperr.Reason { return format("uuid") })
	add(validation.MsgExpectedRegexp, func([]string) apperr.Reason { return format("regex") })
	add(validation.MsgExpectedDuration, func([]string) apperr.Reason { return format("duration") })
	add(validation.MsgExpectedMatchPattern, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodePattern, apperr.P{"pattern": a[0]})
	})
	// after the formats above, which share its beginning
	add(validation.MsgExpectedBePattern, func(a []string) apperr.Reason {
		return apperr.Because(apperr.CodePattern, apperr.P{"description": a[0]})
	})
	add("required %s parameter is missing", func([]string) apperr.Reason { return apperr.Required() })
	add("invalid JSON: %s", reason(apperr.CodeInvalidFormat, apperr.P{"format": "json"}))
	add("invalid date/time for format %s", reason(apperr.CodeInvalidFormat, apperr.P{"format": "date-time"}))
	add("Invalid mime type: got %v, expected %v", func(a []string) apperr.Reason {
		return apperr.Because("file_type", apperr.P{"actual": a[0], "allowed": a[1]})
	})
	add("cannot read multipart form: %s", reason(apperr.CodeInvalidFormat, apperr.P{"format": "multipart"}))
}

var humaVerb = regexp.MustCompile(`%[-+# 0-9.]*[vdsqfg]`)

// templateRE matches a sentence made from a printf template: the text
// literally, each verb as a group.
func templateRE(template string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, loc := range humaVerb.FindAllStringIndex(template, -1) {
		b.WriteString(regexp.QuoteMeta(template[last:loc[0]]))
		b.WriteString("(.*)")
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(template[last:]))
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// humaReason is the reason of one of huma's sentences.
func humaReason(msg string) apperr.Reason {
	if r, ok := humaFixed[msg]; ok {
		return r
	}
	for _, p := range humaPatterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			return p.build(m[1:])
		}
	}
	return apperr.Reason{Code: apperr.CodeInvalid}
}
