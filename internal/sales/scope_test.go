package sales

import (
	"context"
	"os"
	"strings"
	"testing"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/trail"
	"ecomops/internal/sales/gen"
)

// opsOf is an operations specialist assigned to the given shops only.
func opsOf(shopIDs ...int64) context.Context {
	p := &auth.Principal{UserID: 7, Username: "ops1", Scope: auth.ScopeShops, Shops: append([]int64{}, shopIDs...), Depts: []int64{}, Employees: []int64{},
		Perms: map[string]bool{"sales:order:read": true, "sales:order:export": true}}
	return auth.With(context.Background(), p)
}

func TestOrderDataScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.importFiles("TM01", "auto", "", fixtureFile("taobao/ExportOrderList202611.csv"), fixtureFile("taobao/ExportOrderDetailList202611.csv"))
		f.importFiles("JD01", "auto", "", fixtureFile("jd/jd_orders.csv"))
		ctx := opsOf(f.shops["TM01"].ID)
		items, n, err := f.sales.ListOrders(ctx, OrderFilter{Page: api.Page{Page: 1, PageSize: 500}})
		if err != nil || n != fixtureOrders || len(items) != fixtureOrders {
			t.Fatalf("list: %d %d %v", n, len(items), err)
		}
		for _, o := range items {
			if o.ShopID != f.shops["TM01"].ID {
				t.Fatalf("order of shop %d visible", o.ShopID)
			}
		}
		// asking for the other shop explicitly gives nothing, not an error
		if _, n, _ := f.sales.ListOrders(ctx, OrderFilter{ShopID: f.shops["JD01"].ID, Page: api.Page{Page: 1, PageSize: 20}}); n != 0 {
			t.Fatalf("%d JD orders visible", n)
		}
		exp, _, err := f.sales.ListOrders(ctx, OrderFilter{Page: api.Page{}.ForExport()})
		if err != nil || len(exp) != fixtureOrders {
			t.Fatalf("export: %d %v", len(exp), err)
		}
		var jdID int64
		d.R.NewRaw("SELECT min(id) FROM orders WHERE shop_id = ?", f.shops["JD01"].ID).Scan(context.Background(), &jdID)
		if _, err := f.sales.OrderDetail(ctx, jdID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("detail of another shop's order: %v", err)
		}
		if _, err := f.sales.RevealReceiver(ctx, jdID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("reveal of another shop's order: %v", err)
		}
		if _, n, _ := f.sales.ListImports(ctx, ImportFilter{Page: api.Page{Page: 1, PageSize: 20}}); n != 1 {
			t.Fatalf("%d imports visible, want the TM01 one", n)
		}
		// nothing assigned: nothing visible
		if _, n, _ := f.sales.ListOrders(opsOf(), OrderFilter{Page: api.Page{Page: 1, PageSize: 20}}); n != 0 {
			t.Fatalf("%d orders visible without shops", n)
		}
	})
}

func TestReceiverMaskedAndRevealAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := f.write("jd.csv", func(w *os.File) error { return gen.WriteJD(w, genOrders("jd", 5, 31)) })
		f.importFiles("JD01", "jd", "", in)
		items, _, err := f.sales.ListOrders(context.Background(), OrderFilter{Page: api.Page{Page: 1, PageSize: 5}})
		if err != nil || len(items) == 0 {
			t.Fatal(err)
		}
		o := items[0]
		if !strings.Contains(o.ReceiverPhone, "****") || !strings.Contains(o.ReceiverName, "*") || !strings.Contains(o.ReceiverAddress, "****") {
			t.Fatalf("not masked: %q %q %q", o.ReceiverName, o.ReceiverPhone, o.ReceiverAddress)
		}
		det, _ := f.sales.OrderDetail(context.Background(), o.ID)
		if det.Customer == nil || !strings.Contains(det.Customer.Phone, "****") || len(det.Lines) == 0 || len(det.Events) == 0 {
			t.Fatalf("detail %+v", det)
		}
		table := f.sales.orderTable(context.Background(), items)
		if phone := table.Rows[0][16].(string); !strings.Contains(phone, "****") {
			t.Fatalf("export not masked: %q", phone)
		}
		ctx := trail.With(context.Background(), &trail.Entry{UserID: 1, Username: "cs1", Action: "sales.order.reveal"})
		r, err := f.sales.RevealReceiver(ctx, o.ID)
		if err != nil || strings.Contains(r.Phone, "*") || len(r.Phone) != 11 {
			t.Fatalf("reveal %+v %v", r, err)
		}
		var n int
		d.R.NewRaw("SELECT count(*) FROM operation_log WHERE entity = 'order.receiver_reveal'").Scan(context.Background(), &n)
		if n != 1 {
			t.Fatalf("%d audit rows for the reveal", n)
		}
	})
}
