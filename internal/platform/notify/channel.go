package notify

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// SMTP TLS modes.
const (
	TLSNone     = "none"     // plain text; refused together with credentials
	TLSStartTLS = "starttls" // STARTTLS required (port 587 usually)
	TLSImplicit = "tls"      // TLS from the first byte (port 465 usually)
)

// ChannelConfig is a configured outbound channel. WebhookURL (it carries the
// bot's token), Secret and SMTPPassword are secrets: stored as given, never
// logged, never returned by the API (see ChannelView).
type ChannelConfig struct {
	bun.BaseModel `bun:"table:notify_channels,alias:c"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Type          Channel   `bun:"type"`
	Name          string    `bun:"name"`
	Enabled       bool      `bun:"enabled"`
	WebhookURL    string    `bun:"webhook_url"`
	Secret        string    `bun:"secret"`
	SMTPHost      string    `bun:"smtp_host"`
	SMTPPort      int       `bun:"smtp_port"`
	SMTPUsername  string    `bun:"smtp_username"`
	SMTPPassword  string    `bun:"smtp_password"`
	SMTPFrom      string    `bun:"smtp_from"`
	SMTPTLS       string    `bun:"smtp_tls"`
	Remark        string    `bun:"remark"`
	Version       int       `bun:"version"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

// ChannelView is what the API shows of a channel: secrets masked.
type ChannelView struct {
	ID           int64     `json:"id"`
	Type         Channel   `json:"type"`
	Name         string    `json:"name"`
	Enabled      bool      `json:"enabled"`
	WebhookURL   string    `json:"webhook_url" doc:"masked: scheme, host and the last 4 characters"`
	SecretSet    bool      `json:"secret_set"`
	SMTPHost     string    `json:"smtp_host"`
	SMTPPort     int       `json:"smtp_port"`
	SMTPUsername string    `json:"smtp_username"`
	PasswordSet  bool      `json:"smtp_password_set"`
	SMTPFrom     string    `json:"smtp_from"`
	SMTPTLS      string    `json:"smtp_tls"`
	Remark       string    `json:"remark"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// View masks c's secrets.
func (c ChannelConfig) View() ChannelView {
	return ChannelView{ID: c.ID, Type: c.Type, Name: c.Name, Enabled: c.Enabled, WebhookURL: MaskURL(c.WebhookURL),
		SecretSet: c.Secret != "", SMTPHost: c.SMTPHost, SMTPPort: c.SMTPPort, SMTPUsername: c.SMTPUsername,
		PasswordSet: c.SMTPPassword != "", SMTPFrom: c.SMTPFrom, SMTPTLS: c.SMTPTLS, Remark: c.Remark, Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

// MaskURL shows a webhook URL as "https://host/…abcd": enough to recognise
// which bot it is, not enough to use it (the token sits in the path or the
// query).
func MaskURL(raw string) string {
	if raw == "" {
		return ""
	}
	tail := raw[max(len(raw)-4, 0):]
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "…" + tail
	}
	return u.Scheme + "://" + u.Host + "/…" + tail
}

// ChannelInput creates or changes a channel. For the secret fields
// (webhook_url, secret, smtp_password) an absent value keeps the stored one
// and "" clears it, so the UI never needs to read a secret back.
type ChannelInput struct {
	Type         Channel `json:"type,omitempty" enum:"email,dingtalk,wecom,feishu" doc:"required on create; cannot change"`
	Name         string  `json:"name" minLength:"1" maxLength:"64"`
	Enabled      *bool   `json:"enabled,omitempty" doc:"default true"`
	WebhookURL   *string `json:"webhook_url,omitempty" maxLength:"1000" doc:"group bots: the webhook address the bot settings show"`
	Secret       *string `json:"secret,omitempty" maxLength:"200" doc:"DingTalk/Feishu signing secret (加签密钥); empty when the bot does not sign"`
	SMTPHost     string  `json:"smtp_host,omitempty" maxLength:"255"`
	SMTPPort     int     `json:"smtp_port,omitempty" minimum:"0" maximum:"65535" doc:"default 465 for tls, 587 for starttls, 25 for none"`
	SMTPUsername string  `json:"smtp_username,omitempty" maxLength:"255"`
	SMTPPassword *string `json:"smtp_password,omitempty" maxLength:"255"`
	SMTPFrom     string  `json:"smtp_from,omitempty" maxLength:"255" doc:"sender, e.g. \"EcomOps <noreply@example.com>\""`
	SMTPTLS      string  `json:"smtp_tls,omitempty" enum:"none,starttls,tls," doc:"default starttls"`
	Remark       string  `json:"remark,omitempty" maxLength:"500"`
	Version      int     `json:"version,omitempty" doc:"required on update"`
}

// apply copies in onto c (keeping secrets the input leaves out).
func (in ChannelInput) apply(c *ChannelConfig) {
	c.Name = strings.TrimSpace(in.Name)
	if in.Enabled != nil {
		c.Enabled = *in.Enabled
	}
	if in.WebhookURL != nil {
		c.WebhookURL = strings.TrimSpace(*in.WebhookURL)
	}
	if in.Secret != nil {
		c.Secret = strings.TrimSpace(*in.Secret)
	}
	if in.SMTPPassword != nil {
		c.SMTPPassword = *in.SMTPPassword
	}
	c.SMTPHost, c.SMTPPort, c.SMTPUsername = strings.TrimSpace(in.SMTPHost), in.SMTPPort, strings.TrimSpace(in.SMTPUsername)
	c.SMTPFrom, c.SMTPTLS, c.Remark = strings.TrimSpace(in.SMTPFrom), in.SMTPTLS, in.Remark
}

// validate checks c and fills defaults. Plain-http webhooks are accepted only
// for allow-listed hosts (internal relays, the tests' receivers).
func (s *Service) validate(ctx context.Context, c *ChannelConfig) error {
	var v apperr.Validation
	if c.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	switch {
	case c.Type == Email:
		c.WebhookURL, c.Secret = "", ""
		if c.SMTPTLS == "" {
			c.SMTPTLS = TLSStartTLS
		}
		if c.SMTPPort == 0 {
			c.SMTPPort = map[string]int{TLSNone: 25, TLSStartTLS: 587, TLSImplicit: 465}[c.SMTPTLS]
		}
		if c.SMTPHost == "" || strings.ContainsAny(c.SMTPHost, "/:@ ") {
			v.Reject("body.smtp_host", apperr.Required(), "a host name or IP address is required")
		}
		if a, err := mail.ParseAddress(c.SMTPFrom); err != nil {
			v.Reject("body.smtp_from", apperr.Required(), "a sender address is required")
		} else if strings.ContainsAny(a.Address, "\r\n") {
			v.Reject("body.smtp_from", apperr.Format("email"), "not an email address")
		}
		if c.SMTPTLS == TLSNone && (c.SMTPUsername != "" || c.SMTPPassword != "") {
			v.Reject("body.smtp_tls", apperr.Because("insecure_credentials", nil), "credentials would travel unencrypted: use starttls or tls")
		}
	case c.Type.IsWebhook():
		c.SMTPHost, c.SMTPPort, c.SMTPUsername, c.SMTPPassword, c.SMTPFrom, c.SMTPTLS = "", 0, "", "", "", ""
		if c.Type == WeCom {
			c.Secret = ""
		}
		u, err := url.Parse(c.WebhookURL)
		switch {
		case c.WebhookURL == "" || err != nil || u.Host == "" || u.User != nil:
			v.Reject("body.webhook_url", apperr.Format("https-url"), "an absolute https:// address is required")
		case u.Scheme == "https":
		case u.Scheme == "http" && s.hostAllowed(ctx, strings.ToLower(u.Hostname())):
		default:
			v.Reject("body.webhook_url", apperr.Format("https-url"), "use https:// (plain http only for allow-listed hosts)")
		}
	default:
		v.Reject("body.type", apperr.OneOf(string(Email), string(DingTalk), string(WeCom), string(Feishu)), "type must be email, dingtalk, wecom or feishu")
	}
	return v.Err()
}

// ListChannels returns every channel, secrets masked.
func (s *Service) ListChannels(ctx context.Context) ([]ChannelView, error) {
	var cs []ChannelConfig
	if err := s.db.R.NewSelect().Model(&cs).OrderExpr("type, id").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list channels")
	}
	out := make([]ChannelView, len(cs))
	for i, c := range cs {
		out[i] = c.View()
	}
	return out, nil
}

// channel loads one channel with its secrets (never hand it to the API).
func (s *Service) channel(ctx context.Context, idb bun.IDB, id int64) (ChannelConfig, error) {
	var c ChannelConfig
	err := idb.NewSelect().Model(&c).Where("id = ?", id).Scan(ctx)
	return c, db.NotFound(err, "channel", id)
}

// Channel returns one channel, secrets masked. Errors: not_found.
func (s *Service) Channel(ctx context.Context, id int64) (ChannelView, error) {
	c, err := s.channel(ctx, s.db.R, id)
	return c.View(), err
}

// CreateChannel adds a channel. Errors: invalid (including a taken name).
func (s *Service) CreateChannel(ctx context.Context, in ChannelInput) (ChannelView, error) {
	c := ChannelConfig{Type: in.Type, Enabled: true}
	in.apply(&c)
	if err := s.validate(ctx, &c); err != nil {
		return ChannelView{}, err
	}
	c.Version, c.CreatedAt, c.UpdatedAt = 1, s.now(), s.now()
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&c).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.name", apperr.Taken(c.Name), "a channel named %q exists", c.Name)
			}
			return apperr.Wrap(err, "create channel")
		}
		trail.Change(ctx, "notify_channel", c.ID, nil, c.View())
		return nil
	})
	return c.View(), err
}

// UpdateChannel changes channel id; in must carry the version read.
// Errors: not_found, invalid, conflict.
func (s *Service) UpdateChannel(ctx context.Context, id int64, in ChannelInput) (ChannelView, error) {
	var out ChannelConfig
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.channel(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.Type != "" && in.Type != cur.Type {
			return apperr.Reject("body.type", apperr.Because("immutable", nil), "the type of a channel cannot change; create a new one")
		}
		next := cur
		in.apply(&next)
		if err := s.validate(ctx, &next); err != nil {
			return err
		}
		next.UpdatedAt = s.now()
		err = db.UpdateVersioned(ctx, tx, &next, "channel", id, in.Version, "name", "enabled", "webhook_url", "secret",
			"smtp_host", "smtp_port", "smtp_username", "smtp_password", "smtp_from", "smtp_tls", "remark", "updated_at")
		if db.IsUniqueViolation(err) {
			return apperr.Reject("body.name", apperr.Taken(next.Name), "a channel named %q exists", next.Name)
		}
		if err != nil {
			return err
		}
		next.Version = in.Version + 1
		trail.Change(ctx, "notify_channel", id, cur.View(), next.View())
		out = next
		return nil
	})
	return out.View(), err
}

// DeleteChannel removes a channel. Outbox rows still waiting for it fail
// with "channel not found" when their turn comes. Errors: not_found.
func (s *Service) DeleteChannel(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.channel(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*ChannelConfig)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete channel")
		}
		trail.Change(ctx, "notify_channel", id, cur.View(), nil)
		return nil
	})
}

// TestResult is the answer of a test send.
type TestResult struct {
	Reply string `json:"reply" doc:"what the provider answered"`
}

// TestChannel sends a short test message through channel id right away
// (not through the outbox), so the administrator sees the provider's answer
// or error at once. Email needs a recipient address. It counts against the
// bot's rate limit like any message. Errors: not_found, invalid (including
// the provider's refusal, shown as the message), too_many_requests.
func (s *Service) TestChannel(ctx context.Context, id int64, to string) (TestResult, error) {
	c, err := s.channel(ctx, s.db.R, id)
	if err != nil {
		return TestResult{}, err
	}
	msg := OutboxRow{ID: 0, Channel: c.Type, Kind: "notify.test", Title: "EcomOps 测试消息 / test message",
		Body: fmt.Sprintf("通道「%s」配置正确。Channel %q works.", c.Name, c.Name), DedupeKey: "test"}
	if c.Type == Email {
		if _, err := mail.ParseAddress(to); err != nil {
			return TestResult{}, apperr.Reject("body.to", apperr.Required(), "an email address to send the test to is required")
		}
		msg.Address = normAddress(to)
	}
	if wait := s.limits.reserve(c.ID, c.Type, s.now()); wait > 0 {
		return TestResult{}, apperr.Refuse(apperr.TooMany, apperr.Because("channel_rate_limited", apperr.P{"seconds": int(wait.Round(time.Second).Seconds())}),
			"the %s bot allows no more messages right now; try again in %s", c.Type, wait.Round(time.Second))
	}
	reply, err := s.transmit(ctx, c, msg)
	if err != nil {
		return TestResult{}, apperr.Refuse(apperr.Invalid, apperr.Because("channel_test_failed", apperr.P{"error": errText(err)}), "test message failed: %s", errText(err))
	}
	return TestResult{Reply: reply}, nil
}
