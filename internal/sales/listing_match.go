package sales

import (
	"context"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// ListingsMatched is catalog's MatchHook: the listings now point at skuID
// (0: unmatched), so their order lines get the SKU, and the OnChange hook
// sees each affected order before and after, inside the same transaction.
func (s *Service) ListingsMatched(ctx context.Context, tx bun.IDB, listingIDs []int64, skuID int64) error {
	var orderIDs []int64
	for start := 0; start < len(listingIDs); start += 900 {
		var ids []int64
		if err := tx.NewSelect().TableExpr("order_lines").ColumnExpr("DISTINCT order_id").
			Where("listing_id IN (?)", bun.In(listingIDs[start:min(start+900, len(listingIDs))])).Scan(ctx, &ids); err != nil {
			return apperr.Wrap(err, "find orders of listings")
		}
		orderIDs = append(orderIDs, ids...)
	}
	if len(orderIDs) == 0 {
		return nil
	}
	var before map[int64][]LineFacts
	var err error
	if s.OnChange != nil {
		if before, err = loadLineFacts(ctx, tx, orderIDs); err != nil {
			return err
		}
	}
	q := tx.NewUpdate().TableExpr("order_lines").Where("listing_id IN (?)", bun.In(listingIDs))
	if skuID == 0 {
		q = q.Set("sku_id = NULL")
	} else {
		q = q.Set("sku_id = ?", skuID)
	}
	if _, err := q.Exec(ctx); err != nil {
		return apperr.Wrap(err, "set the SKU of order lines")
	}
	if s.OnChange == nil {
		return nil
	}
	after, err := loadLineFacts(ctx, tx, orderIDs)
	if err != nil {
		return err
	}
	changes := make([]OrderChange, 0, len(orderIDs))
	for start := 0; start < len(orderIDs); start += 900 {
		var rows []existingOrder
		if err := tx.NewSelect().Model(&rows).Column("id", "shop_id", "customer_id", "paid_at", "paid_fen", "refunded_fen", "units").
			Where("id IN (?)", bun.In(orderIDs[start:min(start+900, len(orderIDs))])).Scan(ctx); err != nil {
			return apperr.Wrap(err, "load orders of listings")
		}
		for _, o := range rows {
			base := OrderFacts{OrderID: o.ID, ShopID: o.ShopID, PaidAt: o.PaidAt, PaidFen: o.PaidFen, RefundedFen: o.RefundedFen, Units: o.Units}
			if o.CustomerID != nil {
				base.CustomerID = *o.CustomerID
			}
			old, cur := base, base
			old.Lines, cur.Lines = before[o.ID], after[o.ID]
			changes = append(changes, OrderChange{Old: &old, New: &cur})
		}
	}
	return s.OnChange(ctx, tx, changes)
}
