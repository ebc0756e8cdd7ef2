package fulfilment

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
)

// principals maps the X-Test-User header to a caller, standing in for iam
// and org in these API tests.
type principals map[string]*auth.Principal

func (p principals) Authenticate(_ context.Context, r *http.Request) (*auth.Principal, error) {
	return p[r.Header.Get("X-Test-User")], nil
}

func user(name string, scope auth.Scope, perms []string, shops ...int64) *auth.Principal {
	p := &auth.Principal{UserID: int64(len(name)), Username: name, Scope: scope, Perms: map[string]bool{}}
	for _, perm := range perms {
		p.Perms[perm] = true
	}
	if scope != auth.ScopeAll {
		p.Depts, p.Employees, p.Shops = []int64{}, []int64{}, append([]int64{}, shops...)
	}
	return p
}

type apiEnv struct {
	t   *testing.T
	url string
}

func newAPI(t *testing.T, f *fixture) *apiEnv {
	users := principals{
		"wh-tm":   user("wh-tm", auth.ScopeShops, []string{"fulfilment:queue:read", "fulfilment:shipment:create"}, f.tm.ID),
		"wh-all":  user("wh-all", auth.ScopeShops, []string{"fulfilment:queue:read", "fulfilment:shipment:create"}, f.tm.ID, f.jd.ID),
		"cs-jd":   user("cs-jd", auth.ScopeShops, []string{"fulfilment:queue:read"}, f.jd.ID),
		"manager": user("manager", auth.ScopeAll, []string{"fulfilment:queue:read", "fulfilment:queue:export"}),
		"nobody":  user("nobody", auth.ScopeShops, []string{"fulfilment:queue:read"}),
	}
	srv := api.NewServer(api.Config{Title: "test", Version: "test", Auth: users, LogDB: f.d.W, Ready: f.d.Ping})
	f.svc.Routes(srv.API)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &apiEnv{t: t, url: hs.URL}
}

