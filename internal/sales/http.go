package sales

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
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"sales"}, DefaultStatus: status}
}

const base = "/api/v1/sales"

// Routes registers the sales operations.
func (s *Service) Routes(a huma.API) {
	api.Register(a, op("sales.order.list", http.MethodGet, base+"/orders", "Orders of the shops in scope; receivers masked", 0),
		"sales:order:read", func(ctx context.Context, in *OrderFilter) (*api.ListOutput[Order], error) {
			items, n, err := s.ListOrders(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("sales.order.export", http.MethodGet, base+"/orders/export", "Orders as XLSX (same filters); receivers masked", 0),
		"sales:order:export", func(ctx context.Context, in *OrderFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListOrders(ctx, f)
			if err != nil {
				return nil, err
			}
			return api.XLSXFile("orders", s.orderTable(ctx, items))
		})
	api.Register(a, op("sales.order.get", http.MethodGet, base+"/orders/{id}", "An order with lines, status timeline and customer; masked", 0),
		"sales:order:read", func(ctx context.Context, in *api.IDPath) (*body[OrderDetail], error) {
			d, err := s.OrderDetail(ctx, in.ID)
			return &body[OrderDetail]{d}, err
		})
	api.Register(a, op("sales.order.reveal", http.MethodPost, base+"/orders/{id}/reveal-receiver", "The receiver's name, phone and address in full; audited", 0),
		"pii:reveal", func(ctx context.Context, in *api.IDPath) (*body[Receiver], error) {
			r, err := s.RevealReceiver(ctx, in.ID)
			return &body[Receiver]{r}, err
		})
	api.Register(a, op("sales.customer.list", http.MethodGet, base+"/customers", "Customers of the shops in scope; masked", 0),
		"sales:customer:read", func(ctx context.Context, in *CustomerFilter) (*api.ListOutput[Customer], error) {
			items, n, err := s.ListCustomers(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("sales.customer.reveal", http.MethodPost, base+"/customers/{id}/reveal", "A customer's personal data in full; audited", 0),
		"pii:reveal", func(ctx context.Context, in *api.IDPath) (*body[Receiver], error) {
			r, err := s.RevealCustomer(ctx, in.ID)
			return &body[Receiver]{r}, err
		})
	api.Register(a, op("sales.traffic.list", http.MethodGet, base+"/traffic", "Daily traffic funnel (生意参谋) of the shops in scope", 0),
		"sales:traffic:read", func(ctx context.Context, in *TrafficFilter) (*api.ListOutput[TrafficDay], error) {
			items, n, err := s.ListTraffic(ctx, *in)
			return api.NewList(items, n), err
		})
	s.importRoutes(a)
}

func (s *Service) orderTable(ctx context.Context, items []Order) xlsx.Table {
	loc := s.loc(ctx)
	local := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.In(loc).Format(time.DateTime)
	}
	t := xlsx.Table{Sheet: "orders", Headers: []string{"店铺 Shop", "订单号 Order no.", "状态 Status", "平台状态 Platform status", "买家 Buyer",
		"下单时间 Ordered", "付款时间 Paid", "发货时间 Shipped", "完成时间 Completed", "货款(分) Goods (fen)", "运费(分) Shipping (fen)",
		"优惠(分) Discount (fen)", "实付(分) Paid (fen)", "退款(分) Refunded (fen)", "件数 Units", "收货人 Receiver", "电话 Phone", "地址 Address",
		"物流公司 Carrier", "物流单号 Tracking no."}}
	for _, o := range items {
		t.Rows = append(t.Rows, []any{o.ShopCode, o.OrderNo, o.Status, o.RawStatus, o.BuyerNick, local(&o.OrderedAt), local(o.PaidAt),
			local(o.ShippedAt), local(o.CompletedAt), o.GoodsFen, o.ShippingFen, o.DiscountFen, o.PaidFen, o.RefundedFen, o.Units,
			o.ReceiverName, o.ReceiverPhone, o.ReceiverAddress, o.Carrier, o.TrackingNo})
	}
	return t
}
