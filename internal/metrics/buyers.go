package metrics

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Distinct paying buyers of any period [a, b], per shop, without counting
// distinct values over a large table:
//
//	buyers(a, b) = Σ_{d=a..b} buyers of day d  −  repeats(a, b)
//
// where repeats(a, b) counts the pairs (prev, next) of consecutive paying
// days of one buyer with a <= prev and next <= b: every buyer-day inside the
// period whose previous paying day is also inside it is a buyer seen before.
// The pairs are kept in metric_buyer_repeat at four grains so that the
// rectangle {a <= prev, next <= b} is read as at most four small blocks:
//
//	prev in a's month (days >= a) × next in b's month (days <= b)   grain dd
//	prev in a's month (days >= a) × next in a whole month before b's grain dm
//	prev in a whole month after a's × next in b's month (days <= b) grain md
//	prev and next in the whole months strictly between              grain mm
//
// Each block is an index seek per listed key (IN lists) plus a short range,
// so the work grows with the number of months, not with orders or buyers.
// When a and b share a month only the dd block exists.

// repeats returns repeats(a, b) per shop.
func repeats(ctx context.Context, idb bun.IDB, shops []int64, p Period) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(shops) == 0 {
		return out, nil
	}
	a, b := p.From, p.To
	ma, mb := a[:7], b[:7]
	shopIn := "shop_id IN (" + joinIDs(shops) + ")"
	var parts []string
	block := func(grain, cond string) {
		parts = append(parts, "SELECT shop_id, buyers FROM metric_buyer_repeat WHERE "+shopIn+" AND grain = '"+grain+"' AND "+cond)
	}
	if ma == mb {
		block(grainDD, "prev_key IN ("+quoteList(Period{From: a, To: b}.dates())+") AND next_key <= "+quote(b))
	} else {
		headDays := quoteList(Period{From: a, To: monthEnd(a)}.dates())
		tailDays := quoteList(Period{From: mb + "-01", To: b}.dates())
		block(grainDD, "prev_key IN ("+headDays+") AND next_key BETWEEN "+quote(mb+"-01")+" AND "+quote(b))
		block(grainDM, "prev_key IN ("+headDays+") AND next_key >= "+quote(ma)+" AND next_key < "+quote(mb))
		block(grainMD, "next_key IN ("+tailDays+") AND prev_key > "+quote(ma)+" AND prev_key <= "+quote(mb))
		if between := monthsBetween(ma, mb); len(between) > 0 {
			block(grainMM, "prev_key IN ("+quoteList(between)+") AND next_key > "+quote(ma)+" AND next_key < "+quote(mb))
		}
	}
	var rows []struct {
		ShopID int64 `bun:"shop_id"`
		N      int64 `bun:"n"`
	}
	q := "SELECT shop_id, SUM(buyers) AS n FROM (" + strings.Join(parts, " UNION ALL ") + ") r GROUP BY shop_id"
	if err := idb.NewRaw(q).Scan(ctx, &rows); err != nil {
		return nil, apperr.Wrap(err, "count repeat buyers")
	}
	for _, r := range rows {
		out[r.ShopID] = r.N
	}
	return out, nil
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return strings.Join(q, ",")
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = itoa(id)
	}
	return strings.Join(s, ",")
}
