package sales

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"ecomops/internal/platform/apperr"
)

// Mapping drives the generic preset: which header holds which field, and
// extra status texts. It is saved as a template (import_mappings) or given
// to the CLI as a JSON file (--mapping FILE):
//
//	{"name": "ERP export", "columns": {"order_no": "单号", "status": "状态",
//	  "ordered_at": "下单时间", "paid_fen": "实付金额", "title": "商品"},
//	 "statuses": {"已审核": "paid"}}
//
// Amount fields (ending in _fen) are read as yuan and stored in fen. Each row
// is one line of its order; rows of one order share its order number and
// the order fields are read from its first row.
type Mapping struct {
	Name     string            `json:"name"`
	Columns  map[string]string `json:"columns"`
	Statuses map[string]string `json:"statuses,omitempty" doc:"extra status texts -> pending_payment|paid|shipped|completed|closed"`
}

// Generic fields, in column order of the generic layout.
const (
	gOrderNo = iota
	gStatus
	gOrderedAt
	gPaidAt
	gShippedAt
	gCompletedAt
	gClosedAt
	gBuyer
	gGoods
	gShipping
	gDiscount
	gPaid
	gRefunded
	gRecvName
	gRecvPhone
	gRecvAddress
	gCarrier
	gTracking
	gMessage
	gMemo
	gSubOrderNo
	gItemID
	gSKUID
	gMerchant
	gTitle
	gAttrs
	gQty
	gUnitPrice
	gLinePaid
	gFieldCount
)

// MappingFields are the field names a mapping may use; the first three are required.
var MappingFields = []string{
	gOrderNo: "order_no", gStatus: "status", gOrderedAt: "ordered_at", gPaidAt: "paid_at", gShippedAt: "shipped_at",
	gCompletedAt: "completed_at", gClosedAt: "closed_at", gBuyer: "buyer", gGoods: "goods_fen", gShipping: "shipping_fen",
	gDiscount: "discount_fen", gPaid: "paid_fen", gRefunded: "refunded_fen", gRecvName: "receiver_name", gRecvPhone: "receiver_phone",
	gRecvAddress: "receiver_address", gCarrier: "carrier", gTracking: "tracking_no", gMessage: "buyer_message", gMemo: "seller_memo",
	gSubOrderNo: "sub_order_no", gItemID: "item_id", gSKUID: "platform_sku_id", gMerchant: "merchant_code", gTitle: "title",
	gAttrs: "attributes", gQty: "quantity", gUnitPrice: "unit_price_fen", gLinePaid: "line_paid_fen",
}

// ParseMapping reads a mapping from JSON and validates it.
func ParseMapping(data []byte) (Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, apperr.Reject("mapping", apperr.Format("json"), "mapping is not valid JSON of the form {\"name\":..., \"columns\":{\"order_no\":\"<header>\",...}}: %v", err)
	}
	return m, m.Validate()
}

// Validate checks the mapping's fields and status texts.
func (m Mapping) Validate() error {
	var v apperr.Validation
	for f, h := range m.Columns {
		if !slices.Contains(MappingFields, f) {
			v.Reject("mapping.columns."+f, apperr.Because(apperr.CodeUnknownField, apperr.P{"values": MappingFields}), "unknown field %q; fields are: %s", f, strings.Join(MappingFields, ", "))
		} else if strings.TrimSpace(h) == "" {
			v.Reject("mapping.columns."+f, apperr.Required(), "header name is empty")
		}
	}
	for _, f := range MappingFields[:3] {
		if strings.TrimSpace(m.Columns[f]) == "" {
			v.Reject("mapping.columns."+f, apperr.Required(), "%s is required: name the header that holds it", f)
		}
	}
	keys := make([]string, 0, len(m.Statuses))
	for k := range m.Statuses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(Statuses, m.Statuses[k]) {
			v.Reject("mapping.statuses."+k, apperr.OneOf(Statuses...), "status must be one of %s", strings.Join(Statuses, ", "))
		}
	}
	return v.Err()
}

// genericLayout builds the layout a mapping describes.
func genericLayout(m Mapping) *layout {
	cols := make([]col, gFieldCount)
	for i, f := range MappingFields {
		name := m.Columns[f]
		if name == "" {
			name = "\x00unmapped:" + f // never matches a header
		}
		cols[i] = col{names: []string{name}, required: i < 3}
	}
	statuses := map[string]string{}
	for k, v := range m.Statuses {
		statuses[strings.Join(strings.Fields(k), "")] = v
	}
	title := "generic mapping"
	if m.Name != "" {
		title = fmt.Sprintf("generic mapping %q", m.Name)
	}
	return &layout{kind: "generic", preset: FormatGeneric, title: title, role: roleCombined, cols: cols,
		parse: func(p *rowParser, r *OrderRecord, l *LineRecord) string {
			no := p.orderNo(gOrderNo)
			if st, ok := statuses[strings.Join(strings.Fields(p.s(gStatus)), "")]; ok {
				r.RawStatus, r.Status = p.s(gStatus), st
			} else {
				p.status(gStatus, r)
			}
			r.OrderedAt = p.need(gOrderedAt)
			r.PaidAt, r.ShippedAt, r.CompletedAt, r.ClosedAt = p.when(gPaidAt), p.when(gShippedAt), p.when(gCompletedAt), p.when(gClosedAt)
			r.BuyerNick = p.s(gBuyer)
			r.BuyerKey = r.BuyerNick
			r.GoodsFen, r.ShippingFen, r.DiscountFen = p.fen(gGoods), p.fen(gShipping), p.fen(gDiscount)
			r.PaidFen, r.RefundedFen = p.fen(gPaid), p.refundFen(gRefunded)
			r.ReceiverName, r.ReceiverPhone, r.ReceiverAddress = p.s(gRecvName), p.s(gRecvPhone), p.s(gRecvAddress)
			r.Carrier, r.TrackingNo, r.BuyerMessage, r.SellerMemo = p.s(gCarrier), p.s(gTracking), p.s(gMessage), p.s(gMemo)
			if !p.has(gItemID) && !p.has(gMerchant) && !p.has(gTitle) {
				return no // the mapping has no line fields: orders without lines
			}
			l.SubOrderNo, l.ItemID, l.PlatformSKUID = p.s(gSubOrderNo), p.s(gItemID), p.s(gSKUID)
			l.MerchantCode, l.Title, l.Attributes = p.s(gMerchant), p.s(gTitle), p.s(gAttrs)
			if l.ItemID == "" {
				l.ItemID = l.MerchantCode
			}
			if l.ItemID == "" {
				l.ItemID = clipValue(l.Title)
			}
			l.Quantity, l.UnitPriceFen, l.PaidFen = p.count(gQty), p.fen(gUnitPrice), p.fen(gLinePaid)
			if l.Quantity == 0 && !p.has(gQty) {
				l.Quantity = 1
			}
			if l.PaidFen == 0 {
				l.PaidFen = l.UnitPriceFen * l.Quantity
			}
			return no
		}}
}
