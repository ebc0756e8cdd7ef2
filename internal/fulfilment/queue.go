package fulfilment

import (
	"context"
	"slices"
	"time"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/sales"
)

// QueueFilter filters the processing queue.
type QueueFilter struct {
	api.Page
	ShopID    int64  `query:"shop_id" doc:"one shop; outside the caller's scope answers 404"`
	Platform  string `query:"platform" enum:"taobao,tmall,jd,pdd,douyin,kuaishou,other,"`
	State     string `query:"state" enum:"overdue,due_soon," doc:"overdue: deadline passed; due_soon: deadline within soon_hours"`
	DueBefore string `query:"due_before" doc:"deadline before this RFC 3339 instant, or before the end of this YYYY-MM-DD (company time zone)"`
	OrderNo   string `query:"order_no" maxLength:"64" doc:"exact platform order number"`
	SoonHours int    `query:"soon_hours" minimum:"0" maximum:"168" doc:"the due-soon window in hours; 0 means 6"`
}

// QueueItem is an order awaiting shipment with its deadline state.
type QueueItem struct {
	ID              int64      `json:"id" doc:"order id"`
	ShopID          int64      `json:"shop_id"`
	ShopCode        string     `json:"shop_code"`
	ShopName        string     `json:"shop_name"`
	Platform        string     `json:"platform"`
	ShipWithinHours int        `json:"ship_within_hours" doc:"the shop's promise, hours after payment"`
	OrderNo         string     `json:"order_no"`
	Status          string     `json:"status"`
	PaidAt          *time.Time `json:"paid_at"`
	ShipBy          *time.Time `json:"ship_by" doc:"ship-by deadline: paid_at + the shop's ship_within_hours"`
	State           string     `json:"state" enum:"overdue,due_soon,on_time,unknown"`
	Overdue         bool       `json:"overdue"`
	DueSoon         bool       `json:"due_soon"`
	MinutesLeft     *int64     `json:"minutes_left" doc:"until the deadline, negative when overdue; null without deadline"`
	PaidFen         int64      `json:"paid_fen"`
	Units           int64      `json:"units"`
	Version         int        `json:"version"`
}

func (f QueueFilter) soon() time.Duration {
	if f.SoonHours > 0 {
		return time.Duration(f.SoonHours) * time.Hour
	}
	return DueSoonWindow
}

