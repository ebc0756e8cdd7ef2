package metrics

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Top-SKU rows need SKU names and listing titles in batches; the catalogue
// exports no batch lookup yet, so they are read here, read-only, from the
// skus and listings tables of migration 00002 (cost prices come from
// catalog.SKUCosts). Move to a catalog method once it offers one.

// itemLabel names a SKU or an unmatched listing in top-SKU rows.
type itemLabel struct {
	Code, Name, PlatformItemID string
	CostFen                    int64
}

func loadSKULabels(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]itemLabel, error) {
	out := map[int64]itemLabel{}
	for chunk := range slices.Chunk(ids, 500) {
		var rows []struct {
			ID           int64  `bun:"id"`
			MerchantCode string `bun:"merchant_code"`
			Name         string `bun:"name"`
			CostFen      int64  `bun:"cost_fen"`
		}
		if err := idb.NewSelect().Table("skus").Column("id", "merchant_code", "name", "cost_fen").
			Where("id IN (?)", bun.In(chunk)).Scan(ctx, &rows); err != nil {
			return nil, apperr.Wrap(err, "load SKU names")
		}
		for _, r := range rows {
			out[r.ID] = itemLabel{Code: r.MerchantCode, Name: r.Name, CostFen: r.CostFen}
		}
	}
	return out, nil
}

func loadListingLabels(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]itemLabel, error) {
	out := map[int64]itemLabel{}
	for chunk := range slices.Chunk(ids, 500) {
		var rows []struct {
			ID             int64  `bun:"id"`
			MerchantCode   string `bun:"merchant_code"`
			Title          string `bun:"title"`
			PlatformItemID string `bun:"platform_item_id"`
		}
		if err := idb.NewSelect().Table("listings").Column("id", "merchant_code", "title", "platform_item_id").
			Where("id IN (?)", bun.In(chunk)).Scan(ctx, &rows); err != nil {
			return nil, apperr.Wrap(err, "load listing titles")
		}
		for _, r := range rows {
			out[r.ID] = itemLabel{Code: r.MerchantCode, Name: r.Title, PlatformItemID: r.PlatformItemID}
		}
	}
	return out, nil
}
