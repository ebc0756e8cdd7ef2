package blob

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
)

// inlineTypes are shown by the browser itself (PDF viewer, <img>, <video>);
// everything else is always downloaded. No type that can run script in the
// page's origin (HTML, SVG) is ever inline.
var inlineTypes = []string{PDF, PNG, JPEG, GIF, WEBP, MP4, WEBM}

// CanInline reports whether contentType may be served inline.
func CanInline(contentType string) bool { return slices.Contains(inlineTypes, contentType) }

// File is what Serve sends.
type File struct {
	Key         string
	Name        string // the user's name, sanitised again on the way out
	ContentType string // the detected type
	SHA256      string // becomes the ETag, so If-Range works across requests
	ModTime     time.Time
}

// Serve sends f from s: inline when inline is asked and the type allows it,
// as an attachment otherwise. http.ServeContent answers Range and
// conditional requests (206 with Content-Range, 416 on an unsatisfiable
// range), which video seeking needs.
func Serve(ctx context.Context, w http.ResponseWriter, r *http.Request, s Store, f File, inline bool) error {
	rc, _, err := s.Open(ctx, f.Key)
	if err != nil {
		return err
	}
	defer rc.Close()
	h := w.Header()
	inline = inline && CanInline(f.ContentType)
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", ContentDisposition(inline, f.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	if inline {
		// The application's pages may show the file in a frame (PDF preview);
		// the page-level policy (object-src 'none', frame-ancestors 'none')
		// would keep browsers' PDF viewers from showing it at all. Nothing
		// served inline can run script in this origin (no HTML, no SVG).
		h.Set("Content-Security-Policy", "frame-ancestors 'self'")
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}
	if f.SHA256 != "" {
		h.Set("ETag", `"`+f.SHA256+`"`)
	}
	h.Set("Cache-Control", "private, no-cache")
	http.ServeContent(w, r, "", f.ModTime, rc)
	return nil
}

// Stream is a huma output body that serves a stored file; handlers return
// &huma.StreamResponse{Body: blob.Stream(...)} after their permission and
// scope checks passed, so the file bytes never go through JSON.
func Stream(s Store, f File, inline bool) func(huma.Context) {
	return func(hc huma.Context) {
		r, w := humago.Unwrap(hc)
		if err := Serve(r.Context(), w, r, s, f, inline); err != nil {
			http.Error(w, "file not found", http.StatusNotFound)
		}
	}
}

// LimitBody is a per-operation huma middleware for uploads: it refuses a
// declared Content-Length over limit() with 413 before reading anything and
// caps the body at limit() for chunked uploads. overhead leaves room for the
// multipart framing and form fields around the file. limit is read per
// request, so a changed setting applies at once.
func LimitBody(a huma.API, limitOf func() int64) func(huma.Context, func(huma.Context)) {
	const overhead = 64 * KiB
	return func(hc huma.Context, next func(huma.Context)) {
		limit := limitOf()
		r, w := humago.Unwrap(hc)
		if r.ContentLength > limit+overhead {
			huma.WriteErr(a, hc, http.StatusRequestEntityTooLarge, "the upload is larger than the "+HumanSize(limit)+" limit")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit+overhead)
		next(hc)
	}
}
