package fulfilment

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

type body[T any] struct{ Body T }

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"fulfilment"}, DefaultStatus: status}
}

// shipFileInput is the upload of a shipping file: the file in a multipart
// form, the options as query parameters.
type shipFileInput struct {
	OnError string `query:"on_error" enum:"skip,abort," doc:"skip (default): ship the good rows; abort: write nothing if any row is bad"`
	Force   bool   `query:"force" doc:"accept tracking-number pattern mismatches (listed as warnings) and correct shipped orders"`
	DryRun  bool   `query:"dry_run" doc:"check the file and answer what would happen, writing nothing"`
	ShopID  int64  `query:"shop_id" doc:"only orders of this shop (when one order number exists in several shops)"`
	RawBody huma.MultipartFormFiles[shipFileForm]
}

// shipFileForm is the multipart form of a shipping file upload.
type shipFileForm struct {
	File huma.FormFile `form:"file" required:"true" doc:"CSV or XLSX with columns 订单编号, 物流公司, 物流单号"`
}

// maxShipFileBytes bounds a shipping file upload.
const maxShipFileBytes = 16 << 20

// Routes registers the fulfilment operations.
func (s *Service) Routes(a huma.API) {
	const base = "/api/v1/fulfilment"
	api.Register(a, op("fulfilment.carrier.list", http.MethodGet, base+"/carriers", "Carriers with their tracking-number patterns", 0),
		"fulfilment:queue:read", func(ctx context.Context, _ *struct{}) (*api.ListOutput[Carrier], error) {
			return api.NewList(Carriers(), len(carriers)), nil
		})
	api.Register(a, op("fulfilment.queue.list", http.MethodGet, base+"/queue", "Paid orders awaiting shipment, by ship-by deadline", 0),
		"fulfilment:queue:read", func(ctx context.Context, in *QueueFilter) (*api.ListOutput[QueueItem], error) {
			items, n, err := s.Queue(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("fulfilment.queue.summary", http.MethodGet, base+"/queue/summary", "Waiting, due-soon and overdue counts per shop", 0),
		"fulfilment:queue:read", func(ctx context.Context, in *SummaryFilter) (*body[QueueSummary], error) {
			sum, err := s.Summary(ctx, *in)
			return &body[QueueSummary]{sum}, err
		})
	api.Register(a, op("fulfilment.queue.export", http.MethodGet, base+"/queue/export", "The queue as XLSX; fill in 物流公司 and 物流单号 and upload it as a shipping file", 0),
		"fulfilment:queue:export", func(ctx context.Context, in *QueueFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.Queue(ctx, f)
			if err != nil {
				return nil, err
			}
			return api.XLSXFile("fulfilment-queue", s.queueTable(ctx, items))
		})
	api.Register(a, op("fulfilment.shipment.create", http.MethodPost, base+"/orders/{id}/shipment", "Ship one order (carrier + tracking number)", 0),
		"fulfilment:shipment:create", func(ctx context.Context, in *struct {
			ID   int64 `path:"id" doc:"order id"`
			Body ShipInput
		}) (*body[ShipResult], error) {
			res, err := s.Ship(ctx, in.ID, in.Body)
			return &body[ShipResult]{res}, err
		})
	fileOp := op("fulfilment.shipment.file", http.MethodPost, base+"/shipments/file", "Ship orders from a CSV or XLSX file", 0)
	fileOp.MaxBodyBytes = maxShipFileBytes
	api.Register(a, fileOp, "fulfilment:shipment:create", func(ctx context.Context, in *shipFileInput) (*body[FileResult], error) {
		f := in.RawBody.Data().File
		defer f.Close()
		res, err := s.ShipFile(ctx, f, FileOptions{Name: f.Filename, OnError: in.OnError, Force: in.Force, DryRun: in.DryRun, ShopID: in.ShopID})
		return &body[FileResult]{res}, err
	})
}

// queueTable is the queue export. 订单编号, 物流公司 and 物流单号 carry the
// names the shipping-file reader looks for first, so the filled-in export is
// a valid shipping file.
func (s *Service) queueTable(ctx context.Context, items []QueueItem) xlsx.Table {
	loc := s.location(ctx)
	local := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.In(loc).Format(time.DateTime)
	}
	t := xlsx.Table{Sheet: "queue", Headers: []string{colOrderNo[0], colCarrier[0], colTracking[0],
		"店铺 Shop", "平台 Platform", "付款时间 Paid at", "最晚发货 Ship by", "状态 State", "剩余分钟 Minutes left", "件数 Units", "实付(元) Paid (CNY)"}}
	for _, it := range items {
		var left any
		if it.MinutesLeft != nil {
			left = *it.MinutesLeft
		}
		t.Rows = append(t.Rows, []any{it.OrderNo, "", "", it.ShopName, it.Platform, local(it.PaidAt), local(it.ShipBy),
			it.State, left, it.Units, float64(it.PaidFen) / 100})
	}
	return t
}
