package metrics

import (
	"context"
	"strings"

	"ecomops/internal/platform/apperr"
)

// TopSKU is one best-selling SKU, or unmatched listing, of a period.
type TopSKU struct {
	SKUID          int64  `json:"sku_id" doc:"0 for an unmatched listing"`
	ListingID      int64  `json:"listing_id" doc:"set for an unmatched listing, 0 for a SKU"`
	Code           string `json:"code" doc:"merchant code (商家编码)"`
	Name           string `json:"name" doc:"SKU name, or listing title when unmatched"`
	PlatformItemID string `json:"platform_item_id,omitempty"`
	Units          int64  `json:"units"`
	PaidFen        int64  `json:"paid_fen" doc:"paid amount of the lines"`
	RefundFen      int64  `json:"refund_fen"`
	Lines          int64  `json:"lines" doc:"order lines (≈ orders containing it)"`
	CostOfGoodsFen *int64 `json:"cost_of_goods_fen" doc:"units × cost price; null when the cost is unknown"`
	GrossProfitFen *int64 `json:"gross_profit_fen" doc:"paid − refunds − cost; null when the cost is unknown"`
	Drill          *Drill `json:"drill"`
}

// TopSKUs returns the n best-selling SKUs (and unmatched listings) of the
// period by paid amount, within the caller's scope. Errors: invalid,
// not_found (shop outside scope).
func (s *Service) TopSKUs(ctx context.Context, q Query, n int) ([]TopSKU, error) {
	p, shops, err := s.resolve(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.topSKUs(ctx, shopIDsOf(shops), p, n)
}

// topSKUs returns the n items with the highest paid amount in the period.
// The period is read as its whole months from metric_sku_month plus the
// leftover days from metric_sku_day.
func (s *Service) topSKUs(ctx context.Context, shops []int64, p Period, n int) ([]TopSKU, error) {
	shops = visibleOnly(ctx, shops)
	if len(shops) == 0 || n <= 0 {
		return []TopSKU{}, nil
	}
	shopIn := "shop_id IN (" + joinIDs(shops) + ")"
	cols := "sku_id, listing_id, units, paid_fen, refund_fen, lines"
	var parts []string
	head, tail, months := p.split()
	for _, part := range []*Period{head, tail} {
		if part != nil {
			parts = append(parts, "SELECT "+cols+" FROM metric_sku_day WHERE "+shopIn+" AND date BETWEEN "+quote(part.From)+" AND "+quote(part.To))
		}
	}
	if len(months) > 0 {
		parts = append(parts, "SELECT "+cols+" FROM metric_sku_month WHERE "+shopIn+" AND month BETWEEN "+quote(months[0])+" AND "+quote(months[len(months)-1]))
	}
	var raw []struct {
		SKUID     int64 `bun:"sku_id"`
		ListingID int64 `bun:"listing_id"`
		Units     int64 `bun:"units"`
		PaidFen   int64 `bun:"paid_fen"`
		RefundFen int64 `bun:"refund_fen"`
		Lines     int64 `bun:"lines"`
	}
	q := "SELECT sku_id, listing_id, SUM(units) AS units, SUM(paid_fen) AS paid_fen, SUM(refund_fen) AS refund_fen, SUM(lines) AS lines FROM (" +
		strings.Join(parts, " UNION ALL ") + ") x GROUP BY sku_id, listing_id ORDER BY SUM(paid_fen) DESC, sku_id, listing_id LIMIT " + itoa(int64(n))
	if err := s.db.R.NewRaw(q).Scan(ctx, &raw); err != nil {
		return nil, apperr.Wrap(err, "read top SKUs")
	}
	rows := make([]TopSKU, len(raw))
	for i, r := range raw {
		rows[i] = TopSKU{SKUID: r.SKUID, ListingID: r.ListingID, Units: r.Units, PaidFen: r.PaidFen, RefundFen: r.RefundFen, Lines: r.Lines}
	}
	var skuIDs, listingIDs []int64
	for _, r := range rows {
		if r.SKUID != 0 {
			skuIDs = append(skuIDs, r.SKUID)
		} else if r.ListingID != 0 {
			listingIDs = append(listingIDs, r.ListingID)
		}
	}
	skus, err := loadSKULabels(ctx, s.db.R, skuIDs)
	if err != nil {
		return nil, err
	}
	listings, err := loadListingLabels(ctx, s.db.R, listingIDs)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		r := &rows[i]
		if r.SKUID != 0 {
			l := skus[r.SKUID]
			r.Code, r.Name = l.Code, l.Name
			if l.CostFen > 0 {
				cost := r.Units * l.CostFen
				gp := r.PaidFen - r.RefundFen - cost
				r.CostOfGoodsFen, r.GrossProfitFen = &cost, &gp
			}
		} else {
			l := listings[r.ListingID]
			r.Code, r.Name, r.PlatformItemID = l.Code, l.Name, l.PlatformItemID
		}
		r.Drill = itemDrill(shops, p, r.SKUID, r.ListingID)
	}
	return rows, nil
}
