package assessment

import (
	"context"
	"fmt"
	"slices"
	"time"

	"ecomops/internal/learning"
	"ecomops/internal/metrics"
	"ecomops/internal/org"
	"ecomops/internal/platform/api"
)

// Results is the results level: for the shops run by trainees, the change
// of their KPIs from the period before a session to the period after it,
// against the same change for comparable shops (run by colleagues holding
// the trainees' positions who were not trained), as a difference in
// differences per session and metric (see DiD), pooled over the sessions.
type Results struct {
	Available   bool             `json:"available"`
	Message     string           `json:"message" doc:"why nothing is shown, in English; empty otherwise"`
	MessageCode string           `json:"message_code" enum:",unavailable,no_session" doc:"the same as a code the UI translates; empty when there is nothing to say"`
	PeriodDays  int              `json:"period_days"`
	MinGroup    int              `json:"min_group" doc:"fewest shops per group to conclude (settings: min_group_size)"`
	Sessions    []SessionResults `json:"sessions"`
	Pooled      []PooledResult   `json:"pooled"`
	Caveat      string           `json:"caveat" doc:"how to read the comparison, in English"`
	CaveatCode  string           `json:"caveat_code" enum:"observational" doc:"the same as a code the UI translates"`
}

// Period is an inclusive range of business dates.
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// SessionResults compares the shops of one session's trainees.
type SessionResults struct {
	SessionID       int64  `json:"session_id"`
	Title           string `json:"title"`
	Before          Period `json:"before"`
	After           Period `json:"after"`
	Complete        bool   `json:"complete" doc:"the after period is over; until then nothing is concluded"`
	TrainedShops    int    `json:"trained_shops"`
	ComparisonShops int    `json:"comparison_shops"`
	Metrics         []DiD  `json:"metrics"`
}

// PooledResult is a metric's estimate over the sessions that allow a
// conclusion, weighted by their number of trained shops.
type PooledResult struct {
	Metric        string         `json:"metric"`
	Sessions      int            `json:"sessions" doc:"sessions with enough data"`
	TrainedShops  int            `json:"trained_shops"`
	Estimate      *float64       `json:"estimate"`
	Message       string         `json:"message" doc:"in English"`
	MessageCode   string         `json:"message_code" enum:"weighted,pooled_too_little" doc:"the same as a code the UI translates"`
	MessageParams map[string]any `json:"message_params" doc:"weighted: sessions"`
}

// resultMetrics are the shop KPIs compared (docs/METRICS.md). The complaint
// rate has no data source yet.
var resultMetrics = []struct {
	ID           string
	HigherBetter bool
	Get          func(metrics.Totals) metrics.Ratio
}{
	{"conversion", true, func(t metrics.Totals) metrics.Ratio { return t.Conversion }},
	{"aov", true, func(t metrics.Totals) metrics.Ratio { return t.AOV }},
	{"refund_rate", false, func(t metrics.Totals) metrics.Ratio { return t.RefundRate }},
}

const resultsCaveat = "Observational comparison: shops were not assigned to training at random, so other differences between the groups can explain a change. " +
	"Read it with the numbers behind it."

func (s *Service) resultsLevel(ctx context.Context, in reportInput) (Results, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return Results{}, err
	}
	r := Results{PeriodDays: st.ResultsPeriodDays, MinGroup: st.MinGroupSize, Sessions: []SessionResults{}, Pooled: []PooledResult{}, Caveat: resultsCaveat, CaveatCode: MsgObservational}
	if s.Metrics == nil {
		r.Message, r.MessageCode = "The sales KPIs (metrics module) are not available in this installation.", MsgUnavailable
		return r, nil
	}
	r.Available = true
	shops, _, err := s.org.ListShops(ctx, org.ShopFilter{Page: api.Page{Sort: "id"}.ForExport(), Status: "active"})
	if err != nil {
		return r, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return r, err
	}
	for _, x := range in.sessions {
		if x.Status != "completed" {
			continue
		}
		sr, err := s.sessionResults(ctx, x, st, shops, dir)
		if err != nil {
			return r, err
		}
		r.Sessions = append(r.Sessions, sr)
	}
	r.Pooled = pool(r.Sessions)
	if len(r.Sessions) == 0 {
		r.Message, r.MessageCode = "No completed session yet.", MsgNoSession
	}
	return r, nil
}

