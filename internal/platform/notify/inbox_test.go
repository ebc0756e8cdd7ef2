package notify

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

// TestInbox: each user lists, counts and marks only their own rows; another
// user's notification reads as not found.
func TestInbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ann, bob := f.user("ann"), f.user("bob")
		f.send(f.s, Message{Channel: InApp, To: Recipients{UserIDs: []int64{ann, bob}}, Kind: "training.enrolment", Title: "报名成功", Link: "/training/sessions/1", DedupeKey: "enrol:1"})
		f.send(f.s, Message{Channel: InApp, To: Recipients{UserIDs: []int64{ann}}, Title: "report due", DedupeKey: "due:1"})
		page := InboxFilter{Page: api.Page{Page: 1, PageSize: 20}}

		annCtx, bobCtx := as(ann), as(bob)
		items, n, err := f.s.ListMine(annCtx, page)
		if err != nil || n != 2 || len(items) != 2 || items[0].Title != "report due" {
			t.Fatalf("ann's list: %v %d %+v", err, n, items)
		}
		if c, _ := f.s.UnreadCount(annCtx); c != 2 {
			t.Fatalf("ann unread %d", c)
		}
		bobItems, n, _ := f.s.ListMine(bobCtx, page)
		if n != 1 || bobItems[0].Title != "报名成功" {
			t.Fatalf("bob's list %d %+v", n, bobItems)
		}
		// bob cannot read or even detect ann's notification
		if err := f.s.MarkRead(bobCtx, items[0].ID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("bob marked ann's notification: %v", err)
		}
		if c, _ := f.s.UnreadCount(annCtx); c != 2 {
			t.Fatal("bob's mark changed ann's row")
		}
		if err := f.s.MarkRead(annCtx, items[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := f.s.MarkRead(annCtx, items[0].ID); err != nil { // again: still fine
			t.Fatal(err)
		}
		unread, n, _ := f.s.ListMine(annCtx, InboxFilter{Page: page.Page, Unread: true})
		if n != 1 || unread[0].ID != items[1].ID {
			t.Fatalf("ann unread list %d %+v", n, unread)
		}
		if k, _ := f.s.MarkAllRead(annCtx); k != 1 {
			t.Fatalf("mark all: %d", k)
		}
		if c, _ := f.s.UnreadCount(annCtx); c != 0 {
			t.Fatalf("ann unread after mark all %d", c)
		}
		if c, _ := f.s.UnreadCount(bobCtx); c != 1 {
			t.Fatalf("bob unread %d: ann's mark-all touched bob", c)
		}
		// the JSON of a notification does not carry its owner
		b, _ := json.Marshal(items[0])
		if strings.Contains(string(b), "user_id") || strings.Contains(string(b), "dedupe") {
			t.Fatalf("notification JSON %s", b)
		}
		if _, err := f.s.UnreadCount(context.Background()); !apperr.Is(err, apperr.Unauthenticated) {
			t.Fatalf("no principal: %v", err)
		}
	})
}

// TestSendValidates: the mistakes a calling module can make are invalid.
func TestSendValidates(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	ctx := context.Background()
	for _, m := range []Message{
		{Channel: "sms", Title: "x", DedupeKey: "k", To: Recipients{UserIDs: []int64{1}}},
		{Channel: InApp, Title: "x", DedupeKey: "k"},
		{Channel: InApp, DedupeKey: "k", To: Recipients{UserIDs: []int64{1}}},
		{Channel: InApp, Title: "x", To: Recipients{UserIDs: []int64{1}}},
		{Channel: Email, Title: "x", DedupeKey: "k", To: Recipients{Addresses: []string{"not an address"}}},
		{Channel: DingTalk, Title: "x", DedupeKey: "k", To: Recipients{Addresses: []string{"a@example.com"}}},
		{Channel: DingTalk, ChannelID: 999, Title: "x", DedupeKey: "k"},
	} {
		if _, err := f.s.SendNow(ctx, m); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%+v: %v", m, err)
		}
	}
	// no bot configured: nothing outbound, not an error
	if got, err := f.s.SendNow(ctx, Message{Channel: Feishu, Title: "x", DedupeKey: "k"}); err != nil || got != (Sent{}) {
		t.Fatalf("%+v %v", got, err)
	}
}

// TestOutboxListMasksAddresses: the delivery list shows addresses masked
// unless the caller holds pii:reveal, and never the bodies.
func TestOutboxListMasksAddresses(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	f.send(f.s, Message{Channel: Email, To: Recipients{Addresses: []string{"zhang.wei@example.com"}}, Title: "t", Body: "secret body", DedupeKey: "k"})
	page := OutboxFilter{Page: api.Page{Page: 1, PageSize: 20}}
	viewer := auth.With(context.Background(), &auth.Principal{UserID: 1, Perms: map[string]bool{"notify:channel:read": true}})
	items, n, err := f.s.ListOutbox(viewer, page)
	if err != nil || n != 1 || items[0].Address != "z***@example.com" || items[0].Body != "" {
		t.Fatalf("%v %d %+v", err, n, items)
	}
	revealer := auth.With(context.Background(), &auth.Principal{UserID: 1, Perms: map[string]bool{"pii:reveal": true}})
	items, _, _ = f.s.ListOutbox(revealer, page)
	if items[0].Address != "zhang.wei@example.com" {
		t.Fatalf("with pii:reveal: %q", items[0].Address)
	}
}
