package fulfilment

import (
	"context"
	"testing"
	"time"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/sales"
)

func TestShipBy(t *testing.T) {
	paid := time.Date(2026, 11, 11, 0, 5, 0, 0, time.FixedZone("CST", 8*3600))
	cases := []struct {
		hours int
		want  time.Time
	}{
		{48, time.Date(2026, 11, 12, 16, 5, 0, 0, time.UTC)},
		{24, time.Date(2026, 11, 11, 16, 5, 0, 0, time.UTC)},
		{0, time.Date(2026, 11, 12, 16, 5, 0, 0, time.UTC)}, // unset: the 48 h default
		{72, time.Date(2026, 11, 13, 16, 5, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		got := sales.ShipBy(paid, c.hours)
		if !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("ShipBy(%v, %d) = %v, want %v in UTC", paid, c.hours, got, c.want)
		}
	}
}

func ids(items []QueueItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.OrderNo
	}
	return out
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestQueueDeadlinesAndStates(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		// TM01 promises 48 h, JD01 24 h.
		f.order(f.tm, "TM-A", "paid", 50*time.Hour)    // due t0-2h: overdue
		f.order(f.tm, "TM-B", "paid", 44*time.Hour)    // due t0+4h: due soon
		f.order(f.tm, "TM-C", "paid", 10*time.Hour)    // due t0+38h
		f.order(f.jd, "JD-A", "paid", 20*time.Hour)    // due t0+4h: due soon (24 h shop)
		f.order(f.jd, "JD-B", "paid", 30*time.Hour)    // due t0-6h: overdue
		f.order(f.jd, "JD-C", "paid", 17*time.Hour)    // due t0+7h: on time
		f.order(f.tm, "TM-S", "shipped", 60*time.Hour) // not waiting
		f.order(f.tm, "TM-U", "pending_payment", -1)   // unpaid: not waiting
		f.order(f.jd, "JD-Z", "closed", 5*time.Hour)   // closed: not waiting

		items, n, err := f.svc.Queue(ctx, QueueFilter{Page: api.Page{Page: 1, PageSize: 50}})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"JD-B", "TM-A", "TM-B", "JD-A", "JD-C", "TM-C"}; n != 6 || !sameList(ids(items), want) {
			t.Fatalf("queue %v (%d), want %v sorted by deadline", ids(items), n, want)
		}
		byNo := map[string]QueueItem{}
		for _, it := range items {
			byNo[it.OrderNo] = it
		}
		wantState := map[string]string{"JD-B": StateOverdue, "TM-A": StateOverdue, "TM-B": StateDueSoon, "JD-A": StateDueSoon, "JD-C": StateOnTime, "TM-C": StateOnTime}
		for no, st := range wantState {
			if byNo[no].State != st || byNo[no].Overdue != (st == StateOverdue) || byNo[no].DueSoon != (st == StateDueSoon) {
				t.Errorf("%s: state %s overdue %v due soon %v, want %s", no, byNo[no].State, byNo[no].Overdue, byNo[no].DueSoon, st)
			}
		}
		if it := byNo["JD-A"]; !it.ShipBy.Equal(it.PaidAt.Add(24*time.Hour)) || *it.MinutesLeft != 240 || it.ShipWithinHours != 24 || it.ShopCode != "JD01" {
			t.Errorf("JD-A: %+v, want deadline paid + 24 h, 240 minutes left", it)
		}
		if it := byNo["TM-A"]; !it.ShipBy.Equal(it.PaidAt.Add(48*time.Hour)) || *it.MinutesLeft != -120 {
			t.Errorf("TM-A: ship by %v, minutes left %d; want paid + 48 h, -120", it.ShipBy, *it.MinutesLeft)
		}

		check := func(name string, flt QueueFilter, want ...string) {
			t.Helper()
			flt.Page = api.Page{Page: 1, PageSize: 50, Sort: flt.Sort}
			items, n, err := f.svc.Queue(ctx, flt)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if n != len(want) || !sameList(ids(items), want) {
				t.Errorf("%s: %v (%d), want %v", name, ids(items), n, want)
			}
		}
		check("overdue only", QueueFilter{State: StateOverdue}, "JD-B", "TM-A")
		check("due soon", QueueFilter{State: StateDueSoon}, "TM-B", "JD-A")
		check("due soon within 8 h", QueueFilter{State: StateDueSoon, SoonHours: 8}, "TM-B", "JD-A", "JD-C")
		check("shop", QueueFilter{ShopID: f.jd.ID}, "JD-B", "JD-A", "JD-C")
		check("platform", QueueFilter{Platform: "tmall"}, "TM-A", "TM-B", "TM-C")
		check("platform without shops", QueueFilter{Platform: "pdd"})
		check("shop and other platform", QueueFilter{ShopID: f.jd.ID, Platform: "tmall"})
		check("order number", QueueFilter{OrderNo: "JD-C"}, "JD-C")
		check("due before an instant", QueueFilter{DueBefore: t0.Add(5 * time.Hour).Format(time.RFC3339)}, "JD-B", "TM-A", "TM-B", "JD-A")
		// 2026-11-11 in Beijing ends at 16:00 UTC: everything due today
		check("due before the end of a date", QueueFilter{DueBefore: "2026-11-11"}, "JD-B", "TM-A", "TM-B", "JD-A", "JD-C")
		check("overdue and due before", QueueFilter{State: StateOverdue, DueBefore: t0.Add(-3 * time.Hour).Format(time.RFC3339)}, "JD-B")
		check("latest deadline first", QueueFilter{Page: api.Page{Sort: "-ship_by"}, ShopID: f.tm.ID}, "TM-C", "TM-B", "TM-A")
		check("by order number", QueueFilter{Page: api.Page{Sort: "order_no"}, Platform: "jd"}, "JD-A", "JD-B", "JD-C")

		if _, _, err := f.svc.Queue(ctx, QueueFilter{DueBefore: "tomorrow"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("bad due_before: %v", err)
		}
		if _, _, err := f.svc.Queue(ctx, QueueFilter{Page: api.Page{Sort: "buyer"}}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("bad sort: %v", err)
		}
		if _, _, err := f.svc.Queue(ctx, QueueFilter{ShopID: 9999}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown shop: %v", err)
		}

		// Time passes: 5 hours later TM-B and JD-A are overdue too, JD-C due soon.
		f.clock.Advance(5 * time.Hour)
		check("overdue later", QueueFilter{State: StateOverdue}, "JD-B", "TM-A", "TM-B", "JD-A")
		check("due soon later", QueueFilter{State: StateDueSoon}, "JD-C")
	})
}

