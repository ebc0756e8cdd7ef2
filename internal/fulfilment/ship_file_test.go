package fulfilment

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/xlsx"
)

// fileOrders inserts the orders the file tests ship.
func fileOrders(f *fixture) map[string]testOrder {
	m := map[string]testOrder{}
	for _, o := range []testOrder{
		f.order(f.tm, "1001", "paid", time.Hour),
		f.order(f.tm, "1002", "paid", time.Hour),
		f.order(f.tm, "1003", "paid", time.Hour),
		f.order(f.tm, "1004", "shipped", time.Hour), // SF SF1234567890123
		f.order(f.tm, "1005", "closed", time.Hour),
		f.order(f.jd, "2001", "paid", time.Hour),
	} {
		m[o.OrderNo] = o
	}
	return m
}

// badFile mixes good rows with one of each kind of bad row. Row numbers as a
// spreadsheet shows them: the title line is row 1, the header row 2.
const badFile = "发货清单\r\n" +
	"订单编号,物流公司,物流单号,备注\r\n" +
	"=\"1001\",顺丰,No:SF1234567890001,\r\n" + // 3 ok
	"1002,中通,73123456789012,\r\n" + // 4 ok
	"1003,菜鸟,CN123456789,\r\n" + // 5 unknown carrier
	"1009,SF,SF1234567890009,\r\n" + // 6 no such order
	"1004,SF,SF1234567890123,\r\n" + // 7 already shipped with this number: unchanged
	"1005,SF,SF1234567890005,\r\n" + // 8 closed
	"2001,YTO,SF1234567890123,\r\n" + // 9 pattern mismatch
	",SF,SF1234567890010,\r\n" + // 10 no order number
	"1001,SF,SF1234567890999,\r\n" + // 11 repeated with another number
	"2001,,,待定\r\n" + // 12 nothing to ship yet: skipped
	"1004,ZTO,73123456789099,\r\n" // 13 already shipped with another number

func TestShipFileSkipMode(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		orders := fileOrders(f)
		res, err := f.svc.ShipFile(ctx, strings.NewReader(badFile), FileOptions{Name: "ship.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows != 11 || res.Shipped != 2 || res.Unchanged != 1 || res.Skipped != 1 || res.Rejected != 7 || res.Aborted || res.File != "ship.csv" {
			t.Fatalf("result %+v", res)
		}
		want := map[int]string{5: "物流公司", 6: "订单编号", 8: "订单编号", 9: "物流单号", 10: "订单编号", 11: "物流单号", 13: "物流单号"}
		for _, e := range res.Errors {
			if col, ok := want[e.Row]; !ok || col != e.Column || e.Reason == "" {
				t.Errorf("unexpected error %+v", e)
			}
			delete(want, e.Row)
		}
		if len(want) != 0 {
			t.Errorf("errors missing for rows %v; got %+v", want, res.Errors)
		}
		codes := map[int]string{5: "unknown_carrier", 6: "order_unknown", 8: "order_not_paid", 9: "tracking_pattern", 10: "required", 11: "order_on_other_row", 13: "order_on_other_row"}
		for _, e := range res.Errors {
			if e.Code != codes[e.Row] || e.Force != (e.Row == 9) {
				t.Errorf("row %d: code %s force %v, want %s", e.Row, e.Code, e.Force, codes[e.Row])
			}
			if e.Row == 11 && (e.Params["row"] != 3 || e.Params["order_no"] != "1001") {
				t.Errorf("row 11 params %v", e.Params)
			}
		}
		for _, e := range res.Errors {
			switch e.Row {
			case 9:
				if !strings.Contains(e.Reason, "force") {
					t.Errorf("row 9 does not say force overrides the mismatch: %s", e.Reason)
				}
			case 11:
				if !strings.Contains(e.Reason, "row 3") {
					t.Errorf("row 11 does not name the earlier row: %s", e.Reason)
				}
			}
		}
		if o := f.load(orders["1001"].ID); o.Status != "shipped" || o.TrackingNo != "SF1234567890001" {
			t.Errorf("1001: %+v", o)
		}
		if o := f.load(orders["1002"].ID); o.Status != "shipped" || o.Carrier != "ZTO" {
			t.Errorf("1002: %+v", o)
		}
		for _, no := range []string{"1003", "2001"} {
			if o := f.load(orders[no].ID); o.Status != "paid" {
				t.Errorf("%s shipped despite its error", no)
			}
		}
		if o := f.load(orders["1004"].ID); o.Carrier != "SF" || o.Version != 1 {
			t.Errorf("1004 changed without force: %+v", o)
		}
		if n := f.count("order_events", "source = 'fulfilment:file'"); n != 2 {
			t.Errorf("%d events, want 2", n)
		}
		if n := f.count("operation_log", "entity = 'order.shipment'"); n != 2 {
			t.Errorf("%d audit rows, want 2", n)
		}
	})
}

