package metrics

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/catalog"
	"ecomops/internal/org"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/clock"
	"ecomops/internal/platform/db"
)

// Permissions this module declares.
var Permissions = []string{"metrics:kpi:read", "metrics:kpi:export"}

// Service is the metrics module: registry, rollups and KPI queries.
type Service struct {
	db      *db.DB
	org     *org.Service
	catalog *catalog.Service
	loc     func(context.Context) *time.Location
	clock   clock.Clock
}

// New returns the service. org resolves the caller's shops (data scope),
// catalog gives SKU cost prices, loc the company time zone (settings).
func New(d *db.DB, o *org.Service, cat *catalog.Service, loc func(context.Context) *time.Location, c clock.Clock) *Service {
	if c == nil {
		c = clock.System{}
	}
	return &Service{db: d, org: o, catalog: cat, loc: loc, clock: c}
}

// state is the metric_state row: the time zone the rollups are kept in.
type state struct {
	bun.BaseModel `bun:"table:metric_state"`
	ID            int64      `bun:"id,pk"`
	Timezone      string     `bun:"timezone"`
	RebuiltAt     *time.Time `bun:"rebuilt_at"`
}

// zone reports the time zone of the rollups. Rollup dates are business
// dates in the zone recorded in metric_state, so that changing the company
// time zone in the settings never mixes two zones in one table; `kpi
// rebuild` adopts the new zone. Before the first write there is no record
// and the company zone applies; record=true (writers) stores it then.
func (s *Service) zone(ctx context.Context, idb bun.IDB, record bool) (*time.Location, error) {
	var st state
	err := idb.NewSelect().Model(&st).Where("id = 1").Scan(ctx)
	switch {
	case err == nil:
		loc, lerr := time.LoadLocation(st.Timezone)
		if lerr != nil {
			return nil, apperr.Wrap(lerr, "rollup time zone %q", st.Timezone)
		}
		return loc, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, apperr.Wrap(err, "load metric state")
	}
	loc := s.loc(ctx)
	if record {
		st = state{ID: 1, Timezone: loc.String()}
		if _, err := idb.NewInsert().Model(&st).On("CONFLICT (id) DO NOTHING").Exec(ctx); err != nil {
			return nil, apperr.Wrap(err, "record rollup time zone")
		}
	}
	return loc, nil
}

// ZoneStatus tells whether the rollups are in the company time zone.
type ZoneStatus struct {
	Rollups string `json:"rollups" doc:"time zone of the rollup dates"`
	Company string `json:"company" doc:"company time zone in the settings"`
	Stale   bool   `json:"stale" doc:"true when they differ: run ecomops kpi rebuild"`
}

func (s *Service) zoneStatus(ctx context.Context) (ZoneStatus, *time.Location, error) {
	loc, err := s.zone(ctx, s.db.R, false)
	if err != nil {
		return ZoneStatus{}, nil, err
	}
	company := s.loc(ctx).String()
	return ZoneStatus{Rollups: loc.String(), Company: company, Stale: loc.String() != company}, loc, nil
}
