package sales

// This file holds the order reads and writes the fulfilment module (order
// processing queue, A4.1) needs, since fulfilment may not touch the orders
// table itself. It is self-contained (it shares nothing with the importer but
// the table) and every name in it starts with Shipping or ship, so it cannot
// collide with the rest of the package.

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
)

// ShipBy is the ship-by deadline of an order paid at paidAt in a shop that
// promises shipment within hours of payment (org.Shop.ShipWithinHours; zero
// or less means org.DefaultShipWithinHours, 48).
//
// The deadline is stored in orders.ship_by, not derived at query time, so the
// queue can filter and sort on an index across shops with different hours.
// Two writers keep it right:
//   - whoever writes paid_at (the importer) sets ship_by = ShipBy(paid_at,
//     shop hours) in the same statement, and NULL when paid_at is NULL;
//   - when a shop's ship_within_hours changes, Shipping.SyncShipBy
//     re-derives it for that shop's orders still awaiting shipment.
func ShipBy(paidAt time.Time, hours int) time.Time {
	if hours <= 0 {
		hours = org.DefaultShipWithinHours
	}
	return paidAt.UTC().Add(time.Duration(hours) * time.Hour)
}

// Normalised order statuses this file relies on.
const (
	shipStatusPaid    = "paid"    // paid, awaiting shipment
	shipStatusShipped = "shipped" // handed to a carrier
)

// ShippingOrder is the part of an order shipping works with.
type ShippingOrder struct {
	bun.BaseModel `bun:"table:orders,alias:o"`
	ID            int64      `bun:"id,pk,autoincrement"`
	ShopID        int64      `bun:"shop_id"`
	OrderNo       string     `bun:"order_no"`
	Status        string     `bun:"status"`
	PaidAt        *time.Time `bun:"paid_at"`
	ShipBy        *time.Time `bun:"ship_by"`
	ShippedAt     *time.Time `bun:"shipped_at"`
	Carrier       string     `bun:"carrier"`
	TrackingNo    string     `bun:"tracking_no"`
	PaidFen       int64      `bun:"paid_fen"`
	Units         int64      `bun:"units"`
	Version       int        `bun:"version"`
	UpdatedAt     time.Time  `bun:"updated_at"`
}

// shipEvent is a row of the order status timeline.
type shipEvent struct {
	bun.BaseModel `bun:"table:order_events"`
	ID            int64     `bun:"id,pk,autoincrement"`
	OrderID       int64     `bun:"order_id"`
	At            time.Time `bun:"at"`
	Status        string    `bun:"status"`
	RawStatus     string    `bun:"raw_status"`
	Source        string    `bun:"source"`
	Note          string    `bun:"note"`
}

// Shipping reads and writes orders for the fulfilment module. Every query
// is limited to the shops of the caller's data scope (auth.ShopSet on
// o.shop_id); a context without principal (CLI, jobs) sees every shop.
type Shipping struct{ db *db.DB }

// NewShipping returns the order access of the fulfilment module.
func NewShipping(d *db.DB) *Shipping { return &Shipping{db: d} }

// ShippingQuery selects orders awaiting shipment (status paid).
type ShippingQuery struct {
	api.Page
	// ShopIDs narrows to these shops: nil means every shop in scope, an empty
	// non-nil slice means none.
	ShopIDs []int64
	OrderNo string // exact platform order number; "" for any
	// Deadline window: ship_by >= DueFrom and ship_by < DueBefore; a zero
	// bound is open. Orders without ship_by match only when both are zero.
	DueFrom, DueBefore time.Time
}

// shipSorts are the sortable fields of the queue.
var shipSorts = map[string]string{"ship_by": "o.ship_by", "paid_at": "o.paid_at", "order_no": "o.order_no", "id": "o.id"}

