package fulfilment

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
	"ecomops/internal/sales"
)

// ShipInput is one shipping entry.
type ShipInput struct {
	Carrier    string `json:"carrier" minLength:"1" maxLength:"32" doc:"carrier code (SF) or name (顺丰, 顺丰速运); see /fulfilment/carriers"`
	TrackingNo string `json:"tracking_no" minLength:"1" maxLength:"64" doc:"normalised: trimmed, upper-cased, full-width folded, a No: prefix and spaces removed"`
	Force      bool   `json:"force,omitempty" doc:"ship although the number does not match the carrier's pattern; correct a shipped order's carrier or number"`
	Version    int    `json:"version,omitempty" doc:"the order version read; when given, a stale one answers 409"`
}

// Shipment is an order's shipping state after an entry.
type Shipment struct {
	OrderID     int64      `json:"order_id"`
	ShopID      int64      `json:"shop_id"`
	OrderNo     string     `json:"order_no"`
	Status      string     `json:"status"`
	Carrier     string     `json:"carrier" doc:"carrier code"`
	CarrierName string     `json:"carrier_name"`
	TrackingNo  string     `json:"tracking_no"`
	ShippedAt   *time.Time `json:"shipped_at"`
	ShipBy      *time.Time `json:"ship_by"`
	Late        bool       `json:"late" doc:"shipped after the ship-by deadline"`
	Version     int        `json:"version"`
}

// ShipResult is the answer of a shipping entry.
type ShipResult struct {
	Outcome  string   `json:"outcome" enum:"shipped,corrected,unchanged"`
	Shipment Shipment `json:"shipment"`
	Warnings []string `json:"warnings" doc:"tracking-number pattern mismatches accepted with force"`
}

// auditShipment is what the operation log keeps of an order's shipping state.
type auditShipment struct {
	OrderNo    string     `json:"order_no"`
	Status     string     `json:"status"`
	Carrier    string     `json:"carrier"`
	TrackingNo string     `json:"tracking_no"`
	ShippedAt  *time.Time `json:"shipped_at"`
	Version    int        `json:"version"`
}

func auditOf(o sales.ShippingOrder) auditShipment {
	return auditShipment{OrderNo: o.OrderNo, Status: o.Status, Carrier: o.Carrier, TrackingNo: o.TrackingNo, ShippedAt: o.ShippedAt, Version: o.Version}
}

func shipmentOf(o sales.ShippingOrder) Shipment {
	sh := Shipment{OrderID: o.ID, ShopID: o.ShopID, OrderNo: o.OrderNo, Status: o.Status, Carrier: o.Carrier,
		TrackingNo: o.TrackingNo, ShippedAt: o.ShippedAt, ShipBy: o.ShipBy, Version: o.Version}
	if c, ok := LookupCarrier(o.Carrier); ok {
		sh.CarrierName = c.Name
	}
	sh.Late = o.ShippedAt != nil && o.ShipBy != nil && o.ShippedAt.After(*o.ShipBy)
	return sh
}

// message is the user-facing text of an apperr error.
func message(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return err.Error()
}

// entry is a shipping entry after its carrier and number were checked.
type entry struct {
	carrier  Carrier
	tracking string
	warning  string // pattern mismatch, "" when none
}

// checkEntry resolves the carrier and normalises and checks the number. A
// pattern mismatch is an overridable error without force and a warning with
// it. Errors name the body fields.
func checkEntry(carrierText, trackingText string, force bool) (entry, error) {
	c, ok := LookupCarrier(carrierText)
	if !ok {
		return entry{}, apperr.Reject("body.carrier", apperr.Because("unknown_carrier", apperr.P{"value": strings.TrimSpace(carrierText), "codes": carrierCodes()}),
			"unknown carrier %q; use a code (%s) or its Chinese name", strings.TrimSpace(carrierText), carrierCodes())
	}
	no := NormalizeTracking(trackingText)
	warning, err := CheckTracking(c, no)
	if err != nil {
		r := apperr.Because("tracking_format", nil) // 5-40 letters, digits or '-'
		if no == "" {
			r = apperr.Required()
		}
		return entry{}, apperr.Reject("body.tracking_no", r, "%s", message(err))
	}
	if warning != "" && !force {
		return entry{}, mismatchError(c, warning, no)
	}
	return entry{carrier: c, tracking: no, warning: warning}, nil
}

// Ship records the shipment of one order in the caller's scope: a paid
// order becomes shipped (shipped_at now) with the carrier and tracking
// number, writing a status event and an audited change; shipping it again
// with the same carrier and number changes nothing; another carrier or
// number on a shipped order needs force (a correction). Errors: not_found
// (outside scope), invalid (carrier, tracking number; a pattern mismatch
// without force carries a body.force field error), conflict (stale version,
// order not paid, shipped with another number without force).
func (s *Service) Ship(ctx context.Context, orderID int64, in ShipInput) (ShipResult, error) {
	e, err := checkEntry(in.Carrier, in.TrackingNo, in.Force)
	if err != nil {
		return ShipResult{}, err
	}
	var res ShipResult
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		o, err := s.orders.ShippingOrderByID(ctx, tx, orderID)
		if err != nil {
			return err
		}
		if in.Version != 0 && in.Version != o.Version {
			return apperr.StaleVersion("order", o.OrderNo)
		}
		res, err = s.apply(ctx, tx, o, e, in.Force, "fulfilment")
		return err
	})
	return res, err
}

// apply decides and writes one shipping entry for order o read in tx.
func (s *Service) apply(ctx context.Context, tx bun.IDB, o sales.ShippingOrder, e entry, force bool, source string) (ShipResult, error) {
	outcome, err := Decide(o.Status, o.Carrier, o.TrackingNo, e.carrier.Code, e.tracking, force)
	if err != nil {
		return ShipResult{}, err
	}
	res := ShipResult{Outcome: outcome, Warnings: []string{}}
	if e.warning != "" && outcome != OutcomeUnchanged {
		res.Warnings = append(res.Warnings, e.warning)
	}
	if outcome == OutcomeUnchanged {
		res.Shipment = shipmentOf(o)
		return res, nil
	}
	note := e.carrier.Code + " " + e.tracking
	if outcome == OutcomeCorrected {
		note = "corrected from " + o.Carrier + " " + o.TrackingNo + " to " + note
	}
	if e.warning != "" {
		note += " (pattern mismatch accepted)"
	}
	n, err := s.orders.MarkShipped(ctx, tx, o, e.carrier.Code, e.tracking, s.now(), source, note)
	if err != nil {
		return ShipResult{}, err
	}
	trail.Change(ctx, "order.shipment", o.ID, auditOf(o), auditOf(n))
	res.Shipment = shipmentOf(n)
	return res, nil
}
