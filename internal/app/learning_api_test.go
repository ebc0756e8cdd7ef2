package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"ecomops/internal/learning"
	"ecomops/internal/platform/blob"
)

// upload posts a multipart form with one file and returns status and body.
func (c *client) upload(path, name string, data []byte, fields map[string]string) (int, []byte) {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	r := c.req("POST", path, buf.Bytes(), map[string]string{"Content-Type": mw.FormDataContentType()})
	return r.status, r.body
}

func learningVideo(t *testing.T) []byte {
	b, err := os.ReadFile("../learning/demodata/lesson.mp4")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLearningFilesAPI: uploads are checked by content (an executable
// named .pdf is refused, the type follows the bytes), by size (the kind's
// limit, and 413 for a body over the request limit), names are sanitised;
// videos play inline with Range requests; learners reach only published
// courses' files.
func TestLearningFilesAPI(t *testing.T) {
	t.Setenv("ECOMOPS_FILES", t.TempDir())
	eachEnv(t, func(t *testing.T, e *env) {
		trainer, learner := e.login("trainer"), e.login("learner1")
		var course struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		}
		st, b := trainer.do("POST", "/api/v1/learning/courses", map[string]any{"code": "API-1", "title": "接口课程", "category": "basics",
			"hours_tenths": 10, "status": "draft"})
		if st != 201 || json.Unmarshal(b, &course) != nil {
			t.Fatalf("create course: %d %s", st, b)
		}
		base := fmt.Sprintf("/api/v1/learning/courses/%d/materials", course.ID)
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 300)...)
		if st, b := trainer.upload(base, "课件.pdf", exe, map[string]string{"kind": "document"}); st != 422 || !strings.Contains(string(b), "body.file") {
			t.Fatalf("exe named .pdf: %d %s", st, b)
		}
		if st, b := trainer.upload(base, "clip.mp4", []byte("%PDF-1.4 not a video"), map[string]string{"kind": "video"}); st != 422 {
			t.Fatalf("pdf as a video: %d %s", st, b)
		}
		e.app.Learning.Limits.Document = 64
		if st, b := trainer.upload(base, "big.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 100)...), map[string]string{"kind": "document"}); st != 422 || !strings.Contains(string(b), "limit") {
			t.Fatalf("over the document limit: %d %s", st, b)
		}
		saved := e.app.Learning.Limits
		e.app.Learning.Limits = learning.UploadLimits{Document: 1024, Video: 1024, Image: 1024, Attachment: 1024}
		if st, _ := trainer.upload(base, "huge.mp4", make([]byte, 200<<10), map[string]string{"kind": "video"}); st != 413 {
			t.Fatalf("over the request limit: %d", st)
		}
		e.app.Learning.Limits = saved
		if n := e.count("learning_materials"); n != 0 {
			t.Fatalf("refused uploads left %d materials", n)
		}
		video := learningVideo(t)
		var mat struct {
			ID              int64  `json:"id"`
			FileName        string `json:"file_name"`
			ContentType     string `json:"content_type"`
			DurationSeconds int    `json:"duration_seconds"`
			ContentURL      string `json:"content_url"`
		}
		st, b = trainer.upload(base, `..\..\第1讲 "开场".mp4`, video, map[string]string{"kind": "video", "title": "开场", "required": "true"})
		if st != 201 || json.Unmarshal(b, &mat) != nil {
			t.Fatalf("video upload: %d %s", st, b)
		}
		if mat.FileName != "第1讲 _开场_.mp4" || mat.ContentType != blob.MP4 || mat.DurationSeconds != 6 {
			t.Fatalf("stored material: %+v", mat)
		}
		// a learner cannot reach a draft course's file
		if st, _ := learner.do("GET", mat.ContentURL, nil); st != 404 {
			t.Fatalf("draft material for a learner: %d", st)
		}
		r := trainer.req("GET", mat.ContentURL, nil, map[string]string{"Range": "bytes=100-1099"})
		if r.status != 206 || r.header.Get("Content-Range") != fmt.Sprintf("bytes 100-1099/%d", len(video)) || !bytes.Equal(r.body, video[100:1100]) {
			t.Fatalf("range: %d %q %d bytes", r.status, r.header.Get("Content-Range"), len(r.body))
		}
		if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "inline;") || r.header.Get("Content-Type") != blob.MP4 {
			t.Fatalf("inline headers: %q %q", cd, r.header.Get("Content-Type"))
		}
		r = trainer.req("GET", mat.ContentURL+"?download=true", nil, nil)
		if r.status != 200 || !bytes.Equal(r.body, video) || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("download: %d %q", r.status, r.header.Get("Content-Disposition"))
		}
		// published: the learner plays it, with beacons
		st, b = trainer.do("PUT", fmt.Sprintf("/api/v1/learning/courses/%d", course.ID), map[string]any{"code": "API-1", "title": "接口课程",
			"category": "basics", "hours_tenths": 10, "status": "published", "version": course.Version})
		if st != 200 {
			t.Fatalf("publish: %d %s", st, b)
		}
		if r := learner.req("GET", mat.ContentURL, nil, map[string]string{"Range": "bytes=0-9"}); r.status != 206 || !bytes.Equal(r.body, video[:10]) {
			t.Fatalf("learner range: %d", r.status)
		}
		if st, b := learner.do("POST", fmt.Sprintf("/api/v1/learning/materials/%d/open", mat.ID), nil); st != 200 {
			t.Fatalf("open: %d %s", st, b)
		}
		time.Sleep(1100 * time.Millisecond)
		var beacon struct {
			Progress struct {
				WatchedShare float64 `json:"watched_share"`
			} `json:"progress"`
			Clamped bool `json:"clamped"`
		}
		for i := 0; i < 2; i++ {
			st, b = learner.do("POST", fmt.Sprintf("/api/v1/learning/materials/%d/beacon", mat.ID), map[string]any{"position_seconds": 1, "watched_share": 1.0 / 6})
			if st != 200 || json.Unmarshal(b, &beacon) != nil || beacon.Progress.WatchedShare < 0.16 || beacon.Clamped {
				t.Fatalf("beacon %d: %d %s", i, st, b)
			}
		}
		st, b = learner.do("POST", fmt.Sprintf("/api/v1/learning/materials/%d/beacon", mat.ID), map[string]any{"position_seconds": 6, "watched_share": 1})
		if st != 200 || json.Unmarshal(b, &beacon) != nil || !beacon.Clamped || beacon.Progress.WatchedShare >= 0.95 {
			t.Fatalf("jump to the end: %d %s", st, b)
		}
		var portal struct {
			Courses []struct {
				Code string `json:"code"`
			} `json:"courses"`
		}
		learner.getJSON("/api/v1/learning/my", &portal)
		if len(portal.Courses) != 1 || portal.Courses[0].Code != "API-1" {
			t.Fatalf("portal: %+v", portal)
		}
	})
}

