package iam

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// RoleFilter filters the role list.
type RoleFilter struct {
	api.Page
	Q string `query:"q" doc:"matches code or name"`
}

// ListRoles returns a page of roles with their permissions.
func (s *Service) ListRoles(ctx context.Context, f RoleFilter) ([]Role, int, error) {
	var items []Role
	q := s.db.R.NewSelect().Model(&items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(code) LIKE ? OR lower(name) LIKE ? OR lower(name_en) LIKE ?)", like, like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "id", "code": "code", "name": "name", "sort": "sort"}, "sort")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q.OrderExpr("id")).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list roles")
	}
	if err := s.loadPermissions(ctx, s.db.R, items); err != nil {
		return nil, 0, err
	}
	return items, int(n), nil
}

// Role returns one role. Errors: not_found.
func (s *Service) Role(ctx context.Context, id int64) (Role, error) {
	var r Role
	if err := s.db.R.NewSelect().Model(&r).Where("id = ?", id).Scan(ctx); err != nil {
		return r, db.NotFound(err, "role", id)
	}
	rs := []Role{r}
	err := s.loadPermissions(ctx, s.db.R, rs)
	return rs[0], err
}

func (s *Service) loadPermissions(ctx context.Context, idb bun.IDB, roles []Role) error {
	if len(roles) == 0 {
		return nil
	}
	ids := make([]int64, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	var rows []rolePermission
	if err := idb.NewSelect().Model(&rows).Where("role_id IN (?)", bun.In(ids)).OrderExpr("permission").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load role permissions")
	}
	for i := range roles {
		roles[i].Permissions = []string{}
		for _, rp := range rows {
			if rp.RoleID == roles[i].ID {
				roles[i].Permissions = append(roles[i].Permissions, rp.Permission)
			}
		}
	}
	return nil
}

func (s *Service) validateRole(r *Role) error {
	var v apperr.Validation
	r.Code, r.Name = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name)
	if r.Code == "" {
		v.Reject("body.code", apperr.Required(), "code is required")
	}
	if r.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if !r.DataScope.Valid() {
		v.Reject("body.data_scope", apperr.OneOf("all", "dept_and_below", "dept", "shops", "self"), "data scope must be one of all, dept_and_below, dept, shops, self")
	}
	for i, p := range r.Permissions {
		if !slices.Contains(s.Catalog, p) {
			v.Reject("body.permissions", apperr.Because("unknown_permission", apperr.P{"value": p, "item": i + 1}), "permissions[%d]: unknown permission %q", i, p)
		}
	}
	return v.Err()
}

func (s *Service) savePermissions(ctx context.Context, tx bun.IDB, roleID int64, perms []string) error {
	if _, err := tx.NewDelete().Model((*rolePermission)(nil)).Where("role_id = ?", roleID).Exec(ctx); err != nil {
		return apperr.Wrap(err, "save role permissions")
	}
	seen := map[string]bool{}
	for _, p := range perms {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, err := tx.NewInsert().Model(&rolePermission{RoleID: roleID, Permission: p}).Exec(ctx); err != nil {
			return apperr.Wrap(err, "save role permissions")
		}
	}
	return nil
}

// CreateRole adds a role. Errors: invalid (including a taken code).
func (s *Service) CreateRole(ctx context.Context, r Role) (Role, error) {
	if err := s.validateRole(&r); err != nil {
		return r, err
	}
	now := s.now()
	r.ID, r.Builtin, r.Version, r.CreatedAt, r.UpdatedAt = 0, false, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&r).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(r.Code), "role code %q is taken", r.Code)
			}
			return apperr.Wrap(err, "create role")
		}
		if err := s.savePermissions(ctx, tx, r.ID, r.Permissions); err != nil {
			return err
		}
		trail.Change(ctx, "role", r.ID, nil, r)
		return nil
	})
	return r, err
}

// UpdateRole changes a role. The code of a built-in role is fixed.
// Errors: invalid, not_found, conflict.
func (s *Service) UpdateRole(ctx context.Context, id int64, r Role) (Role, error) {
	var out Role
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur Role
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "role", id)
		}
		if cur.Builtin {
			r.Code = cur.Code
		}
		if err := s.validateRole(&r); err != nil {
			return err
		}
		curs := []Role{cur}
		if err := s.loadPermissions(ctx, tx, curs); err != nil {
			return err
		}
		r.ID, r.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &r, "role", id, r.Version, "code", "name", "name_en", "data_scope", "sort", "remark", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(r.Code), "role code %q is taken", r.Code)
			}
			return err
		}
		if err := s.savePermissions(ctx, tx, id, r.Permissions); err != nil {
			return err
		}
		if err := tx.NewSelect().Model(&out).Where("id = ?", id).Scan(ctx); err != nil {
			return apperr.Wrap(err, "reload role")
		}
		outs := []Role{out}
		if err := s.loadPermissions(ctx, tx, outs); err != nil {
			return err
		}
		out = outs[0]
		trail.Change(ctx, "role", id, curs[0], out)
		return nil
	})
	return out, err
}

