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
	}{
		{"short", false, "at least 8", ""},
		{"12345678", false, "commonly used", ""},
		{"Password", false, "commonly used", ""}, // case-insensitive list
		{"zhangsan1", false, "username", "zhangsan1"},
		{"correct horse battery", true, "", ""},
		{"只用中文也可以的密码", true, "", ""}, // no composition rules; 10 characters
		{strings.Repeat("x", 129), false, "at most", ""},
	} {
		err := CheckPassword("body.password", tc.user, tc.pw)
		if (err == nil) != tc.ok || (err != nil && !strings.Contains(err.(interface{ Error() string }).Error(), "validation")) {
			t.Errorf("%q: %v", tc.pw, err)
		}
		if err != nil && tc.why != "" {
			if ae := err.Error(); !strings.Contains(fieldMsg(err), tc.why) {
				t.Errorf("%q: %s lacks %q", tc.pw, ae, tc.why)
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
