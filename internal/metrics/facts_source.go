package metrics

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/sales"
)

// loadPaidFacts reads, for `kpi rebuild`, up to limit paid orders with id >
// after (of the given shops; all shops when shops is nil) with their lines,
// in id order, as the facts the sales writer passes to OnOrderChange. This
// is the one place metrics reads the orders tables, read-only; the mapping
// is the contract the writer's facts must follow for rebuild and incremental
// maintenance to agree:
//
//	OrderFacts: OrderID=orders.id, ShopID=orders.shop_id, CustomerID=orders.customer_id (NULL -> 0),
//	            PaidAt=orders.paid_at, PaidFen=orders.paid_fen, RefundedFen=orders.refunded_fen, Units=orders.units
//	LineFacts:  SKUID=order_lines.sku_id (NULL -> 0), ListingID=order_lines.listing_id (NULL -> 0),
//	            Quantity, PaidFen, RefundedFen=order_lines.quantity, paid_fen, refunded_fen
func loadPaidFacts(ctx context.Context, idb bun.IDB, shops []int64, after int64, limit int) ([]sales.OrderFacts, error) {
	var orders []struct {
		ID          int64     `bun:"id"`
		ShopID      int64     `bun:"shop_id"`
		CustomerID  *int64    `bun:"customer_id"`
		PaidAt      time.Time `bun:"paid_at"`
		PaidFen     int64     `bun:"paid_fen"`
		RefundedFen int64     `bun:"refunded_fen"`
		Units       int64     `bun:"units"`
	}
	q := idb.NewSelect().Table("orders").Column("id", "shop_id", "customer_id", "paid_at", "paid_fen", "refunded_fen", "units").
		Where("paid_at IS NOT NULL").Where("id > ?", after).OrderExpr("id").Limit(int64(limit))
	if shops != nil {
		q = q.Where("shop_id IN (?)", bun.In(shops))
	}
	if err := q.Scan(ctx, &orders); err != nil {
		return nil, apperr.Wrap(err, "read orders")
	}
	if len(orders) == 0 {
		return nil, nil
	}
	facts := make([]sales.OrderFacts, len(orders))
	index := make(map[int64]int, len(orders))
	for i, o := range orders {
		paid := o.PaidAt
		facts[i] = sales.OrderFacts{OrderID: o.ID, ShopID: o.ShopID, PaidAt: &paid, PaidFen: o.PaidFen, RefundedFen: o.RefundedFen, Units: o.Units}
		if o.CustomerID != nil {
			facts[i].CustomerID = *o.CustomerID
		}
		index[o.ID] = i
	}
	var lines []struct {
		OrderID     int64  `bun:"order_id"`
		SKUID       *int64 `bun:"sku_id"`
		ListingID   *int64 `bun:"listing_id"`
		Quantity    int64  `bun:"quantity"`
		PaidFen     int64  `bun:"paid_fen"`
		RefundedFen int64  `bun:"refunded_fen"`
	}
	// The chunk's ids are ascending, so one range read finds every line;
	// lines of orders outside the chunk (unpaid, other shops) are skipped.
	err := idb.NewSelect().Table("order_lines").Column("order_id", "sku_id", "listing_id", "quantity", "paid_fen", "refunded_fen").
		Where("order_id BETWEEN ? AND ?", orders[0].ID, orders[len(orders)-1].ID).OrderExpr("order_id, line_no").Scan(ctx, &lines)
	if err != nil {
		return nil, apperr.Wrap(err, "read order lines")
	}
	for _, l := range lines {
		i, ok := index[l.OrderID]
		if !ok {
			continue
		}
		lf := sales.LineFacts{Quantity: l.Quantity, PaidFen: l.PaidFen, RefundedFen: l.RefundedFen}
		if l.SKUID != nil {
			lf.SKUID = *l.SKUID
		}
		if l.ListingID != nil {
			lf.ListingID = *l.ListingID
		}
		facts[i].Lines = append(facts[i].Lines, lf)
	}
	return facts, nil
}
