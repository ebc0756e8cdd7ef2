package sales

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ecomops/internal/catalog"
	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/sales/gen"
)

var testLoc = time.FixedZone("CST", 8*3600)

type fixture struct {
	t     *testing.T
	d     *db.DB
	org   *org.Service
	cat   *catalog.Service
	sales *Service
	shops map[string]org.Shop
	dir   string
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	clk := clock.NewManual(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
	i := iam.New(d, clk)
	o := org.New(d, i, clk)
	c := catalog.New(d, clk)
	s := New(d, o, c, clk, func(context.Context) *time.Location { return testLoc })
	f := &fixture{t: t, d: d, org: o, cat: c, sales: s, shops: map[string]org.Shop{}, dir: t.TempDir()}
	for _, sh := range []org.Shop{{Code: "TM01", Platform: "tmall", Name: "天猫店"}, {Code: "JD01", Platform: "jd", Name: "京东店"},
		{Code: "PDD01", Platform: "pdd", Name: "拼多多店"}, {Code: "DY01", Platform: "douyin", Name: "抖店"}, {Code: "TB02", Platform: "taobao", Name: "淘宝二店"}} {
		out, err := o.CreateShop(context.Background(), sh)
		if err != nil {
			t.Fatal(err)
		}
		f.shops[sh.Code] = out
	}
	return f
}

// orders generates n orders of a platform with a fixed seed.
func genOrders(platform string, n int, seed uint64) iter.Seq[gen.Order] {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, testLoc)
	return gen.Generate(gen.Config{Seed: seed, Platform: platform, Orders: n, From: from, To: from.AddDate(0, 0, 20), Loc: testLoc,
		Now: time.Date(2026, 11, 25, 0, 0, 0, 0, testLoc)})
}

// write creates a file in the fixture's folder with fn writing its content.
func (f *fixture) write(name string, fn func(w *os.File) error) InputFile {
	f.t.Helper()
	p := filepath.Join(f.dir, name)
	fh, err := os.Create(p)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := fn(fh); err != nil {
		f.t.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		f.t.Fatal(err)
	}
	return InputFile{Path: p, Name: name}
}

func (f *fixture) writeBytes(name string, b []byte) InputFile {
	return f.write(name, func(w *os.File) error { _, err := w.Write(b); return err })
}

func (f *fixture) importFiles(shop, format, onError string, files ...InputFile) ImportResult {
	f.t.Helper()
	res, err := f.sales.ImportOrders(context.Background(), ImportRequest{ShopCode: shop, Files: files, Format: format, OnError: onError})
	if err != nil {
		f.t.Fatalf("import: %v", err)
	}
	return res
}

func (f *fixture) count(table string) int {
	f.t.Helper()
	var n int
	if err := f.d.R.NewRaw("SELECT count(*) FROM "+table).Scan(context.Background(), &n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// genOrdersAt is genOrders as exported at another moment (later statuses).
func genOrdersAt(platform string, n int, seed uint64, now time.Time) iter.Seq[gen.Order] {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, testLoc)
	return gen.Generate(gen.Config{Seed: seed, Platform: platform, Orders: n, From: from, To: from.AddDate(0, 0, 20), Loc: testLoc, Now: now})
}

// dump is a canonical text of the business data of a shop's orders: what
// must be equal after a clean import and after an interrupted one repeated.
func (f *fixture) dump(shop string) []string {
	f.t.Helper()
	var out []string
	rows, err := f.d.R.QueryContext(context.Background(), `SELECT o.order_no, o.status, o.raw_status, o.paid_fen, o.refunded_fen, o.units,
		coalesce(c.buyer_key, ''), o.content_hash,
		(SELECT count(*) FROM order_lines AS l WHERE l.order_id = o.id), (SELECT count(*) FROM order_events AS e WHERE e.order_id = o.id)
		FROM orders AS o LEFT JOIN customers AS c ON c.id = o.customer_id WHERE o.shop_id = ? ORDER BY o.order_no`, f.shops[shop].ID)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var no, st, raw, buyer, hash string
		var paid, ref, units, lines, events int64
		if err := rows.Scan(&no, &st, &raw, &paid, &ref, &units, &buyer, &hash, &lines, &events); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, fmt.Sprint(no, st, raw, paid, ref, units, buyer, hash, lines, events))
	}
	return out
}

func apiPage() api.Page { return api.Page{Page: 1, PageSize: 100} }
