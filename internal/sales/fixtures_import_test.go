package sales

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

func fixtureFile(name string) InputFile {
	return InputFile{Path: filepath.Join(fixtureDir, name), Name: filepath.Base(name)}
}

// golden is what the generator made, computed from its orders directly.
type golden struct {
	orders, paid int
	paidFen      int64
	byStatus     map[string]int
}

func goldenOf(platform string, seed uint64) golden {
	g := golden{byStatus: map[string]int{}}
	for o := range genOrders(platform, fixtureOrders, seed) {
		g.orders++
		g.paidFen += o.PaidFen
		g.byStatus[o.Status]++
		if o.Paid != nil {
			g.paid++
		}
	}
	return g
}

func (f *fixture) checkGolden(shop string, g golden) {
	f.t.Helper()
	ctx := context.Background()
	var n, paid int
	var paidFen int64
	err := f.d.R.NewRaw("SELECT count(*), count(paid_at), coalesce(sum(paid_fen), 0) FROM orders WHERE shop_id = ?", f.shops[shop].ID).Scan(ctx, &n, &paid, &paidFen)
	if err != nil {
		f.t.Fatal(err)
	}
	if n != g.orders || paid != g.paid || paidFen != g.paidFen {
		f.t.Fatalf("%s: orders %d paid %d paid_fen %d, want %d %d %d", shop, n, paid, paidFen, g.orders, g.paid, g.paidFen)
	}
	for st, want := range g.byStatus {
		var got int
		if err := f.d.R.NewRaw("SELECT count(*) FROM orders WHERE shop_id = ? AND status = ?", f.shops[shop].ID, st).Scan(ctx, &got); err != nil {
			f.t.Fatal(err)
		}
		if got != want {
			f.t.Fatalf("%s: %d orders %s, want %d", shop, got, st, want)
		}
	}
}

func TestFixturesEveryPreset(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		cases := []struct {
			shop, format string
			files        []InputFile
			platform     string
			seed         uint64
			kinds        []string
		}{
			{"TM01", "auto", []InputFile{fixtureFile("taobao/ExportOrderList202611.csv"), fixtureFile("taobao/ExportOrderDetailList202611.csv")}, "tmall", 11, []string{"taobao_orders", "taobao_items"}},
			{"TB02", "taobao", []InputFile{fixtureFile("taobao/qianniu_orders.xlsx")}, "tmall", 12, []string{"qianniu_orders", "qianniu_items"}},
			{"JD01", "auto", []InputFile{fixtureFile("jd/jd_orders.csv")}, "jd", 13, []string{"jd_orders"}},
			{"PDD01", "pdd", []InputFile{fixtureFile("pdd/pdd_orders.csv")}, "pdd", 14, []string{"pdd_orders"}},
			{"DY01", "auto", []InputFile{fixtureFile("douyin/douyin_orders.csv")}, "douyin", 15, []string{"douyin_orders"}},
		}
		for _, c := range cases {
			res := f.importFiles(c.shop, c.format, "", c.files...)
			if res.Rejected != 0 || res.Inserted != fixtureOrders {
				t.Fatalf("%s: %+v", c.shop, res.Errors)
			}
			for i, k := range c.kinds {
				if res.Files[i].Kind != k {
					t.Fatalf("%s: file %d detected as %s, want %s", c.shop, i, res.Files[i].Kind, k)
				}
			}
			f.checkGolden(c.shop, goldenOf(c.platform, c.seed))
		}
		// Douyin: header and ids carry a BOM and leading tabs; the encoding is reported
		if f.count("order_lines") == 0 || f.count("listings") == 0 {
			t.Fatal("no lines or listings")
		}
	})
}

func TestFixtureGenericMapping(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		raw, err := os.ReadFile(filepath.Join(fixtureDir, "generic/mapping.json"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := ParseMapping(raw)
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.sales.ImportOrders(context.Background(), ImportRequest{ShopCode: "TB02", Format: FormatGeneric, Mapping: &m, Files: []InputFile{fixtureFile("generic/orders.csv")}})
		if err != nil || res.Rejected != 0 {
			t.Fatalf("%v %+v", err, res.Errors)
		}
		f.checkGolden("TB02", goldenOf("taobao", 16))
		// without the mapping the file is nobody's export
		_, err = f.sales.ImportOrders(context.Background(), ImportRequest{ShopCode: "TB02", Files: []InputFile{fixtureFile("generic/orders.csv")}})
		if err == nil {
			t.Fatal("auto-detected a generic file")
		}
	})
}
