package sales

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/db/dbtest"
	"ecomops/internal/sales/gen"
)

func importErr(t *testing.T, f *fixture, shop, format string, files ...InputFile) error {
	t.Helper()
	_, err := f.sales.ImportOrders(context.Background(), ImportRequest{ShopCode: shop, Format: format, Files: files})
	if err == nil {
		t.Fatal("import succeeded")
	}
	return err
}

func message(err error) string { return cliMessage(err) }

func TestBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		var good bytes.Buffer
		if err := gen.WriteTaobao(&good, nil, genOrders("tmall", 5, 8)); err != nil {
			t.Fatal(err)
		}
		t.Run("empty file", func(t *testing.T) {
			err := importErr(t, f, "TM01", "auto", f.writeBytes("empty.csv", nil))
			if !strings.Contains(message(err), "empty") {
				t.Fatal(err)
			}
		})
		t.Run("mixed encoding names the row", func(t *testing.T) {
			utf8 := "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\r\n" +
				strings.Repeat("1,张三,1.00,交易成功,2026-11-01 10:00:00,2026-11-01 10:00:00\r\n", 3)
			gbk, _ := simplifiedchinese.GBK.NewEncoder().String("2,李四,1.00,交易成功,2026-11-01 10:00:00,2026-11-01 10:00:00\r\n")
			err := importErr(t, f, "TM01", "auto", f.writeBytes("mixed.csv", []byte(utf8+gbk)))
			if !strings.Contains(message(err), "encoding") || !strings.Contains(message(err), "row 5") {
				t.Fatal(message(err))
			}
			if f.count("orders") != 0 {
				t.Fatal("half-written")
			}
		})
		t.Run("missing required column names preset and headers", func(t *testing.T) {
			raw, _ := simplifiedchinese.GBK.NewDecoder().String(good.String())
			raw = strings.Replace(raw, "买家实际支付金额", "实付", 1)
			enc, _ := simplifiedchinese.GBK.NewEncoder().String(raw)
			err := importErr(t, f, "TM01", "taobao", f.writeBytes("missing.csv", []byte(enc)))
			m := message(err)
			if !strings.Contains(m, "preset taobao") || !strings.Contains(m, "买家实际支付金额") || !strings.Contains(m, "expected headers") {
				t.Fatal(m)
			}
			if c, p := firstField(err); c != "missing_columns" || p["name"] != "missing.csv" || p["row"] != 1 {
				t.Fatalf("%s %v", c, p)
			}
		})
		t.Run("JD file given as taobao", func(t *testing.T) {
			jd := f.write("jd.csv", func(w *os.File) error { return gen.WriteJD(w, genOrders("jd", 3, 9)) })
			err := importErr(t, f, "TM01", "taobao", jd)
			m := message(err)
			if !strings.Contains(m, "preset jd") || !strings.Contains(m, "not a taobao export") || !strings.Contains(m, "订单编号") {
				t.Fatal(m)
			}
			if c, p := firstField(err); c != "other_layout" || p["preset"] != "jd" || p["title"] != "京东 订单导出" {
				t.Fatalf("%s %v", c, p)
			}
		})
		t.Run("JD file into a Tmall shop", func(t *testing.T) {
			jd := f.write("jd2.csv", func(w *os.File) error { return gen.WriteJD(w, genOrders("jd", 3, 9)) })
			if m := message(importErr(t, f, "TM01", "auto", jd)); !strings.Contains(m, "tmall shop") {
				t.Fatal(m)
			}
		})
		t.Run("a million columns in one row", func(t *testing.T) {
			raw := "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\r\n" + strings.Repeat(",", 1_000_000) + "\r\n"
			m := message(importErr(t, f, "TM01", "auto", f.writeBytes("wide.csv", []byte(raw))))
			if !strings.Contains(m, "too many columns") || !strings.Contains(m, "row 2") {
				t.Fatal(m)
			}
		})
		t.Run("malformed amount and date are row errors", func(t *testing.T) {
			in, row := badTaobao(t, f, "amount.csv", ",0.00,", ",1.234,")
			res := f.importFiles("TM01", "taobao", "", in)
			if res.Rejected != 1 || res.Errors[0].Row != row || res.Errors[0].Column != "买家应付邮费" || res.Errors[0].Value != "1.234" ||
				!strings.Contains(res.Errors[0].Reason, "more than 2 decimals") || res.Errors[0].Code != "too_many_decimals" || res.Errors[0].Params["max"] != 2 {
				t.Fatalf("%+v", res.Errors)
			}
		})
		t.Run("duplicate rows", func(t *testing.T) {
			raw := good.Bytes()
			lines := bytes.SplitN(raw, []byte("\r\n"), 3)
			dup := append(append(append([]byte{}, raw...), lines[1]...), '\r', '\n')
			res := f.importFiles("TB02", "taobao", "", f.writeBytes("dup.csv", dup))
			if res.Rejected != 1 || !strings.Contains(res.Errors[0].Reason, "duplicate order number") || res.Errors[0].Row != 7 ||
				!strings.HasPrefix(res.Errors[0].Code, "duplicate_order") || res.Errors[0].Params["order_no"] == nil {
				t.Fatalf("%+v", res)
			}
		})
		t.Run("unknown status", func(t *testing.T) {
			in, _ := badTaobao(t, f, "status.csv", ",交易", ",奇怪")
			res := f.importFiles("TB02", "taobao", "", in)
			if res.Rejected == 0 || !strings.Contains(res.Errors[0].Reason, "unknown order status") || res.Errors[0].Code != "unknown_status" || res.Errors[0].Params["value"] == nil {
				t.Fatalf("%+v", res.Errors)
			}
		})
		t.Run("legacy xls and not tabular", func(t *testing.T) {
			ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}
			if m := message(importErr(t, f, "TM01", "auto", f.writeBytes("old.xls", ole))); !strings.Contains(m, ".xls") {
				t.Fatal(m)
			}
		})
		t.Run("oversize upload", func(t *testing.T) {
			f.sales.MaxUploadBytes = 1000
			defer func() { f.sales.MaxUploadBytes = DefaultMaxUploadBytes }()
			_, err := f.sales.SaveUpload(1, []UploadPart{{Name: "big.csv", Size: -1, Body: bytes.NewReader(make([]byte, 2000))}})
			if !apperr.Is(err, apperr.Invalid) || !strings.Contains(message(err), "limit") {
				t.Fatal(err)
			}
			_, err = f.sales.SaveUpload(1, []UploadPart{{Name: "big.csv", Size: 5000, Body: bytes.NewReader(nil)}})
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatal(err)
			}
		})
	})
}

func TestNormalizeStatus(t *testing.T) {
	for raw, want := range map[string]string{
		"买家已付款，等待卖家发货": StatusPaid, "买家已付款,等待卖家发货": StatusPaid, "卖家已发货，等待买家确认": StatusShipped,
		" 交易成功 ": StatusCompleted, "交易关闭": StatusClosed, "等待买家付款": StatusPendingPayment, "(删除)等待出库": StatusPaid,
		"（删除）等待出库": StatusPaid, "已发货，待签收": StatusShipped, "未发货，退款成功": StatusClosed, "备货中": StatusPaid, "ＰＡＩＤ": StatusPaid,
	} {
		if got, ok := NormalizeStatus(raw); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", raw, got, ok, want)
		}
	}
	if _, ok := NormalizeStatus("奇怪"); ok {
		t.Error("unknown status accepted")
	}
}

// firstField is the code and params of err's first field error.
func firstField(err error) (string, map[string]any) {
	var ae *apperr.Error
	if errors.As(err, &ae) && len(ae.Fields) > 0 {
		return ae.Fields[0].Code, ae.Fields[0].Params
	}
	return "", nil
}
