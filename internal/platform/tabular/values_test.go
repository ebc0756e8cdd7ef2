package tabular

import (
	"errors"
	"testing"
	"time"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		`="4965000000000000628"`: "4965000000000000628",
		` ="123" `:               "123",
		`=""`:                    "",
		"'13800138000":           "13800138000",
		"\t3692000000":           "3692000000",
		"\u00a0 abc \u3000":      "abc",
		"-":                      "",
		"--":                     "",
		"—":                      "",
		" - ":                    "",
		"-5":                     "-5",
		"a-b":                    "a-b",
		`="-"`:                   "",
		"=SUM(A1)":               "=SUM(A1)",
		"买家已付款，等待卖家发货":           "买家已付款，等待卖家发货", // Clean keeps width; FoldWidth compares
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldWidthAndHeaders(t *testing.T) {
	if FoldWidth("买家已付款，等待卖家发货") != FoldWidth("买家已付款,等待卖家发货") {
		t.Error("， and , differ after FoldWidth")
	}
	for in, want := range map[string]string{
		"（元）":      "(元)",
		"１２ＡＢｃ":    "12ABc",
		"￥１２":      "¥12",
		"颜色分类：白色；": "颜色分类:白色;",
	} {
		if got := FoldWidth(in); got != want {
			t.Errorf("FoldWidth(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"订单付款时间 ":            "订单付款时间",
		"\ufeff订单编号":         "订单编号",
		"商品总价（元）":            "商品总价(元)",
		"\u00a0用户实付金额(元)\t":  "用户实付金额(元)",
		"商家编码 -  SKU维度":      "商家编码 - SKU维度",
		"商家备注等级（等级1-5为由高到低）": "商家备注等级(等级1-5为由高到低)",
	} {
		if got := NormalizeHeader(in); got != want {
			t.Errorf("NormalizeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"1234.5", 123450, ""},
		{"¥1,234.50", 123450, ""},
		{"￥1,234.50", 123450, ""},
		{"-¥3", -300, ""},
		{"¥-3.01", -301, ""},
		{"+0.5", 50, ""},
		{"12.50元", 1250, ""},
		{"１２.３", 1230, ""},
		{`="99.00"`, 9900, ""},
		{"12.3400", 1234, ""},
		{"1,234,567.89", 123456789, ""},
		{"92233720368547758.07", 9223372036854775807, ""},
		{"12.345", 0, `amount "12.345" has more than 2 decimals`},
		{"1,23.00", 0, `amount "1,23.00" has misplaced thousands separators`},
		{"1,2345", 0, `amount "1,2345" has misplaced thousands separators`},
		{"abc", 0, `amount "abc" is not a number`},
		{"1.2E+3", 0, `amount "1.2E+3" is not a number`},
		{"--5", 0, `amount "--5" is not a number`},
		{"¥", 0, `amount "¥" is not a number`},
		{"92233720368547758.08", 0, `amount "92233720368547758.08" is too large`},
		{"", 0, "amount is empty"},
		{"-", 0, "amount is empty"},
	} {
		got, err := ParseFen(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("ParseFen(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || err.Error() != tc.err) {
			t.Errorf("ParseFen(%q) error = %v; want %q", tc.in, err, tc.err)
		}
	}
	if _, err := ParseFen("-"); !errors.Is(err, ErrEmptyValue) {
		t.Errorf("empty amount is not ErrEmptyValue: %v", err)
	}
	if _, err := ParseFen("x"); !errors.Is(err, ErrBadValue) {
		t.Errorf("bad amount is not ErrBadValue: %v", err)
	}
}

func TestParseInt(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"11,269", 11269, ""}, {"-3", -3, ""}, {"42.00", 42, ""}, {"'0", 0, ""}, {"１２３", 123, ""},
		{"12.5", 0, `integer "12.5" has a fractional part`},
		{"¥5", 0, `integer "¥5" is not a number`},
		{"--", 0, "integer is empty"},
		{"99999999999999999999", 0, `integer "99999999999999999999" is too large`},
	} {
		got, err := ParseInt(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("ParseInt(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || err.Error() != tc.err) {
			t.Errorf("ParseInt(%q) error = %v; want %q", tc.in, err, tc.err)
		}
	}
}

func TestParseRate(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Rate
		bp      int64
		exact   bool
		wantErr string
	}{
		{"78.15%", Rate{7815, 10000}, 7815, true, ""},
		{"0.7815", Rate{7815, 10000}, 7815, true, ""},
		{"100%", Rate{1, 1}, 10000, true, ""},
		{"-3.5 %", Rate{-35, 1000}, -350, true, ""},
		{"12.345%", Rate{12345, 100000}, 1235, false, ""},
		{"-12.345%", Rate{-12345, 100000}, -1235, false, ""},
		{"1,234.5%", Rate{12345, 1000}, 123450, true, ""},
		{"７８.１５％", Rate{7815, 10000}, 7815, true, ""},
		{"-", Rate{}, 0, false, "rate is empty"},
		{"7x%", Rate{}, 0, false, `rate "7x%" is not a number`},
		{"0.12345678901234%", Rate{}, 0, false, `rate "0.12345678901234%" has too many decimals`},
	} {
		got, err := ParseRate(tc.in)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("ParseRate(%q) error = %v; want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		bp, exact := got.BasisPoints()
		if err != nil || got != tc.want || bp != tc.bp || exact != tc.exact {
			t.Errorf("ParseRate(%q) = %+v (%d bp, exact %v), %v; want %+v (%d, %v)", tc.in, got, bp, exact, err, tc.want, tc.bp, tc.exact)
		}
	}
	if f := (Rate{7815, 10000}).Float64(); f != 0.7815 {
		t.Errorf("Float64 = %v", f)
	}
}

func TestParseTime(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{"2026-11-11 00:00:05", utc("2026-11-10T16:00:05Z"), ""},
		{"2026/11/11 0:00", utc("2026-11-10T16:00:00Z"), ""},
		{"2026-11-11", utc("2026-11-10T16:00:00Z"), ""},
		{"2026.1.5", utc("2026-01-04T16:00:00Z"), ""},
		{"2026-11-11T08:30:00", utc("2026-11-11T00:30:00Z"), ""},
		{"2026-11-11 00:00:05.250", utc("2026-11-10T16:00:05.25Z"), ""},
		{"2026-11-11T00:00:05Z", utc("2026-11-11T00:00:05Z"), ""},
		{"2026-11-11 00:00:05 +09:00", utc("2026-11-10T15:00:05Z"), ""},
		{"2026年11月11日 10:00", utc("2026-11-11T02:00:00Z"), ""},
		{"20261111", utc("2026-11-10T16:00:00Z"), ""},
		{"20261111093005", utc("2026-11-11T01:30:05Z"), ""},
		{"46337.00005787037", utc("2026-11-10T16:00:05Z"), ""},
		{"46337", utc("2026-11-10T16:00:00Z"), ""},
		{"\t2026-11-11 00:00:05", utc("2026-11-10T16:00:05Z"), ""},
		{"２０２６－１１－１１", utc("2026-11-10T16:00:00Z"), ""},
		{"2026-02-30", time.Time{}, `time "2026-02-30" is not a valid date`},
		{"2026-13-01", time.Time{}, `time "2026-13-01" is not a valid date`},
		{"2026-11-11 24:10", time.Time{}, `time "2026-11-11 24:10" is not a valid time of day`},
		{"11/11/26 0:00", time.Time{}, `time "11/11/26 0:00" is not a date/time (expected e.g. 2026-11-11 00:00:05)`},
		{"2026-11-11 00:00:05 +99:00", time.Time{}, `time "2026-11-11 00:00:05 +99:00" is not a date/time (expected e.g. 2026-11-11 00:00:05)`},
		{"123.5", time.Time{}, `time "123.5" is an Excel serial date out of range`},
		{"", time.Time{}, "time is empty"},
	} {
		got, err := ParseTime(tc.in, shanghai)
		if tc.err == "" && (err != nil || !got.Equal(tc.want) || got.Location() != time.UTC) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || err.Error() != tc.err) {
			t.Errorf("ParseTime(%q) error = %v; want %q", tc.in, err, tc.err)
		}
	}
	if got, err := ParseTime("2026-11-11 00:00:05", nil); err != nil || !got.Equal(time.Date(2026, 11, 11, 0, 0, 5, 0, time.UTC)) {
		t.Errorf("nil location: %v %v", got, err)
	}
}

func TestColumnLetters(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", 16384: "XFD"} {
		if got := ColumnLetters(n); got != want {
			t.Errorf("ColumnLetters(%d) = %q, want %q", n, got, want)
		}
	}
}
