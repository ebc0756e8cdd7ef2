// Package blob stores uploaded files (course materials, attachments) behind a
// small interface. The default store is a local directory; a replica set on
// PostgreSQL would plug in an S3-compatible store with the same contract.
//
// Files are stored under generated keys, never under the uploader's file
// name; the name a user gave is kept by the owning module and only ever
// reaches a browser sanitised (SanitizeName, ContentDisposition). The
// content type is decided by the bytes (Detect), never by the name or the
// Content-Type the browser sent.
package blob

import (
	"context"
	"fmt"
	"io"

	"ecomops/internal/platform/apperr"
)

// Object describes a stored file.
type Object struct {
	Key         string // generated: 32 lowercase hex digits
	Size        int64  // bytes
	SHA256      string // hex digest of the content
	ContentType string // detected from the content (Detect)
}

// Store keeps file contents by key.
//
// Put reads r to its end and stores it under a new key. It refuses content
// longer than limit bytes (an invalid error naming body.file) and stores
// nothing in that case; a cancelled ctx also stores nothing.
// Open returns the content for reading and seeking with its size; an unknown
// or malformed key is not_found. The caller closes the reader.
// Delete removes the content; deleting a missing key is not an error.
type Store interface {
	Put(ctx context.Context, r io.Reader, limit int64) (Object, error)
	Open(ctx context.Context, key string) (io.ReadSeekCloser, int64, error)
	Delete(ctx context.Context, key string) error
}

// Size units for limits.
const (
	KiB int64 = 1 << 10
	MiB int64 = 1 << 20
)

// TooLarge is the error for content over limit bytes.
func TooLarge(limit int64) error {
	return apperr.Reject("body.file", apperr.Because("file_too_large", apperr.P{"max": HumanSize(limit)}), "the file is larger than the %s limit", HumanSize(limit))
}

// HumanSize renders a byte count as "50 MiB", "300 KiB" or "12 bytes".
func HumanSize(n int64) string {
	switch {
	case n >= MiB && n%MiB == 0:
		return fmt.Sprintf("%d MiB", n/MiB)
	case n >= MiB:
		return fmt.Sprintf("%.1f MiB", float64(n)/float64(MiB))
	case n >= KiB:
		return fmt.Sprintf("%d KiB", n/KiB)
	}
	return fmt.Sprintf("%d bytes", n)
}
