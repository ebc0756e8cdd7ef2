package fulfilment

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/trail"
	"ecomops/internal/sales"
)

// t0 is "now" at the start of every test: 2026-11-11 10:00 in Beijing.
var t0 = time.Date(2026, 11, 11, 2, 0, 0, 0, time.UTC)

// fixture is a database with two shops (TM01 on tmall, 48 h; JD01 on jd,
// 24 h), the services and a manual clock at t0.
type fixture struct {
	t      *testing.T
	d      *db.DB
	clock  *clock.Manual
	org    *org.Service
	svc    *Service
	tm, jd org.Shop
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	c := clock.NewManual(t0)
	o := org.New(d, iam.New(d, c), c)
	f := &fixture{t: t, d: d, clock: c, org: o}
	f.svc = New(d, o, sales.NewShipping(d), c, func(context.Context) *time.Location {
		loc, _ := time.LoadLocation("Asia/Shanghai")
		return loc
	})
	var err error
	ctx := context.Background()
	if f.tm, err = o.CreateShop(ctx, org.Shop{Code: "TM01", Platform: "tmall", Name: "天猫店"}); err != nil {
		t.Fatal(err)
	}
	if f.jd, err = o.CreateShop(ctx, org.Shop{Code: "JD01", Platform: "jd", Name: "京东店", ShipWithinHours: 24}); err != nil {
		t.Fatal(err)
	}
	return f
}

// each runs fn on a fresh fixture per database engine.
func each(t *testing.T, fn func(t *testing.T, f *fixture)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { fn(t, newFixture(t, d)) })
}

// testOrder is an order row as the importer would write it; tests insert
// orders directly because the importer is not part of this module.
type testOrder struct {
	bun.BaseModel `bun:"table:orders"`
	ID            int64      `bun:"id,pk,autoincrement"`
	ShopID        int64      `bun:"shop_id"`
	OrderNo       string     `bun:"order_no"`
	Status        string     `bun:"status"`
	OrderedAt     time.Time  `bun:"ordered_at"`
	PaidAt        *time.Time `bun:"paid_at"`
	ShipBy        *time.Time `bun:"ship_by"`
	ShippedAt     *time.Time `bun:"shipped_at"`
	Carrier       string     `bun:"carrier"`
	TrackingNo    string     `bun:"tracking_no"`
	PaidFen       int64      `bun:"paid_fen"`
	Units         int64      `bun:"units"`
	Version       int        `bun:"version"`
	CreatedAt     time.Time  `bun:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at"`
}

// order inserts an order of shop sh paid ago before t0 (no payment when ago
// is negative), with ship_by derived as the importer must (sales.ShipBy).
func (f *fixture) order(sh org.Shop, no, status string, ago time.Duration) testOrder {
	f.t.Helper()
	o := testOrder{ShopID: sh.ID, OrderNo: no, Status: status, OrderedAt: t0.Add(-ago - time.Minute), PaidFen: 12345, Units: 2,
		Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if ago >= 0 {
		paid := t0.Add(-ago)
		by := sales.ShipBy(paid, sh.ShipWithinHours)
		o.PaidAt, o.ShipBy = &paid, &by
	}
	if status == "shipped" {
		o.Carrier, o.TrackingNo, o.ShippedAt = "SF", "SF1234567890123", &t0
	}
	if _, err := f.d.W.NewInsert().Model(&o).Returning("id").Exec(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	return o
}

// load reads an order back.
func (f *fixture) load(id int64) testOrder {
	f.t.Helper()
	var o testOrder
	if err := f.d.R.NewSelect().Model(&o).Where("id = ?", id).Scan(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	return o
}

// as returns a request context of a user with perms and the scope "shops"
// over shops, carrying an operation-log entry like the API middleware does.
func as(perms []string, shops ...int64) context.Context {
	p := &auth.Principal{UserID: 7, Username: "wh1", Perms: map[string]bool{}, Scope: auth.ScopeShops,
		Depts: []int64{}, Employees: []int64{}, Shops: append([]int64{}, shops...)}
	for _, perm := range perms {
		p.Perms[perm] = true
	}
	ctx := auth.With(context.Background(), p)
	return trail.With(ctx, &trail.Entry{UserID: 7, Username: "wh1", Action: "test", Started: time.Now()})
}

// warehouse is the permission set of the warehouse role.
var warehouse = []string{"fulfilment:queue:read", "fulfilment:shipment:create", "org:shop:read"}

func (f *fixture) count(table string, where string, args ...any) int {
	f.t.Helper()
	n, err := f.d.R.NewSelect().TableExpr(table).Where(where, args...).Count(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return int(n)
}

type bunTx = bun.Tx

func orgShop(code, platform string, hours int) org.Shop {
	return org.Shop{Code: code, Platform: platform, Name: code, ShipWithinHours: hours}
}
