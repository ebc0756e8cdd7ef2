package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/sales"
	"ecomops/internal/sales/gen"
)

// metricsOrder is a paid order row with an amount, for dashboard tests.
type metricsOrder struct {
	bun.BaseModel `bun:"table:orders"`
	ID            int64      `bun:"id,pk,autoincrement"`
	ShopID        int64      `bun:"shop_id"`
	OrderNo       string     `bun:"order_no"`
	Status        string     `bun:"status"`
	OrderedAt     time.Time  `bun:"ordered_at"`
	PaidAt        *time.Time `bun:"paid_at"`
	PaidFen       int64      `bun:"paid_fen"`
	Units         int64      `bun:"units"`
	Version       int        `bun:"version"`
	CreatedAt     time.Time  `bun:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at"`
}

// TestMetricsDashboardScope: with the seeded roles and the real scope
// resolution, ops1 (TM01 only) sees TM01's figures alone and gets 404 for
// JD01, the operations manager sees every shop, customer service has no
// dashboard; the CLI contract's JSON comes from the same rollups.
func TestMetricsDashboardScope(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		paid := time.Date(2026, 11, 10, 16, 30, 0, 0, time.UTC) // 2026-11-11 in Shanghai
		ids := map[string]int64{}
		for i, code := range []string{"TM01", "JD01"} {
			sh, err := e.app.Org.ShopByCode(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			ids[code] = sh.ID
			o := metricsOrder{ShopID: sh.ID, OrderNo: code + "-1", Status: "paid", OrderedAt: paid, PaidAt: &paid, PaidFen: int64(1000 * (i + 1)),
				Units: 1, Version: 1, CreatedAt: paid, UpdatedAt: paid}
			if _, err := e.app.DB.W.NewInsert().Model(&o).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.app.Metrics.Rebuild(ctx, nil); err != nil {
			t.Fatal(err)
		}
		type dash struct {
			Shops []struct {
				Code string `json:"code"`
			} `json:"shops"`
			Totals struct {
				GMVFen     int64 `json:"gmv_fen"`
				PaidOrders int64 `json:"paid_orders"`
			} `json:"totals"`
		}
		const q = "/api/v1/metrics/dashboard?from=2026-11-11&to=2026-11-11"
		var d dash
		e.login("ops1").getJSON(q, &d)
		if len(d.Shops) != 1 || d.Shops[0].Code != "TM01" || d.Totals.GMVFen != 1000 {
			t.Errorf("ops1 dashboard %+v", d)
		}
		if st, _ := e.login("ops1").do("GET", fmt.Sprintf("/api/v1/metrics/kpi?from=2026-11-11&to=2026-11-11&shop_ids=%d", ids["JD01"]), nil); st != 404 {
			t.Errorf("ops1 asking for JD01: %d, want 404", st)
		}
		e.login("manager").getJSON(q, &d)
		if len(d.Shops) != 4 || d.Totals.GMVFen != 3000 || d.Totals.PaidOrders != 2 {
			t.Errorf("manager dashboard %+v", d)
		}
		if st, _ := e.login("cs1").do("GET", q, nil); st != 403 {
			t.Errorf("cs1: %d, want 403", st)
		}
		if st, _ := e.login("ads1").do("GET", "/api/v1/metrics/dashboard/export?from=2026-11-11&to=2026-11-11", nil); st != 200 {
			t.Errorf("ads1 export: %d", st)
		}
	})
}

// TestImportFeedsDashboard: an order import through the wired sales service
// moves the dashboard at once (Sales.OnChange is Metrics.OnOrderChange), and
// `ecomops kpi --json` agrees with a rebuild.
func TestImportFeedsDashboard(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	ctx := context.Background()
	loc := time.FixedZone("CST", 8*3600)
	dir := t.TempDir()
	orders, items := filepath.Join(dir, "ExportOrderList.csv"), filepath.Join(dir, "ExportOrderDetailList.csv")
	fo, _ := os.Create(orders)
	fi, _ := os.Create(items)
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	cfg := gen.Config{Seed: 3, Platform: "tmall", Orders: 300, From: from, To: from.AddDate(0, 0, 20), Loc: loc, Now: from.AddDate(0, 0, 25)}
	if err := gen.WriteTaobao(fo, fi, gen.Generate(cfg)); err != nil {
		t.Fatal(err)
	}
	fo.Close()
	fi.Close()
	var gmv, paid int64
	for o := range gen.Generate(cfg) {
		if o.Paid != nil {
			gmv += o.PaidFen
			paid++
		}
	}
	if _, err := e.app.Sales.ImportOrders(ctx, sales.ImportRequest{ShopCode: "TM01", Format: "taobao",
		Files: []sales.InputFile{{Path: orders, Name: "ExportOrderList.csv"}, {Path: items, Name: "ExportOrderDetailList.csv"}}}); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Totals struct {
			GMVFen     int64 `json:"gmv_fen"`
			PaidOrders int64 `json:"paid_orders"`
		} `json:"totals"`
	}
	e.login("ops1").getJSON("/api/v1/metrics/dashboard?from=2026-11-01&to=2026-11-30", &d)
	if d.Totals.GMVFen != gmv || d.Totals.PaidOrders != paid {
		t.Errorf("dashboard after import: %+v, the export says GMV %d over %d paid orders", d.Totals, gmv, paid)
	}
	kpi := func() string {
		var out bytes.Buffer
		cmd := Command()
		cmd.SetOut(&out)
		cmd.SetArgs([]string{"--db", e.app.DB.DSN, "kpi", "--shop", "TM01", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "day", "--json"})
		if err := cmd.ExecuteContext(ctx); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	before := kpi()
	if !strings.Contains(before, fmt.Sprintf(`"gmv_fen":%d`, gmv)) {
		t.Errorf("kpi --json: %s", before)
	}
	if _, err := e.app.Metrics.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if after := kpi(); after != before {
		t.Errorf("kpi after rebuild differs:\n%s\n%s", before, after)
	}
}

