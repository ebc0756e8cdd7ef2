package notify

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// IDPath is the {id} path parameter (exported: huma binds only exported embedded fields).
type IDPath struct {
	ID int64 `path:"id"`
}

type body[T any] struct{ Body T }

// CountBody answers the unread count and mark-all-read.
type CountBody struct {
	Count int `json:"count"`
}

// HostsBody is the allow list of hosts outbound requests may reach even
// when they resolve to internal addresses.
type HostsBody struct {
	Hosts []string `json:"hosts" maxItems:"100" doc:"host names or IP addresses, no scheme or port"`
}

// TestInput is the body of the "send test message" action.
type TestInput struct {
	To string `json:"to,omitempty" maxLength:"255" doc:"email channels: the address to send the test to"`
}

// OutboxFilter lists outbox rows for the administrator.
type OutboxFilter struct {
	api.Page
	Status  string  `query:"status" enum:"pending,sending,sent,failed," doc:"filter by status"`
	Channel Channel `query:"channel" enum:"email,dingtalk,wecom,feishu," doc:"filter by channel type"`
}

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"notify"}, DefaultStatus: status}
}

// Routes registers the notification centre (any signed-in user, own rows
// only) and the channel administration.
func (s *Service) Routes(a huma.API) {
	const mine = "/api/v1/notifications"
	api.Register(a, op("notify.inbox.list", http.MethodGet, mine, "My notifications, newest first", 0),
		api.Authenticated, func(ctx context.Context, in *InboxFilter) (*api.ListOutput[Notification], error) {
			items, n, err := s.ListMine(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("notify.inbox.unread", http.MethodGet, mine+"/unread-count", "How many of my notifications are unread (the bell)", 0),
		api.Authenticated, func(ctx context.Context, _ *struct{}) (*body[CountBody], error) {
			n, err := s.UnreadCount(ctx)
			return &body[CountBody]{CountBody{n}}, err
		})
	api.Register(a, op("notify.inbox.read", http.MethodPost, mine+"/{id}/read", "Mark one of my notifications read", 204),
		api.Authenticated, func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.MarkRead(ctx, in.ID)
		})
	api.Register(a, op("notify.inbox.read_all", http.MethodPost, mine+"/read-all", "Mark all my notifications read", 0),
		api.Authenticated, func(ctx context.Context, _ *struct{}) (*body[CountBody], error) {
			n, err := s.MarkAllRead(ctx)
			return &body[CountBody]{CountBody{n}}, err
		})

	const base = "/api/v1/notify"
	api.Register(a, op("notify.channel.list", http.MethodGet, base+"/channels", "Outbound channels (secrets masked)", 0),
		"notify:channel:read", func(ctx context.Context, _ *struct{}) (*api.ListOutput[ChannelView], error) {
			items, err := s.ListChannels(ctx)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("notify.channel.get", http.MethodGet, base+"/channels/{id}", "", 0),
		"notify:channel:read", func(ctx context.Context, in *IDPath) (*body[ChannelView], error) {
			c, err := s.Channel(ctx, in.ID)
			return &body[ChannelView]{c}, err
		})
	api.Register(a, op("notify.channel.create", http.MethodPost, base+"/channels", "", 201),
		"notify:channel:update", func(ctx context.Context, in *body[ChannelInput]) (*body[ChannelView], error) {
			c, err := s.CreateChannel(ctx, in.Body)
			return &body[ChannelView]{c}, err
		})
	api.Register(a, op("notify.channel.update", http.MethodPut, base+"/channels/{id}", "", 0),
		"notify:channel:update", func(ctx context.Context, in *struct {
			IDPath
			Body ChannelInput
		}) (*body[ChannelView], error) {
			c, err := s.UpdateChannel(ctx, in.ID, in.Body)
			return &body[ChannelView]{c}, err
		})
	api.Register(a, op("notify.channel.delete", http.MethodDelete, base+"/channels/{id}", "", 204),
		"notify:channel:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteChannel(ctx, in.ID)
		})
	api.Register(a, op("notify.channel.test", http.MethodPost, base+"/channels/{id}/test", "Send a test message through the channel now", 0),
		"notify:channel:update", func(ctx context.Context, in *struct {
			IDPath
			Body TestInput
		}) (*body[TestResult], error) {
			r, err := s.TestChannel(ctx, in.ID, in.Body.To)
			return &body[TestResult]{r}, err
		})
	api.Register(a, op("notify.hosts.get", http.MethodGet, base+"/allowed-hosts", "Hosts outbound requests may reach on internal addresses", 0),
		"notify:channel:read", func(ctx context.Context, _ *struct{}) (*body[HostsBody], error) {
			h, err := s.AllowedHosts(ctx)
			return &body[HostsBody]{HostsBody{h}}, err
		})
	api.Register(a, op("notify.hosts.update", http.MethodPut, base+"/allowed-hosts", "Replace the allow list", 0),
		"notify:channel:update", func(ctx context.Context, in *body[HostsBody]) (*body[HostsBody], error) {
			h, err := s.SetAllowedHosts(ctx, in.Body.Hosts)
			return &body[HostsBody]{HostsBody{h}}, err
		})
	api.Register(a, op("notify.outbox.list", http.MethodGet, base+"/outbox", "Outbound deliveries with their status and last error", 0),
		"notify:channel:read", func(ctx context.Context, in *OutboxFilter) (*api.ListOutput[OutboxRow], error) {
			items, n, err := s.ListOutbox(ctx, *in)
			return api.NewList(items, n), err
		})
}

// ListOutbox returns a page of outbox rows, newest first. Bodies are left
// out (they may hold personal data) and addresses are masked unless the
// caller holds pii:reveal.
func (s *Service) ListOutbox(ctx context.Context, f OutboxFilter) ([]OutboxRow, int, error) {
	var items []OutboxRow
	q := s.db.R.NewSelect().Model(&items).ExcludeColumn("body")
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Channel != "" {
		q = q.Where("channel = ?", f.Channel)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "id", "created_at": "created_at", "status": "status"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if !auth.From(ctx).Can("pii:reveal") {
		for i := range items {
			items[i].Address = MaskAddress(items[i].Address)
		}
	}
	return items, int(n), apperr.Wrap(err, "list outbox")
}

// MaskAddress shows an email address as "a***@example.com": enough to
// tell deliveries apart, not a contact list. Callers holding pii:reveal
// see addresses in full.
func MaskAddress(a string) string {
	at := strings.LastIndexByte(a, '@')
	if at <= 0 {
		return a
	}
	r, _ := utf8.DecodeRuneInString(a)
	return string(r) + "***" + a[at:]
}
