// Package app wires the modules together: configuration, database, services,
// routes, seeds and demo data. It is the only package that knows every module.
package app

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/assessment"
	"ecomops/internal/audit"
	catalogsvc "ecomops/internal/catalog"
	"ecomops/internal/fulfilment"
	"ecomops/internal/iam"
	"ecomops/internal/learning"
	"ecomops/internal/metrics"
	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/jobs"
	"ecomops/internal/platform/notify"
	"ecomops/internal/sales"
	"ecomops/internal/system"
	"ecomops/internal/training"
	"ecomops/web"
)

// Version is set at build time with -ldflags "-X ecomops/internal/app.Version=...".
var Version = "dev"

// App holds the opened database and every module's service.
type App struct {
	DB     *db.DB
	Clock  clock.Clock
	System *system.Service
	IAM    *iam.Service
	Org    *org.Service
	Audit  *audit.Service

	Fulfilment *fulfilment.Service
	// Catalog holds products, SKUs and shop listings; Sales the orders,
	// customers, imports and traffic (Catalog.OnMatch is Sales.ListingsMatched).
	Catalog *catalogsvc.Service
	Sales   *sales.Service
	// Metrics keeps the KPI rollups (Sales.OnChange is Metrics.OnOrderChange)
	// and answers KPI and dashboard queries.
	Metrics *metrics.Service
	// Training is needs analysis and the annual training plan (B1, B2.1).
	Training *training.Service
	// Learning delivers training: courses, sessions, external and online
	// learning (B2.2, B3); Files holds its uploads (training_learning.go).
	Learning *learning.Service
	Files    blob.Store
	// Assessment is training evaluation (B4): exams, feedback, effect
	// reports, trainer KPIs (training_learning_assessment.go).
	Assessment *assessment.Service

	// Jobs is River; `serve` starts it (ListenAndServe). Other commands
	// only enqueue through it.
	Jobs *jobs.Runner
	// Notify is the notification centre and outbox modules send through.
	Notify *notify.Service

	principals *principalCache
}

// Open opens and migrates the database at dsn, builds the services and
// seeds what every installation needs (dictionaries, built-in roles,
// positions). Seeding only adds what is missing.
func Open(ctx context.Context, dsn string, c clock.Clock) (*App, error) {
	d, err := db.OpenMigrated(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return New(ctx, d, c)
}

// New builds the application on an opened, migrated database (tests use it
// with dbtest databases). The App owns d from here on.
func New(ctx context.Context, d *db.DB, c clock.Clock) (*App, error) {
	if c == nil {
		c = clock.System{}
	}
	a := &App{DB: d, Clock: c, System: system.New(d), principals: newPrincipalCache(d)}
	a.IAM = iam.New(d, c)
	a.IAM.Catalog = catalog()
	a.IAM.Timeouts = func(ctx context.Context) (time.Duration, time.Duration) {
		st, err := a.System.Settings(ctx)
		if err != nil {
			st = system.DefaultSettings()
		}
		return time.Duration(st.SessionIdleMinutes) * time.Minute, time.Duration(st.SessionAbsoluteHours) * time.Hour
	}
	a.Org = org.New(d, a.IAM, c)
	if err := a.openJobs(ctx, d, c); err != nil {
		d.Close()
		return nil, err
	}
	a.Audit = audit.New(d, a.System.Location)
	a.Catalog = catalogsvc.New(d, c)
	a.Sales = sales.New(d, a.Org, a.Catalog, c, a.System.Location)
	a.Catalog.OnMatch = a.Sales.ListingsMatched
	a.Metrics = metrics.New(d, a.Org, a.Catalog, a.System.Location, c)
	a.Sales.OnChange = a.Metrics.OnOrderChange // KPI rollups move with every import batch
	a.Fulfilment = fulfilment.New(d, a.Org, sales.NewShipping(d), c, a.System.Location)
	a.Training = training.New(d, a.Org, a.System, c)
	a.openLearning(d, c)
	a.openAssessment(d, c)
	a.Org.ShopUpdated = func(ctx context.Context, tx bun.Tx, before, after org.Shop) error {
		if before.ShipWithinHours == after.ShipWithinHours {
			return nil
		}
		_, err := a.Fulfilment.ShopHoursChanged(ctx, tx, after.ID, after.ShipWithinHours)
		return err
	}
	if err := a.seed(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) seed(ctx context.Context) error {
	if err := a.System.Seed(ctx); err != nil {
		return err
	}
	if err := a.IAM.SeedRoles(ctx, seedRoles()); err != nil {
		return err
	}
	if err := a.Org.SeedPositions(ctx); err != nil {
		return err
	}
	return a.Training.Seed(ctx)
}

// openJobs brings River's tables up to date, opens its runner and builds
// the notification service on it (the delivery worker is registered before
// anything is enqueued).
func (a *App) openJobs(ctx context.Context, d *db.DB, c clock.Clock) error {
	if err := jobs.Migrate(ctx, d); err != nil {
		return err
	}
	r, err := jobs.Open(ctx, d, jobs.Config{})
	if err != nil {
		return err
	}
	a.Jobs = r
	a.Notify = notify.New(d, c)
	a.Notify.PublicURL = os.Getenv("ECOMOPS_PUBLIC_URL")
	a.Notify.Directory = func(ctx context.Context, userID int64) (string, error) {
		e, err := a.Org.EmployeeByUser(ctx, userID)
		return e.Email, err
	}
	a.Notify.Attach(r)
	return nil
}

// Close closes River's connections and the database.
func (a *App) Close() error {
	if a.Sales != nil {
		a.Sales.Shutdown() // background imports end as interrupted, committed batches kept
	}
	if a.Jobs != nil {
		a.Jobs.Close()
	}
	return a.DB.Close()
}

// Authenticate implements api.Authenticator: iam checks the credentials on
// every request; the principal they name (iam's roles and permissions, org's
// data scope) comes from the principal cache.
func (a *App) Authenticate(ctx context.Context, r *http.Request) (*auth.Principal, error) {
	id, err := a.IAM.Identify(ctx, r)
	if err != nil || id.UserID == 0 {
		return nil, err
	}
	p, err := a.principals.get(ctx, id.UserID, func() (*auth.Principal, error) {
		p, err := a.IAM.Principal(ctx, id.UserID)
		if err != nil || p == nil {
			return p, err
		}
		return p, a.Org.ResolveScope(ctx, p)
	})
	if err != nil || p == nil {
		return nil, err
	}
	p.SessionID, p.TokenID = id.SessionID, id.TokenID
	return p, nil
}

// Server builds the HTTP server with every module's routes.
func (a *App) Server() *api.Server {
	s := api.NewServer(api.Config{Title: "EcomOps", Version: Version, Auth: a, LogDB: a.DB.W, Ready: a.DB.Ping, UI: uiHandler(web.Dist())})
	a.IAM.AuthRoutes(s.API, menu())
	a.IAM.AdminRoutes(s.API, a.System.Location)
	a.System.Routes(s.API)
	a.Org.Routes(s.API)
	a.Audit.Routes(s.API)
	a.Notify.Routes(s.API)
	a.Fulfilment.Routes(s.API)
	a.Catalog.Routes(s.API)
	a.Sales.Routes(s.API)
	a.Metrics.Routes(s.API)
	a.Training.Routes(s.API)
	a.Learning.Routes(s.API)
	a.Assessment.Routes(s.API)
	return s
}
