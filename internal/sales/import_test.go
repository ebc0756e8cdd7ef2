package sales

import (
	"io"
	"os"
	"testing"

	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/sales/gen"
)

func TestImportTaobaoPairIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.sales.BatchSize = 7
		var items InputFile
		orders := f.write("ExportOrderList202611.csv", func(w *os.File) error {
			items = f.write("ExportOrderDetailList202611.csv", func(iw *os.File) error {
				return gen.WriteTaobao(w, iw, genOrders("tmall", 50, 1))
			})
			return nil
		})
		res := f.importFiles("TM01", "auto", "", orders, items)
		if res.Rejected != 0 || res.Inserted != 50 || res.Updated != 0 {
			t.Fatalf("first import: %+v", res)
		}
		lines := f.count("order_lines")
		if lines < 50 || f.count("order_events") != 50 {
			t.Fatalf("lines %d events %d", lines, f.count("order_events"))
		}
		again := f.importFiles("TM01", "taobao", "", orders, items)
		if again.Unchanged != 50 || again.Inserted != 0 || again.Updated != 0 || again.Rejected != 0 {
			t.Fatalf("re-import: %+v", again)
		}
		if f.count("orders") != 50 || f.count("order_lines") != lines || f.count("order_events") != 50 {
			t.Fatal("re-import changed rows")
		}
		_ = io.EOF
	})
}
