package notify

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ecomops/internal/platform/db/dbtest"
)

// TestBlockedRanges pins the address classification.
func TestBlockedRanges(t *testing.T) {
	blocked := []string{"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
		"169.254.169.254", "169.254.0.1", "fe80::1", "fc00::1", "fd12:3456::1", "0.0.0.0", "::", "224.0.0.1", "ff02::1",
		"100.64.0.1", "100.127.255.254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
		"64:ff9b::a00:1", "2002:a00:1::1", "255.255.255.255", "198.18.0.1"}
	allowed := []string{"8.8.8.8", "1.1.1.1", "223.5.5.5", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"}
	for _, s := range blocked {
		if !Blocked(netip.MustParseAddr(s)) {
			t.Errorf("%s is not blocked", s)
		}
	}
	for _, s := range allowed {
		if Blocked(netip.MustParseAddr(s)) {
			t.Errorf("%s is blocked", s)
		}
	}
}

// TestGuardRefusesAtDialTime: with nothing allow-listed, a real server on
// 127.0.0.1 is unreachable by IP, by IPv6 loopback and by a name that
// resolves to loopback ("localhost": the check runs after resolution, so
// DNS rebinding cannot slip past it); private and metadata addresses are
// refused before any packet is sent.
func TestGuardRefusesAtDialTime(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	g := &Guard{Allowed: func(context.Context, string) bool { return false }, Timeout: 2 * time.Second}
	c := g.HTTPClient(3 * time.Second)
	for _, u := range []string{
		srv.URL,
		"http://localhost:" + port + "/",
		"http://[::1]:" + port + "/",
		"http://10.0.0.1/",
		"http://192.168.1.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://[fe80::1%25lo]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
		"http://100.64.0.1/",
	} {
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: reached", u)
			continue
		}
		if !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("%s: refused for another reason: %v", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("the loopback server was reached %d times", hits.Load())
	}
}

// TestGuardAllowListAndRedirects: an allow-listed 127.0.0.1 is reachable
// (how the tests' receivers are reached); a redirect is not followed, even
// to an allowed host.
func TestGuardAllowListAndRedirects(t *testing.T) {
	var targetHits atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { targetHits.Add(1) }))
	defer target.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/elsewhere", http.StatusFound)
	}))
	defer redirector.Close()
	g := &Guard{Allowed: func(_ context.Context, h string) bool { return h == "127.0.0.1" }}
	c := g.HTTPClient(3 * time.Second)

	resp, err := c.Get(target.URL)
	if err != nil {
		t.Fatalf("allow-listed host refused: %v", err)
	}
	resp.Body.Close()
	if targetHits.Load() != 1 {
		t.Fatal("allow-listed host not reached")
	}
	resp, err = c.Get(redirector.URL)
	if err == nil {
		resp.Body.Close()
		t.Fatal("redirect followed")
	}
	if !errors.Is(err, errRedirect) || targetHits.Load() != 1 {
		t.Fatalf("redirect: %v (target hits %d)", err, targetHits.Load())
	}
	// "localhost" is a different host name: not allowed by allowing 127.0.0.1
	_, port, _ := net.SplitHostPort(target.Listener.Addr().String())
	if _, err := c.Get("http://localhost:" + port); !errors.Is(err, ErrBlockedAddress) {
		t.Fatalf("localhost: %v", err)
	}
}

// TestChannelsUseTheGuard: a webhook channel on a loopback address that is
// not allow-listed fails permanently with the guard's error, for both the
// test action and the outbox worker; the SMTP dialer is guarded too.
func TestChannelsUseTheGuard(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	ctx := context.Background()
	rc := newReceiver(t, WeCom, "")
	// https, so the scheme rule passes and the dial is what gets refused
	id := f.channel(ChannelInput{Type: WeCom, Name: "bot", WebhookURL: ptr(strings.Replace(rc.url(), "http://", "https://", 1))})
	smtp := newSMTPServer(t)
	mailID := f.channel(ChannelInput{Type: Email, Name: "mail", SMTPHost: "127.0.0.1", SMTPPort: smtp.port, SMTPTLS: TLSNone, SMTPFrom: "noreply@example.com"})
	if _, err := f.s.SetAllowedHosts(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []int64{id, mailID} {
		_, err := f.s.TestChannel(ctx, ch, "someone@example.com")
		if err == nil || !strings.Contains(err.Error(), ErrBlockedAddress.Error()) {
			t.Errorf("channel %d: %v", ch, err)
		}
	}
	f.send(f.s, Message{Channel: WeCom, Title: "t", DedupeKey: "k"})
	f.s.Relay(ctx)
	row := f.rows()[0]
	if err := f.s.deliver(ctx, row.ID, false); err == nil {
		t.Fatal("delivery to a refused address succeeded")
	}
	if r := f.row(row.ID); r.Status != StatusFailed || !strings.Contains(r.LastError, ErrBlockedAddress.Error()) {
		t.Fatalf("row %+v", r)
	}
	if n, _ := rc.counts(); n != 0 || smtp.count() != 0 {
		t.Fatalf("receivers reached: webhook %d, smtp %d", n, smtp.count())
	}
}
