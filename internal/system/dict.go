package system

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// DictTypeFilter filters the dictionary-type list.
type DictTypeFilter struct {
	api.Page
	Q string `query:"q" doc:"matches type or name"`
}

// ListDictTypes returns a page of dictionary types.
func (s *Service) ListDictTypes(ctx context.Context, f DictTypeFilter) ([]DictType, int, error) {
	var items []DictType
	q := s.db.R.NewSelect().Model(&items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(type) LIKE ? OR lower(name) LIKE ? OR lower(name_en) LIKE ?)", like, like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "id", "type": "type", "name": "name"}, "type")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "list dictionaries")
}

func validateDictType(t *DictType) error {
	var v apperr.Validation
	t.Type, t.Name = strings.TrimSpace(t.Type), strings.TrimSpace(t.Name)
	if t.Type == "" {
		v.Reject("body.type", apperr.Required(), "type is required")
	}
	if t.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if t.Status == "" {
		t.Status = StatusActive
	}
	return v.Err()
}

// CreateDictType adds a dictionary. Errors: invalid, conflict (type taken).
func (s *Service) CreateDictType(ctx context.Context, t DictType) (DictType, error) {
	if err := validateDictType(&t); err != nil {
		return t, err
	}
	now := time.Now().UTC()
	t.ID, t.Builtin, t.Version, t.CreatedAt, t.UpdatedAt = 0, false, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&t).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.type", apperr.Taken(t.Type), "dictionary type %q already exists", t.Type)
			}
			return apperr.Wrap(err, "create dictionary")
		}
		trail.Change(ctx, "dict_type", t.ID, nil, t)
		return nil
	})
	return t, err
}

// UpdateDictType changes name, status and remark (the type key of a builtin
// dictionary is fixed). Errors: invalid, not_found, conflict.
func (s *Service) UpdateDictType(ctx context.Context, id int64, t DictType) (DictType, error) {
	var out DictType
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur DictType
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "dictionary", id)
		}
		if cur.Builtin {
			t.Type = cur.Type
		}
		if err := validateDictType(&t); err != nil {
			return err
		}
		t.ID, t.UpdatedAt = id, time.Now().UTC()
		if err := db.UpdateVersioned(ctx, tx, &t, "dictionary", id, t.Version, "type", "name", "name_en", "status", "remark", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.type", apperr.Taken(t.Type), "dictionary type %q already exists", t.Type)
			}
			return err
		}
		if err := tx.NewSelect().Model(&out).Where("id = ?", id).Scan(ctx); err != nil {
			return apperr.Wrap(err, "reload dictionary")
		}
		trail.Change(ctx, "dict_type", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteDictType removes a dictionary and its values. Errors: not_found,
// invalid (builtin dictionaries cannot be deleted).
func (s *Service) DeleteDictType(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur DictType
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "dictionary", id)
		}
		if cur.Builtin {
			return apperr.Refuse(apperr.Invalid, apperr.Because("builtin", apperr.P{"code": cur.Type}), "built-in dictionary %q cannot be deleted", cur.Type)
		}
		if _, err := tx.NewDelete().Model((*DictData)(nil)).Where("type = ?", cur.Type).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete dictionary values")
		}
		if _, err := tx.NewDelete().Model((*DictType)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete dictionary")
		}
		trail.Change(ctx, "dict_type", id, cur, nil)
		return nil
	})
}

// DictDataFilter filters dictionary values.
type DictDataFilter struct {
	api.Page
	Type string `query:"type" doc:"dictionary type"`
	Q    string `query:"q" doc:"matches value or labels"`
}

// ListDictData returns a page of values of one or all dictionaries.
func (s *Service) ListDictData(ctx context.Context, f DictDataFilter) ([]DictData, int, error) {
	var items []DictData
	q := s.db.R.NewSelect().Model(&items)
	if f.Type != "" {
		q = q.Where("type = ?", f.Type)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(value) LIKE ? OR lower(label) LIKE ? OR lower(label_en) LIKE ?)", like, like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "id", "sort": "sort", "value": "value"}, "sort")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q.OrderExpr("id")).ScanAndCount(ctx)
	return items, int(n), apperr.Wrap(err, "list dictionary values")
}