// DeleteRole removes a role that no user holds. Errors: not_found, invalid
// (built-in or still assigned).
func (s *Service) DeleteRole(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur Role
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "role", id)
		}
		if cur.Builtin {
			return apperr.Refuse(apperr.Invalid, apperr.Because("builtin", apperr.P{"code": cur.Code}), "built-in role %q cannot be deleted", cur.Code)
		}
		n, err := tx.NewSelect().Model((*userRole)(nil)).Where("role_id = ?", id).Count(ctx)
		if err != nil {
			return apperr.Wrap(err, "count role users")
		}
		if n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("role_held", apperr.P{"code": cur.Code, "name": cur.Name, "count": n}), "role %q is held by %d users; take it away from them first", cur.Code, n)
		}
		if _, err := tx.NewDelete().Model((*Role)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete role")
		}
		trail.Change(ctx, "role", id, cur, nil)
		return nil
	})
}

// SeedRole is a built-in role definition.
type SeedRole struct {
	Code, Name, NameEN string
	Scope              auth.Scope
	Permissions        []string
}

// SeedRoles creates the built-in roles that are missing and grants existing
// built-in roles the seed permissions that are new in this version (not in
// permission_catalog yet); permissions an administrator removed from a
// built-in role stay removed. Finally it records the catalogue. Safe at
// every start.
func (s *Service) SeedRoles(ctx context.Context, roles []SeedRole) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var known []string
		if err := tx.NewSelect().Table("permission_catalog").Column("permission").Scan(ctx, &known); err != nil {
			return apperr.Wrap(err, "load permission catalogue")
		}
		now := time.Now().UTC()
		for i, sr := range roles {
			var r Role
			err := tx.NewSelect().Model(&r).Where("code = ?", sr.Code).Scan(ctx)
			if errors.Is(err, sql.ErrNoRows) {
				r = Role{Code: sr.Code, Name: sr.Name, NameEN: sr.NameEN, DataScope: sr.Scope, Builtin: true, Sort: i + 1, Version: 1, CreatedAt: now, UpdatedAt: now}
				if _, err := tx.NewInsert().Model(&r).Returning("id").Exec(ctx); err != nil {
					return apperr.Wrap(err, "seed role %s", sr.Code)
				}
				if err := s.savePermissions(ctx, tx, r.ID, sr.Permissions); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return apperr.Wrap(err, "seed roles")
			}
			if !r.Builtin {
				continue
			}
			for _, p := range sr.Permissions {
				if slices.Contains(known, p) {
					continue
				}
				if _, err := tx.NewInsert().Model(&rolePermission{RoleID: r.ID, Permission: p}).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
					return apperr.Wrap(err, "grant new permission %s to %s", p, sr.Code)
				}
			}
		}
		for _, p := range s.Catalog {
			if slices.Contains(known, p) {
				continue
			}
			if _, err := tx.NewRaw("INSERT INTO permission_catalog (permission, added_at) VALUES (?, ?)", p, now).Exec(ctx); err != nil {
				return apperr.Wrap(err, "record permission catalogue")
			}
		}
		return nil
	})
}

// PermissionNode is one level of the permission tree: module > entity > action.
type PermissionNode struct {
	Key      string           `json:"key" doc:"the permission string for leaves, a prefix for branches"`
	Label    string           `json:"label" doc:"the last segment; the UI translates it"`
	Children []PermissionNode `json:"children,omitempty"`
}

// PermissionTree arranges the catalogue as module > entity > action.
func (s *Service) PermissionTree() []PermissionNode {
	perms := slices.Clone(s.Catalog)
	sort.Strings(perms)
	var tree []PermissionNode
	find := func(nodes *[]PermissionNode, key, label string) *PermissionNode {
		for i := range *nodes {
			if (*nodes)[i].Key == key {
				return &(*nodes)[i]
			}
		}
		*nodes = append(*nodes, PermissionNode{Key: key, Label: label})
		return &(*nodes)[len(*nodes)-1]
	}
	for _, p := range perms {
		parts := strings.Split(p, ":")
		if len(parts) != 3 {
			find(&tree, p, p)
			continue
		}
		m := find(&tree, parts[0], parts[0])
		e := find(&m.Children, parts[0]+":"+parts[1], parts[1])
		find(&e.Children, p, parts[2])
	}
	return tree
}

// RoleIDs returns the ids of roles by code, in order. Errors: invalid (unknown code).
func (s *Service) RoleIDs(ctx context.Context, codes ...string) ([]int64, error) {
	return roleIDsByCode(ctx, s.db.R, codes)
}
