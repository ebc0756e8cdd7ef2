package notify

import (
	"context"
	"crypto/tls"
	"io"
	"mime"
	"net/mail"
	"slices"
	"strings"
	"testing"

	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

// TestEmailThroughOutbox: an email to an address and to a user (address
// from the Directory) goes through the outbox and River to a real SMTP
// server; the stored reply is the server's; headers are right.
func TestEmailThroughOutbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		smtp := newSMTPServer(t)
		f.channel(ChannelInput{Type: Email, Name: "mail", SMTPHost: "127.0.0.1", SMTPPort: smtp.port, SMTPTLS: TLSNone,
			SMTPFrom: "EcomOps <noreply@example.com>"})
		bob := f.user("bob")
		f.s.Directory = func(_ context.Context, id int64) (string, error) {
			if id == bob {
				return "bob@example.com", nil
			}
			return "", nil
		}
		f.s.PublicURL = "https://ecomops.example.com"
		sent := f.send(f.s, Message{Channel: Email, To: Recipients{UserIDs: []int64{bob}, Addresses: []string{"Ann <Ann@Example.com>"}},
			Kind: "training.report_due", Title: "外训报告待提交 Report due", Body: "请在 11 月 20 日前提交。", Link: "/training/external/7",
			DedupeKey: "report_due:7"})
		if sent.InApp != 1 || sent.Outbox != 2 {
			t.Fatalf("sent %+v", sent)
		}
		f.work(f.s, f.runner)
		waitFor(t, "two mails", func() bool { return smtp.count() == 2 })
		waitFor(t, "rows sent", func() bool {
			rs := f.rows()
			return rs[0].Status == StatusSent && rs[1].Status == StatusSent
		})
		var rcpts []string
		for i, m := range smtp.mails() {
			rcpts = append(rcpts, m.To...)
			msg, err := mail.ReadMessage(strings.NewReader(m.Data))
			if err != nil {
				t.Fatal(err)
			}
			subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if subj != "外训报告待提交 Report due" || m.From != "noreply@example.com" {
				t.Errorf("mail %d: subject %q from %q", i, subj, m.From)
			}
			body, _ := io.ReadAll(msg.Body)
			if !strings.Contains(string(body), "https://ecomops.example.com/training/external/7") {
				t.Errorf("mail %d: body lacks the absolute link: %s", i, body)
			}
			if !strings.HasPrefix(msg.Header.Get("Message-Id"), "<notify.") {
				t.Errorf("mail %d: Message-ID %q", i, msg.Header.Get("Message-Id"))
			}
		}
		slices.Sort(rcpts)
		if !slices.Equal(rcpts, []string{"ann@example.com", "bob@example.com"}) {
			t.Fatalf("recipients %v", rcpts)
		}
		for _, r := range f.rows() {
			if !strings.Contains(r.Reply, "queued as Q") || r.Attempts != 1 || r.SentAt == nil {
				t.Errorf("row %+v", r)
			}
		}
	})
}

// TestEmailStartTLSWithAuth: STARTTLS is required and the password only
// travels inside it; the test action reports the server's reply.
func TestEmailStartTLSWithAuth(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	smtp := newSMTPServer(t)
	srvTLS, pool := testCert(t)
	smtp.tls, smtp.user, smtp.pass = srvTLS, "mailer", "p@ss word"
	f.s.SMTPTLS = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	id := f.channel(ChannelInput{Type: Email, Name: "tls mail", SMTPHost: "127.0.0.1", SMTPPort: smtp.port, SMTPTLS: TLSStartTLS,
		SMTPUsername: "mailer", SMTPPassword: ptr("p@ss word"), SMTPFrom: "noreply@example.com"})
	res, err := f.s.TestChannel(context.Background(), id, "admin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	m := smtp.mails()
	if len(m) != 1 || !m[0].TLS || !m[0].Authed || m[0].To[0] != "admin@example.com" || !strings.Contains(res.Reply, "queued as Q0001") {
		t.Fatalf("mails %+v reply %q", m, res.Reply)
	}
	// a wrong password is the provider's refusal, shown to the administrator
	if _, err := f.s.UpdateChannel(context.Background(), id, ChannelInput{Name: "tls mail", SMTPHost: "127.0.0.1", SMTPPort: smtp.port,
		SMTPTLS: TLSStartTLS, SMTPUsername: "mailer", SMTPPassword: ptr("wrong"), SMTPFrom: "noreply@example.com", Version: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.TestChannel(context.Background(), id, "admin@example.com"); err == nil || smtp.count() != 1 {
		t.Fatalf("wrong password: %v, mails %d", err, smtp.count())
	}
}

// TestEmailToUserWithoutAddressFailsAtOnce: a permanent problem is not
// retried.
func TestEmailToUserWithoutAddressFailsAtOnce(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	smtp := newSMTPServer(t)
	f.channel(ChannelInput{Type: Email, Name: "mail", SMTPHost: "127.0.0.1", SMTPPort: smtp.port, SMTPTLS: TLSNone, SMTPFrom: "a@example.com"})
	u := f.user("nomail")
	f.s.Directory = func(context.Context, int64) (string, error) { return "", nil }
	f.send(f.s, Message{Channel: Email, To: Recipients{UserIDs: []int64{u}}, Title: "x", DedupeKey: "x"})
	f.work(f.s, f.runner)
	waitFor(t, "row failed", func() bool { return f.rows()[0].Status == StatusFailed })
	if r := f.rows()[0]; r.Attempts != 0 || !strings.Contains(r.LastError, "no email address") || smtp.count() != 0 {
		t.Fatalf("row %+v", r)
	}
}
