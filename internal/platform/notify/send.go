package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Length limits of stored texts; longer ones are clipped, not refused, so a
// long course name never makes the business transaction fail.
const (
	maxTitle     = 200
	maxBody      = 8000
	maxLink      = 1000
	maxDedupeKey = 200
)

// Send records m inside the caller's transaction tx: an in-app notification
// for every user recipient, and for outbound channels one outbox row per
// destination (an email address or user, or a group bot). Nothing leaves
// the process here; after tx commits, the relay hands the rows to River and
// a worker delivers them. If tx rolls back, nothing was sent and nothing
// will be.
//
// A repeated DedupeKey adds nothing: not for a user who already has the
// in-app row, not for a destination that already has an outbox row. Group
// bots chosen by type (ChannelID 0) are the enabled ones at the time of the
// call; none enabled means no outbound row, which is not an error.
//
// Errors: invalid (no channel, title or dedupe key, no recipients where
// they are needed, a bad address, an unknown ChannelID).
func (s *Service) Send(ctx context.Context, tx bun.IDB, m Message) (Sent, error) {
	if err := m.validate(); err != nil {
		return Sent{}, err
	}
	m.Title, m.Body, m.Link = clip(m.Title, maxTitle), clip(m.Body, maxBody), clip(m.Link, maxLink)
	now := s.now()
	var out Sent

	users := slices.Clone(m.To.UserIDs)
	slices.Sort(users)
	users = slices.Compact(users)
	if len(users) > 0 {
		key := m.DedupeKey
		rows := make([]Notification, 0, len(users))
		for _, u := range users {
			rows = append(rows, Notification{UserID: u, Kind: m.Kind, Title: m.Title, Body: m.Body, Link: m.Link, DedupeKey: &key, CreatedAt: now})
		}
		res, err := tx.NewInsert().Model(&rows).On("CONFLICT (user_id, dedupe_key) DO NOTHING").Returning("NULL").Exec(ctx)
		if err != nil {
			return out, apperr.Wrap(err, "write notifications")
		}
		n, _ := res.RowsAffected()
		out.InApp = int(n)
	}
	if m.Channel == InApp {
		return out, nil
	}

	var rows []OutboxRow
	base := OutboxRow{DedupeKey: m.DedupeKey, Channel: m.Channel, Kind: m.Kind, Title: m.Title, Body: m.Body, Link: m.Link,
		Status: StatusPending, CreatedAt: now, UpdatedAt: now}
	if m.ChannelID != 0 {
		id := m.ChannelID
		base.ChannelID = &id
	}
	switch {
	case m.Channel == Email:
		if m.ChannelID != 0 {
			if err := s.checkChannel(ctx, tx, m.ChannelID, Email); err != nil {
				return out, err
			}
		}
		for _, u := range users {
			r := base
			uid := u
			r.UserID, r.Destination = &uid, fmt.Sprintf("user:%d", u)
			rows = append(rows, r)
		}
		for _, a := range m.To.Addresses {
			r := base
			r.Address = normAddress(a)
			r.Destination = "email:" + r.Address
			rows = append(rows, r)
		}
	case m.Channel.IsWebhook():
		ids, err := s.botsFor(ctx, tx, m)
		if err != nil {
			return out, err
		}
		for _, id := range ids {
			r := base
			cid := id
			r.ChannelID, r.Destination = &cid, fmt.Sprintf("channel:%d", id)
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return out, nil
	}
	res, err := tx.NewInsert().Model(&rows).On("CONFLICT (dedupe_key, destination) DO NOTHING").Returning("NULL").Exec(ctx)
	if err != nil {
		return out, apperr.Wrap(err, "write outbox")
	}
	n, _ := res.RowsAffected()
	out.Outbox = int(n)
	return out, nil
}

// SendNow is Send in a transaction of its own, for callers that have none
// (CLI commands, jobs).
func (s *Service) SendNow(ctx context.Context, m Message) (Sent, error) {
	var out Sent
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.Send(ctx, tx, m)
		return err
	})
	return out, err
}

func (m *Message) validate() error {
	var v apperr.Validation
	m.Title, m.DedupeKey, m.Kind = strings.TrimSpace(m.Title), strings.TrimSpace(m.DedupeKey), strings.TrimSpace(m.Kind)
	if !m.Channel.Valid() {
		v.Reject("channel", apperr.OneOf(string(InApp), string(Email), string(DingTalk), string(WeCom), string(Feishu)), "unknown channel %q", m.Channel)
	}
	if m.Title == "" {
		v.Reject("title", apperr.Required(), "a title is required")
	}
	if m.DedupeKey == "" {
		v.Reject("dedupe_key", apperr.Required(), "a dedupe key is required: it keeps a repeated send from notifying twice")
	} else if len(m.DedupeKey) > maxDedupeKey {
		v.Reject("dedupe_key", apperr.TooLong(maxDedupeKey), "at most %d bytes", maxDedupeKey)
	}
	if m.Kind == "" {
		m.Kind = "general"
	}
	switch m.Channel {
	case InApp:
		if len(m.To.UserIDs) == 0 {
			v.Reject("to.user_ids", apperr.Required(), "an in-app notification needs at least one user")
		}
	case Email:
		if len(m.To.UserIDs)+len(m.To.Addresses) == 0 {
			v.Reject("to", apperr.Required(), "an email needs at least one user or address")
		}
		for i, a := range m.To.Addresses {
			if _, err := mail.ParseAddress(a); err != nil {
				v.Reject(fmt.Sprintf("to.addresses[%d]", i), apperr.Format("email"), "not an email address")
			}
		}
	default:
		if len(m.To.Addresses) > 0 {
			v.Reject("to.addresses", apperr.Because(apperr.CodeUnknownField, nil), "group bots post to their group; addresses are for email")
		}
	}
	for i, u := range m.To.UserIDs {
		if u <= 0 {
			v.Reject(fmt.Sprintf("to.user_ids[%d]", i), apperr.AtLeast(1), "not a user id")
		}
	}
	return v.Err()
}

func normAddress(a string) string {
	if p, err := mail.ParseAddress(a); err == nil {
		return strings.ToLower(p.Address)
	}
	return strings.ToLower(strings.TrimSpace(a))
}

// botsFor returns the group bots a webhook message goes to.
func (s *Service) botsFor(ctx context.Context, tx bun.IDB, m Message) ([]int64, error) {
	if m.ChannelID != 0 {
		return []int64{m.ChannelID}, s.checkChannel(ctx, tx, m.ChannelID, m.Channel)
	}
	var ids []int64
	err := tx.NewSelect().Model((*ChannelConfig)(nil)).Column("id").
		Where("type = ?", m.Channel).Where("enabled = ?", true).OrderExpr("id").Scan(ctx, &ids)
	return ids, apperr.Wrap(err, "find %s channels", m.Channel)
}

// checkChannel makes sure channel id exists and has type typ.
func (s *Service) checkChannel(ctx context.Context, tx bun.IDB, id int64, typ Channel) error {
	var got Channel
	err := tx.NewSelect().Model((*ChannelConfig)(nil)).Column("type").Where("id = ?", id).Scan(ctx, &got)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(err, "find channel %d", id)
	}
	if err != nil || got != typ {
		return apperr.Reject("channel_id", apperr.Missing(id), "no %s channel %d", typ, id)
	}
	return nil
}
