package fulfilment

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/sales"
)

// Service is the order processing queue.
type Service struct {
	db       *db.DB
	org      *org.Service
	orders   *sales.Shipping
	clock    clock.Clock
	location func(context.Context) *time.Location // the company time zone, for dates in filters and exports
}

// New returns the service. c nil means the system clock; loc nil means UTC.
func New(d *db.DB, o *org.Service, orders *sales.Shipping, c clock.Clock, loc func(context.Context) *time.Location) *Service {
	if c == nil {
		c = clock.System{}
	}
	if loc == nil {
		loc = func(context.Context) *time.Location { return time.UTC }
	}
	return &Service{db: d, org: o, orders: orders, clock: c, location: loc}
}

// now is the clock's time at the database's precision (microseconds), so
// deadline states computed here agree with the SQL comparisons.
func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// shops returns the shops of the caller's scope by id.
func (s *Service) shops(ctx context.Context) (map[int64]org.Shop, error) {
	list, _, err := s.org.ListShops(ctx, org.ShopFilter{Page: api.Page{}})
	if err != nil {
		return nil, err
	}
	m := make(map[int64]org.Shop, len(list))
	for _, sh := range list {
		m[sh.ID] = sh
	}
	return m, nil
}

// shopIDs turns the shop and platform filters into the shop ids to query:
// nil for "every shop in scope". Errors: not_found for a shop outside the
// caller's scope.
func shopIDs(shops map[int64]org.Shop, shopID int64, platform string) ([]int64, error) {
	if shopID != 0 {
		sh, ok := shops[shopID]
		if !ok {
			return nil, apperr.NotFoundf("shop", shopID)
		}
		if platform != "" && sh.Platform != platform {
			return []int64{}, nil
		}
		return []int64{shopID}, nil
	}
	if platform == "" {
		return nil, nil
	}
	ids := []int64{}
	for id, sh := range shops {
		if sh.Platform == platform {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// ShopHoursChanged keeps the stored ship-by deadlines of a shop's orders
// awaiting shipment right after its ship_within_hours changed; it returns
// how many orders got a new deadline. Call it in the transaction that
// changes the shop (org's shop update, wired by app), so the shop and its
// deadlines commit together.
func (s *Service) ShopHoursChanged(ctx context.Context, tx bun.IDB, shopID int64, hours int) (int, error) {
	return s.orders.SyncShipBy(ctx, tx, shopID, hours)
}
