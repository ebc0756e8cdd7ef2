package sales

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// OrderFilter filters the order list. Date bounds are business dates
// (YYYY-MM-DD, the to-date included) in the company time zone or RFC 3339
// instants.
type OrderFilter struct {
	api.Page
	Q           string `query:"q" doc:"matches the order number or the buyer nick"`
	OrderNo     string `query:"order_no" doc:"exact platform order number"`
	Buyer       string `query:"buyer" doc:"buyer nick contains"`
	Status      string `query:"status" enum:"pending_payment,paid,shipped,completed,closed,"`
	ShopID      int64  `query:"shop_id"`
	OrderedFrom string `query:"ordered_from"`
	OrderedTo   string `query:"ordered_to"`
	PaidFrom    string `query:"paid_from"`
	PaidTo      string `query:"paid_to"`
	CustomerID  int64  `query:"customer_id"`
	SKUID       int64  `query:"sku_id" doc:"orders with a line of this SKU"`
	// Drill-down filters of the dashboard (docs/API.md, metrics Drill).
	ShopIDs     []int64 `query:"shop_ids" doc:"comma-separated shop ids"`
	ListingID   int64   `query:"listing_id" doc:"orders with a line of this listing"`
	Refunded    bool    `query:"refunded" doc:"only orders with a refund (refunded_fen > 0)"`
	CostUnknown bool    `query:"cost_unknown" doc:"only orders with a line whose cost is unknown (no SKU, or SKU cost 0)"`
	Anonymous   bool    `query:"anonymous" doc:"only orders without buyer identity"`
}

func orderQuery(ctx context.Context, idb bun.IDB, dst any) *bun.SelectQuery {
	q := idb.NewSelect().Model(dst).ColumnExpr("o.*").ColumnExpr("s.code AS shop_code, s.name AS shop_name").
		Join("JOIN shops AS s ON s.id = o.shop_id")
	return auth.Filter(ctx, q, "o.shop_id", auth.ShopSet)
}

// ListOrders returns a page of the orders of the shops in scope, receivers masked.
func (s *Service) ListOrders(ctx context.Context, f OrderFilter) ([]Order, int, error) {
	var items []Order
	q := orderQuery(ctx, s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(strings.TrimSpace(f.Q)) + "%"
		q = q.Where("(o.order_no LIKE ? OR lower(o.buyer_nick) LIKE ?)", like, like)
	}
	if f.OrderNo != "" {
		q = q.Where("o.order_no = ?", strings.TrimSpace(f.OrderNo))
	}
	if f.Buyer != "" {
		q = q.Where("lower(o.buyer_nick) LIKE ?", "%"+strings.ToLower(f.Buyer)+"%")
	}
	if f.Status != "" {
		q = q.Where("o.status = ?", f.Status)
	}
	if f.ShopID != 0 {
		q = q.Where("o.shop_id = ?", f.ShopID)
	}
	if f.CustomerID != 0 {
		q = q.Where("o.customer_id = ?", f.CustomerID)
	}
	if f.SKUID != 0 {
		q = q.Where("EXISTS (SELECT 1 FROM order_lines AS ol WHERE ol.order_id = o.id AND ol.sku_id = ?)", f.SKUID)
	}
	if len(f.ShopIDs) > 0 {
		q = q.Where("o.shop_id IN (?)", bun.In(f.ShopIDs))
	}
	if f.ListingID != 0 {
		q = q.Where("EXISTS (SELECT 1 FROM order_lines AS ol WHERE ol.order_id = o.id AND ol.listing_id = ?)", f.ListingID)
	}
	if f.Refunded {
		q = q.Where("o.refunded_fen > 0")
	}
	if f.CostUnknown {
		q = q.Where("EXISTS (SELECT 1 FROM order_lines AS ol LEFT JOIN skus AS k ON k.id = ol.sku_id WHERE ol.order_id = o.id AND (ol.sku_id IS NULL OR k.cost_fen <= 0))")
	}
	if f.Anonymous {
		q = q.Where("o.customer_id IS NULL")
	}
	loc := s.loc(ctx)
	for _, r := range []struct{ col, from, to, name string }{{"o.ordered_at", f.OrderedFrom, f.OrderedTo, "ordered"}, {"o.paid_at", f.PaidFrom, f.PaidTo, "paid"}} {
		from, to, err := api.Range(r.from, r.to, loc)
		if err != nil {
			return nil, 0, apperr.Relocate(err, func(loc string) string { return strings.Replace(loc, "query.", "query."+r.name+"_", 1) })
		}
		if !from.IsZero() {
			q = q.Where("? >= ?", bun.Ident(r.col), from)
		}
		if !to.IsZero() {
			q = q.Where("? < ?", bun.Ident(r.col), to)
		}
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "o.id", "order_no": "o.order_no", "ordered_at": "o.ordered_at",
		"paid_at": "o.paid_at", "paid_fen": "o.paid_fen", "status": "o.status"}, "-ordered_at")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list orders")
	}
	for i := range items {
		items[i] = items[i].masked()
	}
	return items, int(n), nil
}

