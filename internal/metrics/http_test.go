package metrics

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
)

// headerAuth makes the principal named in the X-Test-User header: admin,
// ops (metrics:kpi:read on the first shop only) or nobody (no permission).
type headerAuth struct{ shops []int64 }

func (h headerAuth) Authenticate(_ context.Context, r *http.Request) (*auth.Principal, error) {
	switch r.Header.Get("X-Test-User") {
	case "admin":
		return &auth.Principal{UserID: 1, Username: "admin", Admin: true, Scope: auth.ScopeAll}, nil
	case "ops":
		return &auth.Principal{UserID: 2, Username: "ops", Scope: auth.ScopeShops, Perms: map[string]bool{"metrics:kpi:read": true},
			Depts: []int64{}, Employees: []int64{}, Shops: h.shops[:1]}, nil
	case "nobody":
		return &auth.Principal{UserID: 3, Username: "nobody", Scope: auth.ScopeAll, Perms: map[string]bool{}}, nil
	}
	return nil, nil
}

func get(t *testing.T, srv *httptest.Server, user, path string) (int, []byte, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	req.Header.Set("X-Test-User", user)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

// TestDashboardAPI: the dashboard over HTTP equals the golden figures for
// the period, its 环比 and 同比 periods and each shop; drill-downs are
// filled; permissions and data scope hold; the export is a workbook.
func TestDashboardAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, 3, 20)
		rng := rand.New(rand.NewPCG(3, 5))
		w.randomTraffic(rng)
		var batch []*order
		for range 300 {
			batch = append(batch, w.randomOrder(rng))
		}
		w.save(batch, false)
		s := api.NewServer(api.Config{Title: "t", Version: "t", Auth: headerAuth{w.shops}, LogDB: d.W})
		w.svc.Routes(s.API)
		srv := httptest.NewServer(s.Handler())
		defer srv.Close()

		g := loadGolden(t, d, time.FixedZone("CST", 8*3600))
		st, body, _ := get(t, srv, "admin", "/api/v1/metrics/dashboard?from=2026-03-01&to=2026-05-20")
		if st != 200 {
			t.Fatalf("dashboard: %d %s", st, body)
		}
		var dash Dashboard
		if err := json.Unmarshal(body, &dash); err != nil {
			t.Fatal(err)
		}
		assertTotals(t, "totals", dash.Totals, g.expect(w.shops, "2026-03-01", "2026-05-20"))
		assertTotals(t, "previous", dash.Previous, g.expect(w.shops, "2025-12-10", "2026-02-28"))
		assertTotals(t, "last year", dash.LastYear, g.expect(w.shops, "2025-03-01", "2025-05-20"))
		if len(dash.Days) != 81 || len(dash.ByShop) != 3 || len(dash.ByPlatform) != 3 {
			t.Errorf("days %d by_shop %d platforms %d", len(dash.Days), len(dash.ByShop), len(dash.ByPlatform))
		}
		for _, bs := range dash.ByShop {
			assertTotals(t, "shop "+bs.Shop.Code, bs.Totals, g.expect([]int64{bs.Shop.ID}, "2026-03-01", "2026-05-20"))
			if bs.Drill.Query != fmt.Sprintf("shop_ids=%d&paid_from=2026-03-01&paid_to=2026-05-20", bs.Shop.ID) {
				t.Errorf("shop drill %q", bs.Drill.Query)
			}
		}
		gmv := dash.Changes["gmv"].PoP
		if *gmv.Current != float64(dash.Totals.GMVFen) || *gmv.Base != float64(dash.Previous.GMVFen) || gmv.Numerator != *gmv.Current-*gmv.Base {
			t.Errorf("gmv 环比 %+v", gmv)
		}
		if !strings.HasSuffix(dash.Drill["refunds"].Query, "&refunded=true") || dash.Drill["visitors"].Target != "traffic" {
			t.Errorf("drills %+v %+v", dash.Drill["refunds"], dash.Drill["visitors"])
		}
		st, body, _ = get(t, srv, "admin", "/api/v1/metrics/top-skus?from=2026-03-01&to=2026-05-20&limit=3")
		var top api.List[TopSKU]
		if err := json.Unmarshal(body, &top); st != 200 || err != nil || len(top.Items) != 3 {
			t.Fatalf("top SKUs: %d %v %s", st, err, body)
		}
		if first := top.Items[0]; first.PaidFen < top.Items[1].PaidFen || first.Drill == nil || first.Name == "" {
			t.Errorf("top SKUs %+v", top.Items)
		}
		checkTopSKUs(t, w, dash.Period, top.Items)

		st, body, _ = get(t, srv, "ops", "/api/v1/metrics/dashboard?from=2026-03-01&to=2026-05-20")
		if st != 200 {
			t.Fatalf("ops dashboard: %d %s", st, body)
		}
		var mine Dashboard
		json.Unmarshal(body, &mine)
		if len(mine.Shops) != 1 || mine.Shops[0].ID != w.shops[0] {
			t.Errorf("ops sees shops %+v", mine.Shops)
		}
		assertTotals(t, "ops totals", mine.Totals, g.expect(w.shops[:1], "2026-03-01", "2026-05-20"))
		if st, _, _ := get(t, srv, "ops", fmt.Sprintf("/api/v1/metrics/kpi?from=2026-03-01&to=2026-05-20&shop_ids=%d", w.shops[1])); st != 404 {
			t.Errorf("ops asking for another shop: %d, want 404", st)
		}
		if st, _, _ := get(t, srv, "ops", "/api/v1/metrics/dashboard/export?from=2026-03-01&to=2026-05-20"); st != 403 {
			t.Errorf("ops export without metrics:kpi:export: %d, want 403", st)
		}
		if st, _, _ := get(t, srv, "nobody", "/api/v1/metrics/kpi?from=2026-03-01&to=2026-05-20"); st != 403 {
			t.Errorf("no permission: %d, want 403", st)
		}
		if st, _, _ := get(t, srv, "", "/api/v1/metrics/kpi?from=2026-03-01&to=2026-05-20"); st != 401 {
			t.Errorf("anonymous: %d, want 401", st)
		}
		if st, _, _ := get(t, srv, "admin", "/api/v1/metrics/kpi?from=2026-03-32&to=2026-05-20"); st != 422 {
			t.Errorf("bad date: %d, want 422", st)
		}
		st, body, _ = get(t, srv, "admin", fmt.Sprintf("/api/v1/metrics/kpi?from=2026-03-01&to=2026-03-31&by=day&shop_ids=%d,%d", w.shops[0], w.shops[2]))
		var kpi KPIResult
		if err := json.Unmarshal(body, &kpi); st != 200 || err != nil || len(kpi.Days) != 31 {
			t.Fatalf("kpi by day: %d %v %s", st, err, body)
		}
		assertTotals(t, "kpi two shops", kpi.Totals, g.expect([]int64{w.shops[0], w.shops[2]}, "2026-03-01", "2026-03-31"))
		if st, body, _ = get(t, srv, "ops", "/api/v1/metrics/definitions"); st != 200 || !bytes.Contains(body, []byte(`"id":"paying_buyers"`)) {
			t.Errorf("definitions: %d %s", st, body)
		}

		st, body, hdr := get(t, srv, "admin", "/api/v1/metrics/dashboard/export?from=2026-03-01&to=2026-05-20")
		if st != 200 || !strings.Contains(hdr.Get("Content-Disposition"), "dashboard-2026-03-01-2026-05-20") {
			t.Fatalf("export: %d %v", st, hdr)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if sheets := f.GetSheetList(); len(sheets) != 6 || sheets[1] != "指标 KPIs" {
			t.Errorf("sheets %v", sheets)
		}
		rows, _ := f.GetRows("指标 KPIs")
		if rows[1][0] != "gmv" || rows[1][4] != fmt.Sprint(float64(dash.Totals.GMVFen)/100) {
			t.Errorf("gmv row %v, want %v", rows[1], float64(dash.Totals.GMVFen)/100)
		}
	})
}