// ShippingQueue returns a page of the orders awaiting shipment in scope and
// their total. Sort: ship_by (default), paid_at, order_no, id, each with an
// optional "-"; orders without a deadline come last either way. Errors:
// invalid (sort).
func (s *Shipping) ShippingQueue(ctx context.Context, f ShippingQuery) ([]ShippingOrder, int, error) {
	var items []ShippingOrder
	q := s.awaiting(ctx, s.db.R.NewSelect().Model(&items), f.ShopIDs)
	if f.OrderNo != "" {
		q = q.Where("o.order_no = ?", f.OrderNo)
	}
	if !f.DueFrom.IsZero() {
		q = q.Where("o.ship_by >= ?", f.DueFrom.UTC())
	}
	if !f.DueBefore.IsZero() {
		q = q.Where("o.ship_by < ?", f.DueBefore.UTC())
	}
	sort := f.Sort
	if sort == "" {
		sort = "ship_by"
	}
	col, ok := shipSorts[strings.TrimPrefix(sort, "-")]
	if !ok {
		return nil, 0, apperr.Reject("query.sort", apperr.OneOf("ship_by", "paid_at", "order_no", "id"), "cannot sort by %q; sortable fields: ship_by, paid_at, order_no, id", sort)
	}
	dir := "ASC"
	if strings.HasPrefix(sort, "-") {
		dir = "DESC"
	}
	// NULLs sort differently on SQLite and PostgreSQL; put them last on both.
	q = q.OrderExpr("(? IS NULL) ASC", bun.Ident(col)).OrderExpr("? "+dir, bun.Ident(col)).OrderExpr("o.id ASC")
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list orders awaiting shipment")
	}
	return items, int(n), nil
}

// awaiting narrows q to paid orders of shopIDs in the caller's scope.
func (s *Shipping) awaiting(ctx context.Context, q *bun.SelectQuery, shopIDs []int64) *bun.SelectQuery {
	q = auth.Filter(ctx, q.Where("o.status = ?", shipStatusPaid), "o.shop_id", auth.ShopSet)
	if shopIDs != nil {
		if len(shopIDs) == 0 {
			return q.Where("1 = 0")
		}
		q = q.Where("o.shop_id IN (?)", bun.In(shopIDs))
	}
	return q
}

// ShippingCount is the queue of one shop at an instant.
type ShippingCount struct {
	ShopID  int64 `bun:"shop_id"`
	Waiting int   `bun:"waiting"`  // every order awaiting shipment
	DueSoon int   `bun:"due_soon"` // deadline in [now, soon)
	Overdue int   `bun:"overdue"`  // deadline before now
}

// ShippingCounts counts the orders awaiting shipment per shop in scope
// (shops with none are absent). shopIDs as in ShippingQuery.
func (s *Shipping) ShippingCounts(ctx context.Context, now, soon time.Time, shopIDs []int64) ([]ShippingCount, error) {
	var out []ShippingCount
	now, soon = now.UTC(), soon.UTC()
	q := s.awaiting(ctx, s.db.R.NewSelect().TableExpr("orders AS o"), shopIDs).
		ColumnExpr("o.shop_id").ColumnExpr("count(*) AS waiting").
		ColumnExpr("sum(CASE WHEN o.ship_by < ? THEN 1 ELSE 0 END) AS overdue", now).
		ColumnExpr("sum(CASE WHEN o.ship_by >= ? AND o.ship_by < ? THEN 1 ELSE 0 END) AS due_soon", now, soon).
		GroupExpr("o.shop_id").OrderExpr("o.shop_id")
	if err := q.Scan(ctx, &out); err != nil {
		return nil, apperr.Wrap(err, "count orders awaiting shipment")
	}
	return out, nil
}

// ShippingOrderByID returns one order in scope, read with idb (pass the
// transaction that will update it). Errors: not_found.
func (s *Shipping) ShippingOrderByID(ctx context.Context, idb bun.IDB, id int64) (ShippingOrder, error) {
	var o ShippingOrder
	err := auth.Filter(ctx, idb.NewSelect().Model(&o).Where("o.id = ?", id), "o.shop_id", auth.ShopSet).Scan(ctx)
	return o, db.NotFound(err, "order", id)
}

