package sales

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"ecomops/internal/platform/apperr"
)

// Upload is a set of files uploaded for one import, kept on disk under a
// random token until the import has run (or for uploadTTL).
type Upload struct {
	Token string       `json:"token"`
	Files []UploadFile `json:"files"`
}

// UploadFile is one stored file.
type UploadFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type uploadMeta struct {
	UserID int64        `json:"user_id"`
	Files  []UploadFile `json:"files"`
}

const uploadTTL = 24 * time.Hour

var tokenPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (s *Service) uploadRoot() string {
	dir := s.UploadDir
	if dir == "" {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "ecomops-uploads")
}

// UploadPart is a file of a multipart upload as the HTTP layer hands it over.
type UploadPart struct {
	Name string
	Size int64 // as declared; the copy enforces the limit anyway
	Body io.Reader
}

// SaveUpload streams the files to a fresh folder, hashing them on the way
// and refusing any file over MaxUploadBytes. Errors: invalid (no file,
// empty file, too large).
func (s *Service) SaveUpload(userID int64, parts []UploadPart) (Upload, error) {
	if len(parts) == 0 {
		return Upload{}, apperr.Reject("body.files", apperr.Required(), "upload at least one file")
	}
	s.sweepUploads()
	b := make([]byte, 16)
	rand.Read(b)
	up := Upload{Token: hex.EncodeToString(b)}
	dir := filepath.Join(s.uploadRoot(), up.Token)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return up, apperr.Wrap(err, "create upload folder")
	}
	limit := s.MaxUploadBytes
	if limit <= 0 {
		limit = DefaultMaxUploadBytes
	}
	for i, p := range parts {
		name := safeName(p.Name)
		if p.Size > limit {
			os.RemoveAll(dir)
			return Upload{}, apperr.Reject(fmt.Sprintf("body.files[%d]", i), apperr.Because("file_too_large", apperr.P{"name": name, "max": fmt.Sprintf("%d MiB", limit>>20)}),
				"%s is %d bytes, over the %d MiB limit of one file", name, p.Size, limit>>20)
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%02d", i)))
		if err != nil {
			os.RemoveAll(dir)
			return Upload{}, apperr.Wrap(err, "store upload")
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(p.Body, limit+1))
		cerr := f.Close()
		switch {
		case err != nil || cerr != nil:
			os.RemoveAll(dir)
			return Upload{}, apperr.Wrap(fmt.Errorf("%v %v", err, cerr), "store upload")
		case n > limit:
			os.RemoveAll(dir)
			return Upload{}, apperr.Reject(fmt.Sprintf("body.files[%d]", i), apperr.Because("file_too_large", apperr.P{"name": name, "max": fmt.Sprintf("%d MiB", limit>>20)}),
				"%s is over the %d MiB limit of one file", name, limit>>20)
		case n == 0:
			os.RemoveAll(dir)
			return Upload{}, apperr.Reject(fmt.Sprintf("body.files[%d]", i), apperr.Because("file_empty", apperr.P{"name": name}), "%s is empty", name)
		}
		up.Files = append(up.Files, UploadFile{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	}
	meta, _ := json.Marshal(uploadMeta{UserID: userID, Files: up.Files})
	if err := os.WriteFile(filepath.Join(dir, "meta.json"), meta, 0o600); err != nil {
		os.RemoveAll(dir)
		return up, apperr.Wrap(err, "store upload")
	}
	return up, nil
}

// uploadFiles returns the files of an upload made by userID. Errors: not_found.
func (s *Service) uploadFiles(token string, userID int64) ([]InputFile, error) {
	if !tokenPattern.MatchString(token) {
		return nil, apperr.NotFoundf("upload", token)
	}
	dir := filepath.Join(s.uploadRoot(), token)
	b, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, apperr.NotFoundf("upload", token)
	}
	var m uploadMeta
	if err := json.Unmarshal(b, &m); err != nil || m.UserID != userID {
		return nil, apperr.NotFoundf("upload", token)
	}
	out := make([]InputFile, len(m.Files))
	for i, f := range m.Files {
		out[i] = InputFile{Path: filepath.Join(dir, fmt.Sprintf("%02d", i)), Name: f.Name}
	}
	return out, nil
}

func (s *Service) dropUpload(token string) {
	if tokenPattern.MatchString(token) {
		os.RemoveAll(filepath.Join(s.uploadRoot(), token))
	}
}

// sweepUploads removes uploads older than uploadTTL.
func (s *Service) sweepUploads() {
	entries, _ := os.ReadDir(s.uploadRoot())
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > uploadTTL && tokenPattern.MatchString(e.Name()) {
			os.RemoveAll(filepath.Join(s.uploadRoot(), e.Name()))
		}
	}
}

// safeName keeps the base name of an uploaded file, for messages only.
func safeName(n string) string {
	n = filepath.Base(strings.ReplaceAll(n, "\\", "/"))
	if n == "." || n == "/" || n == "" {
		return "upload"
	}
	return n
}
