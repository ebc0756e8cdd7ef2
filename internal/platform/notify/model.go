package notify

import (
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"
)

// Channel is how a message travels.
type Channel string

const (
	InApp    Channel = "inapp"    // the notification centre only
	Email    Channel = "email"    // SMTP, one outbox row per recipient address
	DingTalk Channel = "dingtalk" // DingTalk group bot (signed webhook)
	WeCom    Channel = "wecom"    // WeCom (企业微信) group bot
	Feishu   Channel = "feishu"   // Feishu (飞书) group bot (signed webhook)
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	switch c {
	case InApp, Email, DingTalk, WeCom, Feishu:
		return true
	}
	return false
}

// IsWebhook reports whether c is a group bot.
func (c Channel) IsWebhook() bool { return c == DingTalk || c == WeCom || c == Feishu }

// Recipients are the people or addresses a message goes to. Group-bot
// messages go to the bot's group and ignore Recipients (except that user
// recipients still get the in-app row).
type Recipients struct {
	// UserIDs get an in-app notification whatever the channel; for Email
	// their address is looked up (Service.Directory) when the mail is sent.
	UserIDs []int64
	// Addresses are email addresses outside the user list (Email only).
	Addresses []string
}

// Message is one logical notification. DedupeKey names it: sending the same
// key again (a retried business transaction, a reminder job that runs twice)
// adds nothing, per user and per destination. Build it from what makes the
// message unique, e.g. "training.report_due:42:2026-11-20".
type Message struct {
	Channel Channel
	// ChannelID picks one configured channel (notify_channels.id). Zero
	// means: every enabled bot of that type for group bots, and the first
	// enabled email channel (looked up at delivery) for Email.
	ChannelID int64
	To        Recipients
	Kind      string // what it is about, e.g. "training.enrolment"; the UI may pick an icon
	Title     string
	Body      string // plain text; callers mask personal data before sending
	Link      string // an in-app path such as "/training/sessions/12", or empty
	DedupeKey string
}

// Sent tells what Send wrote.
type Sent struct {
	InApp  int // new in-app notifications (repeats of a dedupe key excluded)
	Outbox int // new outbox rows (repeats of a dedupe key excluded)
}

// Notification is one row of a user's notification centre.
type Notification struct {
	bun.BaseModel `bun:"table:notifications"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	UserID        int64      `bun:"user_id" json:"-"`
	Kind          string     `bun:"kind" json:"kind"`
	Title         string     `bun:"title" json:"title"`
	Body          string     `bun:"body" json:"body"`
	Link          string     `bun:"link" json:"link"`
	DedupeKey     *string    `bun:"dedupe_key" json:"-"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	ReadAt        *time.Time `bun:"read_at" json:"read_at"`
}

// Outbox statuses.
const (
	StatusPending = "pending" // waiting for (another) delivery attempt
	StatusSending = "sending" // claimed by a worker until lease_until
	StatusSent    = "sent"    // the provider accepted it; never sent again
	StatusFailed  = "failed"  // given up (attempts exhausted or not deliverable)
)

// OutboxRow is one outbound delivery: a logical message to one destination.
type OutboxRow struct {
	bun.BaseModel `bun:"table:notify_outbox,alias:o"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	DedupeKey     string     `bun:"dedupe_key" json:"dedupe_key"`
	Destination   string     `bun:"destination" json:"destination" doc:"channel:ID, user:ID or email:ADDRESS"`
	Channel       Channel    `bun:"channel" json:"channel"`
	ChannelID     *int64     `bun:"channel_id" json:"channel_id"`
	UserID        *int64     `bun:"user_id" json:"user_id"`
	Address       string     `bun:"address" json:"address"`
	Kind          string     `bun:"kind" json:"kind"`
	Title         string     `bun:"title" json:"title"`
	Body          string     `bun:"body" json:"-"`
	Link          string     `bun:"link" json:"link"`
	Status        string     `bun:"status" json:"status"`
	Attempts      int        `bun:"attempts" json:"attempts"`
	EnqueuedAt    *time.Time `bun:"enqueued_at" json:"enqueued_at"`
	LeaseUntil    *time.Time `bun:"lease_until" json:"-"`
	ClaimToken    string     `bun:"claim_token" json:"-"`
	SentAt        *time.Time `bun:"sent_at" json:"sent_at"`
	Reply         string     `bun:"reply" json:"reply" doc:"the provider's acceptance, e.g. the SMTP reply"`
	LastError     string     `bun:"last_error" json:"last_error"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`
}

// Permissions this package declares (the admin screen for channels).
// The notification centre itself needs only a signed-in user.
var Permissions = []string{"notify:channel:read", "notify:channel:update"}

// clip cuts s to at most n bytes (an ellipsis included) without splitting
// a UTF-8 character; providers refuse or truncate longer texts.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:max(n-len("…"), 0)]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
