package sales

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"ecomops/internal/catalog"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
)

// existingOrder is what a batch needs to know of an order already stored.
type existingOrder struct {
	bun.BaseModel `bun:"table:orders,alias:o"`
	ID            int64      `bun:"id"`
	ShopID        int64      `bun:"shop_id"`
	OrderNo       string     `bun:"order_no"`
	Status        string     `bun:"status"`
	ContentHash   string     `bun:"content_hash"`
	ImportID      *int64     `bun:"import_id"`
	CustomerID    *int64     `bun:"customer_id"`
	PaidAt        *time.Time `bun:"paid_at"`
	PaidFen       int64      `bun:"paid_fen"`
	RefundedFen   int64      `bun:"refunded_fen"`
	Units         int64      `bun:"units"`
}

// batchResult is what one committed batch changed.
type batchResult struct {
	inserted, updated, unchanged, rejected int
	errs                                   []RowError
}

// pending is an order of the batch that will be written.
type pending struct {
	rec     *OrderRecord
	hash    string
	old     *existingOrder // nil for a new order
	id      int64
	custID  *int64
	lineRef []catalog.ListingRef
}

// orderWriter writes batches of one import. The engine-specific bulk
// statements live in write_sqlite.go and write_postgres.go.
type orderWriter struct {
	s          *Service
	shopID     int64
	importID   int64
	shipWithin time.Duration
	bulk       bulkWriter
}

// bulkWriter is the engine's way of writing many rows at once inside tx.
type bulkWriter interface {
	// upsertCustomers writes the customers and returns their ids by buyer key.
	upsertCustomers(ctx context.Context, tx bun.Tx, rows [][]any) (map[string]int64, error)
	// upsertOrders writes the orders and returns their ids by order number.
	upsertOrders(ctx context.Context, tx bun.Tx, rows [][]any) (map[string]int64, error)
	// insert appends plain rows to table.
	insert(ctx context.Context, tx bun.Tx, table string, cols []string, rows [][]any) error
	// close releases prepared statements and the connection.
	close()
	// inTx runs fn in a transaction on the writer's connection.
	inTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error
}

var (
	orderCols = []string{"shop_id", "order_no", "status", "raw_status", "customer_id", "buyer_nick", "ordered_at", "paid_at",
		"shipped_at", "completed_at", "closed_at", "ship_by", "goods_fen", "shipping_fen", "discount_fen", "paid_fen", "refunded_fen",
		"units", "receiver_name", "receiver_phone", "receiver_address", "carrier", "tracking_no", "buyer_message", "seller_memo",
		"close_reason", "content_hash", "import_id", "version", "created_at", "updated_at"}
	customerCols = []string{"shop_id", "buyer_key", "buyer_nick", "receiver_name", "phone", "address", "created_at", "updated_at"}
	lineCols     = []string{"order_id", "line_no", "sub_order_no", "listing_id", "sku_id", "platform_item_id", "merchant_code", "title",
		"attributes", "quantity", "unit_price_fen", "paid_fen", "refund_status", "refunded_fen"}
	eventCols = []string{"order_id", "at", "status", "raw_status", "source", "note"}
)