// groups splits shops into those run by a trainee and comparable ones (pure).
func groups(shops []org.Shop, trainees []int64, dir *directory) (trained, comparison []org.Shop) {
	inT := map[int64]bool{}
	positions := map[int64]bool{}
	for _, id := range trainees {
		inT[id] = true
		if e, ok := dir.emps[id]; ok && e.PositionID != nil {
			positions[*e.PositionID] = true
		}
	}
	comparable := func(id int64) bool {
		e, ok := dir.emps[id]
		return ok && !inT[id] && active(e) && e.PositionID != nil && positions[*e.PositionID]
	}
	for _, sh := range shops {
		switch {
		case slices.ContainsFunc(sh.StaffIDs, func(id int64) bool { return inT[id] }):
			trained = append(trained, sh)
		case slices.ContainsFunc(sh.StaffIDs, comparable):
			comparison = append(comparison, sh)
		}
	}
	return trained, comparison
}

func (s *Service) sessionResults(ctx context.Context, x learning.Session, st Settings, shops []org.Shop, dir *directory) (SessionResults, error) {
	loc := s.location(ctx)
	start, end := x.StartsAt.In(loc), x.EndsAt.In(loc)
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	sr := SessionResults{SessionID: x.ID, Title: sessionTitle(x),
		Before: Period{day(start.AddDate(0, 0, -st.ResultsPeriodDays)), day(start.AddDate(0, 0, -1))},
		After:  Period{day(end.AddDate(0, 0, 1)), day(end.AddDate(0, 0, st.ResultsPeriodDays))}, Metrics: []DiD{}}
	sr.Complete = sr.After.To < s.today(ctx)
	trainees, err := s.sessionTrainees(ctx, x.ID) // the whole group decides who is trained, whatever the caller sees
	if err != nil {
		return sr, err
	}
	trained, comparison := groups(shops, trainees, dir)
	sr.TrainedShops, sr.ComparisonShops = len(trained), len(comparison)
	type kpis struct{ before, after metrics.Totals }
	values := map[int64]kpis{}
	for _, sh := range append(slices.Clone(trained), comparison...) {
		b, err := s.Metrics.KPI(ctx, metrics.Query{From: sr.Before.From, To: sr.Before.To, ShopIDs: []int64{sh.ID}}, false)
		if err != nil {
			return sr, err
		}
		a, err := s.Metrics.KPI(ctx, metrics.Query{From: sr.After.From, To: sr.After.To, ShopIDs: []int64{sh.ID}}, false)
		if err != nil {
			return sr, err
		}
		values[sh.ID] = kpis{b.Totals, a.Totals}
	}
	staff := func(sh org.Shop, group string) []string {
		out := []string{}
		for _, id := range sh.StaffIDs {
			if contains(trainees, id) == (group == "trained") {
				out = append(out, dir.name(id))
			}
		}
		return out
	}
	for _, m := range resultMetrics {
		var units []UnitChange
		for group, list := range map[string][]org.Shop{"trained": trained, "comparison": comparison} {
			for _, sh := range list {
				v := values[sh.ID]
				units = append(units, UnitChange{ShopID: sh.ID, ShopName: sh.Name, Group: group, Staff: staff(sh, group),
					Before: m.Get(v.before), After: m.Get(v.after)})
			}
		}
		slices.SortFunc(units, func(a, b UnitChange) int {
			if a.Group != b.Group {
				return -compareStrings(a.Group, b.Group) // trained first
			}
			return int(a.ShopID - b.ShopID)
		})
		d := computeDiD(m.ID, m.HigherBetter, units, st.MinGroupSize)
		if !sr.Complete && d.Conclusion != TooLittleData {
			d.Conclusion = TooLittleData
			d.Message = fmt.Sprintf("Too early to conclude: the period after the session runs until %s.", sr.After.To)
			d.MessageCode, d.MessageParams = MsgTooEarly, map[string]any{"until": sr.After.To}
		}
		sr.Metrics = append(sr.Metrics, d)
	}
	return sr, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// pool combines the sessions' estimates per metric (pure).
func pool(sessions []SessionResults) []PooledResult {
	out := []PooledResult{}
	for _, m := range resultMetrics {
		p := PooledResult{Metric: m.ID}
		sum := 0.0
		for _, sr := range sessions {
			for _, d := range sr.Metrics {
				if d.Metric != m.ID || d.Conclusion == TooLittleData || d.Estimate == nil {
					continue
				}
				p.Sessions++
				p.TrainedShops += d.Trained.N
				sum += *d.Estimate * float64(d.Trained.N)
			}
		}
		if p.TrainedShops > 0 {
			p.Estimate = fp(sum / float64(p.TrainedShops))
			p.Message = fmt.Sprintf("Weighted by trained shops over %d session(s).", p.Sessions)
			p.MessageCode, p.MessageParams = MsgPooledWeighted, map[string]any{"sessions": p.Sessions}
		} else {
			p.Message = "Too little data to conclude: no session has enough shops in both groups."
			p.MessageCode, p.MessageParams = MsgPooledTooLittle, map[string]any{}
		}
		out = append(out, p)
	}
	return out
}