func (e *apiEnv) do(who, method, path string, body io.Reader, contentType string) (int, []byte, http.Header) {
	e.t.Helper()
	r, err := http.NewRequest(method, e.url+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if who != "" {
		r.Header.Set("X-Test-User", who)
	}
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

func (e *apiEnv) json(who, method, path string, in any, out any) int {
	e.t.Helper()
	var body io.Reader
	ct := ""
	if in != nil {
		b, _ := json.Marshal(in)
		body, ct = bytes.NewReader(b), "application/json"
	}
	st, b, _ := e.do(who, method, path, body, ct)
	if out != nil && st < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			e.t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	if out != nil && st >= 300 {
		_ = json.Unmarshal(b, out)
	}
	return st
}

func (e *apiEnv) upload(who, query string, name string, content []byte) (int, FileResult, []byte) {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	st, b, _ := e.do(who, "POST", "/api/v1/fulfilment/shipments/file"+query, &buf, mw.FormDataContentType())
	var res FileResult
	if st == 200 {
		if err := json.Unmarshal(b, &res); err != nil {
			e.t.Fatal(err)
		}
	}
	return st, res, b
}

type problem struct {
	Status int    `json:"status"`
	Code   string `json:"code"`
	Errors []struct {
		Location string `json:"location"`
	} `json:"errors"`
}

func TestAPI(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		e := newAPI(t, f)
		tm := f.order(f.tm, "TM-A", "paid", 50*time.Hour)
		tm2 := f.order(f.tm, "TM-B", "paid", time.Hour)
		jd := f.order(f.jd, "JD-A", "paid", 20*time.Hour)

		var list api.List[QueueItem]
		if st := e.json("", "GET", "/api/v1/fulfilment/queue", nil, &list); st != 401 {
			t.Errorf("anonymous: %d", st)
		}
		if st := e.json("wh-tm", "GET", "/api/v1/fulfilment/queue?page_size=10", nil, &list); st != 200 || list.Total != 2 || list.Items[0].OrderNo != "TM-A" || !list.Items[0].Overdue {
			t.Fatalf("warehouse TM queue: %d %+v", st, list)
		}
		if st := e.json("cs-jd", "GET", "/api/v1/fulfilment/queue?state=due_soon", nil, &list); st != 200 || list.Total != 1 || list.Items[0].OrderNo != "JD-A" {
			t.Errorf("cs JD due soon: %d %+v", st, list)
		}
		if st := e.json("nobody", "GET", "/api/v1/fulfilment/queue", nil, &list); st != 200 || list.Total != 0 {
			t.Errorf("user without shops: %d %+v", st, list)
		}
		var p problem
		if st := e.json("wh-tm", "GET", fmt.Sprintf("/api/v1/fulfilment/queue?shop_id=%d", f.jd.ID), nil, &p); st != 404 {
			t.Errorf("other shop's queue: %d", st)
		}
		var sum QueueSummary
		if st := e.json("wh-tm", "GET", "/api/v1/fulfilment/queue/summary", nil, &sum); st != 200 || len(sum.Shops) != 1 || sum.Totals != (QueueCounts{2, 0, 1}) {
			t.Errorf("summary: %d %+v", st, sum)
		}
		var carriers api.List[Carrier]
		if st := e.json("cs-jd", "GET", "/api/v1/fulfilment/carriers", nil, &carriers); st != 200 || carriers.Total != 10 || carriers.Items[0].Pattern == "" {
			t.Errorf("carriers: %d %+v", st, carriers)
		}

		ship := func(who string, id int64, in ShipInput, out any) int {
			return e.json(who, "POST", fmt.Sprintf("/api/v1/fulfilment/orders/%d/shipment", id), in, out)
		}
		if st := ship("cs-jd", jd.ID, ShipInput{Carrier: "JD", TrackingNo: "JDVA12345678901"}, &p); st != 403 {
			t.Errorf("customer service ships: %d", st)
		}
		if st := ship("wh-tm", jd.ID, ShipInput{Carrier: "JD", TrackingNo: "JDVA12345678901"}, &p); st != 404 {
			t.Errorf("warehouse of another shop ships JD order: %d", st)
		}
		p = problem{}
		if st := ship("wh-tm", tm.ID, ShipInput{Carrier: "SF", TrackingNo: "YT1234567890123"}, &p); st != 422 || len(p.Errors) != 2 || p.Errors[1].Location != "body.force" {
			t.Errorf("mismatch: %d %+v", st, p)
		}
		var res ShipResult
		if st := ship("wh-tm", tm.ID, ShipInput{Carrier: "SF", TrackingNo: "YT1234567890123", Force: true, Version: 1}, &res); st != 200 || res.Outcome != OutcomeShipped || len(res.Warnings) != 1 {
			t.Errorf("forced: %d %+v", st, res)
		}
		p = problem{}
		if st := ship("wh-tm", tm.ID, ShipInput{Carrier: "SF", TrackingNo: "SF1234567890123"}, &p); st != 409 || p.Code != "conflict" || len(p.Errors) != 2 {
			t.Errorf("shipped with another number: %d %+v", st, p)
		}
		if n := f.count("operation_log", "action = 'fulfilment.shipment.create' AND entity = 'order.shipment' AND username = 'wh-tm'"); n != 1 {
			t.Errorf("%d audit rows of the API shipment, want 1", n)
		}

		// export as the manager, fill in the JD order, upload it as warehouse
		if st, _, _ := e.do("wh-all", "GET", "/api/v1/fulfilment/queue/export", nil, ""); st != 403 {
			t.Errorf("warehouse exports: %d", st)
		}
		st, file, hdr := e.do("manager", "GET", "/api/v1/fulfilment/queue/export?platform=jd", nil, "")
		if st != 200 || !strings.Contains(hdr.Get("Content-Disposition"), "fulfilment-queue") {
			t.Fatalf("export: %d %s", st, hdr)
		}
		x, err := excelize.OpenReader(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows("queue")
		if len(rows) != 2 || rows[1][0] != "JD-A" {
			t.Fatalf("export rows %v", rows)
		}
		x.SetCellValue("queue", "B2", "京东")
		x.SetCellValue("queue", "C2", "JDVA12345678901")
		var filled bytes.Buffer
		x.Write(&filled)

		if st, _, _ := e.upload("wh-tm", "", "queue.xlsx", filled.Bytes()); st != 200 {
			t.Errorf("upload by warehouse of another shop: %d", st)
		} else if f.load(jd.ID).Status != "paid" {
			t.Error("warehouse of TM shipped a JD order by file")
		}
		st, out, body := e.upload("wh-all", "?on_error=abort", "queue.xlsx", filled.Bytes())
		if st != 200 || out.Shipped != 1 || out.File != "queue.xlsx" || f.load(jd.ID).Status != "shipped" {
			t.Fatalf("upload: %d %+v %s", st, out, body)
		}
		if st, _, _ := e.upload("cs-jd", "", "queue.xlsx", filled.Bytes()); st != 403 {
			t.Errorf("customer service uploads: %d", st)
		}
		if st, _, body := e.upload("wh-all", "", "x.csv", []byte("订单编号,备注\n1,2\n")); st != 422 {
			t.Errorf("file without the columns: %d %s", st, body)
		}
		_ = tm2
	})
}
