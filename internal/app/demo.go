package app

import (
	"context"
	"math/rand/v2"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
)

// DemoLoader adds one module's demo data on top of the demo company. Loaders
// run in registration order with a random source seeded from a fixed seed,
// so every demo database is the same.
type DemoLoader struct {
	Name string
	Load func(ctx context.Context, a *App, dc *org.DemoCompany, rng *rand.Rand) error
}

var demoLoaders []DemoLoader

// RegisterDemo is the one registration point for module demo data.
func RegisterDemo(l DemoLoader) { demoLoaders = append(demoLoaders, l) }

// DemoSeed is the fixed seed of the demo data.
const DemoSeed = 20261101

// LoadDemo loads the demo company and every registered module's demo data
// into a database without business data, and returns the logins to print.
// Errors: conflict when the database already has business data.
func (a *App) LoadDemo(ctx context.Context) ([]org.DemoLogin, error) { return a.loadDemo(ctx, true) }

// loadDemo loads the demo company and, when modules is set, every module's
// demo data; the API tests load only the company to stay fast.
func (a *App) loadDemo(ctx context.Context, modules bool) ([]org.DemoLogin, error) {
	has, err := a.Org.HasBusinessData(ctx)
	if err != nil {
		return nil, err
	}
	if has {
		return nil, apperr.New(apperr.Conflict, "this database already has business data; the demo loads only into an empty database")
	}
	// admin may exist from an earlier demo run that failed after creating it
	if _, err := a.IAM.CreateUser(ctx, iam.NewUser{Username: "admin", Name: "系统管理员", Password: org.DemoPassword, Admin: true, Roles: []string{RoleAdmin}}); err != nil && !apperr.Is(err, apperr.Invalid) {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(DemoSeed, DemoSeed))
	dc, err := a.Org.LoadDemo(ctx, rng)
	if err != nil {
		return nil, err
	}
	for _, l := range demoLoaders {
		if !modules {
			break
		}
		if err := l.Load(ctx, a, &dc, rng); err != nil {
			return nil, apperr.Wrap(err, "demo %s", l.Name)
		}
	}
	return append([]org.DemoLogin{{Username: "admin", Role: RoleAdmin, Name: "系统管理员"}}, dc.Logins...), nil
}
