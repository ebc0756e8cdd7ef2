package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// uploadExports sends files as the multipart form of POST /sales/uploads.
func (c *client) uploadExports(paths ...string) resp {
	c.e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range paths {
		w, err := mw.CreateFormFile("files", filepath.Base(p))
		if err != nil {
			c.e.t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			c.e.t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return c.req("POST", "/api/v1/sales/uploads", b.Bytes(), map[string]string{"Content-Type": mw.FormDataContentType()})
}

// TestSalesImportOverHTTP: upload the Taobao pair, detect, import in the
// background, poll the session, then read orders with the demo roles' scope.
func TestSalesImportOverHTTP(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		admin := e.login("manager")
		fx := "../../testdata/exports/"
		up := admin.uploadExports(fx+"taobao/ExportOrderList202611.csv", fx+"taobao/ExportOrderDetailList202611.csv")
		if up.status != 201 {
			t.Fatalf("upload: %d %s", up.status, up.body)
		}
		var u struct {
			Token string `json:"token"`
			Files []struct {
				Name   string `json:"name"`
				SHA256 string `json:"sha256"`
			} `json:"files"`
		}
		json.Unmarshal(up.body, &u)
		if len(u.Files) != 2 || len(u.Files[0].SHA256) != 64 {
			t.Fatalf("upload answer %s", up.body)
		}
		var det struct {
			Items []struct {
				Kind, Preset string
				HeaderRow    int `json:"header_row"`
			} `json:"items"`
		}
		admin.getJSON("/api/v1/sales/uploads/"+u.Token+"/detect", &det)
		if len(det.Items) != 2 || det.Items[0].Preset != "taobao" || det.Items[1].Kind != "taobao_items" || det.Items[0].HeaderRow != 1 {
			t.Fatalf("detect %+v", det)
		}
		tm := shopID(t, e, "TM01")
		st, body := admin.do("POST", "/api/v1/sales/imports", map[string]any{"token": u.Token, "shop_id": tm})
		if st != 202 {
			t.Fatalf("start: %d %s", st, body)
		}
		var im struct {
			ID       int64  `json:"id"`
			Status   string `json:"status"`
			Inserted int64  `json:"inserted"`
			Rejected int64  `json:"rejected"`
		}
		json.Unmarshal(body, &im)
		for i := 0; i < 200 && im.Status != "completed"; i++ {
			time.Sleep(50 * time.Millisecond)
			admin.getJSON(fmt.Sprintf("/api/v1/sales/imports/%d", im.ID), &im)
			if im.Status == "failed" {
				t.Fatalf("import failed")
			}
		}
		if im.Status != "completed" || im.Inserted != 40 || im.Rejected != 0 {
			t.Fatalf("session %+v", im)
		}
		if r := admin.req("GET", fmt.Sprintf("/api/v1/sales/imports/%d/errors/export", im.ID), nil, nil); r.status != 200 ||
			!strings.Contains(r.header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("error report: %d", r.status)
		}
		// the token is used up
		if st, _ := admin.do("GET", "/api/v1/sales/uploads/"+u.Token+"/detect", nil); st != 404 {
			t.Fatalf("used token: %d", st)
		}

		var orders struct {
			Items []struct {
				ID            int64  `json:"id"`
				ReceiverPhone string `json:"receiver_phone"`
			} `json:"items"`
			Total int `json:"total"`
		}
		ops := e.login("ops2") // JD01 only
		ops.getJSON("/api/v1/sales/orders", &orders)
		if orders.Total != 0 {
			t.Fatalf("ops2 sees %d TM01 orders", orders.Total)
		}
		admin.getJSON("/api/v1/sales/orders?page_size=5", &orders)
		if orders.Total != 40 || !strings.Contains(orders.Items[0].ReceiverPhone, "*") {
			t.Fatalf("manager orders %+v", orders)
		}
		if st, _ := ops.do("GET", fmt.Sprintf("/api/v1/sales/orders/%d", orders.Items[0].ID), nil); st != 404 {
			t.Fatalf("ops2 detail of a TM01 order: %d", st)
		}
		if st, _ := e.login("ops1").do("POST", fmt.Sprintf("/api/v1/sales/orders/%d/reveal-receiver", orders.Items[0].ID), nil); st != 403 {
			t.Fatalf("reveal without pii:reveal: %d", st)
		}
		if st, b := e.login("cs1").do("POST", fmt.Sprintf("/api/v1/sales/orders/%d/reveal-receiver", orders.Items[0].ID), nil); st != 200 || strings.Contains(string(b), "*") {
			t.Fatalf("cs1 reveal: %d %s", st, b)
		}
		// a JD file as Taobao is refused before anything starts, naming the preset
		up = admin.uploadExports(fx + "jd/jd_orders.csv")
		json.Unmarshal(up.body, &u)
		st, body = admin.do("POST", "/api/v1/sales/imports", map[string]any{"token": u.Token, "shop_id": tm, "format": "taobao"})
		if st != 422 || !strings.Contains(string(body), "preset jd") {
			t.Fatalf("JD as taobao: %d %s", st, body)
		}
	})
}

func shopID(t *testing.T, e *env, code string) int64 {
	sh, err := e.app.Org.ShopByCode(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	return sh.ID
}
