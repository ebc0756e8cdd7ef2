package org

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ShopFilter filters the shop list.
type ShopFilter struct {
	api.Page
	Q        string `query:"q" doc:"matches code or name"`
	Platform string `query:"platform" enum:"taobao,tmall,jd,pdd,douyin,kuaishou,other,"`
	Status   string `query:"status" enum:"active,disabled,"`
}

// ListShops returns a page of the shops the caller may see, with staff ids.
func (s *Service) ListShops(ctx context.Context, f ShopFilter) ([]Shop, int, error) {
	var items []Shop
	q := auth.Filter(ctx, s.db.R.NewSelect().Model(&items), "s.id", auth.ShopSet)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(s.code) LIKE ? OR lower(s.name) LIKE ?)", like, like)
	}
	if f.Platform != "" {
		q = q.Where("s.platform = ?", f.Platform)
	}
	if f.Status != "" {
		q = q.Where("s.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "s.id", "code": "s.code", "name": "s.name", "platform": "s.platform"}, "code")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list shops")
	}
	return items, int(n), s.fillStaff(ctx, s.db.R, items)
}

func (s *Service) fillStaff(ctx context.Context, idb bun.IDB, items []Shop) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
		items[i].StaffIDs = []int64{}
	}
	var rows []shopStaff
	if err := idb.NewSelect().Model(&rows).Where("shop_id IN (?)", bun.In(ids)).OrderExpr("employee_id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load shop staff")
	}
	for _, r := range rows {
		for i := range items {
			if items[i].ID == r.ShopID {
				items[i].StaffIDs = append(items[i].StaffIDs, r.EmployeeID)
			}
		}
	}
	return nil
}

// Shop returns one shop in the caller's scope. Errors: not_found.
func (s *Service) Shop(ctx context.Context, id int64) (Shop, error) { return s.shop(ctx, s.db.R, id) }

func (s *Service) shop(ctx context.Context, idb bun.IDB, id int64) (Shop, error) {
	var sh Shop
	err := auth.Filter(ctx, idb.NewSelect().Model(&sh).Where("s.id = ?", id), "s.id", auth.ShopSet).Scan(ctx)
	if err != nil {
		return sh, db.NotFound(err, "shop", id)
	}
	items := []Shop{sh}
	err = s.fillStaff(ctx, idb, items)
	return items[0], err
}

// ShopByCode returns a shop in the caller's scope by its code. Errors: not_found.
func (s *Service) ShopByCode(ctx context.Context, code string) (Shop, error) {
	var sh Shop
	err := auth.Filter(ctx, s.db.R.NewSelect().Model(&sh).Where("s.code = ?", code), "s.id", auth.ShopSet).Scan(ctx)
	return sh, db.NotFound(err, "shop", code)
}

func validateShop(sh *Shop) error {
	var v apperr.Validation
	sh.Code, sh.Name = strings.TrimSpace(sh.Code), strings.TrimSpace(sh.Name)
	if sh.Code == "" {
		v.Reject("body.code", apperr.Required(), "code is required")
	}
	if sh.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if !slices.Contains(Platforms, sh.Platform) {
		v.Reject("body.platform", apperr.OneOf(Platforms...), "platform must be one of %s", strings.Join(Platforms, ", "))
	}
	if sh.Currency == "" {
		sh.Currency = "CNY"
	}
	if sh.Timezone == "" {
		sh.Timezone = "Asia/Shanghai"
	}
	if _, err := time.LoadLocation(sh.Timezone); err != nil {
		v.Reject("body.timezone", apperr.Format("timezone"), "unknown time zone %q", sh.Timezone)
	}
	if sh.ShipWithinHours == 0 {
		sh.ShipWithinHours = DefaultShipWithinHours
	}
	if sh.ShipWithinHours < 1 || sh.ShipWithinHours > 24*30 {
		v.Reject("body.ship_within_hours", apperr.Between(1, 24*30), "ship-by hours must be between 1 and 720")
	}
	if sh.Status == "" {
		sh.Status = "active"
	}
	return v.Err()
}

// CreateShop adds a shop. Errors: invalid (including a taken code).
func (s *Service) CreateShop(ctx context.Context, sh Shop) (Shop, error) {
	if err := validateShop(&sh); err != nil {
		return sh, err
	}
	now := s.now()
	sh.ID, sh.Version, sh.CreatedAt, sh.UpdatedAt = 0, 1, now, now
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&sh).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(sh.Code), "shop code %q is taken", sh.Code)
			}
			return apperr.Wrap(err, "create shop")
		}
		trail.Change(ctx, "shop", sh.ID, nil, sh)
		return nil
	})
	sh.StaffIDs = []int64{}
	return sh, err
}

// UpdateShop changes a shop. Errors: invalid, not_found, conflict.
func (s *Service) UpdateShop(ctx context.Context, id int64, sh Shop) (Shop, error) {
	if err := validateShop(&sh); err != nil {
		return sh, err
	}
	var out Shop
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.shop(ctx, tx, id)
		if err != nil {
			return err
		}
		sh.ID, sh.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &sh, "shop", id, sh.Version,
			"code", "platform", "name", "positioning", "currency", "timezone", "ship_within_hours", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(sh.Code), "shop code %q is taken", sh.Code)
			}
			return err
		}
		if out, err = s.shop(ctx, tx, id); err != nil {
			return err
		}
		if s.ShopUpdated != nil {
			if err := s.ShopUpdated(ctx, tx, cur, out); err != nil {
				return err
			}
		}
		trail.Change(ctx, "shop", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteShop removes a shop and its staff assignments. Modules holding data
// of a shop (orders ...) refuse through their foreign keys. Errors:
// not_found, invalid (still has data).
func (s *Service) DeleteShop(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.shop(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*shopStaff)(nil)).Where("shop_id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete shop staff")
		}
		if _, err := tx.NewDelete().Model((*Shop)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			if db.IsForeignKeyViolation(err) {
				return apperr.Refuse(apperr.Invalid, apperr.Because("shop_in_use", apperr.P{"code": cur.Code}), "shop %q still has orders or other data; disable it instead", cur.Code)
			}
			return apperr.Wrap(err, "delete shop")
		}
		trail.Change(ctx, "shop", id, cur, nil)
		return nil
	})
}

// SetShopStaff replaces the employees assigned to a shop. Errors: invalid
// (unknown employee), not_found.
func (s *Service) SetShopStaff(ctx context.Context, id int64, employeeIDs []int64) (Shop, error) {
	var out Shop
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.shop(ctx, tx, id)
		if err != nil {
			return err
		}
		for i, eid := range employeeIDs {
			if ok, _ := tx.NewSelect().Model((*Employee)(nil)).Where("id = ?", eid).Exists(ctx); !ok {
				return apperr.Reject("body.employee_ids", apperr.Because(apperr.CodeNotFound, apperr.P{"id": eid, "item": i + 1}), "employee_ids[%d]: employee %d does not exist", i, eid)
			}
		}
		if _, err := tx.NewDelete().Model((*shopStaff)(nil)).Where("shop_id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "save shop staff")
		}
		for _, eid := range employeeIDs {
			if _, err := tx.NewInsert().Model(&shopStaff{ShopID: id, EmployeeID: eid}).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
				return apperr.Wrap(err, "save shop staff")
			}
		}
		if out, err = s.shop(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "shop.staff", id, cur.StaffIDs, out.StaffIDs)
		return nil
	})
	return out, err
}
