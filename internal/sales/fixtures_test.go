package sales

import (
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"ecomops/internal/sales/gen"
)

var updateFixtures = flag.Bool("update", false, "rewrite the export fixtures under testdata/exports with the generator")

// fixtureDir holds small exports in each real format, made by the
// project's generator (go test ./internal/sales -run TestWriteFixtures -update).
const fixtureDir = "../../testdata/exports"

// fixtureMapping is the generic preset's mapping for generic/orders.csv.
var fixtureMapping = Mapping{Name: "ERP 导出", Columns: map[string]string{"order_no": "单号", "status": "状态", "ordered_at": "下单时间",
	"paid_at": "付款时间", "buyer": "会员", "paid_fen": "实付金额", "shipping_fen": "运费", "merchant_code": "商品编码", "title": "商品名称",
	"attributes": "规格", "quantity": "数量", "unit_price_fen": "单价"}, Statuses: map[string]string{"已审核": "paid"}}

// fixtureOrders is how many orders each fixture holds.
const fixtureOrders = 40

func TestWriteFixtures(t *testing.T) {
	if !*updateFixtures {
		t.Skip("run with -update to rewrite the fixtures")
	}
	write := func(name string, fn func(io.Writer) error) {
		p := filepath.Join(fixtureDir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := writeFile(p, fn); err != nil {
			t.Fatal(err)
		}
	}
	var items io.Writer
	write("taobao/ExportOrderList202611.csv", func(w io.Writer) error {
		f, err := os.Create(filepath.Join(fixtureDir, "taobao/ExportOrderDetailList202611.csv"))
		if err != nil {
			return err
		}
		defer f.Close()
		items = f
		return gen.WriteTaobao(w, items, genOrders("tmall", fixtureOrders, 11))
	})
	if err := gen.WriteQianniu(filepath.Join(fixtureDir, "taobao/qianniu_orders.xlsx"), genOrders("tmall", fixtureOrders, 12)); err != nil {
		t.Fatal(err)
	}
	write("jd/jd_orders.csv", func(w io.Writer) error { return gen.WriteJD(w, genOrders("jd", fixtureOrders, 13)) })
	write("pdd/pdd_orders.csv", func(w io.Writer) error { return gen.WritePDD(w, genOrders("pdd", fixtureOrders, 14)) })
	write("douyin/douyin_orders.csv", func(w io.Writer) error { return gen.WriteDouyin(w, genOrders("douyin", fixtureOrders, 15)) })
	write("generic/orders.csv", func(w io.Writer) error { return gen.WriteGeneric(w, genOrders("taobao", fixtureOrders, 16)) })
	write("generic/mapping.json", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(fixtureMapping)
	})
	tr := gen.NewTraffic(17)
	for range tr.Tap(genOrders("tmall", 300, 17)) {
	}
	write("sycm/shop_traffic.csv", func(w io.Writer) error { return tr.WriteShop(w, "天猫店") })
	write("sycm/product_traffic.csv", func(w io.Writer) error { return tr.WriteProduct(w, gen.DefaultProducts()) })
}