// write stores one batch in tx: looks up the batch's orders in one query,
// skips unchanged ones, upserts customers and orders, replaces the lines of
// changed orders, records status events, calls the OnChange hook and moves
// the session's counters, so progress always matches what is committed.
func (w *orderWriter) write(ctx context.Context, tx bun.Tx, b *batch, now time.Time) (batchResult, error) {
	res := batchResult{rejected: b.rejected, errs: b.errs}
	existing, err := w.lookup(ctx, tx, b.orders)
	if err != nil {
		return res, err
	}
	var work []*pending
	for _, rec := range b.orders {
		h := rec.contentHash()
		old := existing[rec.OrderNo]
		switch {
		case old != nil && old.ImportID != nil && *old.ImportID == w.importID:
			res.errs = append(res.errs, rowError(rec.File, rec.Row, "", rec.OrderNo, apperr.Because("duplicate_order_earlier", apperr.P{"order_no": rec.OrderNo}),
				"duplicate order number %s: it already appeared earlier in this file", rec.OrderNo))
			res.rejected += rec.Rows
		case old != nil && old.ContentHash == h:
			res.unchanged++
		default:
			work = append(work, &pending{rec: rec, hash: h, old: old})
			if old == nil {
				res.inserted++
			} else {
				res.updated++
			}
		}
	}
	if len(work) > 0 {
		if err := w.writeOrders(ctx, tx, work, now); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (w *orderWriter) lookup(ctx context.Context, tx bun.Tx, recs []*OrderRecord) (map[string]*existingOrder, error) {
	out := make(map[string]*existingOrder, len(recs))
	nos := make([]string, len(recs))
	for i, r := range recs {
		nos[i] = r.OrderNo
	}
	// One statement with the numbers bound as one parameter (a JSON array on
	// SQLite, a text[] on PostgreSQL) rather than hundreds of literals, which
	// SQLite would parse again for every batch.
	var rows []existingOrder
	q := tx.NewSelect().Model(&rows).Where("shop_id = ?", w.shopID)
	if w.s.db.Kind == db.Postgres {
		q = q.Where("order_no = ANY(?)", pgdialect.Array(nos))
	} else {
		list, _ := json.Marshal(nos)
		q = q.Where("order_no IN (SELECT value FROM json_each(?))", string(list))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "look up orders")
	}
	for i := range rows {
		out[rows[i].OrderNo] = &rows[i]
	}
	return out, nil
}

func (w *orderWriter) writeOrders(ctx context.Context, tx bun.Tx, work []*pending, now time.Time) error {
	custIDs, err := w.writeCustomers(ctx, tx, work, now)
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(work))
	for _, p := range work {
		r := p.rec
		if id, ok := custIDs[r.BuyerKey]; ok && r.BuyerKey != "" {
			p.custID = &id
		}
		var shipBy *time.Time
		if r.PaidAt != nil && w.shipWithin > 0 {
			t := r.PaidAt.Add(w.shipWithin)
			shipBy = &t
		}
		created := now
		rows = append(rows, []any{w.shopID, r.OrderNo, r.Status, r.RawStatus, p.custID, r.BuyerNick, r.OrderedAt, r.PaidAt,
			r.ShippedAt, r.CompletedAt, r.ClosedAt, shipBy, r.GoodsFen, r.ShippingFen, r.DiscountFen, r.PaidFen, r.RefundedFen,
			r.Units, r.ReceiverName, r.ReceiverPhone, r.ReceiverAddress, r.Carrier, r.TrackingNo, r.BuyerMessage, r.SellerMemo,
			r.CloseReason, p.hash, w.importID, 1, created, now})
	}
	ids, err := w.bulk.upsertOrders(ctx, tx, rows)
	if err != nil {
		return err
	}
	var changed []int64
	for _, p := range work {
		id, ok := ids[p.rec.OrderNo]
		if !ok {
			return apperr.New(apperr.Internal, "order %s was not written", p.rec.OrderNo)
		}
		p.id = id
		if p.old != nil {
			changed = append(changed, id)
		}
	}
	var oldLines map[int64][]LineFacts
	if w.s.OnChange != nil && len(changed) > 0 {
		if oldLines, err = loadLineFacts(ctx, tx, changed); err != nil {
			return err
		}
	}
	if err := w.writeLines(ctx, tx, work, changed, now); err != nil {
		return err
	}
	if err := w.writeEvents(ctx, tx, work, now); err != nil {
		return err
	}
	if w.s.OnChange == nil {
		return nil
	}
	changes := make([]OrderChange, 0, len(work))
	for _, p := range work {
		changes = append(changes, OrderChange{Old: p.oldFacts(w.shopID, oldLines), New: p.newFacts(w.shopID)})
	}
	if err := w.s.OnChange(ctx, tx, changes); err != nil {
		return apperr.Wrap(err, "update derived data of the imported orders")
	}
	return nil
}

