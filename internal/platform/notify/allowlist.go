package notify

import (
	"context"
	"log/slog"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

// allowedHost is a row of notify_allowed_hosts.
type allowedHost struct {
	bun.BaseModel `bun:"table:notify_allowed_hosts"`
	Host          string    `bun:"host,pk"`
	CreatedAt     time.Time `bun:"created_at"`
}

// allowTTL is how long a process trusts its copy of the allow list; another
// replica's change is seen within it.
const allowTTL = 10 * time.Second

var hostName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// AllowedHosts returns the hosts outbound requests may reach even when they
// resolve to internal addresses.
func (s *Service) AllowedHosts(ctx context.Context) ([]string, error) {
	var hosts []string
	err := s.db.R.NewSelect().Model((*allowedHost)(nil)).Column("host").OrderExpr("host").Scan(ctx, &hosts)
	if hosts == nil {
		hosts = []string{}
	}
	return hosts, apperr.Wrap(err, "read allowed hosts")
}

// SetAllowedHosts replaces the allow list. Entries are host names or IP
// addresses as they appear in webhook URLs or the SMTP host, without
// scheme or port. Errors: invalid.
func (s *Service) SetAllowedHosts(ctx context.Context, hosts []string) ([]string, error) {
	var v apperr.Validation
	clean := make([]string, 0, len(hosts))
	for i, h := range hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]") // [::1] as written in URLs
		if _, err := netip.ParseAddr(h); err != nil && (len(h) > 253 || !hostName.MatchString(h)) {
			v.Reject("body.hosts["+strconv.Itoa(i)+"]", apperr.Format("hostname"), "a host name or IP address without scheme or port")
		}
		clean = append(clean, h)
	}
	if len(clean) > 100 {
		v.Reject("body.hosts", apperr.TooManyItems(100), "at most 100 hosts")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	slices.Sort(clean)
	clean = slices.Compact(clean)
	before, err := s.AllowedHosts(ctx)
	if err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*allowedHost)(nil)).Where("1 = 1").Exec(ctx); err != nil {
			return apperr.Wrap(err, "replace allowed hosts")
		}
		if len(clean) > 0 {
			rows := make([]allowedHost, len(clean))
			for i, h := range clean {
				rows[i] = allowedHost{Host: h, CreatedAt: s.now()}
			}
			if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
				return apperr.Wrap(err, "replace allowed hosts")
			}
		}
		trail.Change(ctx, "notify_allowed_hosts", "all", before, clean)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.allowMu.Lock()
	s.allow = nil // read again on the next dial
	s.allowMu.Unlock()
	return clean, nil
}

// hostAllowed is the guard's allow-list check (host lower-case, no port).
// A failed read counts as "not allowed": the guard fails closed.
func (s *Service) hostAllowed(ctx context.Context, host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	s.allowMu.Lock()
	defer s.allowMu.Unlock()
	if s.allow == nil || time.Since(s.allowRead) > allowTTL {
		hosts, err := s.AllowedHosts(ctx)
		if err != nil {
			slog.WarnContext(ctx, "notify: reading the allowed hosts failed; refusing internal addresses", "err", err)
			return false
		}
		s.allow = map[string]bool{}
		for _, h := range hosts {
			s.allow[h] = true
		}
		s.allowRead = time.Now()
	}
	return s.allow[host]
}
