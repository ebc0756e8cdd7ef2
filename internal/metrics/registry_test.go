package metrics

import (
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/METRICS.md from the registry")

const metricsDoc = "../../docs/METRICS.md"

// handWritten starts the part of docs/METRICS.md that other modules write
// by hand (e.g. "Training": figures computed outside the registry); the
// test compares, and -update rewrites, only what comes before it.
const handWritten = "\n<!-- Sections below are written by hand by their modules, not generated from the registry. -->\n"

// TestMetricsDoc: docs/METRICS.md is the registry rendered; -update rewrites it.
func TestMetricsDoc(t *testing.T) {
	want := RenderDoc()
	cur, err := os.ReadFile(metricsDoc)
	if err != nil {
		t.Fatal(err)
	}
	got, tail, found := strings.Cut(string(cur), handWritten)
	if *update {
		if found {
			tail = handWritten + tail
		}
		if err := os.WriteFile(metricsDoc, []byte(want+tail), 0o644); err != nil {
			t.Fatal(err)
		}
		got = want
	}
	if got != want {
		t.Fatal("docs/METRICS.md disagrees with the registry: run go test ./internal/metrics -run TestMetricsDoc -update")
	}
}

// TestRegistryFields: every metric names a Totals JSON field and every
// Totals field belongs to a metric (aov is the AOV metric's unrounded ratio),
// ids are unique and every definition is complete.
func TestRegistryFields(t *testing.T) {
	var fields []string
	tt := reflect.TypeFor[Totals]()
	for i := range tt.NumField() {
		fields = append(fields, strings.Split(tt.Field(i).Tag.Get("json"), ",")[0])
	}
	seen := map[string]bool{}
	for _, m := range Registry {
		if seen[m.ID] {
			t.Errorf("duplicate metric id %s", m.ID)
		}
		seen[m.ID] = true
		if !slices.Contains(fields, m.Field) {
			t.Errorf("metric %s: field %s is not in Totals", m.ID, m.Field)
		}
		if m.NameZH == "" || m.NameEN == "" || m.Definition == "" || m.Formula == "" || m.Source == "" || m.Value == nil || drillDoc[m.Drill] == "" {
			t.Errorf("metric %s is incomplete", m.ID)
		}
		if _, ok := m.Value(Totals{}); ok != (m.Unit != UnitRatio) {
			t.Errorf("metric %s: a zero ratio must be undefined, any other zero defined", m.ID)
		}
	}
	for _, f := range fields {
		if f == "aov" {
			continue
		}
		if !slices.ContainsFunc(Registry, func(m Metric) bool { return m.Field == f }) {
			t.Errorf("Totals field %s has no metric in the registry", f)
		}
	}
	for _, id := range []string{"gmv", "paid_orders", "paying_buyers", "aov", "units", "refunds", "net_sales", "cost_of_goods",
		"gross_profit", "visitors", "page_views", "conversion", "favourites", "add_to_cart", "refund_rate"} {
		if _, ok := Lookup(id); !ok {
			t.Errorf("required metric %s is missing", id)
		}
	}
}
