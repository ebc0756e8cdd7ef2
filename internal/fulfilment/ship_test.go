package fulfilment

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
)

func TestShipOne(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		o := f.order(f.tm, "TM-A", "paid", 50*time.Hour) // overdue by 2 h
		f.clock.Advance(time.Hour)

		res, err := f.svc.Ship(ctx, o.ID, ShipInput{Carrier: "顺丰", TrackingNo: " No:sf1234567890123 "})
		if err != nil {
			t.Fatal(err)
		}
		sh := res.Shipment
		if res.Outcome != OutcomeShipped || sh.Status != "shipped" || sh.Carrier != "SF" || sh.CarrierName != "顺丰速运" ||
			sh.TrackingNo != "SF1234567890123" || !sh.ShippedAt.Equal(t0.Add(time.Hour)) || !sh.Late || sh.Version != 2 || len(res.Warnings) != 0 {
			t.Fatalf("result %+v", res)
		}
		got := f.load(o.ID)
		if got.Status != "shipped" || got.Carrier != "SF" || got.TrackingNo != "SF1234567890123" || !got.ShippedAt.Equal(t0.Add(time.Hour)) || got.Version != 2 {
			t.Fatalf("stored %+v", got)
		}
		if n := f.count("order_events", "order_id = ? AND status = 'shipped' AND source = 'fulfilment'", o.ID); n != 1 {
			t.Errorf("%d shipped events, want 1", n)
		}
		if n := f.count("operation_log", "entity = 'order.shipment' AND entity_id = ? AND before_json LIKE '%\"status\":\"paid\"%' AND after_json LIKE '%SF1234567890123%'", fmt.Sprint(o.ID)); n != 1 {
			t.Errorf("%d audit rows with before/after, want 1", n)
		}
		if items, _, _ := f.svc.Queue(ctx, QueueFilter{}); len(items) != 0 {
			t.Errorf("shipped order still in the queue: %v", ids(items))
		}

		// the same carrier and number again: nothing happens
		res, err = f.svc.Ship(ctx, o.ID, ShipInput{Carrier: "SF", TrackingNo: "SF1234567890123"})
		if err != nil || res.Outcome != OutcomeUnchanged || res.Shipment.Version != 2 {
			t.Fatalf("repeat: %+v %v", res, err)
		}
		if n := f.count("order_events", "order_id = ?", o.ID); n != 1 {
			t.Errorf("repeat wrote an event (%d)", n)
		}

		// another number: a conflict unless force
		_, err = f.svc.Ship(ctx, o.ID, ShipInput{Carrier: "ZTO", TrackingNo: "73123456789012"})
		if !apperr.Is(err, apperr.Conflict) || !overridable(err) {
			t.Fatalf("other number without force: %v", err)
		}
		f.clock.Advance(time.Hour)
		res, err = f.svc.Ship(ctx, o.ID, ShipInput{Carrier: "ZTO", TrackingNo: "73123456789012", Force: true})
		if err != nil || res.Outcome != OutcomeCorrected || res.Shipment.Carrier != "ZTO" || !res.Shipment.ShippedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("correction: %+v %v (shipped_at must stay)", res, err)
		}
		if n := f.count("order_events", "order_id = ? AND note LIKE 'corrected from SF SF1234567890123 to ZTO 73123456789012%'", o.ID); n != 1 {
			t.Errorf("correction event missing")
		}
		if n := f.count("operation_log", "entity = 'order.shipment' AND entity_id = ?", fmt.Sprint(o.ID)); n != 2 {
			t.Errorf("%d audit rows, want 2 (ship, correct; the no-op writes none)", n)
		}
	})
}