// checkTopSKUs compares the top items with sums over the raw lines.
func checkTopSKUs(t *testing.T, w *world, p Period, items []TopSKU) {
	t.Helper()
	type agg struct{ units, paid int64 }
	want := map[[2]int64]*agg{}
	rows, err := w.d.R.QueryContext(context.Background(), `SELECT COALESCE(l.sku_id, 0), COALESCE(l.listing_id, 0), l.quantity, l.paid_fen, o.paid_at
		FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sku, listing, qty, paid int64
		var at any
		rows.Scan(&sku, &listing, &qty, &paid, &at)
		day := parseAnyTime(t, at).In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
		if day < p.From || day > p.To {
			continue
		}
		if sku != 0 {
			listing = 0
		}
		k := [2]int64{sku, listing}
		if want[k] == nil {
			want[k] = &agg{}
		}
		want[k].units += qty
		want[k].paid += paid
	}
	for _, top := range items {
		a := want[[2]int64{top.SKUID, top.ListingID}]
		if a == nil || a.units != top.Units || a.paid != top.PaidFen {
			t.Errorf("top item %d/%d: %+v, raw lines say %+v", top.SKUID, top.ListingID, top, a)
		}
		for k, v := range want {
			if v.paid > top.PaidFen && !containsItem(items, k) {
				t.Errorf("item %v (paid %d) beats listed %d/%d", k, v.paid, top.SKUID, top.ListingID)
			}
		}
	}
}

func containsItem(items []TopSKU, k [2]int64) bool {
	for _, it := range items {
		if it.SKUID == k[0] && it.ListingID == k[1] {
			return true
		}
	}
	return false
}

// TestCLIJSON: `ecomops kpi ... --json` prints the contract's object.
func TestCLIJSON(t *testing.T) {
	d := dbtest.SQLite(t)
	w := newWorld(t, d, 2, 5)
	rng := rand.New(rand.NewPCG(1, 2))
	var batch []*order
	for range 80 {
		batch = append(batch, w.randomOrder(rng))
	}
	w.save(batch, false)
	run := func(args ...string) []byte {
		cmd := Command(func(*cobra.Command) (*Service, func() error, error) { return w.svc, func() error { return nil }, nil })
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetArgs(args)
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	out := run("--shop", "S01,S02", "--from", "2026-01-01", "--to", "2026-01-31", "--by", "day", "--json")
	var res struct {
		Totals map[string]any   `json:"totals"`
		Days   []map[string]any `json:"days"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := loadGolden(t, d, time.FixedZone("CST", 8*3600)).expect(w.shops, "2026-01-01", "2026-01-31")
	if res.Totals["gmv_fen"] != float64(want.GMVFen) || res.Totals["paying_buyers"] != float64(want.PayingBuyers) ||
		res.Totals["aov_fen"] != float64(want.AOVFen) || res.Totals["paid_orders"] != float64(want.PaidOrders) {
		t.Errorf("totals %v, want %+v", res.Totals, want)
	}
	if len(res.Days) != 31 || res.Days[0]["date"] != "2026-01-01" || res.Days[0]["gmv_fen"] == nil {
		t.Errorf("days %v", res.Days)
	}
	if out := run("--from", "2026-01-01", "--to", "2026-01-31", "--json"); bytes.Contains(out, []byte(`"days"`)) {
		t.Errorf("days without --by day: %s", out)
	}
	if out := run("rebuild"); !bytes.Contains(out, []byte("rollups rebuilt: 2 shop(s)")) {
		t.Errorf("rebuild: %s", out)
	}
	if out := run("--from", "2026-01-01", "--to", "2026-01-31"); !bytes.Contains(out, []byte("支付金额")) {
		t.Errorf("table: %s", out)
	}
}