func TestQueueDeadlineBoundaryAndMissingDeadline(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.order(f.jd, "AT-DEADLINE", "paid", 24*time.Hour) // ship_by == now
		o := f.order(f.jd, "NO-DEADLINE", "paid", 1*time.Hour)
		if _, err := f.d.W.NewUpdate().Model((*testOrder)(nil)).Set("ship_by = NULL").Where("id = ?", o.ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		items, _, err := f.svc.Queue(ctx, QueueFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !sameList(ids(items), []string{"AT-DEADLINE", "NO-DEADLINE"}) || items[0].State != StateDueSoon || items[1].State != StateUnknown || items[1].MinutesLeft != nil {
			t.Fatalf("queue %+v: want the deadline instant due soon (not overdue) and the order without deadline last, unknown", items)
		}
		desc, _, _ := f.svc.Queue(ctx, QueueFilter{Page: api.Page{Sort: "-ship_by"}})
		if !sameList(ids(desc), []string{"AT-DEADLINE", "NO-DEADLINE"}) {
			t.Errorf("descending: %v, want the order without deadline last", ids(desc))
		}
		sum, err := f.svc.Summary(ctx, SummaryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Totals != (QueueCounts{Waiting: 2, DueSoon: 1, Overdue: 0}) {
			t.Errorf("totals %+v at the deadline instant", sum.Totals)
		}
		f.clock.Advance(time.Microsecond)
		if sum, _ = f.svc.Summary(ctx, SummaryFilter{}); sum.Totals != (QueueCounts{Waiting: 2, DueSoon: 0, Overdue: 1}) {
			t.Errorf("totals %+v just after the deadline", sum.Totals)
		}
	})
}

func TestQueueSummary(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.order(f.tm, "TM-A", "paid", 50*time.Hour) // overdue
		f.order(f.tm, "TM-B", "paid", 44*time.Hour) // due soon
		f.order(f.tm, "TM-C", "paid", 10*time.Hour)
		f.order(f.jd, "JD-B", "paid", 30*time.Hour) // overdue
		f.order(f.tm, "TM-S", "shipped", 60*time.Hour)
		pdd, err := f.org.CreateShop(ctx, orgShop("PDD01", "pdd", 0))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := f.svc.Summary(ctx, SummaryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Totals != (QueueCounts{Waiting: 4, DueSoon: 1, Overdue: 2}) || sum.SoonHours != 6 || !sum.AsOf.Equal(t0) {
			t.Errorf("summary %+v", sum)
		}
		want := []ShopQueue{
			{ShopID: f.jd.ID, ShopCode: "JD01", ShopName: "京东店", Platform: "jd", ShipWithinHours: 24, QueueCounts: QueueCounts{1, 0, 1}},
			{ShopID: pdd.ID, ShopCode: "PDD01", ShopName: "PDD01", Platform: "pdd", ShipWithinHours: 48},
			{ShopID: f.tm.ID, ShopCode: "TM01", ShopName: "天猫店", Platform: "tmall", ShipWithinHours: 48, QueueCounts: QueueCounts{3, 1, 1}},
		}
		if len(sum.Shops) != len(want) {
			t.Fatalf("shops %+v", sum.Shops)
		}
		for i := range want {
			if sum.Shops[i] != want[i] {
				t.Errorf("shop %d: %+v, want %+v", i, sum.Shops[i], want[i])
			}
		}
		if s2, _ := f.svc.Summary(ctx, SummaryFilter{Platform: "jd"}); len(s2.Shops) != 1 || s2.Totals.Waiting != 1 {
			t.Errorf("platform jd: %+v", s2)
		}
		if s3, _ := f.svc.Summary(ctx, SummaryFilter{SoonHours: 40}); s3.Totals.DueSoon != 2 {
			t.Errorf("40 h window: %+v", s3.Totals)
		}
	})
}

