package assessment

import (
	"fmt"
	"math"
	"testing"
)

func unit(group string, before, after float64) UnitChange {
	return UnitChange{Group: group, Before: NewRatio(before*1000, 1000), After: NewRatio(after*1000, 1000)}
}

func near(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-6 }

// TestDiDHandChecked: conversion of three trained and three comparison
// shops, computed by hand:
//
//	trained     2.0%→3.0% (+1.0), 2.5%→3.0% (+0.5), 3.0%→4.0% (+1.0)   mean change +0.8333 pp
//	comparison  2.0%→2.2% (+0.2), 3.0%→3.1% (+0.1), 2.5%→2.8% (+0.3)   mean change +0.2 pp
//	DiD = 0.8333 − 0.2 = +0.6333 pp
//	s²_T = (0.1667² + 0.3333² + 0.1667²)/2 = 0.08333 pp²;  s²_C = (0² + 0.1² + 0.1²)/2 = 0.01 pp²
//	SE = √(0.08333/3 + 0.01/3) = 0.17638 pp;  t(0.975, df 2) = 4.303
//	95% interval 0.6333 ± 0.7590 = −0.1256 .. 1.3923 pp: includes 0, no clear difference
func TestDiDHandChecked(t *testing.T) {
	units := []UnitChange{
		unit("trained", 0.020, 0.030), unit("trained", 0.025, 0.030), unit("trained", 0.030, 0.040),
		unit("comparison", 0.020, 0.022), unit("comparison", 0.030, 0.031), unit("comparison", 0.025, 0.028),
	}
	d := computeDiD("conversion", true, units, 3)
	if !near(d.Trained.MeanChange, 0.0083333333) || !near(d.Comparison.MeanChange, 0.002) {
		t.Fatalf("group changes: %v %v", *d.Trained.MeanChange, *d.Comparison.MeanChange)
	}
	if !near(d.Estimate, 0.0063333333) || !near(d.StdError, 0.0017638342) {
		t.Fatalf("estimate %v, SE %v", *d.Estimate, *d.StdError)
	}
	if !near(d.CILow, 0.0063333333-4.303*0.0017638342) || !near(d.CIHigh, 0.0063333333+4.303*0.0017638342) {
		t.Fatalf("interval %v .. %v", *d.CILow, *d.CIHigh)
	}
	if d.Conclusion != NoClearDifference {
		t.Fatalf("conclusion %s: %s", d.Conclusion, d.Message)
	}
	if d.MessageCode != MsgNoClearDifference || d.MessageParams["estimate"] != *d.Estimate || d.MessageParams["low"] != *d.CILow || d.MessageParams["high"] != *d.CIHigh {
		t.Fatalf("message %s %v", d.MessageCode, d.MessageParams)
	}

	// the same changes, larger and steadier in the trained group: better
	units = []UnitChange{
		unit("trained", 0.020, 0.030), unit("trained", 0.025, 0.035), unit("trained", 0.030, 0.041),
		unit("comparison", 0.020, 0.021), unit("comparison", 0.030, 0.030), unit("comparison", 0.025, 0.027),
	}
	d = computeDiD("conversion", true, units, 3)
	if d.Conclusion != Better || !near(d.Estimate, 0.0093333333) || d.MessageCode != MsgChanged || d.MessageParams["metric"] != "conversion" {
		t.Fatalf("clear improvement: %s %v %s %v", d.Conclusion, *d.Estimate, d.MessageCode, d.MessageParams)
	}
	// for a metric where lower is better (refund rate), the same rise is worse
	if d = computeDiD("refund_rate", false, units, 3); d.Conclusion != Worse {
		t.Fatalf("refund rate rising: %s", d.Conclusion)
	}
}

// TestDiDTooLittleData: a group below the threshold (a shop without the
// metric in one period does not count) gives no conclusion, but the
// numbers are still shown.
func TestDiDTooLittleData(t *testing.T) {
	noData := UnitChange{Group: "trained", Before: NewRatio(0, 0), After: NewRatio(5, 100)}
	units := []UnitChange{
		unit("trained", 0.02, 0.03), unit("trained", 0.02, 0.03), noData,
		unit("comparison", 0.02, 0.02), unit("comparison", 0.03, 0.03), unit("comparison", 0.02, 0.02),
	}
	d := computeDiD("conversion", true, units, 3)
	if d.Conclusion != TooLittleData || d.Trained.N != 2 || d.StdError != nil || len(d.Units) != 6 || d.Units[2].Change != nil {
		t.Fatalf("too little data: %+v", d)
	}
	if !near(d.Estimate, 0.01) {
		t.Fatalf("the raw difference is still shown: %v", d.Estimate)
	}
	if d.Message == "" {
		t.Fatal("no message")
	}
	want := map[string]any{"trained": 2, "comparison": 3, "metric": "conversion", "min": 3}
	if d.MessageCode != MsgTooLittleData || fmt.Sprint(d.MessageParams) != fmt.Sprint(want) {
		t.Fatalf("message %s %v, want %v", d.MessageCode, d.MessageParams, want)
	}
}
