package iam

import (
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		ok   bool
		why  string
		user string
		code string
	}{
		{"short", false, "at least 8", "", "too_short"},
		{"12345678", false, "commonly used", "", "password_common"},
		{"Password", false, "commonly used", "", "password_common"}, // case-insensitive list
		{"zhangsan1", false, "username", "zhangsan1", "password_is_username"},
		{"correct horse battery", true, "", "", ""},
		{"只用中文也可以的密码", true, "", "", ""}, // no composition rules; 10 characters
		{strings.Repeat("x", 129), false, "at most", "", "too_long"},
	} {
		err := CheckPassword("body.password", tc.user, tc.pw)
		if (err == nil) != tc.ok || (err != nil && !strings.Contains(err.(interface{ Error() string }).Error(), "validation")) {
			t.Errorf("%q: %v", tc.pw, err)
		}
		if err != nil && tc.why != "" {
			if ae := err.Error(); !strings.Contains(fieldMsg(err), tc.why) {
				t.Errorf("%q: %s lacks %q", tc.pw, ae, tc.why)
			}
			if got := fieldCode(err); got != tc.code {
				t.Errorf("%q: code %s, want %s", tc.pw, got, tc.code)
			}
		}
	}
}

func TestHashAndVerify(t *testing.T) {
	h, err := HashPassword("a fine passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") {
		t.Fatalf("hash %q", h)
	}
	if !VerifyPassword(h, "a fine passphrase") || VerifyPassword(h, "a fine passphrasE") || VerifyPassword("garbage", "x") {
		t.Fatal("verify")
	}
	h2, _ := HashPassword("a fine passphrase")
	if h == h2 {
		t.Fatal("same hash twice: salt not random")
	}
}

func TestValidUsernameCodes(t *testing.T) {
	for u, want := range map[string]string{"ab": "too_short", strings.Repeat("a", 33): "too_long", "张三丰": "username_chars", "a b": "username_chars", "zhang.san-1": ""} {
		if got := fieldCode(ValidUsername("body.username", u)); got != want {
			t.Errorf("%q: %q, want %q", u, got, want)
		}
	}
}
