package sales

import (
	"context"
	"testing"

	"ecomops/internal/platform/db/dbtest"
)

// TestLoadDemoSmall runs the demo loader with fewer orders: files in the four
// formats import without a rejected row.
func TestLoadDemoSmall(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	shops := []DemoShop{{"TM01", "tmall", 3000}, {"JD01", "jd", 2000}, {"DY01", "douyin", 1000}, {"PDD01", "pdd", 1000}}
	if err := f.sales.LoadDemo(context.Background(), 42, shops); err != nil {
		t.Fatal(err)
	}
	if n := f.count("orders"); n != 7000 {
		t.Fatalf("%d orders", n)
	}
}
