// Package sales holds the orders of every shop in one place: orders, their
// lines, per-shop customers, the status timeline, the import sessions that
// bring platform exports in, and the daily traffic funnel.
//
// Buyer names, phones and addresses are personal data: every list, detail
// and export carries them masked; the full values come only from the audited
// reveal operation (permission pii:reveal).
package sales

import (
	"time"

	"github.com/uptrace/bun"
)

// Normalised order statuses. raw_status keeps the platform's own text.
const (
	StatusPendingPayment = "pending_payment"
	StatusPaid           = "paid"
	StatusShipped        = "shipped"
	StatusCompleted      = "completed"
	StatusClosed         = "closed"
)

// Statuses in lifecycle order.
var Statuses = []string{StatusPendingPayment, StatusPaid, StatusShipped, StatusCompleted, StatusClosed}

// Order is an order header. Amounts are in fen.
type Order struct {
	bun.BaseModel   `bun:"table:orders,alias:o"`
	ID              int64      `bun:"id,pk,autoincrement" json:"id"`
	ShopID          int64      `bun:"shop_id" json:"shop_id"`
	OrderNo         string     `bun:"order_no" json:"order_no"`
	Status          string     `bun:"status" json:"status" enum:"pending_payment,paid,shipped,completed,closed"`
	RawStatus       string     `bun:"raw_status" json:"raw_status"`
	CustomerID      *int64     `bun:"customer_id" json:"customer_id"`
	BuyerNick       string     `bun:"buyer_nick" json:"buyer_nick"`
	OrderedAt       time.Time  `bun:"ordered_at" json:"ordered_at"`
	PaidAt          *time.Time `bun:"paid_at" json:"paid_at"`
	ShippedAt       *time.Time `bun:"shipped_at" json:"shipped_at"`
	CompletedAt     *time.Time `bun:"completed_at" json:"completed_at"`
	ClosedAt        *time.Time `bun:"closed_at" json:"closed_at"`
	ShipBy          *time.Time `bun:"ship_by" json:"ship_by"`
	GoodsFen        int64      `bun:"goods_fen" json:"goods_fen"`
	ShippingFen     int64      `bun:"shipping_fen" json:"shipping_fen"`
	DiscountFen     int64      `bun:"discount_fen" json:"discount_fen"`
	PaidFen         int64      `bun:"paid_fen" json:"paid_fen"`
	RefundedFen     int64      `bun:"refunded_fen" json:"refunded_fen"`
	Units           int64      `bun:"units" json:"units"`
	ReceiverName    string     `bun:"receiver_name" json:"receiver_name" doc:"masked"`
	ReceiverPhone   string     `bun:"receiver_phone" json:"receiver_phone" doc:"masked"`
	ReceiverAddress string     `bun:"receiver_address" json:"receiver_address" doc:"masked"`
	Carrier         string     `bun:"carrier" json:"carrier"`
	TrackingNo      string     `bun:"tracking_no" json:"tracking_no"`
	BuyerMessage    string     `bun:"buyer_message" json:"buyer_message"`
	SellerMemo      string     `bun:"seller_memo" json:"seller_memo"`
	CloseReason     string     `bun:"close_reason" json:"close_reason"`
	ContentHash     string     `bun:"content_hash" json:"-"`
	ImportID        *int64     `bun:"import_id" json:"import_id"`
	Version         int        `bun:"version" json:"version"`
	CreatedAt       time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt       time.Time  `bun:"updated_at" json:"updated_at"`

	ShopCode string `bun:"shop_code,scanonly" json:"shop_code"`
	ShopName string `bun:"shop_name,scanonly" json:"shop_name"`
}

// OrderLine is one item of an order.
type OrderLine struct {
	bun.BaseModel  `bun:"table:order_lines,alias:ol"`
	ID             int64  `bun:"id,pk,autoincrement" json:"id"`
	OrderID        int64  `bun:"order_id" json:"order_id"`
	LineNo         int    `bun:"line_no" json:"line_no"`
	SubOrderNo     string `bun:"sub_order_no" json:"sub_order_no"`
	ListingID      *int64 `bun:"listing_id" json:"listing_id"`
	SKUID          *int64 `bun:"sku_id" json:"sku_id"`
	PlatformItemID string `bun:"platform_item_id" json:"platform_item_id"`
	MerchantCode   string `bun:"merchant_code" json:"merchant_code"`
	Title          string `bun:"title" json:"title"`
	Attributes     string `bun:"attributes" json:"attributes"`
	Quantity       int64  `bun:"quantity" json:"quantity"`
	UnitPriceFen   int64  `bun:"unit_price_fen" json:"unit_price_fen"`
	PaidFen        int64  `bun:"paid_fen" json:"paid_fen"`
	RefundStatus   string `bun:"refund_status" json:"refund_status"`
	RefundedFen    int64  `bun:"refunded_fen" json:"refunded_fen"`
}

// OrderEvent is one step of an order's status timeline.
type OrderEvent struct {
	bun.BaseModel `bun:"table:order_events,alias:ev"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	OrderID       int64     `bun:"order_id" json:"order_id"`
	At            time.Time `bun:"at" json:"at"`
	Status        string    `bun:"status" json:"status"`
	RawStatus     string    `bun:"raw_status" json:"raw_status"`
	Source        string    `bun:"source" json:"source" doc:"import:<id> or user:<id>"`
	Note          string    `bun:"note" json:"note"`
}

// Customer is a buyer of one shop. Name, phone and address are masked in
// every output.
type Customer struct {
	bun.BaseModel `bun:"table:customers,alias:c"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	ShopID        int64      `bun:"shop_id" json:"shop_id"`
	BuyerKey      string     `bun:"buyer_key" json:"-"`
	BuyerNick     string     `bun:"buyer_nick" json:"buyer_nick"`
	ReceiverName  string     `bun:"receiver_name" json:"receiver_name" doc:"masked"`
	Phone         string     `bun:"phone" json:"phone" doc:"masked"`
	Address       string     `bun:"address" json:"address" doc:"masked"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`
	FirstOrderAt  *time.Time `bun:"first_order_at,scanonly" json:"first_order_at" doc:"from the customer's orders"`
	LastOrderAt   *time.Time `bun:"last_order_at,scanonly" json:"last_order_at"`
	Orders        int64      `bun:"orders,scanonly" json:"orders"`
}

// Permissions this module declares.
var Permissions = []string{
	"sales:order:read", "sales:order:export", "sales:customer:read",
	"sales:import:read", "sales:import:create", "sales:traffic:read",
}
