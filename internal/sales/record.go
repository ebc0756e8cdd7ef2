package sales

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"time"
)

// OrderRecord is one order as a preset parsed it from one or more rows of
// the files, before it is written. Amounts in fen, times in UTC.
type OrderRecord struct {
	File string // file the order's first row came from
	Row  int    // that row's number as a spreadsheet shows it
	Rows int    // data rows that made the order (order row + item rows)

	OrderNo         string
	Status          string
	RawStatus       string
	BuyerKey        string // identity of the buyer within the shop; "" when the export has none
	BuyerNick       string
	OrderedAt       time.Time
	PaidAt          *time.Time
	ShippedAt       *time.Time
	CompletedAt     *time.Time
	ClosedAt        *time.Time
	GoodsFen        int64
	ShippingFen     int64
	DiscountFen     int64
	PaidFen         int64
	RefundedFen     int64
	Units           int64
	ReceiverName    string
	ReceiverPhone   string
	ReceiverAddress string
	Carrier         string
	TrackingNo      string
	BuyerMessage    string
	SellerMemo      string
	CloseReason     string
	Lines           []LineRecord
}

// LineRecord is one order line as parsed.
type LineRecord struct {
	SubOrderNo    string
	ItemID        string // platform item id (the listing key)
	PlatformSKUID string
	MerchantCode  string
	Title         string
	Attributes    string
	Quantity      int64
	UnitPriceFen  int64
	PaidFen       int64
	RefundStatus  string
	RefundedFen   int64
	rowHash       uint64 // detects a row repeated inside one order
}

// contentHash fingerprints everything an import writes for the order, so a
// re-import can tell an unchanged order without comparing columns. Lines
// count in file order.
func (r *OrderRecord) contentHash() string {
	h := sha256.New()
	str := func(s string) { writeLen(h, len(s)); h.Write([]byte(s)) }
	num := func(n int64) { var b [8]byte; binary.LittleEndian.PutUint64(b[:], uint64(n)); h.Write(b[:]) }
	tm := func(t *time.Time) {
		if t == nil {
			num(-1)
			return
		}
		num(t.UnixNano())
	}
	str(r.Status)
	str(r.RawStatus)
	str(r.BuyerKey)
	str(r.BuyerNick)
	num(r.OrderedAt.UnixNano())
	tm(r.PaidAt)
	tm(r.ShippedAt)
	tm(r.CompletedAt)
	tm(r.ClosedAt)
	for _, n := range []int64{r.GoodsFen, r.ShippingFen, r.DiscountFen, r.PaidFen, r.RefundedFen, r.Units, int64(len(r.Lines))} {
		num(n)
	}
	for _, s := range []string{r.ReceiverName, r.ReceiverPhone, r.ReceiverAddress, r.Carrier, r.TrackingNo, r.BuyerMessage, r.SellerMemo, r.CloseReason} {
		str(s)
	}
	for _, l := range r.Lines {
		for _, s := range []string{l.SubOrderNo, l.ItemID, l.PlatformSKUID, l.MerchantCode, l.Title, l.Attributes, l.RefundStatus} {
			str(s)
		}
		for _, n := range []int64{l.Quantity, l.UnitPriceFen, l.PaidFen, l.RefundedFen} {
			num(n)
		}
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:16])
}

func writeLen(h hash.Hash, n int) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(n))
	h.Write(b[:])
}

// finish derives what the preset left open: units and goods from the lines
// when the order row has none, a discount from goods + shipping - paid, and
// the time of the status the order is in when the file gave none.
func (r *OrderRecord) finish() {
	if r.Units == 0 {
		for _, l := range r.Lines {
			r.Units += l.Quantity
		}
	}
	var linesGoods, linesRefund int64
	for _, l := range r.Lines {
		linesGoods += l.UnitPriceFen * l.Quantity
		linesRefund += l.RefundedFen
	}
	if r.GoodsFen == 0 {
		r.GoodsFen = linesGoods
	}
	if r.RefundedFen == 0 {
		r.RefundedFen = linesRefund
	}
	if r.DiscountFen == 0 && r.PaidAt != nil {
		r.DiscountFen = max(0, r.GoodsFen+r.ShippingFen-r.PaidFen)
	}
}
