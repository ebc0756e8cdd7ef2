package app

import (
	"context"
	"math/rand/v2"

	"ecomops/internal/org"
	"ecomops/internal/sales"
)

// The sales demo: products and SKUs, 12 months of orders of the four demo
// shops (about 200k, imported through the real importer from files in each
// platform's export format) and their 生意参谋 traffic.
func init() {
	RegisterDemo(DemoLoader{Name: "sales", Load: func(ctx context.Context, a *App, _ *org.DemoCompany, rng *rand.Rand) error {
		return a.Sales.LoadDemo(ctx, rng.Uint64(), sales.DemoShops)
	}})
}
