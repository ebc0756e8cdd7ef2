package sales

import (
	"context"
	"strings"
	"testing"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

func TestTrafficImport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		shop, err := f.sales.ImportTraffic(ctx, TrafficRequest{ShopCode: "TM01", Files: []InputFile{fixtureFile("sycm/shop_traffic.csv")}})
		if err != nil || shop.Rejected != 0 || shop.Inserted == 0 || shop.Files[0].HeaderRow != 4 {
			t.Fatalf("%+v %v", shop, err)
		}
		prod, err := f.sales.ImportTraffic(ctx, TrafficRequest{ShopCode: "TM01", Level: TrafficProduct, Files: []InputFile{fixtureFile("sycm/product_traffic.csv")}})
		if err != nil || prod.Rejected != 0 || prod.Files[0].HeaderRow != 5 {
			t.Fatalf("%+v %v", prod, err)
		}
		for _, ign := range []string{"月累计支付金额", "年累计支付金额", "商品支付转化率"} {
			if !strings.Contains(strings.Join(prod.Files[0].Ignored, ","), ign) {
				t.Fatalf("%s is not ignored: %v", ign, prod.Files[0].Ignored)
			}
		}
		again, err := f.sales.ImportTraffic(ctx, TrafficRequest{ShopCode: "TM01", Files: []InputFile{fixtureFile("sycm/shop_traffic.csv")}})
		if err != nil || again.Unchanged != shop.Inserted || again.Inserted != 0 {
			t.Fatalf("re-import %+v %v", again, err)
		}
		days, n, err := f.sales.ListTraffic(ctx, TrafficFilter{Page: api.Page{Page: 1, PageSize: 500}})
		if err != nil || n != int(shop.Inserted) || days[0].Visitors == 0 || days[0].PayingBuyers == 0 {
			t.Fatalf("%d days %v %+v", n, err, days[:1])
		}
		// the same order file as traffic: a clear mismatch
		if _, err := f.sales.ImportTraffic(ctx, TrafficRequest{ShopCode: "TM01", Files: []InputFile{fixtureFile("jd/jd_orders.csv")}}); err == nil {
			t.Fatal("order file accepted as traffic")
		}
		if _, err := f.sales.ImportTraffic(ctx, TrafficRequest{ShopCode: "TM01", Level: TrafficShop, Files: []InputFile{fixtureFile("sycm/product_traffic.csv")}}); err == nil ||
			!strings.Contains(cliMessage(err), "商品_全部") {
			t.Fatalf("product file as shop level: %v", err)
		}
	})
}