// TestDrillDownsOpenTheirOrders: each dashboard figure's drill query, given
// to the order list, lists exactly as many orders as the figure counts.
func TestDrillDownsOpenTheirOrders(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		loc := time.FixedZone("CST", 8*3600)
		dir := t.TempDir()
		orders, items := filepath.Join(dir, "ExportOrderList.csv"), filepath.Join(dir, "ExportOrderDetailList.csv")
		fo, _ := os.Create(orders)
		fi, _ := os.Create(items)
		from := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
		cfg := gen.Config{Seed: 5, Platform: "tmall", Orders: 400, From: from, To: from.AddDate(0, 0, 20), Loc: loc, Now: from.AddDate(0, 0, 22),
			Products: gen.DefaultProducts()}
		if err := gen.WriteTaobao(fo, fi, gen.Generate(cfg)); err != nil {
			t.Fatal(err)
		}
		fo.Close()
		fi.Close()
		if _, err := e.app.Sales.ImportOrders(ctx, sales.ImportRequest{ShopCode: "TM01", Format: "taobao",
			Files: []sales.InputFile{{Path: orders, Name: "ExportOrderList.csv"}, {Path: items, Name: "ExportOrderDetailList.csv"}}}); err != nil {
			t.Fatal(err)
		}
		type drill struct {
			Query string `json:"query"`
		}
		var d struct {
			Totals struct {
				PaidOrders      int64 `json:"paid_orders"`
				AnonymousOrders int64 `json:"anonymous_orders"`
			} `json:"totals"`
			Drill map[string]drill `json:"drill"`
			Days  []struct {
				PaidOrders int64 `json:"paid_orders"`
				Drill      drill `json:"drill"`
			} `json:"days"`
		}
		manager := e.login("manager")
		manager.getJSON("/api/v1/metrics/dashboard?from=2026-11-01&to=2026-11-30", &d)
		count := func(query string) int64 {
			var list struct {
				Total int64 `json:"total"`
			}
			manager.getJSON("/api/v1/sales/orders?page_size=1&"+query, &list)
			return list.Total
		}
		if d.Totals.PaidOrders == 0 {
			t.Fatal("nothing imported")
		}
		for _, id := range []string{"gmv", "paid_orders", "paying_buyers", "aov", "units", "gross_profit"} {
			if n := count(d.Drill[id].Query); n != d.Totals.PaidOrders {
				t.Errorf("%s drill %q lists %d orders, the figure counts %d", id, d.Drill[id].Query, n, d.Totals.PaidOrders)
			}
		}
		// the classic Taobao report carries no refunds: the refund drill lists none
		if n := count(d.Drill["refunds"].Query); n != 0 {
			t.Errorf("refund drill %q lists %d orders, none was refunded", d.Drill["refunds"].Query, n)
		}
		if n := count(d.Drill["anonymous_orders"].Query); n != d.Totals.AnonymousOrders {
			t.Errorf("anonymous drill lists %d, figure %d", n, d.Totals.AnonymousOrders)
		}
		var traffic struct {
			Total int64 `json:"total"`
		}
		manager.getJSON("/api/v1/sales/traffic?"+d.Drill["visitors"].Query, &traffic) // a valid filter (no traffic imported here)
		for _, day := range d.Days[:12] {
			if n := count(day.Drill.Query); n != day.PaidOrders {
				t.Errorf("day drill %q lists %d orders, the day counts %d", day.Drill.Query, n, day.PaidOrders)
			}
		}
		var top struct {
			Items []struct {
				Lines int64 `json:"lines"`
				Drill drill `json:"drill"`
			} `json:"items"`
		}
		manager.getJSON("/api/v1/metrics/top-skus?from=2026-11-01&to=2026-11-30&limit=5", &top)
		for _, it := range top.Items { // the generator puts a product at most once in an order
			if n := count(it.Drill.Query); n != it.Lines {
				t.Errorf("top item drill %q lists %d orders, it has %d lines", it.Drill.Query, n, it.Lines)
			}
		}
	})
}
