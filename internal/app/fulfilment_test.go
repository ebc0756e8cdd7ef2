package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/sales"
)

// fulfilmentOrder is an order row as the importer writes it.
type fulfilmentOrder struct {
	bun.BaseModel `bun:"table:orders"`
	ID            int64      `bun:"id,pk,autoincrement"`
	ShopID        int64      `bun:"shop_id"`
	OrderNo       string     `bun:"order_no"`
	Status        string     `bun:"status"`
	OrderedAt     time.Time  `bun:"ordered_at"`
	PaidAt        *time.Time `bun:"paid_at"`
	ShipBy        *time.Time `bun:"ship_by"`
	Version       int        `bun:"version"`
	CreatedAt     time.Time  `bun:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at"`
}

// TestFulfilmentScopeWithDemoRoles: the seeded roles and the real data-scope
// resolution decide who sees and ships which orders of the processing queue.
func TestFulfilmentScopeWithDemoRoles(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		shop := func(code string) org.Shop {
			sh, err := e.app.Org.ShopByCode(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			return sh
		}
		order := func(sh org.Shop, no string) int64 {
			paid := time.Now().UTC().Add(-time.Hour)
			by := sales.ShipBy(paid, sh.ShipWithinHours)
			o := fulfilmentOrder{ShopID: sh.ID, OrderNo: no, Status: "paid", OrderedAt: paid, PaidAt: &paid, ShipBy: &by, Version: 1, CreatedAt: paid, UpdatedAt: paid}
			if _, err := e.app.DB.W.NewInsert().Model(&o).Returning("id").Exec(ctx); err != nil {
				t.Fatal(err)
			}
			return o.ID
		}
		tm, dy, pdd := shop("TM01"), shop("DY01"), shop("PDD01")
		tmOrder := order(tm, "TM-1")
		order(dy, "DY-1")
		pddOrder := order(pdd, "PDD-1")

		// a warehouse login that works for PDD01 only
		var role iam.Role
		if err := e.app.DB.R.NewSelect().Model(&role).Where("code = ?", RoleWarehouse).Scan(ctx); err != nil {
			t.Fatal(err)
		}
		var dept int64
		e.app.DB.R.NewRaw("SELECT id FROM departments WHERE name = '仓储物流部'").Scan(ctx, &dept)
		emp, err := e.app.Org.CreateEmployee(ctx, org.Employee{EmployeeNo: "W900", Name: "拼多多仓管", DepartmentID: dept},
			&iam.Login{Username: "whpdd", Password: org.DemoPassword, RoleIDs: []int64{role.ID}, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Org.SetShopStaff(ctx, pdd.ID, append(pdd.StaffIDs, emp.ID)); err != nil {
			t.Fatal(err)
		}

		type queue struct {
			Items []struct {
				OrderNo string `json:"order_no"`
			} `json:"items"`
			Total int `json:"total"`
		}
		var q queue
		whpdd := e.login("whpdd")
		whpdd.getJSON("/api/v1/fulfilment/queue", &q)
		if q.Total != 1 || q.Items[0].OrderNo != "PDD-1" {
			t.Errorf("PDD warehouse sees %+v", q)
		}
		ship := map[string]string{"carrier": "中通", "tracking_no": "73123456789012"}
		if st, b := whpdd.do("POST", fmt.Sprintf("/api/v1/fulfilment/orders/%d/shipment", tmOrder), ship); st != 404 {
			t.Errorf("PDD warehouse ships a TM01 order: %d %s", st, b)
		}
		if st, _ := whpdd.do("GET", fmt.Sprintf("/api/v1/fulfilment/queue?shop_id=%d", tm.ID), nil); st != 404 {
			t.Errorf("PDD warehouse filters by TM01: %d", st)
		}
		if st, b := whpdd.do("POST", fmt.Sprintf("/api/v1/fulfilment/orders/%d/shipment", pddOrder), ship); st != 200 {
			t.Errorf("PDD warehouse ships its order: %d %s", st, b)
		}

		// customer service (TM01, JD01) reads but does not ship or export
		cs := e.login("cs1")
		cs.getJSON("/api/v1/fulfilment/queue", &q)
		if q.Total != 1 || q.Items[0].OrderNo != "TM-1" {
			t.Errorf("cs1 sees %+v", q)
		}
		if st, _ := cs.do("POST", fmt.Sprintf("/api/v1/fulfilment/orders/%d/shipment", tmOrder), ship); st != 403 {
			t.Errorf("cs1 ships: %d", st)
		}
		if st, _ := cs.do("GET", "/api/v1/fulfilment/queue/export", nil); st != 403 {
			t.Errorf("cs1 exports: %d", st)
		}
		// an operations specialist has no queue permission
		if st, _ := e.login("ops2").do("GET", "/api/v1/fulfilment/queue", nil); st != 403 {
			t.Errorf("ops2 reads the queue: %d", st)
		}
		// the warehouse lead of every shop sees the rest and has the menu
		var me struct {
			Menus []struct {
				Key      string `json:"key"`
				Children []struct {
					Path string `json:"path"`
				} `json:"children"`
			} `json:"menus"`
		}
		wh := e.login("wh1")
		wh.getJSON("/api/v1/auth/me", &me)
		found := false
		for _, m := range me.Menus {
			found = found || (m.Key == "fulfilment" && len(m.Children) == 1 && m.Children[0].Path == "/fulfilment/queue")
		}
		if !found {
			t.Errorf("wh1 menus %+v lack fulfilment/queue", me.Menus)
		}
		wh.getJSON("/api/v1/fulfilment/queue?sort=order_no", &q)
		if q.Total != 2 || q.Items[0].OrderNo != "DY-1" || q.Items[1].OrderNo != "TM-1" {
			t.Errorf("wh1 sees %+v", q)
		}
	})
}
