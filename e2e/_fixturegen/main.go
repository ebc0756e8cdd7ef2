// Command _fixturegen writes the browser tests' import fixtures with the
// project's own generator (internal/sales/gen): a Taobao classic export pair
// (订单报表 + 宝贝报表, GBK, CRLF, the real quirks) of 40 orders created
// 2024-06-01..2024-06-14, a period the demo's 12 months never reach, so the
// dashboard figures of that period are exactly what the test uploads.
//
//	go run ./e2e/_fixturegen e2e/fixtures
//
// The leading underscore keeps the folder out of ./... (go test, go vet).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"ecomops/internal/sales/gen"
)

func main() {
	dir := "e2e/fixtures"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(dir string) error {
	loc := time.FixedZone("CST", 8*3600)
	from := time.Date(2024, 6, 1, 0, 0, 0, 0, loc)
	cfg := gen.Config{Seed: 20240601, Platform: "tmall", Orders: 40, From: from, To: from.AddDate(0, 0, 14), Loc: loc,
		Now: from.AddDate(0, 0, 30)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	orders, err := os.Create(filepath.Join(dir, "ExportOrderList202406.csv"))
	if err != nil {
		return err
	}
	defer orders.Close()
	items, err := os.Create(filepath.Join(dir, "ExportOrderDetailList202406.csv"))
	if err != nil {
		return err
	}
	defer items.Close()
	if err := gen.WriteTaobao(orders, items, gen.Generate(cfg)); err != nil {
		return err
	}
	if err := orders.Close(); err != nil {
		return err
	}
	return items.Close()
}
