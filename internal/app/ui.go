package app

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// uiHandler serves the built UI with an SPA fallback: unknown paths get
// index.html so client-side routes survive a reload. Hashed assets are
// cached for a year; index.html never. Without a built UI it serves a page
// that says how to build it.
func uiHandler(dist fs.FS) http.Handler {
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			w.Write([]byte(notBuiltPage))
		})
	}
	files := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p != "" && p != "index.html" {
			if st, err := fs.Stat(dist, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
			if strings.HasPrefix(p, "assets/") {
				http.NotFound(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(index)
	})
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EcomOps</title></head>
<body><h1>EcomOps</h1><p>The API is running, but this binary was built without the web UI.</p>
<p>Build it with <code>make build</code> (needs Node.js 20 and npm), or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>
and then <code>go build ./cmd/ecomops</code>. The API is described at <a href="/api/docs">/api/docs</a>.</p></body></html>`
