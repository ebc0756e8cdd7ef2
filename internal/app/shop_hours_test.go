package app

import (
	"fmt"
	"testing"
	"time"
)

// TestShopHoursMoveShipBy: changing a shop's ship-within hours moves the
// deadline of its orders still waiting, in the same transaction.
func TestShopHoursMoveShipBy(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		shop := idOf(t, e, "SELECT id FROM shops WHERE code = 'TM01'")
		paid := time.Date(2026, 11, 11, 2, 0, 0, 0, time.UTC)
		now := time.Now().UTC()
		if _, err := e.app.DB.W.NewRaw(`INSERT INTO orders (shop_id, order_no, status, ordered_at, paid_at, ship_by, created_at, updated_at)
			VALUES (?, 'T-1', 'paid', ?, ?, ?, ?, ?)`, shop, paid, paid, paid.Add(48*time.Hour), now, now).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		c := e.login("admin")
		var sh struct{ Version int }
		c.getJSON(fmt.Sprintf("/api/v1/org/shops/%d", shop), &sh)
		st, b := c.do("PUT", fmt.Sprintf("/api/v1/org/shops/%d", shop), map[string]any{"code": "TM01", "platform": "tmall", "name": "优选家居天猫旗舰店",
			"ship_within_hours": 24, "version": sh.Version})
		if st != 200 {
			t.Fatalf("update shop: %d %s", st, b)
		}
		var shipBy time.Time
		if err := e.app.DB.R.NewRaw("SELECT ship_by FROM orders WHERE order_no = 'T-1'").Scan(t.Context(), &shipBy); err != nil {
			t.Fatal(err)
		}
		if !shipBy.Equal(paid.Add(24 * time.Hour)) {
			t.Fatalf("ship_by %v, want %v", shipBy, paid.Add(24*time.Hour))
		}
	})
}
