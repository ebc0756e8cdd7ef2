package assessment

import (
	"fmt"
	"math"
)

// UnitChange is one shop's metric in the period before and after training.
type UnitChange struct {
	ShopID   int64    `json:"shop_id"`
	ShopName string   `json:"shop_name"`
	Group    string   `json:"group" enum:"trained,comparison"`
	Staff    []string `json:"staff" doc:"who runs the shop (the trainees, or the comparison colleagues)"`
	Before   Ratio    `json:"before" doc:"the metric over the period before, with its numerator and denominator"`
	After    Ratio    `json:"after"`
	Change   *float64 `json:"change" doc:"after − before; null when either is undefined (then the shop is left out)"`
}

// GroupChange summarises one group's shops that have the metric in both periods.
type GroupChange struct {
	N          int      `json:"n" doc:"shops with the metric defined in both periods"`
	MeanBefore *float64 `json:"mean_before"`
	MeanAfter  *float64 `json:"mean_after"`
	MeanChange *float64 `json:"mean_change"`
	SD         *float64 `json:"sd" doc:"sample standard deviation of the changes (n − 1)"`
}

// DiD is a difference in differences of one metric: how much more the
// trained group's shops changed than the comparison group's over the same
// periods. Conclusions:
//
//	too_little_data      a group has fewer than MinGroup shops with the metric in both periods
//	better / worse       the 95% interval of the estimate excludes 0 (direction per the metric's polarity)
//	no_clear_difference  the interval includes 0
//
// The interval is estimate ± t × SE with SE = √(s_T²/n_T + s_C²/n_C)
// (unequal variances) and t the two-sided 95% Student quantile at
// min(n_T, n_C) − 1 degrees of freedom (a conservative choice for small
// groups). Shops are compared as they are: this is an observational
// estimate, not a controlled experiment, and the report says so.
type DiD struct {
	Metric        string         `json:"metric"`
	HigherBetter  bool           `json:"higher_better"`
	Trained       GroupChange    `json:"trained"`
	Comparison    GroupChange    `json:"comparison"`
	Estimate      *float64       `json:"estimate" doc:"trained mean change − comparison mean change"`
	StdError      *float64       `json:"std_error"`
	CILow         *float64       `json:"ci95_low"`
	CIHigh        *float64       `json:"ci95_high"`
	MinGroup      int            `json:"min_group" doc:"the threshold: fewest shops per group to conclude (settings)"`
	Conclusion    string         `json:"conclusion" enum:"too_little_data,better,worse,no_clear_difference"`
	Message       string         `json:"message" doc:"the conclusion in an English sentence"`
	MessageCode   string         `json:"message_code" enum:"too_little_data,too_early,changed,no_clear_difference" doc:"the sentence as a code the UI translates"`
	MessageParams map[string]any `json:"message_params" doc:"too_little_data: trained, comparison, metric, min; too_early: until (YYYY-MM-DD); changed: metric, estimate, low, high; no_clear_difference: estimate, low, high"`
	Units         []UnitChange   `json:"units" doc:"the numbers behind it, shop by shop"`
}

// Codes of the report's results-level sentences (message_code and
// caveat_code), which the UI translates with their params.
const (
	MsgTooLittleData     = "too_little_data"     // DiD: {trained, comparison, metric, min}
	MsgTooEarly          = "too_early"           // DiD: the after period runs {until}
	MsgChanged           = "changed"             // DiD: {metric, estimate, low, high}
	MsgNoClearDifference = "no_clear_difference" // DiD: {estimate, low, high}
	MsgUnavailable       = "unavailable"         // Results: no metrics module
	MsgNoSession         = "no_session"          // Results: no completed session
	MsgPooledWeighted    = "weighted"            // PooledResult: {sessions}
	MsgPooledTooLittle   = "pooled_too_little"   // PooledResult: no session has enough shops
	MsgObservational     = "observational"       // Results.caveat_code
)

// Conclusions of a DiD.
const (
	TooLittleData     = "too_little_data"
	Better            = "better"
	Worse             = "worse"
	NoClearDifference = "no_clear_difference"
)

