// Package catalog holds the goods a company sells: products (SPU), their SKUs
// (identified by the merchant code 商家编码 that platform exports carry) and
// shop listings, the platform items that point at a SKU. Imports create the
// listings they meet; a listing nobody has matched to a SKU yet has status
// "unmatched" and sku_id NULL.
package catalog

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Product is a SPU.
type Product struct {
	bun.BaseModel `bun:"table:products,alias:p"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Code          string    `bun:"code" json:"code"`
	Name          string    `bun:"name" json:"name"`
	Category      string    `bun:"category" json:"category"`
	Status        string    `bun:"status" json:"status" enum:"active,disabled"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
	SKUCount      int       `bun:"sku_count,scanonly" json:"sku_count"`
}

// SKU is a sellable variant, identified across platforms by its merchant code.
type SKU struct {
	bun.BaseModel `bun:"table:skus,alias:k"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	ProductID     *int64    `bun:"product_id" json:"product_id"`
	MerchantCode  string    `bun:"merchant_code" json:"merchant_code" doc:"商家编码, unique"`
	Name          string    `bun:"name" json:"name"`
	Attributes    string    `bun:"attributes" json:"attributes" doc:"e.g. 颜色分类：白色;尺码：XL"`
	CostFen       int64     `bun:"cost_fen" json:"cost_fen"`
	Status        string    `bun:"status" json:"status" enum:"active,disabled"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
	ProductName   string    `bun:"product_name,scanonly" json:"product_name"`
}

// Listing is a platform item (and platform SKU, when the platform has one)
// in one shop.
type Listing struct {
	bun.BaseModel  `bun:"table:listings,alias:l"`
	ID             int64     `bun:"id,pk,autoincrement" json:"id"`
	ShopID         int64     `bun:"shop_id" json:"shop_id"`
	PlatformItemID string    `bun:"platform_item_id" json:"platform_item_id"`
	PlatformSKUID  string    `bun:"platform_sku_id" json:"platform_sku_id"`
	MerchantCode   string    `bun:"merchant_code" json:"merchant_code" doc:"商家编码 as the export gave it"`
	Title          string    `bun:"title" json:"title"`
	Attributes     string    `bun:"attributes" json:"attributes"`
	PriceFen       int64     `bun:"price_fen" json:"price_fen"`
	SKUID          *int64    `bun:"sku_id" json:"sku_id"`
	Status         string    `bun:"status" json:"status" enum:"unmatched,matched,disabled"`
	Version        int       `bun:"version" json:"version"`
	CreatedAt      time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt      time.Time `bun:"updated_at" json:"updated_at"`
	SKUCode        string    `bun:"sku_code,scanonly" json:"sku_code" doc:"merchant code of the matched SKU"`
	SKUName        string    `bun:"sku_name,scanonly" json:"sku_name"`
}

// Listing statuses.
const (
	ListingUnmatched = "unmatched"
	ListingMatched   = "matched"
	ListingDisabled  = "disabled"
)

// Statuses of products and SKUs.
var Statuses = []string{"active", "disabled"}

// Permissions this module declares.
var Permissions = []string{
	"catalog:product:read", "catalog:product:create", "catalog:product:update", "catalog:product:delete", "catalog:product:export",
	"catalog:sku:read", "catalog:sku:create", "catalog:sku:update", "catalog:sku:delete", "catalog:sku:export",
	"catalog:listing:read", "catalog:listing:update",
}

// MatchHook is told, inside the transaction that matched them, that the
// listings now point at skuID, so the module holding order lines (sales) can
// copy the SKU onto them and keep its derived data in step. catalog cannot
// import sales (module order); app wires the hook.
type MatchHook func(ctx context.Context, tx bun.IDB, listingIDs []int64, skuID int64) error
