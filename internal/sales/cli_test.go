package sales

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/spf13/cobra"

	"ecomops/internal/platform/db/dbtest"
)

func runCLI(t *testing.T, f *fixture, args ...string) (cliResult, error) {
	t.Helper()
	cmd := Command(func(*cobra.Command) (*Service, func() error, error) { return f.sales, func() error { return nil }, nil })
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	var res cliResult
	if out.Len() > 0 && args[len(args)-2] != "--no-json" {
		if jerr := json.Unmarshal(out.Bytes(), &res); jerr != nil {
			t.Fatalf("output is not one JSON object: %v\n%s", jerr, out.String())
		}
	}
	return res, err
}

// TestCLIContract: --json prints one object with the counts and errors;
// the exit code is 0 without rejected rows, 3 with some, 1 on a fatal error.
func TestCLIContract(t *testing.T) {
	f := newFixture(t, dbtest.SQLite(t))
	res, err := runCLI(t, f, "orders", "--shop", "JD01", "--json", fixtureDir+"/jd/jd_orders.csv")
	if err != nil || res.Rows == 0 || res.Inserted != fixtureOrders || res.Errors == nil {
		t.Fatalf("%+v %v", res, err)
	}
	bad, _ := badTaobao(t, f, "bad.csv", "2026-11-", "2026-13-")
	res, err = runCLI(t, f, "orders", "--shop", "TM01", "--format", "tmall", "--json", bad.Path)
	var ec ExitCoder
	if !errors.As(err, &ec) || ec.ExitCode() != 3 || res.Rejected != 1 || res.Errors[0].Column != "订单创建时间" || res.Errors[0].File != "bad.csv" {
		t.Fatalf("rejected rows: %+v %v", res, err)
	}
	res, err = runCLI(t, f, "orders", "--shop", "TM01", "--format", "taobao", "--json", fixtureDir+"/jd/jd_orders.csv")
	if err == nil || errors.As(err, &ec) || res.Error == "" {
		t.Fatalf("fatal: %+v %v", res, err)
	}
	res, err = runCLI(t, f, "orders", "--shop", "TB02", "--mapping", fixtureDir+"/generic/mapping.json", "--json", fixtureDir+"/generic/orders.csv")
	if err != nil || res.Inserted != fixtureOrders {
		t.Fatalf("generic: %+v %v", res, err)
	}
	res, err = runCLI(t, f, "traffic", "--shop", "TM01", "--level", "product", "--json", fixtureDir+"/sycm/product_traffic.csv")
	if err != nil || res.Inserted == 0 {
		t.Fatalf("traffic: %+v %v", res, err)
	}
}