// groupChange summarises the units of one group (pure).
func groupChange(units []UnitChange, group string) (GroupChange, []float64) {
	var before, after, changes []float64
	for _, u := range units {
		if u.Group != group || u.Change == nil {
			continue
		}
		before, after, changes = append(before, *u.Before.Value), append(after, *u.After.Value), append(changes, *u.Change)
	}
	g := GroupChange{N: len(changes)}
	if g.N > 0 {
		g.MeanBefore, g.MeanAfter, g.MeanChange = fp(mean(before)), fp(mean(after)), fp(mean(changes))
	}
	if g.N > 1 {
		g.SD = fp(math.Sqrt(variance(changes)))
	}
	return g, changes
}

// computeDiD compares the trained and comparison units (pure). Units whose
// Change is nil are listed but left out of the computation.
func computeDiD(metric string, higherBetter bool, units []UnitChange, minGroup int) DiD {
	for i := range units {
		u := &units[i]
		u.Change = nil
		if u.Before.Value != nil && u.After.Value != nil {
			u.Change = fp(*u.After.Value - *u.Before.Value)
		}
	}
	d := DiD{Metric: metric, HigherBetter: higherBetter, MinGroup: minGroup, Units: units}
	var ct, cc []float64
	d.Trained, ct = groupChange(units, "trained")
	d.Comparison, cc = groupChange(units, "comparison")
	if d.Trained.N < minGroup || d.Comparison.N < minGroup {
		d.Conclusion = TooLittleData
		d.Message = fmt.Sprintf("Too little data to conclude: %d trained and %d comparison shops have %s in both periods; at least %d of each are needed.",
			d.Trained.N, d.Comparison.N, metric, minGroup)
		d.MessageCode = MsgTooLittleData
		d.MessageParams = map[string]any{"trained": d.Trained.N, "comparison": d.Comparison.N, "metric": metric, "min": minGroup}
		if d.Trained.N > 0 && d.Comparison.N > 0 {
			d.Estimate = fp(*d.Trained.MeanChange - *d.Comparison.MeanChange)
		}
		return d
	}
	est := *d.Trained.MeanChange - *d.Comparison.MeanChange
	se := math.Sqrt(variance(ct)/float64(len(ct)) + variance(cc)/float64(len(cc)))
	t := tQuantile975(min(len(ct), len(cc)) - 1)
	d.Estimate, d.StdError, d.CILow, d.CIHigh = fp(est), fp(se), fp(est-t*se), fp(est+t*se)
	improved := (est > 0) == higherBetter
	switch {
	case *d.CILow > 0 || *d.CIHigh < 0:
		if improved {
			d.Conclusion = Better
		} else {
			d.Conclusion = Worse
		}
		d.Message = fmt.Sprintf("The trained shops' %s changed by %+.4g more than the comparison shops' (95%% interval %.4g to %.4g).", metric, est, *d.CILow, *d.CIHigh)
		d.MessageCode = MsgChanged
		d.MessageParams = map[string]any{"metric": metric, "estimate": est, "low": *d.CILow, "high": *d.CIHigh}
	default:
		d.Conclusion = NoClearDifference
		d.Message = fmt.Sprintf("No clear difference: the estimate %+.4g lies in a 95%% interval (%.4g to %.4g) that includes 0.", est, *d.CILow, *d.CIHigh)
		d.MessageCode = MsgNoClearDifference
		d.MessageParams = map[string]any{"estimate": est, "low": *d.CILow, "high": *d.CIHigh}
	}
	return d
}

func fp(v float64) *float64 { return &v }

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// variance is the sample variance (n − 1); 0 for fewer than two values.
func variance(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m, s := mean(xs), 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1)
}

// tQuantile975 is Student's t 0.975 quantile (two-sided 95%) for df >= 1.
func tQuantile975(df int) float64 {
	table := []float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
		2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}
	switch {
	case df < 1:
		return math.Inf(1)
	case df <= len(table):
		return table[df-1]
	case df <= 60:
		return 2.000
	case df <= 120:
		return 1.980
	}
	return 1.960
}
