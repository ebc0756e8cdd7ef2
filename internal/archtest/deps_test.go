// Package archtest checks the dependency rule of DESIGN.md: platform/*
// imports no business module, and a module imports only modules before it.
package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// order is the module order (ARCHITECTURE.md); a module may import only
// modules before it.
var order = []string{"system", "iam", "org", "audit", "catalog", "sales", "metrics", "fulfilment", "inventory",
	"marketing", "crm", "planning", "training", "learning", "assessment", "appraisal"}

// imports returns the ecomops/internal/... imports of the non-test files under dir.
func imports(t *testing.T, dir string) map[string]bool {
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if rest, ok := strings.CutPrefix(path, "ecomops/internal/"); ok {
				out[rest] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestModuleDependencies(t *testing.T) {
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || name == "app" || name == "archtest" {
			continue
		}
		if name == "platform" {
			for im := range imports(t, "../platform") {
				if !strings.HasPrefix(im, "platform/") {
					t.Errorf("platform imports business module %s", im)
				}
			}
			continue
		}
		pos := slices.Index(order, name)
		if pos < 0 {
			t.Errorf("module %s is not in the module order; add it to docs/ARCHITECTURE.md and this test", name)
			continue
		}
		for im := range imports(t, "../"+name) {
			mod := strings.SplitN(im, "/", 2)[0]
			if mod == "platform" || mod == name {
				continue
			}
			if i := slices.Index(order, mod); i < 0 || i >= pos {
				t.Errorf("%s imports %s, which does not come before it", name, im)
			}
		}
	}
}