// OrderDetail is an order with its lines, status timeline and customer.
type OrderDetail struct {
	Order
	Lines    []OrderLine  `json:"lines"`
	Events   []OrderEvent `json:"events"`
	Customer *Customer    `json:"customer"`
}

// OrderDetail returns one order of a shop in scope, personal data masked.
// Errors: not_found (also for an order of a shop outside the scope).
func (s *Service) OrderDetail(ctx context.Context, id int64) (OrderDetail, error) {
	o, err := s.order(ctx, s.db.R, id)
	if err != nil {
		return OrderDetail{}, err
	}
	d := OrderDetail{Order: o.masked(), Lines: []OrderLine{}, Events: []OrderEvent{}}
	if err := s.db.R.NewSelect().Model(&d.Lines).Where("order_id = ?", id).OrderExpr("line_no").Scan(ctx); err != nil {
		return d, apperr.Wrap(err, "load order lines")
	}
	if err := s.db.R.NewSelect().Model(&d.Events).Where("order_id = ?", id).OrderExpr("at, id").Scan(ctx); err != nil {
		return d, apperr.Wrap(err, "load order events")
	}
	if o.CustomerID != nil {
		var c Customer
		if err := s.db.R.NewSelect().Model(&c).Where("id = ?", *o.CustomerID).Scan(ctx); err == nil {
			c = c.masked()
			d.Customer = &c
		}
	}
	return d, nil
}

func (s *Service) order(ctx context.Context, idb bun.IDB, id int64) (Order, error) {
	var o Order
	err := orderQuery(ctx, idb, &o).Where("o.id = ?", id).Scan(ctx)
	return o, db.NotFound(err, "order", id)
}

// Receiver is an order's or customer's personal data in full.
type Receiver struct {
	Name    string `json:"receiver_name"`
	Phone   string `json:"receiver_phone"`
	Address string `json:"receiver_address"`
}

// RevealReceiver returns an order's receiver in full and audits the reveal
// (the caller needs pii:reveal). Errors: not_found.
func (s *Service) RevealReceiver(ctx context.Context, id int64) (Receiver, error) {
	var r Receiver
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.order(ctx, tx, id)
		if err != nil {
			return err
		}
		r = Receiver{Name: o.ReceiverName, Phone: o.ReceiverPhone, Address: o.ReceiverAddress}
		trail.Change(ctx, "order.receiver_reveal", id, nil, map[string]any{"order_no": o.OrderNo, "fields": []string{"receiver_name", "receiver_phone", "receiver_address"}})
		return nil
	})
	return r, err
}

// CustomerFilter filters the customer list.
type CustomerFilter struct {
	api.Page
	Q      string `query:"q" doc:"buyer nick contains"`
	ShopID int64  `query:"shop_id"`
}

func customerQuery(ctx context.Context, idb bun.IDB, dst any) *bun.SelectQuery {
	q := idb.NewSelect().Model(dst).ColumnExpr("c.*").
		ColumnExpr("(SELECT min(o.ordered_at) FROM orders AS o WHERE o.customer_id = c.id) AS first_order_at").
		ColumnExpr("(SELECT max(o.ordered_at) FROM orders AS o WHERE o.customer_id = c.id) AS last_order_at").
		ColumnExpr("(SELECT count(*) FROM orders AS o WHERE o.customer_id = c.id) AS orders")
	return auth.Filter(ctx, q, "c.shop_id", auth.ShopSet)
}

// ListCustomers returns a page of the customers of the shops in scope, masked.
func (s *Service) ListCustomers(ctx context.Context, f CustomerFilter) ([]Customer, int, error) {
	var items []Customer
	q := customerQuery(ctx, s.db.R, &items)
	if f.Q != "" {
		q = q.Where("lower(c.buyer_nick) LIKE ?", "%"+strings.ToLower(f.Q)+"%")
	}
	if f.ShopID != 0 {
		q = q.Where("c.shop_id = ?", f.ShopID)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "c.id", "buyer_nick": "c.buyer_nick", "last_order_at": "last_order_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list customers")
	}
	for i := range items {
		items[i] = items[i].masked()
	}
	return items, int(n), nil
}

// RevealCustomer returns a customer's personal data in full, audited.
// Errors: not_found.
func (s *Service) RevealCustomer(ctx context.Context, id int64) (Receiver, error) {
	var r Receiver
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var c Customer
		if err := customerQuery(ctx, tx, &c).Where("c.id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "customer", id)
		}
		r = Receiver{Name: c.ReceiverName, Phone: c.Phone, Address: c.Address}
		trail.Change(ctx, "customer.reveal", id, nil, map[string]any{"fields": []string{"receiver_name", "phone", "address"}})
		return nil
	})
	return r, err
}
