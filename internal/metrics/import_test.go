package metrics

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"ecomops/internal/catalog"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/sales"
	"ecomops/internal/sales/gen"
)

var shanghai = time.FixedZone("CST", 8*3600)

// importWorld is a world with the real sales importer writing the orders
// and calling OnOrderChange, and catalog matches wired through sales.
type importWorld struct {
	*world
	cat   *catalog.Service
	sales *sales.Service
	dir   string
}

func newImportWorld(t *testing.T, d *db.DB) *importWorld {
	w := newWorld(t, d, 2, 1) // shops S01 (tmall) and S02 (jd)
	cat := catalog.New(d, nil)
	sl := sales.New(d, w.org, cat, nil, w.sys.Location)
	sl.OnChange = w.svc.OnOrderChange
	cat.OnMatch = sl.ListingsMatched
	return &importWorld{world: w, cat: cat, sales: sl, dir: t.TempDir()}
}

func genConfig(seed uint64, n int, now time.Time) gen.Config {
	from := time.Date(2026, 10, 20, 0, 0, 0, 0, shanghai)
	return gen.Config{Seed: seed, Platform: "tmall", Orders: n, From: from, To: time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai), Loc: shanghai, Now: now}
}

// importTaobao writes the classic 订单报表 + 宝贝报表 pair and imports it.
func (w *importWorld) importTaobao(shop string, cfg gen.Config) sales.ImportResult {
	w.t.Helper()
	orders, items := filepath.Join(w.dir, "ExportOrderList.csv"), filepath.Join(w.dir, "ExportOrderDetailList.csv")
	fo, _ := os.Create(orders)
	fi, _ := os.Create(items)
	if err := gen.WriteTaobao(fo, fi, gen.Generate(cfg)); err != nil {
		w.t.Fatal(err)
	}
	fo.Close()
	fi.Close()
	res, err := w.sales.ImportOrders(context.Background(), sales.ImportRequest{ShopCode: shop, Format: "taobao",
		Files: []sales.InputFile{{Path: orders, Name: "ExportOrderList.csv"}, {Path: items, Name: "ExportOrderDetailList.csv"}}})
	if err != nil || res.Rejected != 0 {
		w.t.Fatalf("import: %v %+v", err, res)
	}
	return res
}

// expectFromExport computes GMV, paid orders, paying buyers, AOV, units and
// cost of the period from the generated export rows themselves.
func expectFromExport(cfg gen.Config, costs map[string]int64, from, to string) Totals {
	var s sums
	buyers := map[string]bool{}
	for o := range gen.Generate(cfg) {
		if o.Paid == nil {
			continue
		}
		if d := o.Paid.In(shanghai).Format(time.DateOnly); d < from || d > to {
			continue
		}
		s.GMV += o.PaidFen
		s.Orders++
		buyers[o.Buyer] = true
		for _, l := range o.Lines {
			s.Units += l.Qty
			if c := costs[l.MerchantCode]; c > 0 {
				s.Cost += l.Qty * c
			} else {
				s.CostUnknownLines++
				s.CostUnknownFen += l.PaidFen
			}
		}
	}
	s.Buyers = int64(len(buyers))
	return s.totals()
}

// TestImportedOrders: orders imported by the real Taobao importer give the
// KPIs computed straight from the export's rows; re-importing changes
// nothing; a newer export (statuses moved on) and a listing matched to a
// SKU keep the rollups equal to a rebuild and to the raw-row golden figures.
func TestImportedOrders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newImportWorld(t, d)
		costs := map[string]int64{}
		for i, p := range gen.DefaultProducts() {
			if i%3 == 2 {
				continue // no SKU yet: those listings stay unmatched, their cost unknown
			}
			if _, err := w.cat.CreateSKU(ctx, catalog.SKU{MerchantCode: p.MerchantCode, Name: p.Title, CostFen: p.CostFen}); err != nil {
				t.Fatal(err)
			}
			costs[p.MerchantCode] = p.CostFen
		}
		first := genConfig(11, 1500, time.Date(2026, 11, 20, 0, 0, 0, 0, shanghai))
		w.importTaobao("S01", first)
		for _, r := range [][2]string{{"2026-10-20", "2026-11-30"}, {"2026-10-31", "2026-11-01"}, {"2026-11-11", "2026-11-11"}, {"2026-10-25", "2026-11-17"}} {
			want := expectFromExport(first, costs, r[0], r[1])
			got := w.kpi(Query{From: r[0], To: r[1], ShopIDs: w.shops[:1]}).Totals
			if got.GMVFen != want.GMVFen || got.PaidOrders != want.PaidOrders || got.PayingBuyers != want.PayingBuyers || got.AOVFen != want.AOVFen ||
				got.Units != want.Units || got.CostOfGoodsFen != want.CostOfGoodsFen || got.CostUnknownLines != want.CostUnknownLines {
				t.Errorf("%v: rollups %+v\nexport rows %+v", r, got, want)
			}
		}
		before := snapshot(t, d)
		w.importTaobao("S01", first) // the same file again: nothing changes
		if !reflect.DeepEqual(before, snapshot(t, d)) {
			t.Error("re-importing the same file changed the rollups")
		}
		w.importTaobao("S01", genConfig(11, 1500, time.Date(2026, 12, 5, 0, 0, 0, 0, shanghai))) // a newer export
		matched := gen.DefaultProducts()[2]
		if _, err := w.cat.CreateSKU(ctx, catalog.SKU{MerchantCode: matched.MerchantCode, Name: matched.Title, CostFen: matched.CostFen}); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, w.world, rand.New(rand.NewPCG(5, 6)), "imported")
		incremental := snapshot(t, d)
		if _, err := w.svc.Rebuild(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if rebuilt := snapshot(t, d); !reflect.DeepEqual(incremental, rebuilt) {
			for _, table := range rollupTables {
				if !reflect.DeepEqual(incremental[table], rebuilt[table]) {
					t.Errorf("%s: incremental and rebuild differ\n%s", table, firstDiff(incremental[table], rebuilt[table]))
				}
			}
		}
	})
}
