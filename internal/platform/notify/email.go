package notify

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// smtpTimeout bounds one SMTP conversation.
const smtpTimeout = 30 * time.Second

// messageID is stable per outbox row: a mail sent again after a crash in
// the delivery window carries the same Message-ID, which lets mail systems
// and clients recognise the duplicate.
func messageID(r OutboxRow, from string) string {
	domain := "ecomops.local"
	if a, err := mail.ParseAddress(from); err == nil {
		if at := strings.LastIndexByte(a.Address, '@'); at >= 0 {
			domain = a.Address[at+1:]
		}
	}
	h := sha256.Sum256([]byte(r.DedupeKey + "\x00" + r.Destination))
	return fmt.Sprintf("notify.%d.%s@%s", r.ID, hex.EncodeToString(h[:8]), domain)
}

// sendMail delivers r to address to through SMTP server c and returns the
// server's reply to the message. The connection goes through the SSRF
// guard like webhooks do.
func (s *Service) sendMail(ctx context.Context, c ChannelConfig, to string, r OutboxRow) (string, error) {
	m := gomail.NewMsg()
	if err := m.From(c.SMTPFrom); err != nil {
		return "", permanent(fmt.Errorf("sender address: %w", err))
	}
	if err := m.To(to); err != nil {
		return "", permanent(fmt.Errorf("recipient address: %w", err))
	}
	m.Subject(r.Title)
	body := r.Body
	if link := s.absLink(r.Link); link != "" {
		body += "\n\n" + link
	}
	m.SetBodyString(gomail.TypeTextPlain, body)
	m.SetMessageIDWithValue(messageID(r, c.SMTPFrom))
	m.SetDate()
	m.SetBulk()

	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.SMTPTLS != nil {
		tc = s.SMTPTLS.Clone()
	}
	tc.ServerName = c.SMTPHost
	opts := []gomail.Option{gomail.WithPort(c.SMTPPort), gomail.WithTimeout(smtpTimeout),
		gomail.WithDialContextFunc(s.guard.DialContext), gomail.WithTLSConfig(tc)}
	switch c.SMTPTLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if c.SMTPUsername != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(c.SMTPUsername), gomail.WithPassword(c.SMTPPassword))
	}
	cl, err := gomail.NewClient(c.SMTPHost, opts...)
	if err != nil {
		return "", permanent(fmt.Errorf("smtp settings: %w", err))
	}
	ctx, cancel := context.WithTimeout(ctx, smtpTimeout)
	defer cancel()
	conn, err := cl.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if errors.Is(err, ErrBlockedAddress) {
			return "", permanent(err)
		}
		return "", fmt.Errorf("smtp connect: %w", err)
	}
	sendErr := cl.SendWithSMTPClient(conn, m)
	// Once the server accepted the DATA, a failing QUIT must not turn the
	// delivery into a failure: that would send the mail again.
	if err := cl.CloseWithSMTPClient(conn); err != nil && sendErr == nil {
		slog.WarnContext(ctx, "notify: smtp close after an accepted message failed", "err", err)
	}
	if sendErr != nil {
		if m.HasSendError() && !m.SendErrorIsTemp() {
			return "", permanent(fmt.Errorf("smtp: %w", sendErr))
		}
		return "", fmt.Errorf("smtp: %w", sendErr)
	}
	reply := m.ServerResponse()
	if reply == "" {
		reply = "accepted"
	}
	return clip("smtp: "+reply, 500), nil
}