// TestLearningCheckinAPI: the room screen's code and the phone page: the
// summary by token, check-in as the signed-in learner, a forged token 404,
// and a manager seeing only their departments' people.
func TestLearningCheckinAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		trainer, learner, manager := e.login("trainer"), e.login("learner1"), e.login("manager")
		start := time.Now().Add(10 * time.Minute).UTC()
		var x struct {
			ID int64 `json:"id"`
		}
		st, b := trainer.do("POST", "/api/v1/learning/sessions", map[string]any{"title": "直通车实操", "starts_at": start, "ends_at": start.Add(time.Hour),
			"place": "5F", "capacity": 10})
		if st != 201 || json.Unmarshal(b, &x) != nil {
			t.Fatalf("session: %d %s", st, b)
		}
		l1, cs := idOf(t, e, "SELECT id FROM employees WHERE employee_no = 'E018'"), idOf(t, e, "SELECT id FROM employees WHERE employee_no = 'E010'")
		if st, b := trainer.do("POST", fmt.Sprintf("/api/v1/learning/sessions/%d/enrolments", x.ID), map[string]any{"audience": map[string]any{"employee_ids": []int64{l1, cs}}}); st != 200 {
			t.Fatalf("enrol: %d %s", st, b)
		}
		var code struct {
			Token string `json:"token"`
			URL   string `json:"url"`
			QRPNG string `json:"qr_png"`
		}
		trainer.getJSON(fmt.Sprintf("/api/v1/learning/sessions/%d/checkin-code", x.ID), &code)
		if !strings.HasPrefix(code.URL, e.srv.URL+"/checkin/") || !strings.HasPrefix(code.QRPNG, "data:image/png;base64,") {
			t.Fatalf("code: %+v", code)
		}
		var view struct {
			Title      string `json:"title"`
			TokenValid bool   `json:"token_valid"`
			CanCheckIn bool   `json:"can_check_in"`
			Attendance string `json:"attendance"`
		}
		learner.getJSON("/api/v1/learning/checkin/"+code.Token, &view)
		if view.Title != "直通车实操" || !view.TokenValid || !view.CanCheckIn {
			t.Fatalf("phone page: %+v", view)
		}
		st, b = learner.do("POST", "/api/v1/learning/checkin/"+code.Token, nil)
		if st != 200 || json.Unmarshal(b, &view) != nil || view.Attendance != "present" {
			t.Fatalf("check in: %d %s", st, b)
		}
		if st, _ := learner.do("POST", "/api/v1/learning/checkin/"+code.Token[:20]+"xxxxxxxxxxxxxxxxxx", nil); st != 404 {
			t.Fatalf("forged token: %d", st)
		}
		// the manager (运营部 and below) sees 何雪 but not 客服部's 吴芳
		var ens struct {
			Items []struct {
				EmployeeID int64 `json:"employee_id"`
			} `json:"items"`
		}
		manager.getJSON(fmt.Sprintf("/api/v1/learning/sessions/%d/enrolments", x.ID), &ens)
		if len(ens.Items) != 1 || ens.Items[0].EmployeeID != l1 {
			t.Fatalf("manager's participants: %+v", ens.Items)
		}
		if st, _ := manager.do("GET", fmt.Sprintf("/api/v1/learning/progress/employees/%d", cs), nil); st != 404 {
			t.Fatalf("out-of-scope learner record: %d", st)
		}
		if st, _ := manager.do("GET", fmt.Sprintf("/api/v1/learning/progress/employees/%d", l1), nil); st != 200 {
			t.Fatalf("own department's learner record: %d", st)
		}
		ctx := context.Background()
		var hours int
		e.app.DB.R.NewRaw("SELECT count(*) FROM learning_hours").Scan(ctx, &hours)
		if hours != 0 { // the session has no hours
			t.Fatalf("hours lines: %d", hours)
		}
	})
}

// TestLearningMenu: everyone has 我的学习; the learner nothing else of it.
func TestLearningMenu(t *testing.T) {
	e := newEnv(t, sqliteDB(t))
	var me struct {
		Menus []struct {
			Key      string `json:"key"`
			Children []struct {
				Key string `json:"key"`
			} `json:"children"`
		} `json:"menus"`
	}
	e.login("learner1").getJSON("/api/v1/auth/me", &me)
	for _, m := range me.Menus {
		if m.Key == "learning" {
			if len(m.Children) != 2 || m.Children[0].Key != "my" || m.Children[1].Key != "library" {
				t.Fatalf("learner's learning menu: %+v", m.Children)
			}
			return
		}
	}
	t.Fatalf("no learning menu: %+v", me.Menus)
}

var _ = http.StatusOK