// Dict returns the active values of one dictionary in display order.
func (s *Service) Dict(ctx context.Context, typ string) ([]DictData, error) {
	var items []DictData
	err := s.db.R.NewSelect().Model(&items).Where("type = ?", typ).Where("status = ?", StatusActive).
		OrderExpr("sort, id").Scan(ctx)
	return items, apperr.Wrap(err, "read dictionary")
}

func validateDictData(d *DictData) error {
	var v apperr.Validation
	d.Value, d.Label = strings.TrimSpace(d.Value), strings.TrimSpace(d.Label)
	if d.Type == "" {
		v.Reject("body.type", apperr.Required(), "type is required")
	}
	if d.Value == "" {
		v.Reject("body.value", apperr.Required(), "value is required")
	}
	if d.Label == "" {
		v.Reject("body.label", apperr.Required(), "label is required")
	}
	if d.Status == "" {
		d.Status = StatusActive
	}
	return v.Err()
}

// CreateDictData adds a value. Errors: invalid (unknown type, duplicate value).
func (s *Service) CreateDictData(ctx context.Context, d DictData) (DictData, error) {
	if err := validateDictData(&d); err != nil {
		return d, err
	}
	now := time.Now().UTC()
	d.ID, d.Version, d.CreatedAt, d.UpdatedAt = 0, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&d).Returning("id").Exec(ctx); err != nil {
			switch {
			case db.IsUniqueViolation(err):
				return apperr.Reject("body.value", apperr.Taken(d.Value), "value %q already exists in %s", d.Value, d.Type)
			case db.IsForeignKeyViolation(err):
				return apperr.Reject("body.type", apperr.Missing(d.Type), "unknown dictionary type %q", d.Type)
			}
			return apperr.Wrap(err, "create dictionary value")
		}
		trail.Change(ctx, "dict_data", d.ID, nil, d)
		return nil
	})
	return d, err
}

// UpdateDictData changes a value. Errors: invalid, not_found, conflict.
func (s *Service) UpdateDictData(ctx context.Context, id int64, d DictData) (DictData, error) {
	var out DictData
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur DictData
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "dictionary value", id)
		}
		d.Type = cur.Type
		if err := validateDictData(&d); err != nil {
			return err
		}
		d.ID, d.UpdatedAt = id, time.Now().UTC()
		if err := db.UpdateVersioned(ctx, tx, &d, "dictionary value", id, d.Version, "value", "label", "label_en", "colour", "sort", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.value", apperr.Taken(d.Value), "value %q already exists in %s", d.Value, d.Type)
			}
			return err
		}
		if err := tx.NewSelect().Model(&out).Where("id = ?", id).Scan(ctx); err != nil {
			return apperr.Wrap(err, "reload dictionary value")
		}
		trail.Change(ctx, "dict_data", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteDictData removes a value. Errors: not_found.
func (s *Service) DeleteDictData(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cur DictData
		if err := tx.NewSelect().Model(&cur).Where("id = ?", id).Scan(ctx); err != nil {
			return db.NotFound(err, "dictionary value", id)
		}
		if _, err := tx.NewDelete().Model((*DictData)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete dictionary value")
		}
		trail.Change(ctx, "dict_data", id, cur, nil)
		return nil
	})
}

// Seed adds the built-in dictionaries and values that are missing; it never
// changes what an administrator edited. Safe to run at every start.
func (s *Service) Seed(ctx context.Context) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := time.Now().UTC()
		for _, bd := range builtinDicts {
			t := DictType{Type: bd.Type, Name: bd.Name, NameEN: bd.NameEN, Builtin: true, Status: StatusActive, Version: 1, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&t).On("CONFLICT (type) DO NOTHING").Exec(ctx); err != nil {
				return apperr.Wrap(err, "seed dictionary %s", bd.Type)
			}
			for i, d := range bd.Data {
				d.Type, d.Sort, d.Status, d.Version, d.CreatedAt, d.UpdatedAt = bd.Type, i+1, StatusActive, 1, now, now
				if _, err := tx.NewInsert().Model(&d).On("CONFLICT (type, value) DO NOTHING").Exec(ctx); err != nil {
					return apperr.Wrap(err, "seed dictionary %s", bd.Type)
				}
			}
		}
		return nil
	})
}

// AddDict lets a later module register its own built-in dictionary before Seed runs.
func AddDict(typ, name, nameEN string, data []DictData) {
	builtinDicts = append(builtinDicts, struct {
		Type, Name, NameEN string
		Data               []DictData
	}{typ, name, nameEN, data})
}
