package sales

import (
	"context"
	"io"
	"os"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/tabular"
)

// TrafficRequest is one import of 生意参谋 files into a shop.
type TrafficRequest struct {
	ShopCode string
	ShopID   int64
	Level    string // TrafficShop (default) or TrafficProduct
	Files    []InputFile
}

// ImportTraffic reads 生意参谋 shop- or product-level daily exports into
// traffic_daily, upserting by (shop, date, item). A day already stored with
// the same figures is unchanged; other figures replace it (a later export
// of a day is the truth). All rows go in one transaction: these files hold
// one row per day (and item) and stay small.
func (s *Service) ImportTraffic(ctx context.Context, req TrafficRequest) (ImportResult, error) {
	if req.Level == "" {
		req.Level = TrafficShop
	}
	lay := trafficShopLayout
	switch req.Level {
	case TrafficShop:
	case TrafficProduct:
		lay = trafficProductLayout
	default:
		return ImportResult{}, apperr.Reject("level", apperr.OneOf(TrafficShop, TrafficProduct), "level must be shop or product, not %q", req.Level)
	}
	if len(req.Files) == 0 {
		return ImportResult{}, apperr.Reject("files", apperr.Required(), "give at least one file")
	}
	shop, err := s.shopFor(ctx, req.ShopCode, req.ShopID)
	if err != nil {
		return ImportResult{}, err
	}
	var infos []FileInfo
	var total int64
	for _, in := range req.Files {
		st, err := os.Stat(in.Path)
		if err != nil || st.Size() == 0 {
			return ImportResult{}, apperr.Reject("files", apperr.Because("file_empty", apperr.P{"name": in.Name}), "%s: file is missing or empty", in.Name)
		}
		total += st.Size()
		fi, err := detectOne(in, "", []*layout{lay}, []*layout{trafficShopLayout, trafficProductLayout}, req.Level)
		if err != nil {
			return ImportResult{}, err
		}
		infos = append(infos, fi)
	}
	names, detail := describe(infos)
	im := Import{Kind: "traffic", ShopID: shop.ID, Format: "sycm_" + req.Level, FileNames: names, FileBytes: total, OnError: "skip",
		Status: ImportRunning, Detail: detail}
	if p := auth.From(ctx); p != nil {
		im.CreatedBy = &p.UserID
	}
	if err := s.createSession(ctx, &im); err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{ImportID: im.ID, Files: infos}
	var days []TrafficDay
	seen := map[[2]string]int{}
	for _, fi := range infos {
		rd, err := tabular.OpenFile(fi.path, tabular.Options{Score: scoreFor([]*layout{lay})})
		if err != nil {
			return s.failTraffic(ctx, im.ID, res, fileError(fi.Name, err))
		}
		p := &rowParser{file: fi.Name, lay: lay, header: rd.Header(), idx: fi.idx, loc: s.loc(ctx)}
		for {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				rd.Close()
				return s.failTraffic(ctx, im.ID, res, fileError(fi.Name, err))
			}
			res.Rows++
			p.reset(row)
			d := parseTraffic(p)
			if len(p.errs) > 0 {
				res.Errors = append(res.Errors, p.errs...)
				res.Rejected++
				continue
			}
			k := [2]string{d.Date, d.ItemID}
			if first, dup := seen[k]; dup {
				res.Errors = append(res.Errors, rowError(fi.Name, row.Num, "", d.Date+" "+d.ItemID, apperr.Because("duplicate_row", apperr.P{"row": first}),
					"duplicate row: the same day (and item) as row %d", first))
				res.Rejected++
				continue
			}
			seen[k] = row.Num
			d.ShopID, d.ImportID = shop.ID, &im.ID
			days = append(days, d)
		}
		rd.Close()
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.writeTraffic(ctx, tx, shop.ID, days)
		if err != nil {
			return err
		}
		r.rejected, r.errs = int(res.Rejected), res.Errors
		res.Inserted, res.Updated, res.Unchanged = int64(r.inserted), int64(r.updated), int64(r.unchanged)
		return s.progress(ctx, tx, im.ID, int(res.Rows), total, r, s.now())
	})
	if err != nil {
		return s.failTraffic(ctx, im.ID, res, err)
	}
	res.Status = ImportCompleted
	return res, s.finishSession(ctx, im.ID, ImportCompleted, failure{}, "")
}