func TestShipOneRefusals(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		paid := f.order(f.tm, "TM-A", "paid", time.Hour)
		unpaid := f.order(f.tm, "TM-U", "pending_payment", -1)
		closed := f.order(f.tm, "TM-C", "closed", time.Hour)
		completed := f.order(f.tm, "TM-D", "completed", time.Hour)

		for _, o := range []testOrder{unpaid, closed, completed} {
			if _, err := f.svc.Ship(ctx, o.ID, ShipInput{Carrier: "SF", TrackingNo: "SF1234567890123", Force: true}); !apperr.Is(err, apperr.Conflict) {
				t.Errorf("%s (%s): %v, want conflict", o.OrderNo, o.Status, err)
			}
		}
		if _, err := f.svc.Ship(ctx, 99999, ShipInput{Carrier: "SF", TrackingNo: "SF1234567890123"}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown order: %v", err)
		}
		if _, err := f.svc.Ship(ctx, paid.ID, ShipInput{Carrier: "菜鸟", TrackingNo: "SF1234567890123"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("unknown carrier: %v", err)
		}
		if _, err := f.svc.Ship(ctx, paid.ID, ShipInput{Carrier: "SF", TrackingNo: "见备注"}); !apperr.Is(err, apperr.Invalid) || overridable(err) {
			t.Errorf("malformed number: %v", err)
		}
		// a pattern mismatch stops only until the user confirms with force
		_, err := f.svc.Ship(ctx, paid.ID, ShipInput{Carrier: "SF", TrackingNo: "YT1234567890123"})
		if !apperr.Is(err, apperr.Invalid) || !overridable(err) {
			t.Fatalf("mismatch without force: %v", err)
		}
		if _, err := f.svc.Ship(ctx, paid.ID, ShipInput{Carrier: "SF", TrackingNo: "SF1234567890123", Version: 5}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("stale version: %v", err)
		}
		if got := f.load(paid.ID); got.Status != "paid" || got.Version != 1 || f.count("order_events", "1 = 1") != 0 || f.count("operation_log", "entity = 'order.shipment'") != 0 {
			t.Fatalf("refused entries wrote something: %+v", got)
		}
		res, err := f.svc.Ship(ctx, paid.ID, ShipInput{Carrier: "SF", TrackingNo: "YT1234567890123", Force: true, Version: 1})
		if err != nil || res.Outcome != OutcomeShipped || len(res.Warnings) != 1 || res.Shipment.Late {
			t.Fatalf("mismatch with force: %+v %v", res, err)
		}
		if n := f.count("order_events", "order_id = ? AND note LIKE '%pattern mismatch accepted%'", paid.ID); n != 1 {
			t.Errorf("the event does not note the accepted mismatch")
		}
	})
}

func TestShipOneNeedsNoPrincipalForSystemCallers(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		o := f.order(f.jd, "JD-A", "paid", time.Hour)
		res, err := f.svc.Ship(context.Background(), o.ID, ShipInput{Carrier: "jd", TrackingNo: "jdva12345678901"})
		if err != nil || res.Shipment.TrackingNo != "JDVA12345678901" {
			t.Fatalf("%+v %v", res, err)
		}
	})
}

func TestCheckEntry(t *testing.T) {
	if _, err := checkEntry("菜鸟", "SF1234567890123", false); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown carrier: %v", err)
	}
	if _, err := checkEntry("SF", "顺丰单号", true); !apperr.Is(err, apperr.Invalid) || overridable(err) {
		t.Errorf("malformed number: %v (force must not override it)", err)
	}
	_, err := checkEntry("顺丰", "YT1234567890123", false)
	if !apperr.Is(err, apperr.Invalid) || !overridable(err) {
		t.Errorf("mismatch without force: %v, want an overridable invalid error", err)
	}
	e, err := checkEntry("顺丰", "yt1234567890123", true)
	if err != nil || e.warning == "" || e.tracking != "YT1234567890123" || e.carrier.Code != "SF" {
		t.Errorf("mismatch with force: %+v %v, want a warning", e, err)
	}
	e, err = checkEntry("sf", "No:SF1234567890123", false)
	if err != nil || e.warning != "" || e.tracking != "SF1234567890123" {
		t.Errorf("matching number: %+v %v", e, err)
	}
}
