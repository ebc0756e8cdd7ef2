package metrics

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/catalog"
	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/db"
	"ecomops/internal/sales"
	"ecomops/internal/system"
)

// world is a test database with shops, SKUs, listings and customers, and a
// small order writer that behaves like the sales importer towards the
// rollups: it writes orders and lines with plain SQL and calls
// OnOrderChange with the Old and New facts in the same transaction.
type world struct {
	t         testing.TB
	d         *db.DB
	svc       *Service
	org       *org.Service
	sys       *system.Service
	shops     []int64
	platforms map[int64]string
	skus      []int64 // skus[i] costs skuCost(i)
	listings  map[int64][]listingRef
	customers map[int64][]int64
	seq       int
}

type listingRef struct{ ID, SKU int64 }

// skuCost: every fourth SKU has no cost price (unknown cost).
func skuCost(i int) int64 {
	if i%4 == 3 {
		return 0
	}
	return int64(500 + 137*i)
}

func newWorld(t testing.TB, d *db.DB, nShops, nCustomers int) *world {
	t.Helper()
	ctx := context.Background()
	sys := system.New(d)
	if err := sys.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	o := org.New(d, iam.New(d, nil), nil)
	w := &world{t: t, d: d, org: o, sys: sys, svc: New(d, o, catalog.New(d, nil), sys.Location, nil), platforms: map[int64]string{},
		listings: map[int64][]listingRef{}, customers: map[int64][]int64{}}
	platforms := []string{"tmall", "jd", "douyin", "tmall"}
	now := time.Now().UTC()
	for i := range nShops {
		sh, err := o.CreateShop(ctx, org.Shop{Code: fmt.Sprintf("S%02d", i+1), Platform: platforms[i%len(platforms)], Name: fmt.Sprintf("Shop %d", i+1)})
		if err != nil {
			t.Fatal(err)
		}
		w.shops = append(w.shops, sh.ID)
		w.platforms[sh.ID] = sh.Platform
	}
	for i := range 8 {
		var id int64
		err := d.W.NewRaw("INSERT INTO skus (merchant_code, name, cost_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
			fmt.Sprintf("SKU-%d", i), fmt.Sprintf("SKU %d", i), skuCost(i), now, now).Scan(ctx, &id)
		if err != nil {
			t.Fatal(err)
		}
		w.skus = append(w.skus, id)
	}
	for _, shop := range w.shops {
		// six listings per shop: four matched (one of them to a zero-cost SKU), two unmatched
		for j := range 6 {
			var sku *int64
			if j < 4 {
				sku = &w.skus[(j*3+int(shop))%len(w.skus)]
			}
			var id int64
			err := d.W.NewRaw("INSERT INTO listings (shop_id, platform_item_id, title, sku_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				shop, fmt.Sprintf("item-%d-%d", shop, j), fmt.Sprintf("Listing %d/%d", shop, j), sku, "matched", now, now).Scan(ctx, &id)
			if err != nil {
				t.Fatal(err)
			}
			ref := listingRef{ID: id}
			if sku != nil {
				ref.SKU = *sku
			}
			w.listings[shop] = append(w.listings[shop], ref)
		}
		for j := range nCustomers {
			var id int64
			err := d.W.NewRaw("INSERT INTO customers (shop_id, buyer_key, buyer_nick, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
				shop, fmt.Sprintf("buyer-%d", j), fmt.Sprintf("nick%d", j), now, now).Scan(ctx, &id)
			if err != nil {
				t.Fatal(err)
			}
			w.customers[shop] = append(w.customers[shop], id)
		}
	}
	return w
}

// order is a test order; ID is set once saved.
type order struct {
	ID          int64
	Shop        int64
	Customer    int64 // 0: no buyer identity
	PaidAt      *time.Time
	PaidFen     int64
	RefundedFen int64
	Units       int64
	Lines       []line
}

type line struct {
	Listing, SKU            int64
	Qty, PaidFen, RefundFen int64
}

func (o *order) facts() *sales.OrderFacts {
	f := &sales.OrderFacts{OrderID: o.ID, ShopID: o.Shop, CustomerID: o.Customer, PaidAt: o.PaidAt, PaidFen: o.PaidFen, RefundedFen: o.RefundedFen, Units: o.Units}
	for _, l := range o.Lines {
		f.Lines = append(f.Lines, sales.LineFacts{SKUID: l.SKU, ListingID: l.Listing, Quantity: l.Qty, PaidFen: l.PaidFen, RefundedFen: l.RefundFen})
	}
	return f
}

// save writes a batch of orders (insert when ID is 0, else update; del
// removes them) in one transaction and calls the hook like the importer.
func (w *world) save(batch []*order, del bool) {
	w.t.Helper()
	ctx := context.Background()
	err := w.d.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var changes []sales.OrderChange
		for _, o := range batch {
			var old *sales.OrderFacts
			if o.ID != 0 {
				ofs, err := loadFactsByID(ctx, tx, o.ID)
				if err != nil {
					return err
				}
				old = ofs
				if _, err := tx.ExecContext(ctx, "DELETE FROM order_lines WHERE order_id = ?", o.ID); err != nil {
					return err
				}
			}
			if del {
				if _, err := tx.ExecContext(ctx, "DELETE FROM orders WHERE id = ?", o.ID); err != nil {
					return err
				}
				changes = append(changes, sales.OrderChange{Old: old})
				continue
			}
			var cust *int64
			if o.Customer != 0 {
				cust = &o.Customer
			}
			now := time.Now().UTC()
			if o.ID == 0 {
				w.seq++
				status := "pending_payment"
				if o.PaidAt != nil {
					status = "paid"
				}
				if err := tx.NewRaw(`INSERT INTO orders (shop_id, order_no, status, customer_id, ordered_at, paid_at, paid_fen, refunded_fen, units, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, o.Shop, fmt.Sprintf("NO%08d", w.seq), status, cust, now, o.PaidAt,
					o.PaidFen, o.RefundedFen, o.Units, now, now).Scan(ctx, &o.ID); err != nil {
					return err
				}
			} else if _, err := tx.ExecContext(ctx, "UPDATE orders SET customer_id = ?, paid_at = ?, paid_fen = ?, refunded_fen = ?, units = ? WHERE id = ?",
				cust, o.PaidAt, o.PaidFen, o.RefundedFen, o.Units, o.ID); err != nil {
				return err
			}
			for i, l := range o.Lines {
				var sku, listing *int64
				if l.SKU != 0 {
					sku = &l.SKU
				}
				if l.Listing != 0 {
					listing = &l.Listing
				}
				if _, err := tx.NewRaw("INSERT INTO order_lines (order_id, line_no, listing_id, sku_id, quantity, paid_fen, refunded_fen) VALUES (?, ?, ?, ?, ?, ?, ?)",
					o.ID, i+1, listing, sku, l.Qty, l.PaidFen, l.RefundFen).Exec(ctx); err != nil {
					return err
				}
			}
			changes = append(changes, sales.OrderChange{Old: old, New: o.facts()})
		}
		return w.svc.OnOrderChange(ctx, tx, changes)
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// loadFactsByID reads one stored order's facts the way the importer does
// (through the rebuild reader, which is the documented mapping).
func loadFactsByID(ctx context.Context, tx bun.IDB, id int64) (*sales.OrderFacts, error) {
	var paid bool
	if err := tx.NewRaw("SELECT paid_at IS NOT NULL FROM orders WHERE id = ?", id).Scan(ctx, &paid); err != nil {
		return nil, err
	}
	if !paid {
		// unpaid orders carry no rollup facts beyond their identity
		var o sales.OrderFacts
		err := tx.NewRaw("SELECT id AS order_id, shop_id FROM orders WHERE id = ?", id).Scan(ctx, &o.OrderID, &o.ShopID)
		return &o, err
	}
	fs, err := loadPaidFacts(ctx, tx, nil, id-1, 1)
	if err != nil {
		return nil, err
	}
	return &fs[0], nil
}

func ptime(t time.Time) *time.Time { return &t }
