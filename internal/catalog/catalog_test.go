package catalog

import (
	"context"
	"testing"
	"time"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

func TestProductsSKUsListings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := clock.NewManual(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
		o := org.New(d, iam.New(d, clk), clk)
		s := New(d, clk)
		a, err := o.CreateShop(ctx, org.Shop{Code: "A", Platform: "jd", Name: "A"})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := o.CreateShop(ctx, org.Shop{Code: "B", Platform: "jd", Name: "B"})

		p, err := s.CreateProduct(ctx, Product{Code: "P1", Name: "四件套"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateProduct(ctx, Product{Code: "P1", Name: "again"}); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("duplicate code: %v", err)
		}
		p.Name = "四件套 新款"
		if p, err = s.UpdateProduct(ctx, p.ID, p); err != nil || p.Version != 2 {
			t.Fatalf("update: %+v %v", p, err)
		}
		p.Version = 1
		if _, err := s.UpdateProduct(ctx, p.ID, p); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("stale version: %v", err)
		}

		// listings met by an import: one matches a SKU's merchant code, one does not
		refs, err := s.EnsureListings(ctx, d.W, a.ID, []SeenListing{
			{ListingKey: ListingKey{ItemID: "100", SKUID: "1"}, MerchantCode: "YX-1", Title: "灰色"},
			{ListingKey: ListingKey{ItemID: "100", SKUID: "2"}, MerchantCode: "YX-2", Title: "白色"},
		}, clk.Now())
		if err != nil || len(refs) != 2 || refs[ListingKey{"100", "1"}].SKUID != 0 {
			t.Fatalf("ensure: %+v %v", refs, err)
		}
		k, err := s.CreateSKU(ctx, SKU{ProductID: &p.ID, MerchantCode: "YX-1", Name: "灰色 1.8m", CostFen: 12000})
		if err != nil {
			t.Fatal(err)
		}
		l, _ := s.Listing(ctx, refs[ListingKey{"100", "1"}].ID)
		if l.Status != ListingMatched || l.SKUID == nil || *l.SKUID != k.ID || l.SKUCode != "YX-1" {
			t.Fatalf("not matched by the new SKU: %+v", l)
		}
		again, _ := s.EnsureListings(ctx, d.W, a.ID, []SeenListing{{ListingKey: ListingKey{ItemID: "100", SKUID: "1"}}}, clk.Now())
		if again[ListingKey{"100", "1"}].ID != l.ID || again[ListingKey{"100", "1"}].SKUID != k.ID {
			t.Fatalf("existing listing not found: %+v", again)
		}
		if err := s.DeleteProduct(ctx, p.ID); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("product with SKUs deleted: %v", err)
		}
		if err := s.DeleteSKU(ctx, k.ID); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("SKU used by a listing deleted: %v", err)
		}

		// shop scope: a user of shop B sees none of shop A's listings
		pb := &auth.Principal{UserID: 9, Scope: auth.ScopeShops, Shops: []int64{b.ID}}
		inB := auth.With(ctx, pb)
		if _, n, _ := s.ListListings(inB, ListingFilter{Page: api.Page{Page: 1, PageSize: 20}}); n != 0 {
			t.Fatalf("%d listings of another shop visible", n)
		}
		if _, err := s.MatchListings(inB, []int64{l.ID}, k.ID); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("match of another shop's listing: %v", err)
		}
		items, n, err := s.ListListings(ctx, ListingFilter{Status: ListingUnmatched, Page: api.Page{Page: 1, PageSize: 20}})
		if err != nil || n != 1 || items[0].MerchantCode != "YX-2" {
			t.Fatalf("unmatched: %d %v", n, err)
		}
		if out, err := s.MatchListings(ctx, []int64{items[0].ID}, k.ID); err != nil || out[0].Status != ListingMatched {
			t.Fatalf("manual match: %+v %v", out, err)
		}
		if _, err := s.MatchListings(ctx, []int64{items[0].ID}, 999); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("unknown SKU: %v", err)
		}
	})
}
