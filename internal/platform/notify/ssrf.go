package notify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// Outbound requests (webhooks, SMTP, the "send test message" action) go to
// addresses an administrator typed in. Without a guard, whoever may edit a
// channel could make the server probe the internal network or the cloud
// metadata service. The guard checks the address actually being dialled,
// after DNS resolution (Dialer.Control sees the resolved IP), so a name
// that resolves to a public address at validation time and to 127.0.0.1 at
// send time (DNS rebinding) is still refused.

// ErrBlockedAddress is returned (wrapped) when a dial is refused.
var ErrBlockedAddress = errors.New("address not allowed for outbound requests")

// blockedPrefixes are the ranges netip's predicates do not cover.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and 255.255.255.255
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64: would reach any IPv4, private ones included
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2002::/16"), // 6to4: embeds an IPv4 address
}

// Blocked reports whether ip may not be dialled: loopback, private
// (RFC 1918, RFC 4193), link-local (169.254/16 with the 169.254.169.254
// metadata service, fe80::/10), unspecified, multicast, CGNAT and the
// reserved ranges above. IPv4-mapped IPv6 addresses are judged as IPv4.
func Blocked(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// refuseInternal is the Dialer.Control of guarded dials: address is the
// resolved "ip:port" about to be connected.
func refuseInternal(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unparsable %q", ErrBlockedAddress, address)
	}
	if Blocked(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, ap.Addr())
	}
	return nil
}

// Guard dials outbound connections, refusing blocked addresses unless the
// host (as written in the URL or SMTP settings) is on the allow list.
type Guard struct {
	// Allowed reports whether host (lower-case, no port) is allow-listed.
	Allowed func(ctx context.Context, host string) bool
	// Timeout bounds connecting (default 10 s).
	Timeout time.Duration
}

// DialContext is a net.Dialer.DialContext with the guard applied; it fits
// http.Transport.DialContext and go-mail's WithDialContextFunc.
func (g *Guard) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	d := net.Dialer{Timeout: g.Timeout, KeepAlive: 30 * time.Second}
	if d.Timeout == 0 {
		d.Timeout = 10 * time.Second
	}
	if g.Allowed == nil || !g.Allowed(ctx, strings.ToLower(host)) {
		d.Control = refuseInternal
	}
	return d.DialContext(ctx, network, address)
}

// errRedirect refuses every redirect: a webhook that answers 3xx is a
// misconfiguration, and following it would bypass the host allow list.
var errRedirect = errors.New("redirects are not followed")

// HTTPClient returns a client that dials through the guard, uses no proxy
// from the environment (a proxy would dial on our behalf, unchecked) and
// follows no redirects.
func (g *Guard) HTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           g.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          16,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: timeout,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return errRedirect },
	}
}