func TestShipFileAbortWritesNothing(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		orders := fileOrders(f)
		res, err := f.svc.ShipFile(ctx, strings.NewReader(badFile), FileOptions{OnError: OnErrorAbort})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Aborted || res.Shipped != 0 || res.Corrected != 0 || res.Rejected != 7 || len(res.Errors) != 7 {
			t.Fatalf("result %+v", res)
		}
		for no, o := range orders {
			if got := f.load(o.ID); got.Status != o.Status || got.Version != 1 || got.TrackingNo != o.TrackingNo {
				t.Errorf("%s changed in abort mode: %+v", no, got)
			}
		}
		if f.count("order_events", "1 = 1") != 0 || f.count("operation_log", "entity = 'order.shipment'") != 0 {
			t.Error("abort mode wrote events or audit rows")
		}
		// the same file without its bad rows ships in abort mode too
		good := "订单编号,物流公司,物流单号\n1001,SF,SF1234567890001\n1002,中通,73123456789012\n"
		res, err = f.svc.ShipFile(ctx, strings.NewReader(good), FileOptions{OnError: OnErrorAbort})
		if err != nil || res.Aborted || res.Shipped != 2 || len(res.Errors) != 0 {
			t.Fatalf("good file in abort mode: %+v %v", res, err)
		}
	})
}

func TestShipFileForceDryRunAndXLSX(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		orders := fileOrders(f)
		var buf bytes.Buffer
		err := xlsx.Write(&buf, xlsx.Table{Sheet: "发货", Headers: []string{"order no", "carrier", "tracking no"}, Rows: [][]any{
			{"2001", "YTO", "SF1234567890123"}, // mismatch, accepted with force
			{"1004", "中通快递", "73123456789099"}, // correction with force
			{"1001", "ＳＦ", "ｓｆ１２３４５６７８９０００１"},  // full-width
		}})
		if err != nil {
			t.Fatal(err)
		}
		file := buf.Bytes()

		dry, err := f.svc.ShipFile(ctx, bytes.NewReader(file), FileOptions{Force: true, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if !dry.DryRun || dry.Shipped != 2 || dry.Corrected != 1 || len(dry.Warnings) != 1 || dry.Warnings[0].Row != 2 || dry.Warnings[0].Column != "tracking no" {
			t.Fatalf("dry run %+v", dry)
		}
		if f.count("order_events", "1 = 1") != 0 || f.load(orders["2001"].ID).Status != "paid" {
			t.Fatal("dry run wrote something")
		}

		res, err := f.svc.ShipFile(ctx, bytes.NewReader(file), FileOptions{Force: true})
		if err != nil || res.Shipped != 2 || res.Corrected != 1 || len(res.Warnings) != 1 || len(res.Errors) != 0 {
			t.Fatalf("forced %+v %v", res, err)
		}
		if o := f.load(orders["1004"].ID); o.Carrier != "ZTO" || o.TrackingNo != "73123456789099" || !o.ShippedAt.Equal(t0) {
			t.Errorf("1004 not corrected: %+v", o)
		}
		if o := f.load(orders["1001"].ID); o.TrackingNo != "SF1234567890001" || o.Carrier != "SF" {
			t.Errorf("1001: %+v", o)
		}
		// uploading it again changes nothing
		again, err := f.svc.ShipFile(ctx, bytes.NewReader(file), FileOptions{Force: true})
		if err != nil || again.Unchanged != 3 || again.Shipped+again.Corrected != 0 {
			t.Errorf("second upload %+v %v", again, err)
		}
	})
}

