package sales

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"ecomops/internal/catalog"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/sales/gen"
)

func TestUnmatchedListingsAndMatching(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		f.cat.OnMatch = f.sales.ListingsMatched
		var hooked int
		f.sales.OnChange = func(ctx context.Context, tx bun.IDB, c []OrderChange) error { hooked += len(c); return nil }
		first := gen.DefaultProducts()[0]
		if _, err := f.cat.CreateSKU(ctx, catalog.SKU{MerchantCode: first.MerchantCode, Name: first.Title}); err != nil {
			t.Fatal(err)
		}
		f.importFiles("JD01", "jd", "", fixtureFile("jd/jd_orders.csv"))
		unmatched, n, err := f.cat.ListListings(ctx, catalog.ListingFilter{Status: catalog.ListingUnmatched, Page: api.Page{Page: 1, PageSize: 100}})
		if err != nil || n == 0 {
			t.Fatalf("%d unmatched %v", n, err)
		}
		matched, _, _ := f.cat.ListListings(ctx, catalog.ListingFilter{Status: catalog.ListingMatched, Page: api.Page{Page: 1, PageSize: 100}})
		for _, l := range matched {
			if l.MerchantCode != first.MerchantCode {
				t.Fatalf("listing %s matched automatically", l.MerchantCode)
			}
		}
		sku, err := f.cat.CreateSKU(ctx, catalog.SKU{MerchantCode: "MANUAL-1", Name: "手工匹配"})
		if err != nil {
			t.Fatal(err)
		}
		target := unmatched[0]
		hooked = 0
		if _, err := f.cat.MatchListings(ctx, []int64{target.ID}, sku.ID); err != nil {
			t.Fatal(err)
		}
		var lines, withSKU int
		d.R.NewRaw("SELECT count(*), count(sku_id) FROM order_lines WHERE listing_id = ?", target.ID).Scan(ctx, &lines, &withSKU)
		if lines == 0 || withSKU != lines || hooked == 0 {
			t.Fatalf("lines %d with sku %d, hook saw %d orders", lines, withSKU, hooked)
		}
		// a SKU created later matches the remaining listings with its merchant code
		other := unmatched[len(unmatched)-1]
		if other.ID != target.ID && other.MerchantCode != "" {
			if _, err := f.cat.CreateSKU(ctx, catalog.SKU{MerchantCode: other.MerchantCode, Name: "后建SKU"}); err != nil {
				t.Fatal(err)
			}
			l, _ := f.cat.Listing(ctx, other.ID)
			if l.Status != catalog.ListingMatched {
				t.Fatalf("listing %s not matched by the new SKU", other.MerchantCode)
			}
		}
	})
}
