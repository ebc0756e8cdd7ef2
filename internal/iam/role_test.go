package iam

import (
	"testing"

	"ecomops/internal/platform/auth"
)

func TestPermissionTree(t *testing.T) {
	s := &Service{Catalog: []string{"org:shop:read", "org:shop:update", "org:employee:read", "pii:reveal"}}
	tree := s.PermissionTree()
	if len(tree) != 2 || tree[0].Key != "org" || len(tree[0].Children) != 2 || tree[1].Key != "pii:reveal" {
		t.Fatalf("tree %+v", tree)
	}
	shop := tree[0].Children[1]
	if shop.Key != "org:shop" || len(shop.Children) != 2 || shop.Children[1].Key != "org:shop:update" || shop.Children[1].Label != "update" {
		t.Fatalf("shop branch %+v", shop)
	}
}

func TestBroadestScope(t *testing.T) {
	if auth.Broadest([]auth.Scope{auth.ScopeSelf, auth.ScopeDept, auth.ScopeShops}) != auth.ScopeDept {
		t.Fatal("dept is broader than shops and self")
	}
	if auth.Broadest(nil) != auth.ScopeSelf {
		t.Fatal("no role means self")
	}
}

func TestMenusFilteredByPermission(t *testing.T) {
	tree := []MenuItem{{Key: "home", Path: "/home"}, {Key: "org", Children: []MenuItem{{Key: "shops", Perm: "org:shop:read"}, {Key: "employees", Perm: "org:employee:read"}}},
		{Key: "system", Children: []MenuItem{{Key: "roles", Perm: "iam:role:read"}}}}
	got := Menus(tree, &auth.Principal{Perms: map[string]bool{"org:shop:read": true}})
	if len(got) != 2 || got[1].Key != "org" || len(got[1].Children) != 1 || got[1].Children[0].Key != "shops" {
		t.Fatalf("menus %+v", got)
	}
}
