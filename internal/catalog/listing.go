package catalog

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ListingFilter filters the listing list.
type ListingFilter struct {
	api.Page
	Q      string `query:"q" doc:"matches platform item id, merchant code or title"`
	ShopID int64  `query:"shop_id"`
	Status string `query:"status" enum:"unmatched,matched,disabled,"`
	SKUID  int64  `query:"sku_id"`
}

func listingQuery(ctx context.Context, idb bun.IDB, dst any) *bun.SelectQuery {
	q := idb.NewSelect().Model(dst).ColumnExpr("l.*").ColumnExpr("k.merchant_code AS sku_code, k.name AS sku_name").
		Join("LEFT JOIN skus AS k ON k.id = l.sku_id")
	return auth.Filter(ctx, q, "l.shop_id", auth.ShopSet)
}

// ListListings returns a page of the listings of the shops the caller may see.
func (s *Service) ListListings(ctx context.Context, f ListingFilter) ([]Listing, int, error) {
	var items []Listing
	q := listingQuery(ctx, s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(l.platform_item_id) LIKE ? OR lower(l.merchant_code) LIKE ? OR lower(l.title) LIKE ?)", like, like, like)
	}
	if f.ShopID != 0 {
		q = q.Where("l.shop_id = ?", f.ShopID)
	}
	if f.Status != "" {
		q = q.Where("l.status = ?", f.Status)
	}
	if f.SKUID != 0 {
		q = q.Where("l.sku_id = ?", f.SKUID)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "l.id", "title": "l.title", "merchant_code": "l.merchant_code",
		"platform_item_id": "l.platform_item_id", "created_at": "l.created_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list listings")
	}
	return items, int(n), nil
}

// Listing returns one listing in the caller's scope. Errors: not_found.
func (s *Service) Listing(ctx context.Context, id int64) (Listing, error) {
	return s.listing(ctx, s.db.R, id)
}

func (s *Service) listing(ctx context.Context, idb bun.IDB, id int64) (Listing, error) {
	var l Listing
	err := listingQuery(ctx, idb, &l).Where("l.id = ?", id).Scan(ctx)
	return l, db.NotFound(err, "listing", id)
}

// MatchListings points the listings at skuID (status matched), or unmatches
// them when skuID is 0, and lets OnMatch update the order lines sold through
// them, all in one transaction. Every id must be in the caller's scope.
// Errors: invalid (unknown SKU, no ids), not_found (a listing).
func (s *Service) MatchListings(ctx context.Context, ids []int64, skuID int64) ([]Listing, error) {
	if len(ids) == 0 {
		return nil, apperr.Reject("body.listing_ids", apperr.Required(), "give at least one listing id")
	}
	var out []Listing
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if skuID != 0 {
			if _, err := s.sku(ctx, tx, skuID); err != nil {
				return apperr.Reject("body.sku_id", apperr.Missing(skuID), "SKU %d does not exist", skuID)
			}
		}
		before := make([]Listing, 0, len(ids))
		for _, id := range ids {
			l, err := s.listing(ctx, tx, id)
			if err != nil {
				return err
			}
			before = append(before, l)
		}
		if err := s.match(ctx, tx, ids, skuID); err != nil {
			return err
		}
		for i, id := range ids {
			l, err := s.listing(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, l)
			trail.Change(ctx, "listing.match", id, map[string]any{"sku_id": before[i].SKUID, "status": before[i].Status},
				map[string]any{"sku_id": l.SKUID, "status": l.Status})
		}
		return nil
	})
	return out, err
}

// match sets sku_id and status on the listings and calls OnMatch.
func (s *Service) match(ctx context.Context, tx bun.IDB, ids []int64, skuID int64) error {
	if len(ids) == 0 {
		return nil
	}
	q := tx.NewUpdate().Model((*Listing)(nil)).Set("updated_at = ?", s.now()).Set("version = version + 1").Where("id IN (?)", bun.In(ids))
	if skuID == 0 {
		q = q.Set("sku_id = NULL").Set("status = ?", ListingUnmatched)
	} else {
		q = q.Set("sku_id = ?", skuID).Set("status = ?", ListingMatched)
	}
	if _, err := q.Exec(ctx); err != nil {
		return apperr.Wrap(err, "match listings")
	}
	if s.OnMatch != nil {
		return s.OnMatch(ctx, tx, ids, skuID)
	}
	return nil
}