// TestShopHoursChanged: a new ship_within_hours moves the deadlines of the
// shop's waiting orders, and only those.
func TestShopHoursChanged(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		waiting := f.order(f.tm, "TM-A", "paid", 10*time.Hour)
		shipped := f.order(f.tm, "TM-S", "shipped", 10*time.Hour)
		other := f.order(f.jd, "JD-A", "paid", 10*time.Hour)
		sh := f.tm
		sh.ShipWithinHours = 12
		if _, err := f.org.UpdateShop(ctx, sh.ID, sh); err != nil {
			t.Fatal(err)
		}
		var changed int
		err := f.d.InTx(ctx, func(ctx context.Context, tx bunTx) error {
			var err error
			changed, err = f.svc.ShopHoursChanged(ctx, tx, sh.ID, 12)
			return err
		})
		if err != nil || changed != 1 {
			t.Fatalf("changed %d, %v; want 1", changed, err)
		}
		if got := f.load(waiting.ID).ShipBy; !got.Equal(waiting.PaidAt.Add(12 * time.Hour)) {
			t.Errorf("waiting order ship by %v, want paid + 12 h", got)
		}
		if got := f.load(shipped.ID).ShipBy; !got.Equal(*shipped.ShipBy) {
			t.Errorf("shipped order ship by %v moved; it must keep %v", got, shipped.ShipBy)
		}
		if got := f.load(other.ID).ShipBy; !got.Equal(*other.ShipBy) {
			t.Errorf("other shop's order moved to %v", got)
		}
		items, _, _ := f.svc.Queue(ctx, QueueFilter{State: StateDueSoon})
		if !sameList(ids(items), []string{"TM-A"}) {
			t.Errorf("due soon after the change: %v, want TM-A (due in 2 h)", ids(items))
		}
		// running it again changes nothing
		_ = f.d.InTx(ctx, func(ctx context.Context, tx bunTx) error {
			changed, err = f.svc.ShopHoursChanged(ctx, tx, sh.ID, 12)
			return err
		})
		if changed != 0 || err != nil {
			t.Errorf("second run changed %d, %v", changed, err)
		}
	})
}