// ShippingOrdersByNo returns the orders in scope whose platform order number
// is one of nos, in shop shopID (0: any shop in scope). One number may match
// orders of several shops. Read with idb, like ShippingOrderByID.
func (s *Shipping) ShippingOrdersByNo(ctx context.Context, idb bun.IDB, shopID int64, nos []string) ([]ShippingOrder, error) {
	var out []ShippingOrder
	const chunk = 500
	for i := 0; i < len(nos); i += chunk {
		var part []ShippingOrder
		q := auth.Filter(ctx, idb.NewSelect().Model(&part).Where("o.order_no IN (?)", bun.In(nos[i:min(i+chunk, len(nos))])), "o.shop_id", auth.ShopSet)
		if shopID != 0 {
			q = q.Where("o.shop_id = ?", shopID)
		}
		if err := q.OrderExpr("o.id").Scan(ctx); err != nil {
			return nil, apperr.Wrap(err, "find orders by number")
		}
		out = append(out, part...)
	}
	return out, nil
}

// MarkShipped records that order o, as read in transaction tx, left with
// carrier and trackingNo: status shipped, shipped_at = at unless it was
// already shipped (a correction keeps the original time), carrier,
// tracking_no, version + 1, and a status event from source with note. The
// caller decides whether the order may ship (fulfilment.Decide). Errors:
// conflict when the order changed since it was read.
func (s *Shipping) MarkShipped(ctx context.Context, tx bun.IDB, o ShippingOrder, carrier, trackingNo string, at time.Time, source, note string) (ShippingOrder, error) {
	at = at.UTC()
	n := o
	n.Status, n.Carrier, n.TrackingNo, n.UpdatedAt, n.Version = shipStatusShipped, carrier, trackingNo, at, o.Version+1
	if o.ShippedAt == nil || o.Status != shipStatusShipped {
		n.ShippedAt = &at
	}
	res, err := tx.NewUpdate().Model(&n).Column("status", "shipped_at", "carrier", "tracking_no", "updated_at", "version").
		Where("id = ?", o.ID).Where("version = ?", o.Version).Where("status = ?", o.Status).Exec(ctx)
	if err != nil {
		return o, apperr.Wrap(err, "mark order shipped")
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return o, apperr.StaleVersion("order", o.OrderNo)
	}
	ev := shipEvent{OrderID: o.ID, At: at, Status: shipStatusShipped, Source: source, Note: note}
	if _, err := tx.NewInsert().Model(&ev).Exec(ctx); err != nil {
		return o, apperr.Wrap(err, "write order event")
	}
	return n, nil
}

// SyncShipBy re-derives ship_by = ShipBy(paid_at, hours) for shop shopID's
// orders still awaiting shipment whose stored deadline differs, and returns
// how many changed. Orders already shipped, completed or closed keep the
// deadline that applied when they were paid, so on-time statistics keep the
// promise made then. It ignores data scope (the caller changed the shop) and
// does not bump versions: ship_by is derived, not edited.
func (s *Shipping) SyncShipBy(ctx context.Context, tx bun.IDB, shopID int64, hours int) (int, error) {
	var rows []ShippingOrder
	if err := tx.NewSelect().Model(&rows).Column("id", "paid_at", "ship_by").
		Where("o.shop_id = ?", shopID).Where("o.status = ?", shipStatusPaid).Scan(ctx); err != nil {
		return 0, apperr.Wrap(err, "load orders awaiting shipment")
	}
	changed := 0
	for _, r := range rows {
		var want *time.Time
		if r.PaidAt != nil {
			t := ShipBy(*r.PaidAt, hours)
			want = &t
		}
		if (want == nil && r.ShipBy == nil) || (want != nil && r.ShipBy != nil && want.Equal(*r.ShipBy)) {
			continue
		}
		if _, err := tx.NewUpdate().Model((*ShippingOrder)(nil)).Set("ship_by = ?", want).Where("id = ?", r.ID).Exec(ctx); err != nil {
			return changed, apperr.Wrap(err, "update ship-by deadline")
		}
		changed++
	}
	return changed, nil
}