// writeCustomers finds or creates one customer per buyer key of the batch.
// A customer row is written only when it is new or the batch brings other
// details (nick, receiver) than stored; first and last order times are
// read from the orders, so a repeat buyer costs no write.
func (w *orderWriter) writeCustomers(ctx context.Context, tx bun.Tx, work []*pending, now time.Time) (map[string]int64, error) {
	type details struct{ nick, name, phone, addr string }
	byKey := map[string]*details{}
	var keys []string
	for _, p := range work {
		r := p.rec
		if r.BuyerKey == "" {
			continue
		}
		d := byKey[r.BuyerKey]
		if d == nil {
			d = &details{}
			byKey[r.BuyerKey] = d
			keys = append(keys, r.BuyerKey)
		}
		if r.BuyerNick != "" {
			d.nick = r.BuyerNick
		}
		if r.ReceiverName != "" || r.ReceiverPhone != "" || r.ReceiverAddress != "" {
			d.name, d.phone, d.addr = r.ReceiverName, r.ReceiverPhone, r.ReceiverAddress
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	var stored []Customer
	q := tx.NewSelect().Model(&stored).Column("id", "buyer_key", "buyer_nick", "receiver_name", "phone", "address").Where("shop_id = ?", w.shopID)
	if w.s.db.Kind == db.Postgres {
		q = q.Where("buyer_key = ANY(?)", pgdialect.Array(keys))
	} else {
		list, _ := json.Marshal(keys)
		q = q.Where("buyer_key IN (SELECT value FROM json_each(?))", string(list))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "look up customers")
	}
	ids := make(map[string]int64, len(keys))
	have := make(map[string]*Customer, len(stored))
	for i := range stored {
		have[stored[i].BuyerKey] = &stored[i]
	}
	var rows [][]any
	for _, k := range keys {
		d := byKey[k]
		if c := have[k]; c != nil {
			same := (d.nick == "" || d.nick == c.BuyerNick) &&
				(d.name == "" || d.name == c.ReceiverName) && (d.phone == "" || d.phone == c.Phone) && (d.addr == "" || d.addr == c.Address)
			if same {
				ids[k] = c.ID
				continue
			}
		}
		rows = append(rows, []any{w.shopID, k, d.nick, d.name, d.phone, d.addr, now, now})
	}
	if len(rows) == 0 {
		return ids, nil
	}
	written, err := w.bulk.upsertCustomers(ctx, tx, rows)
	for k, id := range written {
		ids[k] = id
	}
	return ids, err
}

// writeLines replaces the lines of changed orders and adds those of new ones.
func (w *orderWriter) writeLines(ctx context.Context, tx bun.Tx, work []*pending, changed []int64, now time.Time) error {
	for start := 0; start < len(changed); start += 900 {
		if _, err := tx.NewDelete().TableExpr("order_lines").Where("order_id IN (?)", bun.In(changed[start:min(start+900, len(changed))])).Exec(ctx); err != nil {
			return apperr.Wrap(err, "replace order lines")
		}
	}
	var seen []catalog.SeenListing
	for _, p := range work {
		for _, l := range p.rec.Lines {
			seen = append(seen, catalog.SeenListing{ListingKey: catalog.ListingKey{ItemID: l.ItemID, SKUID: l.PlatformSKUID},
				MerchantCode: l.MerchantCode, Title: l.Title, Attributes: l.Attributes, PriceFen: l.UnitPriceFen})
		}
	}
	if len(seen) == 0 {
		return nil
	}
	refs, err := w.s.catalog.EnsureListings(ctx, tx, w.shopID, seen, now)
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(seen))
	for _, p := range work {
		p.lineRef = make([]catalog.ListingRef, len(p.rec.Lines))
		for i, l := range p.rec.Lines {
			ref := refs[catalog.ListingKey{ItemID: l.ItemID, SKUID: l.PlatformSKUID}]
			p.lineRef[i] = ref
			var sku *int64
			if ref.SKUID != 0 {
				sku = &ref.SKUID
			}
			rows = append(rows, []any{p.id, i + 1, l.SubOrderNo, ref.ID, sku, l.ItemID, l.MerchantCode, l.Title, l.Attributes,
				l.Quantity, l.UnitPriceFen, l.PaidFen, l.RefundStatus, l.RefundedFen})
		}
	}
	return w.bulk.insert(ctx, tx, "order_lines", lineCols, rows)
}

