package blob

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"

	"ecomops/internal/platform/apperr"
)

// Local stores files in a directory: <dir>/<key[:2]>/<key>, where key is 32
// random hex digits. Uploads are written to <dir>/tmp first, synced and
// renamed into place, so a crash never leaves a half-written file under a
// key (at worst a temporary file that the next start may delete).
type Local struct{ dir string }

// NewLocal returns a store in dir. The directory is created by the first
// Put, so opening an application that never stores a file leaves no trace.
func NewLocal(dir string) *Local { return &Local{dir: dir} }

// Dir returns the store's directory.
func (l *Local) Dir() string { return l.dir }

var keyPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (l *Local) path(key string) (string, bool) {
	if !keyPattern.MatchString(key) {
		return "", false
	}
	return filepath.Join(l.dir, key[:2], key), true
}

func newKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Put implements Store.
func (l *Local) Put(ctx context.Context, r io.Reader, limit int64) (Object, error) {
	tmpDir := filepath.Join(l.dir, "tmp")
	if err := os.MkdirAll(tmpDir, 0o750); err != nil {
		return Object{}, apperr.Wrap(err, "create file store %s", l.dir)
	}
	tmp, err := os.CreateTemp(tmpDir, "put-*")
	if err != nil {
		return Object{}, apperr.Wrap(err, "create upload file")
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(ctxReader{ctx, r}, limit+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return Object{}, TooLarge(limit)
		}
		if ctx.Err() != nil {
			return Object{}, apperr.Wrap(ctx.Err(), "upload cancelled")
		}
		return Object{}, apperr.Reject("body.file", apperr.Because("upload_interrupted", nil), "the upload was interrupted; send the file again")
	}
	if n > limit {
		return Object{}, TooLarge(limit)
	}
	if err := tmp.Sync(); err != nil {
		return Object{}, apperr.Wrap(err, "sync upload")
	}
	obj := Object{Key: newKey(), Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), ContentType: Detect(tmp, n)}
	if err := tmp.Close(); err != nil {
		return Object{}, apperr.Wrap(err, "close upload")
	}
	dst, _ := l.path(obj.Key)
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return Object{}, apperr.Wrap(err, "create file folder")
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return Object{}, apperr.Wrap(err, "store upload")
	}
	keep = true
	return obj, nil
}

// Open implements Store.
func (l *Local) Open(_ context.Context, key string) (io.ReadSeekCloser, int64, error) {
	p, ok := l.path(key)
	if !ok {
		return nil, 0, apperr.NotFoundf("file", key)
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, apperr.NotFoundf("file", key)
	}
	if err != nil {
		return nil, 0, apperr.Wrap(err, "open file")
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, apperr.Wrap(err, "stat file")
	}
	return f, st.Size(), nil
}

// Delete implements Store.
func (l *Local) Delete(_ context.Context, key string) error {
	p, ok := l.path(key)
	if !ok {
		return nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return apperr.Wrap(err, "delete file")
	}
	return nil
}

// ctxReader stops a long copy when the request is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
