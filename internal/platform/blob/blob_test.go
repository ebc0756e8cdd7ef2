package blob

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ecomops/internal/platform/apperr"
)

func newStore(t *testing.T) *Local {
	t.Helper()
	return NewLocal(filepath.Join(t.TempDir(), "files"))
}

// fakeMP4 is an ftyp box followed by payload bytes: enough for Detect.
func fakeMP4(n int) []byte {
	b := []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41")
	for len(b) < n {
		b = append(b, byte(len(b)*7))
	}
	return b
}

func officeZip(t *testing.T, part string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", part} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectByContent(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"), PDF},
		{"exe", append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 100)...), Unknown},
		{"elf", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...), Unknown},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), PNG},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), JPEG},
		{"mp4", fakeMP4(64), MP4},
		{"webm", []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"), WEBM},
		{"docx", officeZip(t, "word/document.xml"), DOCX},
		{"pptx", officeZip(t, "ppt/presentation.xml"), PPTX},
		{"xlsx", officeZip(t, "xl/workbook.xml"), XLSX},
		{"zip", officeZip(t, "notes.txt"), ZIP},
		{"text", []byte("学习心得\n第一条"), Text},
		{"html", []byte("<!DOCTYPE html><script>alert(1)</script>"), Unknown},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), Unknown},
	}
	for _, c := range cases {
		if got := Detect(bytes.NewReader(c.data), int64(len(c.data))); got != c.want {
			t.Errorf("%s: Detect = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestAcceptRefusesDisguisedFiles(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	docs := Policy{Limit: MiB, Allow: Documents}
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 200)...)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	for _, c := range []struct {
		name string
		data []byte
	}{{"课件.pdf", exe}, {"setup.exe", exe}, {"图.pdf", png}, {"empty.pdf", nil}} {
		_, err := Accept(ctx, s, bytes.NewReader(c.data), c.name, docs)
		if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.(*apperr.Error).Fields[0].Location, "body.file") {
			t.Errorf("%s: err = %v, want invalid body.file", c.name, err)
		}
	}
	if n := countFiles(t, s.Dir()); n != 0 {
		t.Errorf("refused uploads left %d files", n)
	}
	up, err := Accept(ctx, s, strings.NewReader("%PDF-1.4\nreal"), "../../etc/讲义", docs)
	if err != nil {
		t.Fatal(err)
	}
	if up.Name != "讲义.pdf" || up.ContentType != PDF || up.Size != 13 || len(up.SHA256) != 64 {
		t.Errorf("accepted upload = %+v", up)
	}
	if n := countFiles(t, s.Dir()); n != 1 {
		t.Errorf("%d files stored, want 1", n)
	}
	// stored under the generated key, never the user's name
	if _, err := os.Stat(filepath.Join(s.Dir(), up.Key[:2], up.Key)); err != nil {
		t.Error(err)
	}
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func TestSizeLimit(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	data := fakeMP4(2048)
	if _, err := s.Put(ctx, bytes.NewReader(data), 2047); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("over the limit: %v", err)
	}
	obj, err := s.Put(ctx, bytes.NewReader(data), 2048)
	if err != nil || obj.Size != 2048 || obj.ContentType != MP4 {
		t.Fatalf("at the limit: %+v %v", obj, err)
	}
	if n := countFiles(t, s.Dir()); n != 1 {
		t.Errorf("%d files, want only the accepted one", n)
	}
	if _, _, err := s.Open(ctx, "../../etc/passwd"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("malformed key: %v", err)
	}
	if err := s.Delete(ctx, obj.Key); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Open(ctx, obj.Key); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("deleted key: %v", err)
	}
}

func TestSanitizeName(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":                      "report.pdf",
		"../../etc/passwd":                "passwd",
		`C:\Users\x\课件 第1讲.pptx`:          "课件 第1讲.pptx",
		"a\"b;c\r\nd.txt":                 "a_b;cd.txt",
		"...hidden":                       "hidden",
		"name. . ":                        "name",
		"":                                "file",
		"..":                              "file",
		"x\u202egnp.exe":                  "xgnp.exe",
		"<script>.pdf":                    "_script_.pdf",
		strings.Repeat("长", 200) + ".mp4": strings.Repeat("长", 116) + ".mp4",
	} {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
	cd := ContentDisposition(false, "季度 复盘\".pdf")
	if cd != `attachment; filename="__ ___.pdf"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%20%E5%A4%8D%E7%9B%98_.pdf` {
		t.Errorf("Content-Disposition = %s", cd)
	}
}

func TestRangeOnVideo(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	data := fakeMP4(10000)
	obj, err := s.Put(ctx, bytes.NewReader(data), MiB)
	if err != nil {
		t.Fatal(err)
	}
	f := File{Key: obj.Key, Name: "第一课.mp4", ContentType: obj.ContentType, SHA256: obj.SHA256, ModTime: time.Unix(1700000000, 0)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := Serve(r.Context(), w, r, s, f, r.URL.Query().Get("inline") == "1"); err != nil {
			http.Error(w, err.Error(), 404)
		}
	}))
	defer srv.Close()
	get := func(query, rng string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+query, nil)
		if rng != "" {
			req.Header.Set("Range", rng)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	res, b := get("?inline=1", "bytes=1000-1999")
	if res.StatusCode != 206 || res.Header.Get("Content-Range") != "bytes 1000-1999/10000" || !bytes.Equal(b, data[1000:2000]) {
		t.Fatalf("range: %d %q %d bytes", res.StatusCode, res.Header.Get("Content-Range"), len(b))
	}
	if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != MP4 || !strings.HasPrefix(cd, "inline;") {
		t.Errorf("headers: %s / %s", ct, cd)
	}
	if res.Header.Get("X-Frame-Options") != "SAMEORIGIN" || res.Header.Get("Content-Security-Policy") != "frame-ancestors 'self'" {
		t.Errorf("inline files may be framed by the application only: %v", res.Header)
	}
	if res.Header.Get("Accept-Ranges") != "bytes" {
		t.Error("no Accept-Ranges")
	}
	res, b = get("?inline=1", "bytes=-500")
	if res.StatusCode != 206 || !bytes.Equal(b, data[9500:]) || res.Header.Get("Content-Range") != "bytes 9500-9999/10000" {
		t.Errorf("suffix range: %d %q", res.StatusCode, res.Header.Get("Content-Range"))
	}
	res, _ = get("", "bytes=20000-")
	if res.StatusCode != 416 {
		t.Errorf("unsatisfiable range: %d", res.StatusCode)
	}
	res, b = get("", "")
	if res.StatusCode != 200 || !bytes.Equal(b, data) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("whole download: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	if res.Header.Get("ETag") != fmt.Sprintf("%q", obj.SHA256) {
		t.Errorf("ETag %q", res.Header.Get("ETag"))
	}
}

func TestExecutableNeverInline(t *testing.T) {
	if CanInline(Unknown) || CanInline(Text) || CanInline(ZIP) || !CanInline(PDF) || !CanInline(WEBM) {
		t.Error("inline rules")
	}
}
