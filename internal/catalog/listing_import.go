package catalog

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// ListingKey identifies a listing within a shop.
type ListingKey struct{ ItemID, SKUID string }

// SeenListing is a platform item an import met, with what the file says of it.
type SeenListing struct {
	ListingKey
	MerchantCode string
	Title        string
	Attributes   string
	PriceFen     int64
}

// ListingRef is what an order line records of its listing.
type ListingRef struct {
	ID    int64
	SKUID int64 // 0 while unmatched
}

// inChunk bounds IN lists and multi-row inserts so that no statement passes
// the engines' bound-parameter limits.
const inChunk = 500

// EnsureListings returns the listing of every seen item of the shop,
// creating the missing ones inside tx (the import's batch transaction).
// A new listing whose merchant code equals a SKU's merchant code is created
// matched to that SKU; otherwise it is "unmatched". Existing listings are
// not changed (the user may have matched them by hand).
func (s *Service) EnsureListings(ctx context.Context, tx bun.IDB, shopID int64, seen []SeenListing, now time.Time) (map[ListingKey]ListingRef, error) {
	out := make(map[ListingKey]ListingRef, len(seen))
	if len(seen) == 0 {
		return out, nil
	}
	want := make(map[ListingKey]SeenListing, len(seen))
	items := make([]string, 0, len(seen))
	for _, l := range seen {
		if _, ok := want[l.ListingKey]; !ok {
			want[l.ListingKey] = l
			items = append(items, l.ItemID)
		}
	}
	if err := s.loadListingRefs(ctx, tx, shopID, items, want, out); err != nil {
		return nil, err
	}
	var missing []SeenListing
	codes := map[string]bool{}
	for k, l := range want {
		if _, ok := out[k]; !ok {
			missing = append(missing, l)
			if l.MerchantCode != "" {
				codes[l.MerchantCode] = true
			}
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	skus, err := s.skusByCode(ctx, tx, codes)
	if err != nil {
		return nil, err
	}
	rows := make([]Listing, 0, len(missing))
	newItems := make([]string, 0, len(missing))
	for _, l := range missing {
		row := Listing{ShopID: shopID, PlatformItemID: l.ItemID, PlatformSKUID: l.SKUID, MerchantCode: l.MerchantCode,
			Title: l.Title, Attributes: l.Attributes, PriceFen: l.PriceFen, Status: ListingUnmatched, Version: 1, CreatedAt: now, UpdatedAt: now}
		if id, ok := skus[l.MerchantCode]; ok {
			row.SKUID, row.Status = &id, ListingMatched
		}
		rows = append(rows, row)
		newItems = append(newItems, l.ItemID)
	}
	for start := 0; start < len(rows); start += inChunk {
		part := rows[start:min(start+inChunk, len(rows))]
		// DO NOTHING: a concurrent import of the same shop may have added it.
		if _, err := tx.NewInsert().Model(&part).ExcludeColumn("id").
			On("CONFLICT (shop_id, platform_item_id, platform_sku_id) DO NOTHING").Exec(ctx); err != nil {
			return nil, apperr.Wrap(err, "create listings")
		}
	}
	if err := s.loadListingRefs(ctx, tx, shopID, newItems, want, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Service) loadListingRefs(ctx context.Context, tx bun.IDB, shopID int64, items []string, want map[ListingKey]SeenListing, out map[ListingKey]ListingRef) error {
	for start := 0; start < len(items); start += inChunk {
		var rows []Listing
		err := tx.NewSelect().Model(&rows).Column("id", "platform_item_id", "platform_sku_id", "sku_id").
			Where("shop_id = ?", shopID).Where("platform_item_id IN (?)", bun.In(items[start:min(start+inChunk, len(items))])).Scan(ctx)
		if err != nil {
			return apperr.Wrap(err, "load listings")
		}
		for _, r := range rows {
			k := ListingKey{r.PlatformItemID, r.PlatformSKUID}
			if _, ok := want[k]; !ok {
				continue
			}
			ref := ListingRef{ID: r.ID}
			if r.SKUID != nil {
				ref.SKUID = *r.SKUID
			}
			out[k] = ref
		}
	}
	return nil
}

func (s *Service) skusByCode(ctx context.Context, tx bun.IDB, codes map[string]bool) (map[string]int64, error) {
	out := map[string]int64{}
	list := make([]string, 0, len(codes))
	for c := range codes {
		list = append(list, c)
	}
	for start := 0; start < len(list); start += inChunk {
		var rows []SKU
		if err := tx.NewSelect().Model(&rows).Column("id", "merchant_code").
			Where("merchant_code IN (?)", bun.In(list[start:min(start+inChunk, len(list))])).Scan(ctx); err != nil {
			return nil, apperr.Wrap(err, "load skus by merchant code")
		}
		for _, r := range rows {
			out[r.MerchantCode] = r.ID
		}
	}
	return out, nil
}
