package notify

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"ecomops/internal/platform/db/dbtest"
)

// TestSignedWebhooksVerifiedByReceivers: each bot receives the test message
// and its receiver accepts the signature; a wrong secret is refused by the
// receiver and the refusal comes back as the test action's error.
func TestSignedWebhooksVerifiedByReceivers(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	ctx := context.Background()
	for _, tc := range []struct {
		typ    Channel
		secret string
	}{{DingTalk, "SEC0123456789abcdef+/="}, {Feishu, "feishu-secret-Zq8"}, {WeCom, ""}, {DingTalk, ""}} {
		t.Run(string(tc.typ)+map[bool]string{true: "_signed", false: "_unsigned"}[tc.secret != ""], func(t *testing.T) {
			rc := newReceiver(t, tc.typ, tc.secret)
			id := f.channel(ChannelInput{Type: tc.typ, Name: "bot " + t.Name(), WebhookURL: ptr(rc.url()), Secret: ptr(tc.secret)})
			res, err := f.s.TestChannel(ctx, id, "")
			if err != nil {
				t.Fatalf("test message: %v (receiver refusals %v)", err, rc.refusals)
			}
			if _, acc := rc.counts(); acc != 1 || !strings.Contains(rc.accepted[0], "EcomOps") {
				t.Fatalf("receiver accepted %v, refused %v", rc.accepted, rc.refusals)
			}
			if !strings.Contains(res.Reply, "code 0") {
				t.Fatalf("reply %q", res.Reply)
			}
			if tc.secret == "" || tc.typ == WeCom {
				return
			}
			// the receiver holds the real secret; the channel now signs with another
			if _, err := f.s.UpdateChannel(ctx, id, ChannelInput{Name: "bot " + t.Name(), Secret: ptr("wrong"), Version: 1}); err != nil {
				t.Fatal(err)
			}
			_, err = f.s.TestChannel(ctx, id, "")
			if err == nil || !strings.Contains(err.Error(), "sign") {
				t.Fatalf("a wrong signature was not refused: %v", err)
			}
			if strings.Contains(err.Error(), botToken) {
				t.Fatalf("error shows the webhook token: %v", err)
			}
		})
	}
}

// TestReceiversRefuseStaleTimestamps: a correctly signed request more than an
// hour old is refused (the receivers' freshness check, which the signing
// code must satisfy with the current time).
func TestReceiversRefuseStaleTimestamps(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	ctx := context.Background()
	for _, typ := range []Channel{DingTalk, Feishu} {
		rc := newReceiver(t, typ, "s3cret")
		c := ChannelConfig{ID: 1, Type: typ, Name: "x", Enabled: true, WebhookURL: rc.url(), Secret: "s3cret"}
		row := OutboxRow{Channel: typ, Title: "old"}
		for _, age := range []time.Duration{0, 2 * time.Hour} {
			req, err := f.s.webhookRequest(ctx, c, row, time.Now().Add(-age))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := f.s.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			_, perr := parseBotReply(typ, raw)
			if (age == 0) != (perr == nil) {
				t.Errorf("%s signed %s ago: reply %s", typ, age, raw)
			}
		}
	}
}

// TestSignatures pins both algorithms to values computed independently (Python hmac) from the
// providers' descriptions, so a change to either breaks here too.
func TestSignatures(t *testing.T) {
	// DingTalk: base64(HMAC-SHA256(key "secret", "1700000000000\nsecret"))
	if got := SignDingTalk("secret", 1700000000000); got != "OuzzJR5+xZ4/EYwqtNt6sMYZQMTa/HEGvc9miJe7XzY=" {
		t.Errorf("dingtalk sign %q", got)
	}
	// Feishu: base64(HMAC-SHA256(key "1700000000\nsecret", ""))
	if got := SignFeishu("secret", 1700000000); got != "fiWS2+gh28DOydAv7hzONH/mDn9+b1Y4Y5ivXWXy8vA=" {
		t.Errorf("feishu sign %q", got)
	}
}

// TestWebhookErrorsHideTheURL: a failing delivery's error names no token.
func TestWebhookErrorsHideTheURL(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	c := ChannelConfig{Type: WeCom, Enabled: true, WebhookURL: "http://127.0.0.1:1/cgi-bin/webhook/send?key=" + botToken}
	_, err := f.s.postWebhook(context.Background(), c, OutboxRow{Title: "x"})
	if err == nil || strings.Contains(err.Error(), botToken) || strings.Contains(err.Error(), "key=") {
		t.Fatalf("error %v", err)
	}
	var buf bytes.Buffer
	buf.WriteString(errText(err))
	if strings.Contains(buf.String(), botToken) {
		t.Fatal("stored error text shows the token")
	}
	if errors.Is(err, ErrBlockedAddress) {
		t.Fatal("127.0.0.1 is allow-listed in the fixture")
	}
}

// TestChannelViewMasksSecrets: the API view never carries a secret.
func TestChannelViewMasksSecrets(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	ctx := context.Background()
	id := f.channel(ChannelInput{Type: DingTalk, Name: "ops group", WebhookURL: ptr("https://oapi.dingtalk.com/robot/send?access_token=" + botToken), Secret: ptr("SECabc")})
	mail := f.channel(ChannelInput{Type: Email, Name: "mail", SMTPHost: "smtp.example.com", SMTPUsername: "u", SMTPPassword: ptr("hunter2"), SMTPFrom: "EcomOps <noreply@example.com>"})
	views, err := f.s.ListChannels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		s := strings.Join([]string{v.WebhookURL, v.SMTPUsername, v.SMTPHost, v.Name}, " ")
		if strings.Contains(s, botToken) || strings.Contains(s, "SECabc") || strings.Contains(s, "hunter2") {
			t.Fatalf("view shows a secret: %+v", v)
		}
	}
	v, _ := f.s.Channel(ctx, id)
	if v.WebhookURL != "https://oapi.dingtalk.com/…b6a0" || !v.SecretSet {
		t.Fatalf("masked view %+v", v)
	}
	m, _ := f.s.Channel(ctx, mail)
	if !m.PasswordSet || m.SMTPPort != 587 || m.SMTPTLS != TLSStartTLS {
		t.Fatalf("email view %+v", m)
	}
	// an update without the secret fields keeps them
	if _, err := f.s.UpdateChannel(ctx, id, ChannelInput{Name: "ops group 2", Version: 1}); err != nil {
		t.Fatal(err)
	}
	c, _ := f.s.channel(ctx, f.d.R, id)
	if c.Secret != "SECabc" || !strings.HasSuffix(c.WebhookURL, botToken) || c.Name != "ops group 2" {
		t.Fatalf("update lost a secret: %+v", c.View())
	}
	// credentials over plain SMTP are refused; http webhooks only for allowed hosts
	if _, err := f.s.CreateChannel(ctx, ChannelInput{Type: Email, Name: "plain", SMTPHost: "mail.example.com", SMTPTLS: TLSNone,
		SMTPUsername: "u", SMTPPassword: ptr("p"), SMTPFrom: "a@example.com"}); err == nil {
		t.Fatal("credentials over plain SMTP accepted")
	}
	if _, err := f.s.CreateChannel(ctx, ChannelInput{Type: WeCom, Name: "plain http", WebhookURL: ptr("http://example.com/hook")}); err == nil {
		t.Fatal("plain http webhook to a host not allow-listed accepted")
	}
}
