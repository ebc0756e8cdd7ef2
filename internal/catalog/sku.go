package catalog

import (
	"context"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// SKUFilter filters the SKU list.
type SKUFilter struct {
	api.Page
	Q         string `query:"q" doc:"matches merchant code or name"`
	ProductID int64  `query:"product_id"`
	Status    string `query:"status" enum:"active,disabled,"`
}

func skuQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	return idb.NewSelect().Model(dst).ColumnExpr("k.*").ColumnExpr("p.name AS product_name").
		Join("LEFT JOIN products AS p ON p.id = k.product_id")
}

// ListSKUs returns a page of SKUs (company-wide, no data scope).
func (s *Service) ListSKUs(ctx context.Context, f SKUFilter) ([]SKU, int, error) {
	var items []SKU
	q := skuQuery(s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(k.merchant_code) LIKE ? OR lower(k.name) LIKE ?)", like, like)
	}
	if f.ProductID != 0 {
		q = q.Where("k.product_id = ?", f.ProductID)
	}
	if f.Status != "" {
		q = q.Where("k.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "k.id", "merchant_code": "k.merchant_code", "name": "k.name", "cost_fen": "k.cost_fen"}, "merchant_code")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list skus")
	}
	return items, int(n), nil
}

// SKU returns one SKU. Errors: not_found.
func (s *Service) SKU(ctx context.Context, id int64) (SKU, error) { return s.sku(ctx, s.db.R, id) }

func (s *Service) sku(ctx context.Context, idb bun.IDB, id int64) (SKU, error) {
	var k SKU
	err := skuQuery(idb, &k).Where("k.id = ?", id).Scan(ctx)
	return k, db.NotFound(err, "sku", id)
}

// SKUCosts returns the cost in fen of the given SKUs, for gross profit.
func (s *Service) SKUCosts(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []SKU
	if err := idb.NewSelect().Model(&rows).Column("id", "cost_fen").Where("k.id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load sku costs")
	}
	for _, r := range rows {
		out[r.ID] = r.CostFen
	}
	return out, nil
}

func (s *Service) validateSKU(ctx context.Context, idb bun.IDB, k *SKU) error {
	var v apperr.Validation
	k.MerchantCode, k.Name, k.Attributes = strings.TrimSpace(k.MerchantCode), strings.TrimSpace(k.Name), strings.TrimSpace(k.Attributes)
	if k.MerchantCode == "" {
		v.Reject("body.merchant_code", apperr.Required(), "merchant code (商家编码) is required")
	}
	if k.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if k.CostFen < 0 {
		v.Reject("body.cost_fen", apperr.AtLeast(0), "cost must not be negative")
	}
	if k.Status == "" {
		k.Status = "active"
	} else if !slices.Contains(Statuses, k.Status) {
		v.Reject("body.status", apperr.OneOf(Statuses...), "status must be one of %s", strings.Join(Statuses, ", "))
	}
	if k.ProductID != nil {
		if ok, _ := idb.NewSelect().Model((*Product)(nil)).Where("id = ?", *k.ProductID).Exists(ctx); !ok {
			v.Reject("body.product_id", apperr.Missing(*k.ProductID), "product %d does not exist", *k.ProductID)
		}
	}
	return v.Err()
}

// CreateSKU adds a SKU. Listings still unmatched whose merchant code equals
// the new SKU's are matched to it in the same transaction. Errors: invalid
// (including a taken merchant code).
func (s *Service) CreateSKU(ctx context.Context, k SKU) (SKU, error) {
	var out SKU
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.validateSKU(ctx, tx, &k); err != nil {
			return err
		}
		now := s.now()
		k.ID, k.Version, k.CreatedAt, k.UpdatedAt = 0, 1, now, now
		if _, err := tx.NewInsert().Model(&k).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.merchant_code", apperr.Taken(k.MerchantCode), "merchant code %q is taken", k.MerchantCode)
			}
			return apperr.Wrap(err, "create sku")
		}
		var ids []int64
		if err := tx.NewSelect().Model((*Listing)(nil)).Column("id").Where("status = ?", ListingUnmatched).
			Where("merchant_code = ?", k.MerchantCode).Scan(ctx, &ids); err != nil {
			return apperr.Wrap(err, "find listings to match")
		}
		if err := s.match(ctx, tx, ids, k.ID); err != nil {
			return err
		}
		var err error
		if out, err = s.sku(ctx, tx, k.ID); err != nil {
			return err
		}
		trail.Change(ctx, "sku", k.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdateSKU changes a SKU. Errors: invalid, not_found, conflict.
func (s *Service) UpdateSKU(ctx context.Context, id int64, k SKU) (SKU, error) {
	var out SKU
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.sku(ctx, tx, id)
		if err != nil {
			return err
		}
		k.ID = id
		if err := s.validateSKU(ctx, tx, &k); err != nil {
			return err
		}
		k.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &k, "sku", id, k.Version,
			"product_id", "merchant_code", "name", "attributes", "cost_fen", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.merchant_code", apperr.Taken(k.MerchantCode), "merchant code %q is taken", k.MerchantCode)
			}
			return err
		}
		if out, err = s.sku(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "sku", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteSKU removes a SKU that no listing or order line points at. Errors:
// not_found, invalid (still referenced).
func (s *Service) DeleteSKU(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.sku(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*SKU)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			if db.IsForeignKeyViolation(err) {
				return apperr.Refuse(apperr.Invalid, apperr.Because("sku_in_use", apperr.P{"code": cur.MerchantCode}), "SKU %q is used by listings or order lines; disable it instead", cur.MerchantCode)
			}
			return apperr.Wrap(err, "delete sku")
		}
		trail.Change(ctx, "sku", id, cur, nil)
		return nil
	})
}