func TestShipFileBadFiles(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		fileOrders(f)
		cases := map[string]string{
			"empty":              "",
			"missing column":     "订单编号,物流公司\n1001,SF\n",
			"no header":          "a,b,c\n1,2,3\n",
			"unclosed quote":     "订单编号,物流公司,物流单号\n1001,SF,\"SF1234567890001\n",
			"legacy xls":         "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
			"too many rows":      "订单编号,物流公司,物流单号\n" + strings.Repeat("1001,SF,SF1234567890001\n", MaxFileRows+1),
			"bad on_error":       "订单编号,物流公司,物流单号\n1001,SF,SF1234567890001\n",
			"shop outside scope": "订单编号,物流公司,物流单号\n1001,SF,SF1234567890001\n",
		}
		for name, content := range cases {
			opt := FileOptions{}
			code := apperr.Invalid
			switch name {
			case "bad on_error":
				opt.OnError = "ignore"
			case "shop outside scope":
				opt.ShopID, code = 9999, apperr.NotFound
			}
			if _, err := f.svc.ShipFile(ctx, strings.NewReader(content), opt); !apperr.Is(err, code) {
				t.Errorf("%s: %v, want %s", name, err, code)
			}
		}
		if f.count("order_events", "1 = 1") != 0 {
			t.Error("a refused file wrote events")
		}
	})
}

func TestShipFileAmbiguousOrderNumber(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := as(warehouse, f.tm.ID, f.jd.ID)
		f.order(f.tm, "3001", "paid", time.Hour)
		jd := f.order(f.jd, "3001", "paid", time.Hour)
		file := "订单编号,物流公司,物流单号\n3001,JD,JDVA12345678901\n"
		res, err := f.svc.ShipFile(ctx, strings.NewReader(file), FileOptions{})
		if err != nil || res.Rejected != 1 || !strings.Contains(res.Errors[0].Reason, "shop_id") || res.Errors[0].Code != "order_in_shops" || res.Errors[0].Params["count"] != 2 {
			t.Fatalf("ambiguous number: %+v %v", res, err)
		}
		res, err = f.svc.ShipFile(ctx, strings.NewReader(file), FileOptions{ShopID: f.jd.ID})
		if err != nil || res.Shipped != 1 || f.load(jd.ID).Status != "shipped" {
			t.Fatalf("with shop_id: %+v %v", res, err)
		}
	})
}

func TestShipFileGBK(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		o := f.order(f.tm, "1001", "paid", time.Hour)
		// 订单编号,物流公司,物流单号 / 1001,顺丰,SF1234567890001 in GBK
		gbk := []byte("\xb6\xa9\xb5\xa5\xb1\xe0\xba\xc5,\xce\xef\xc1\xf7\xb9\xab\xcb\xbe,\xce\xef\xc1\xf7\xb5\xa5\xba\xc5\r\n1001,\xcb\xb3\xb7\xe1,SF1234567890001\r\n")
		res, err := f.svc.ShipFile(context.Background(), bytes.NewReader(gbk), FileOptions{})
		if err != nil || res.Shipped != 1 || f.load(o.ID).Carrier != "SF" {
			t.Fatalf("GBK file: %+v %v", res, err)
		}
	})
}
