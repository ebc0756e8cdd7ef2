package sales

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ecomops/internal/platform/tabular"
)

// fuzzLayouts are the row parsers under fuzzing, by index.
func fuzzLayouts() []*layout {
	return append(builtinLayouts(), trafficShopLayout, trafficProductLayout, genericLayout(fixtureMapping))
}

// fuzzRow parses cells (in the layout's column order, joined by \x1f) with
// layout li and checks the parser's contract: no panic; every error names
// the row and a column; a row without errors has an order number, a known
// status and an order time.
func fuzzRow(t *testing.T, li uint8, row string) {
	lays := fuzzLayouts()
	lay := lays[int(li)%len(lays)]
	header := make([]string, len(lay.cols))
	idx := make([]int, len(lay.cols))
	for i, c := range lay.cols {
		header[i], idx[i] = c.names[0], i
	}
	p := &rowParser{file: "fuzz.csv", lay: lay, header: header, idx: idx, loc: testLoc}
	p.reset(tabular.Row{Num: 2, Cells: strings.Split(row, "\x1f")})
	if lay.preset == "sycm" {
		parseTraffic(p)
	} else {
		var rec OrderRecord
		var l LineRecord
		no := lay.parse(p, &rec, &l)
		if len(p.errs) == 0 && lay.role != roleItems {
			if no == "" || !slices.Contains(Statuses, rec.Status) || rec.OrderedAt.IsZero() {
				t.Fatalf("%s: accepted %q as order %q status %q at %v", lay.kind, row, no, rec.Status, rec.OrderedAt)
			}
		}
		rec.Lines = append(rec.Lines, l)
		rec.finish()
		_ = rec.contentHash()
	}
	for _, e := range p.errs {
		if e.Row != 2 || e.Column == "" || e.Reason == "" {
			t.Fatalf("%s: error without place: %+v", lay.kind, e)
		}
	}
}

func FuzzPresetRow(f *testing.F) {
	f.Add(uint8(0), "4965\x1f买家\x1f1.00\x1f0\x1f1.00\x1f1.00\x1f交易成功")
	f.Fuzz(func(t *testing.T, li uint8, row string) { fuzzRow(t, li, row) })
}

// TestWriteFuzzSeeds writes the seed corpus of FuzzPresetRow from the
// fixtures' first rows (go test -run TestWriteFuzzSeeds -update).
func TestWriteFuzzSeeds(t *testing.T) {
	if !*updateFixtures {
		t.Skip("run with -update to rewrite the fuzz seeds")
	}
	files := map[string]string{"taobao_orders": "taobao/ExportOrderList202611.csv", "taobao_items": "taobao/ExportOrderDetailList202611.csv",
		"qianniu_orders": "taobao/qianniu_orders.xlsx", "qianniu_items": "taobao/qianniu_orders.xlsx", "jd_orders": "jd/jd_orders.csv",
		"pdd_orders": "pdd/pdd_orders.csv", "douyin_orders": "douyin/douyin_orders.csv", "sycm_shop": "sycm/shop_traffic.csv",
		"sycm_product": "sycm/product_traffic.csv", "generic": "generic/orders.csv"}
	dir := filepath.Join("testdata", "fuzz", "FuzzPresetRow")
	os.MkdirAll(dir, 0o755)
	for i, lay := range fuzzLayouts() {
		sheet := ""
		if lay.kind == "qianniu_items" {
			sheet = "销售明细"
		}
		rd, err := tabular.OpenFile(filepath.Join(fixtureDir, files[lay.kind]), tabular.Options{Score: scoreFor([]*layout{lay}), Sheet: sheet})
		if err != nil {
			t.Fatal(lay.kind, err)
		}
		idx, _, _ := lay.match(rd.Header())
		for n := 0; n < 3; n++ {
			row, err := rd.Next()
			if err == io.EOF {
				break
			}
			cells := make([]string, len(idx))
			for j, k := range idx {
				if k >= 0 && k < len(row.Cells) {
					cells[j] = row.Cells[k]
				}
			}
			body := fmt.Sprintf("go test fuzz v1\nbyte(%q)\nstring(%q)\n", byte(i), strings.Join(cells, "\x1f"))
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s_%d", lay.kind, n)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		rd.Close()
	}
}
