package api

import (
	"reflect"
	"testing"

	"ecomops/internal/platform/trail"
)

type Settings struct{}

func TestSchemaName(t *testing.T) {
	for _, tc := range []struct {
		t    reflect.Type
		want string
	}{
		{reflect.TypeOf(trail.Row{}), "TrailRow"},
		{reflect.TypeOf(&trail.Row{}), "TrailRow"},
		{reflect.TypeOf(List[trail.Row]{}), "ListTrailRow"},
		{reflect.TypeOf(Settings{}), "Settings"},
		{reflect.TypeOf(List[string]{}), "ListString"},
		{reflect.TypeOf(struct{}{}), "Hint"},
	} {
		if got := schemaName(tc.t, "Hint"); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.t, got, tc.want)
		}
	}
}
