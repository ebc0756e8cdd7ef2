package api

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"ecomops/internal/platform/auth"
)

// Authenticator turns a request's session cookie or bearer token into a
// principal. It returns (nil, nil) for an anonymous request and an error
// only when the store fails; an invalid or expired credential is anonymous.
type Authenticator interface {
	Authenticate(ctx context.Context, r *http.Request) (*auth.Principal, error)
}

// contentSecurityPolicy allows only same-origin scripts (no inline script,
// no eval); styles may be inline because Element Plus sets style attributes.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; " +
	"frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"

// SecurityHeaders sets the headers every response carries; API responses are
// never cached. HSTS only under TLS.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// Authenticate resolves the principal of every request and puts it on the
// request context; permission checks happen per operation.
func Authenticate(a Authenticator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := a.Authenticate(r.Context(), r)
		if err != nil {
			slog.ErrorContext(r.Context(), "authenticate", "err", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		if p != nil {
			r = r.WithContext(auth.With(r.Context(), p))
		}
		next.ServeHTTP(w, r)
	})
}

// AccessLog logs one JSON line per request: method, route pattern, status
// and duration. It never logs query strings, bodies or headers, so no
// personal data or secret reaches the log.
func AccessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r)
		observe(r, sw.status, time.Since(start))
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			return
		}
		slog.Info("http", "method", r.Method, "route", routeOf(r), "status", sw.status,
			"ms", time.Since(start).Milliseconds())
	})
}

func routeOf(r *http.Request) string {
	if r.Pattern != "" {
		return r.Pattern
	}
	return r.URL.Path
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int)        { s.status = code; s.ResponseWriter.WriteHeader(code) }
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// ClientIP returns the host part of a RemoteAddr.
func ClientIP(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return remoteAddr
	}
	return host
}
