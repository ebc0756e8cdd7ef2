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

// ProductFilter filters the product list.
type ProductFilter struct {
	api.Page
	Q        string `query:"q" doc:"matches code or name"`
	Category string `query:"category"`
	Status   string `query:"status" enum:"active,disabled,"`
}

func productQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	return idb.NewSelect().Model(dst).ColumnExpr("p.*").
		ColumnExpr("(SELECT count(*) FROM skus AS k WHERE k.product_id = p.id) AS sku_count")
}

// ListProducts returns a page of products. Products are company-wide: no
// data scope applies.
func (s *Service) ListProducts(ctx context.Context, f ProductFilter) ([]Product, int, error) {
	var items []Product
	q := productQuery(s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(p.code) LIKE ? OR lower(p.name) LIKE ?)", like, like)
	}
	if f.Category != "" {
		q = q.Where("p.category = ?", f.Category)
	}
	if f.Status != "" {
		q = q.Where("p.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "p.id", "code": "p.code", "name": "p.name", "category": "p.category"}, "code")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list products")
	}
	return items, int(n), nil
}

// Product returns one product. Errors: not_found.
func (s *Service) Product(ctx context.Context, id int64) (Product, error) {
	return s.product(ctx, s.db.R, id)
}

func (s *Service) product(ctx context.Context, idb bun.IDB, id int64) (Product, error) {
	var p Product
	err := productQuery(idb, &p).Where("p.id = ?", id).Scan(ctx)
	return p, db.NotFound(err, "product", id)
}

func validateProduct(p *Product) error {
	var v apperr.Validation
	p.Code, p.Name, p.Category = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name), strings.TrimSpace(p.Category)
	if p.Code == "" {
		v.Reject("body.code", apperr.Required(), "code is required")
	}
	if p.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if p.Status == "" {
		p.Status = "active"
	} else if !slices.Contains(Statuses, p.Status) {
		v.Reject("body.status", apperr.OneOf(Statuses...), "status must be one of %s", strings.Join(Statuses, ", "))
	}
	return v.Err()
}

// CreateProduct adds a product. Errors: invalid (including a taken code).
func (s *Service) CreateProduct(ctx context.Context, p Product) (Product, error) {
	if err := validateProduct(&p); err != nil {
		return p, err
	}
	now := s.now()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = 0, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(p.Code), "product code %q is taken", p.Code)
			}
			return apperr.Wrap(err, "create product")
		}
		trail.Change(ctx, "product", p.ID, nil, p)
		return nil
	})
	return p, err
}

// UpdateProduct changes a product. Errors: invalid, not_found, conflict.
func (s *Service) UpdateProduct(ctx context.Context, id int64, p Product) (Product, error) {
	if err := validateProduct(&p); err != nil {
		return p, err
	}
	var out Product
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.product(ctx, tx, id)
		if err != nil {
			return err
		}
		p.ID, p.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &p, "product", id, p.Version, "code", "name", "category", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(p.Code), "product code %q is taken", p.Code)
			}
			return err
		}
		if out, err = s.product(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "product", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteProduct removes a product without SKUs. Errors: not_found, invalid
// (the product still has SKUs).
func (s *Service) DeleteProduct(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.product(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.SKUCount > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("product_has_skus", apperr.P{"code": cur.Code, "count": cur.SKUCount}), "product %q still has %d SKUs; delete or move them first", cur.Code, cur.SKUCount)
		}
		if _, err := tx.NewDelete().Model((*Product)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete product")
		}
		trail.Change(ctx, "product", id, cur, nil)
		return nil
	})
}
