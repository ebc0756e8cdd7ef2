package sales

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/text/encoding/simplifiedchinese"

	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/platform/i18n"
	"ecomops/internal/sales/gen"
)

func TestNewerFileUpdatesAndCallsHook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		var changes []OrderChange
		f.sales.OnChange = func(ctx context.Context, tx bun.IDB, c []OrderChange) error {
			changes = append(changes, c...)
			return nil
		}
		early := time.Date(2026, 11, 10, 0, 0, 0, 0, testLoc)
		late := time.Date(2026, 11, 30, 0, 0, 0, 0, testLoc)
		a := f.write("jd_a.csv", func(w *os.File) error { return gen.WriteJD(w, genOrdersAt("jd", 60, 5, early)) })
		b := f.write("jd_b.csv", func(w *os.File) error { return gen.WriteJD(w, genOrdersAt("jd", 60, 5, late)) })
		first := f.importFiles("JD01", "jd", "", a)
		if first.Inserted != 60 || len(changes) != 60 || changes[0].Old != nil || changes[0].New == nil {
			t.Fatalf("first: %+v, %d changes", first, len(changes))
		}
		events := f.count("order_events")
		changes = nil
		second := f.importFiles("JD01", "jd", "", b)
		if second.Inserted != 0 || second.Updated == 0 || second.Updated+second.Unchanged != 60 || f.count("orders") != 60 {
			t.Fatalf("second: %+v", second)
		}
		if len(changes) != int(second.Updated) || changes[0].Old == nil || changes[0].New == nil || changes[0].Old.OrderID != changes[0].New.OrderID {
			t.Fatalf("hook: %d changes for %d updates", len(changes), second.Updated)
		}
		if f.count("order_events") <= events {
			t.Fatal("no status events for the status changes")
		}
		var shipped int
		d.R.NewRaw("SELECT count(*) FROM orders WHERE status IN ('shipped', 'completed')").Scan(context.Background(), &shipped)
		if shipped == 0 {
			t.Fatal("statuses did not move on")
		}
		changes = nil
		third := f.importFiles("JD01", "jd", "", b)
		if third.Unchanged != 60 || len(changes) != 0 {
			t.Fatalf("third: %+v, %d hook changes", third, len(changes))
		}
	})
}

// badTaobao returns a classic order report (GBK) of 10 orders in which the
// first data row from row 3 on that contains old has it replaced by repl,
// and that row's number.
func badTaobao(t *testing.T, f *fixture, name, old, repl string) (InputFile, int) {
	var b strings.Builder
	if err := gen.WriteTaobao(&b, nil, genOrders("tmall", 10, 3)); err != nil {
		t.Fatal(err)
	}
	raw, _ := simplifiedchinese.GBK.NewDecoder().String(b.String())
	lines := strings.Split(raw, "\r\n")
	for i := 2; i < len(lines); i++ {
		if strings.Contains(lines[i], old) {
			lines[i] = strings.Replace(lines[i], old, repl, 1)
			enc, _ := simplifiedchinese.GBK.NewEncoder().String(strings.Join(lines, "\r\n"))
			return f.writeBytes(name, []byte(enc)), i + 1
		}
	}
	t.Fatalf("no row holds %q", old)
	return InputFile{}, 0
}

func TestAbortWritesNothingSkipWritesTheRest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in, row := badTaobao(t, f, "bad.csv", "2026-11-", "2026-13-")
		res := f.importFiles("TM01", "taobao", "abort", in)
		if res.Status != ImportAborted || res.Rejected != 1 || f.count("orders") != 0 || len(res.Errors) != 1 {
			t.Fatalf("abort: %+v", res)
		}
		e := res.Errors[0]
		if e.Row != row || e.Column != "订单创建时间" || !strings.Contains(e.Reason, "not a valid date") || e.Code != "not_a_time" || e.Params["example"] == nil {
			t.Fatalf("error %+v", e)
		}
		im, err := f.sales.Import(context.Background(), res.ImportID)
		if err != nil || im.Status != ImportAborted || im.Rejected != 1 || im.ErrorCode != "import_aborted" || im.ErrorParams["count"] != float64(1) {
			t.Fatalf("session %+v %v", im, err)
		}
		stored, _, _ := f.sales.ImportErrors(context.Background(), res.ImportID, apiPage())
		if len(stored) != 1 || stored[0].Row != row || stored[0].Code != "not_a_time" || stored[0].Params["example"] != "2026-11-11 00:00:05" {
			t.Fatalf("stored errors %+v", stored)
		}
		res = f.importFiles("TM01", "taobao", "skip", in)
		if res.Status != ImportCompleted || res.Rejected != 1 || res.Inserted != 9 || f.count("orders") != 9 {
			t.Fatalf("skip: %+v", res)
		}
		report, err := f.sales.ErrorReport(context.Background(), res.ImportID, i18n.ZH)
		if err != nil || len(report.Rows) != 1 || report.Headers[4] != "原因" || report.Rows[0][4] != "不是有效的日期时间（例如 2026-11-11 00:00:05）" {
			t.Fatalf("report %+v %v", report, err)
		}
		report, err = f.sales.ErrorReport(context.Background(), res.ImportID, i18n.EN)
		if err != nil || len(report.Rows) != 1 || report.Headers[4] != "Reason" || report.Rows[0][4] != "Not a date and time (e.g. 2026-11-11 00:00:05)" {
			t.Fatalf("report %+v %v", report, err)
		}
	})
}

func TestKillMidwayThenRepeatConverges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.sales.BatchSize = 10
		var items InputFile
		orders := f.write("orders.csv", func(w *os.File) error {
			items = f.write("items.csv", func(iw *os.File) error { return gen.WriteTaobao(w, iw, genOrders("tmall", 95, 21)) })
			return nil
		})
		ctx, cancel := context.WithCancel(context.Background())
		batches := 0
		res, err := f.sales.ImportOrders(ctx, ImportRequest{ShopCode: "TM01", Files: []InputFile{orders, items}, Progress: func(Progress) {
			if batches++; batches == 3 {
				cancel() // the process "dies" after three committed batches
			}
		}})
		if !errors.Is(err, context.Canceled) || res.Status != ImportInterrupted {
			t.Fatalf("interrupted import: %v %+v", err, res)
		}
		if n := f.count("orders"); n < 30 || n >= 95 {
			t.Fatalf("%d orders after the interruption, want the committed batches", n)
		}
		again := f.importFiles("TM01", "auto", "", orders, items)
		if again.Rejected != 0 || again.Inserted+again.Unchanged != 95 || again.Unchanged < 30 {
			t.Fatalf("repeat: %+v", again)
		}
		clean := newFixture(t, dbtest.SQLite(t))
		clean.importFiles("TM01", "auto", "", orders, items)
		got, want := f.dump("TM01"), clean.dump("TM01")
		if !slices.Equal(got, want) {
			t.Fatalf("state after interrupted + repeated import differs from a clean import:\n%v\n%v", got[:3], want[:3])
		}
	})
}
