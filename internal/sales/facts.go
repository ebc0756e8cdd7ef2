package sales

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// OrderFacts is what the metrics rollups need to know about one order.
type OrderFacts struct {
	OrderID     int64
	ShopID      int64
	CustomerID  int64      // 0 when the export has no buyer identity
	PaidAt      *time.Time // nil for unpaid orders, which count in no sales KPI
	PaidFen     int64      // 买家实际支付金额
	RefundedFen int64
	Units       int64
	Lines       []LineFacts
}

// LineFacts is one order line as the rollups see it.
type LineFacts struct {
	SKUID       int64 // 0 while the listing is unmatched
	ListingID   int64
	Quantity    int64
	PaidFen     int64
	RefundedFen int64
}

// OrderChange is one order written by an import or a user: Old is nil for a
// new order, New is nil for a deleted one.
type OrderChange struct{ Old, New *OrderFacts }

// ChangeHook is called inside the transaction that writes a batch of orders,
// after the rows are written, so derived tables (metrics rollups) commit or
// roll back with them. app wires it to the metrics module.
type ChangeHook func(ctx context.Context, tx bun.IDB, changes []OrderChange) error