// writeEvents adds a timeline event for every new order and every order
// whose status changed.
func (w *orderWriter) writeEvents(ctx context.Context, tx bun.Tx, work []*pending, now time.Time) error {
	source := fmt.Sprintf("import:%d", w.importID)
	var rows [][]any
	for _, p := range work {
		r := p.rec
		if p.old != nil && p.old.Status == r.Status {
			continue
		}
		at, note := r.statusTime(), "imported"
		if at == nil {
			at = &now
		}
		if p.old != nil {
			note = "status changed from " + p.old.Status
		}
		rows = append(rows, []any{p.id, *at, r.Status, r.RawStatus, source, note})
	}
	return w.bulk.insert(ctx, tx, "order_events", eventCols, rows)
}

// statusTime is the time the order reached its current status, when the file says.
func (r *OrderRecord) statusTime() *time.Time {
	switch r.Status {
	case StatusPendingPayment:
		return &r.OrderedAt
	case StatusPaid:
		return r.PaidAt
	case StatusShipped:
		return r.ShippedAt
	case StatusCompleted:
		return r.CompletedAt
	case StatusClosed:
		return r.ClosedAt
	}
	return nil
}

func (p *pending) newFacts(shopID int64) *OrderFacts {
	f := &OrderFacts{OrderID: p.id, ShopID: shopID, PaidAt: p.rec.PaidAt, PaidFen: p.rec.PaidFen, RefundedFen: p.rec.RefundedFen, Units: p.rec.Units}
	if p.custID != nil {
		f.CustomerID = *p.custID
	}
	for i, l := range p.rec.Lines {
		ref := p.lineRef[i]
		f.Lines = append(f.Lines, LineFacts{SKUID: ref.SKUID, ListingID: ref.ID, Quantity: l.Quantity, PaidFen: l.PaidFen, RefundedFen: l.RefundedFen})
	}
	return f
}

func (p *pending) oldFacts(shopID int64, lines map[int64][]LineFacts) *OrderFacts {
	if p.old == nil {
		return nil
	}
	o := p.old
	f := &OrderFacts{OrderID: o.ID, ShopID: shopID, PaidAt: o.PaidAt, PaidFen: o.PaidFen, RefundedFen: o.RefundedFen, Units: o.Units, Lines: lines[o.ID]}
	if o.CustomerID != nil {
		f.CustomerID = *o.CustomerID
	}
	return f
}

// loadLineFacts reads the stored lines of orders as the rollups see them.
func loadLineFacts(ctx context.Context, idb bun.IDB, orderIDs []int64) (map[int64][]LineFacts, error) {
	out := map[int64][]LineFacts{}
	for start := 0; start < len(orderIDs); start += 900 {
		var rows []OrderLine
		if err := idb.NewSelect().Model(&rows).Column("order_id", "listing_id", "sku_id", "quantity", "paid_fen", "refunded_fen").
			Where("order_id IN (?)", bun.In(orderIDs[start:min(start+900, len(orderIDs))])).OrderExpr("order_id, line_no").Scan(ctx); err != nil {
			return nil, apperr.Wrap(err, "load order lines")
		}
		for _, r := range rows {
			lf := LineFacts{Quantity: r.Quantity, PaidFen: r.PaidFen, RefundedFen: r.RefundedFen}
			if r.SKUID != nil {
				lf.SKUID = *r.SKUID
			}
			if r.ListingID != nil {
				lf.ListingID = *r.ListingID
			}
			out[r.OrderID] = append(out[r.OrderID], lf)
		}
	}
	return out, nil
}