// Queue returns a page of the orders awaiting shipment in the caller's
// shops, sorted by deadline unless sort says otherwise, and the total.
// Errors: not_found (shop_id outside scope), invalid (due_before, sort).
func (s *Service) Queue(ctx context.Context, f QueueFilter) ([]QueueItem, int, error) {
	shops, err := s.shops(ctx)
	if err != nil {
		return nil, 0, err
	}
	ids, err := shopIDs(shops, f.ShopID, f.Platform)
	if err != nil {
		return nil, 0, err
	}
	now := s.now()
	q := sales.ShippingQuery{Page: f.Page, ShopIDs: ids, OrderNo: f.OrderNo}
	if f.DueBefore != "" {
		_, t, err := api.Range("", f.DueBefore, s.location(ctx))
		if err != nil {
			return nil, 0, apperr.Reject("query.due_before", apperr.Format("date"), "due_before must be YYYY-MM-DD or an RFC 3339 time")
		}
		q.DueBefore = t
	}
	switch f.State {
	case StateOverdue:
		q.DueBefore = earliest(q.DueBefore, now)
	case StateDueSoon:
		q.DueFrom = now
		q.DueBefore = earliest(q.DueBefore, now.Add(f.soon()))
	}
	orders, total, err := s.orders.ShippingQueue(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	items := make([]QueueItem, len(orders))
	for i, o := range orders {
		items[i] = queueItem(o, shops[o.ShopID], now, f.soon())
	}
	return items, total, nil
}

// earliest returns the earlier of a (zero: open) and b.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

func queueItem(o sales.ShippingOrder, sh org.Shop, now time.Time, soon time.Duration) QueueItem {
	it := QueueItem{ID: o.ID, ShopID: o.ShopID, ShopCode: sh.Code, ShopName: sh.Name, Platform: sh.Platform,
		ShipWithinHours: sh.ShipWithinHours, OrderNo: o.OrderNo, Status: o.Status, PaidAt: o.PaidAt, ShipBy: o.ShipBy,
		State: DeadlineState(o.ShipBy, now, soon), PaidFen: o.PaidFen, Units: o.Units, Version: o.Version}
	it.Overdue, it.DueSoon = it.State == StateOverdue, it.State == StateDueSoon
	if o.ShipBy != nil {
		m := int64(o.ShipBy.Sub(now) / time.Minute)
		it.MinutesLeft = &m
	}
	return it
}

// ShopQueue is the queue summary of one shop.
type ShopQueue struct {
	ShopID          int64  `json:"shop_id"`
	ShopCode        string `json:"shop_code"`
	ShopName        string `json:"shop_name"`
	Platform        string `json:"platform"`
	ShipWithinHours int    `json:"ship_within_hours"`
	QueueCounts
}

// QueueCounts are the counts of a queue summary.
type QueueCounts struct {
	Waiting int `json:"waiting" doc:"paid orders awaiting shipment"`
	DueSoon int `json:"due_soon" doc:"of which the deadline is within soon_hours"`
	Overdue int `json:"overdue" doc:"of which the deadline has passed"`
}

// QueueSummary is the dashboard's view of the queue.
type QueueSummary struct {
	AsOf      time.Time   `json:"as_of"`
	SoonHours int         `json:"soon_hours"`
	Totals    QueueCounts `json:"totals"`
	Shops     []ShopQueue `json:"shops" doc:"every active shop in scope, also those with nothing waiting, by code"`
}

// SummaryFilter narrows the summary.
type SummaryFilter struct {
	ShopID    int64  `query:"shop_id"`
	Platform  string `query:"platform" enum:"taobao,tmall,jd,pdd,douyin,kuaishou,other,"`
	SoonHours int    `query:"soon_hours" minimum:"0" maximum:"168" doc:"the due-soon window in hours; 0 means 6"`
}

// Summary counts the orders awaiting shipment, due soon and overdue per
// shop of the caller's scope, for the dashboard. Disabled shops appear only
// while they still have orders waiting. Errors: not_found (shop_id).
func (s *Service) Summary(ctx context.Context, f SummaryFilter) (QueueSummary, error) {
	shops, err := s.shops(ctx)
	if err != nil {
		return QueueSummary{}, err
	}
	ids, err := shopIDs(shops, f.ShopID, f.Platform)
	if err != nil {
		return QueueSummary{}, err
	}
	soon := QueueFilter{SoonHours: f.SoonHours}.soon()
	now := s.now()
	counts, err := s.orders.ShippingCounts(ctx, now, now.Add(soon), ids)
	if err != nil {
		return QueueSummary{}, err
	}
	byShop := map[int64]QueueCounts{}
	for _, c := range counts {
		byShop[c.ShopID] = QueueCounts{Waiting: c.Waiting, DueSoon: c.DueSoon, Overdue: c.Overdue}
	}
	out := QueueSummary{AsOf: now, SoonHours: int(soon / time.Hour), Shops: []ShopQueue{}}
	for id, sh := range shops {
		c, has := byShop[id]
		if (ids != nil && !slices.Contains(ids, id)) || (!has && sh.Status != "active") {
			continue
		}
		out.Shops = append(out.Shops, ShopQueue{ShopID: id, ShopCode: sh.Code, ShopName: sh.Name, Platform: sh.Platform,
			ShipWithinHours: sh.ShipWithinHours, QueueCounts: c})
		out.Totals.Waiting += c.Waiting
		out.Totals.DueSoon += c.DueSoon
		out.Totals.Overdue += c.Overdue
	}
	slices.SortFunc(out.Shops, func(a, b ShopQueue) int {
		if a.ShopCode < b.ShopCode {
			return -1
		}
		if a.ShopCode > b.ShopCode {
			return 1
		}
		return 0
	})
	return out, nil
}