func (s *Service) failTraffic(ctx context.Context, id int64, res ImportResult, err error) (ImportResult, error) {
	res.Status = ImportFailed
	if ferr := s.finishSession(ctx, id, ImportFailed, failureOf(err), ""); ferr != nil {
		return res, ferr
	}
	return res, err
}

type trafficRow struct {
	bun.BaseModel `bun:"table:traffic_daily,alias:t"`
	TrafficDay
}

func (s *Service) writeTraffic(ctx context.Context, tx bun.Tx, shopID int64, days []TrafficDay) (batchResult, error) {
	var r batchResult
	for start := 0; start < len(days); start += 500 {
		part := days[start:min(start+500, len(days))]
		dates := make([]string, len(part))
		for i, d := range part {
			dates[i] = d.Date
		}
		var old []trafficRow
		if err := tx.NewSelect().Model(&old).Where("shop_id = ?", shopID).Where("date IN (?)", bun.In(dates)).Scan(ctx); err != nil {
			return r, apperr.Wrap(err, "look up traffic")
		}
		have := map[[2]string]TrafficDay{}
		for _, o := range old {
			have[[2]string{o.Date, o.ItemID}] = o.TrafficDay
		}
		var rows []trafficRow
		for _, d := range part {
			o, ok := have[[2]string{d.Date, d.ItemID}]
			switch {
			case !ok:
				r.inserted++
			case sameFigures(o, d):
				r.unchanged++
				continue
			default:
				r.updated++
			}
			rows = append(rows, trafficRow{TrafficDay: d})
		}
		if len(rows) == 0 {
			continue
		}
		_, err := tx.NewInsert().Model(&rows).On("CONFLICT (shop_id, date, item_id) DO UPDATE").
			Set("visitors = EXCLUDED.visitors, page_views = EXCLUDED.page_views, favourite_buyers = EXCLUDED.favourite_buyers").
			Set("cart_buyers = EXCLUDED.cart_buyers, cart_units = EXCLUDED.cart_units, order_buyers = EXCLUDED.order_buyers").
			Set("paying_buyers = EXCLUDED.paying_buyers, paid_units = EXCLUDED.paid_units, paid_fen = EXCLUDED.paid_fen").
			Set("refund_fen = EXCLUDED.refund_fen, import_id = EXCLUDED.import_id").Exec(ctx)
		if err != nil {
			return r, apperr.Wrap(err, "write traffic")
		}
	}
	return r, nil
}

func sameFigures(a, b TrafficDay) bool {
	a.ImportID, b.ImportID = nil, nil
	return a == b
}

// TrafficFilter selects traffic days.
type TrafficFilter struct {
	api.Page
	ShopID int64  `query:"shop_id"`
	Level  string `query:"level" enum:"shop,product," doc:"shop (default) or product"`
	ItemID string `query:"item_id"`
	From   string `query:"from" doc:"YYYY-MM-DD"`
	To     string `query:"to" doc:"YYYY-MM-DD, inclusive"`
	// ShopIDs is the dashboard's traffic drill-down (docs/API.md, metrics Drill).
	ShopIDs []int64 `query:"shop_ids" doc:"comma-separated shop ids"`
}

// ListTraffic returns traffic days of the shops in scope.
func (s *Service) ListTraffic(ctx context.Context, f TrafficFilter) ([]TrafficDay, int, error) {
	var rows []trafficRow
	q := auth.Filter(ctx, s.db.R.NewSelect().Model(&rows), "t.shop_id", auth.ShopSet)
	if f.ShopID != 0 {
		q = q.Where("t.shop_id = ?", f.ShopID)
	}
	if len(f.ShopIDs) > 0 {
		q = q.Where("t.shop_id IN (?)", bun.In(f.ShopIDs))
	}
	if f.Level == TrafficProduct {
		q = q.Where("t.item_id <> ''")
	} else {
		q = q.Where("t.item_id = ''")
	}
	if f.ItemID != "" {
		q = q.Where("t.item_id = ?", f.ItemID)
	}
	if f.From != "" {
		q = q.Where("t.date >= ?", f.From)
	}
	if f.To != "" {
		q = q.Where("t.date <= ?", f.To)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"date": "t.date", "visitors": "t.visitors", "paid_fen": "t.paid_fen"}, "-date")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list traffic")
	}
	out := make([]TrafficDay, len(rows))
	for i, r := range rows {
		out[i] = r.TrafficDay
	}
	return out, int(n), nil
}
