package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"ecomops/internal/platform/notify"
)

// TestNotificationsAPI: the bell and the channel screen through HTTP with
// the seed roles: everyone sees only their own notifications; channel
// settings need notify:channel:*; secrets never come back.
func TestNotificationsAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		uid := func(name string) int64 {
			var id int64
			if err := e.app.DB.R.NewRaw("SELECT id FROM users WHERE username = ?", name).Scan(ctx, &id); err != nil {
				t.Fatal(err)
			}
			return id
		}
		learner, hr := uid("learner1"), uid("hradmin")
		if _, err := e.app.Notify.SendNow(ctx, notify.Message{Channel: notify.InApp, To: notify.Recipients{UserIDs: []int64{learner, hr}},
			Kind: "training.enrolment", Title: "报名成功", Link: "/training/sessions/1", DedupeKey: "api-test"}); err != nil {
			t.Fatal(err)
		}
		lc, hc, admin := e.login("learner1"), e.login("hradmin"), e.login("admin")

		type list struct {
			Items []struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
			} `json:"items"`
			Total int `json:"total"`
		}
		var mine, hrs list
		lc.getJSON("/api/v1/notifications?unread=true", &mine)
		hc.getJSON("/api/v1/notifications", &hrs)
		if mine.Total != 1 || hrs.Total != 1 || mine.Items[0].ID == hrs.Items[0].ID || mine.Items[0].Title != "报名成功" {
			t.Fatalf("lists: learner %+v, hr %+v", mine, hrs)
		}
		var cnt struct{ Count int }
		lc.getJSON("/api/v1/notifications/unread-count", &cnt)
		if cnt.Count != 1 {
			t.Fatalf("unread %d", cnt.Count)
		}
		if st, b := lc.do("POST", fmt.Sprintf("/api/v1/notifications/%d/read", hrs.Items[0].ID), nil); st != 404 {
			t.Fatalf("learner marked hr's notification: %d %s", st, b)
		}
		if st, b := lc.do("POST", fmt.Sprintf("/api/v1/notifications/%d/read", mine.Items[0].ID), nil); st != 204 {
			t.Fatalf("mark read: %d %s", st, b)
		}
		lc.getJSON("/api/v1/notifications/unread-count", &cnt)
		if cnt.Count != 0 {
			t.Fatalf("unread after mark %d", cnt.Count)
		}
		if st, b := hc.do("POST", "/api/v1/notifications/read-all", nil); st != 200 || !strings.Contains(string(b), `"count":1`) {
			t.Fatalf("read-all: %d %s", st, b)
		}

		// channel administration
		if st, _ := lc.do("GET", "/api/v1/notify/channels", nil); st != 403 {
			t.Fatalf("learner reads channels: %d", st)
		}
		if st, _ := hc.do("GET", "/api/v1/notify/channels", nil); st != 200 {
			t.Fatalf("hr reads channels: %d", st)
		}
		in := map[string]any{"type": "dingtalk", "name": "运营群", "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=tok1234secretvalue",
			"secret": "SECsupersecret"}
		if st, _ := hc.do("POST", "/api/v1/notify/channels", in); st != 403 {
			t.Fatalf("hr creates a channel: %d", st)
		}
		st, b := admin.do("POST", "/api/v1/notify/channels", in)
		if st != 201 || strings.Contains(string(b), "tok1234secret") || strings.Contains(string(b), "SECsuper") {
			t.Fatalf("create: %d %s", st, b)
		}
		st, b = admin.do("GET", "/api/v1/notify/channels", nil)
		if st != 200 || strings.Contains(string(b), "tok1234secret") || !strings.Contains(string(b), `"secret_set":true`) {
			t.Fatalf("list: %d %s", st, b)
		}
		// the operation log shows the change without the secrets
		var logged string
		if err := e.app.DB.R.NewRaw("SELECT after_json FROM operation_log WHERE entity = 'notify_channel'").Scan(ctx, &logged); err != nil {
			t.Fatal(err)
		}
		if logged == "" || strings.Contains(logged, "tok1234secret") || strings.Contains(logged, "SECsuper") {
			t.Fatalf("operation log: %q", logged)
		}
		if st, _ := admin.do("PUT", "/api/v1/notify/allowed-hosts", map[string]any{"hosts": []string{"http://relay.local:8080"}}); st != 422 {
			t.Fatalf("a URL as allowed host: %d", st)
		}
		if st, b := admin.do("PUT", "/api/v1/notify/allowed-hosts", map[string]any{"hosts": []string{"Relay.Corp.Local", "10.0.0.5"}}); st != 200 ||
			!strings.Contains(string(b), `"relay.corp.local"`) {
			t.Fatalf("allowed hosts: %d %s", st, b)
		}
		var me struct {
			Menus json.RawMessage `json:"menus"`
		}
		admin.getJSON("/api/v1/auth/me", &me)
		if !strings.Contains(string(me.Menus), `"/system/channels"`) {
			t.Fatalf("admin menus lack channels: %s", me.Menus)
		}
	})
}
