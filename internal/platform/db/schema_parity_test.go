package db_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"ecomops/internal/platform/db/dbtest"
)

// TestSchemaParity: both dialects' migrations give the same tables and columns.
func TestSchemaParity(t *testing.T) {
	ctx := context.Background()
	lite, err := dbtest.SQLite(t).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := dbtest.Postgres(t).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	drop := func(m map[string][]string) {
		for k := range m {
			if strings.HasPrefix(k, "river_") {
				delete(m, k) // River's own tables differ per driver by design
			}
		}
	}
	drop(lite)
	drop(pg)
	if len(lite) == 0 {
		t.Fatal("no tables found")
	}
	for table, cols := range lite {
		if !reflect.DeepEqual(cols, pg[table]) {
			t.Errorf("table %s: sqlite columns %v, postgres columns %v", table, cols, pg[table])
		}
	}
	for table := range pg {
		if _, ok := lite[table]; !ok {
			t.Errorf("table %s exists only on postgres", table)
		}
	}
}
