package api

import (
	"html/template"

	"github.com/danielgtaylor/huma/v2"
	"net/http"
	"sort"
	"strings"
)

// docsPage renders the operations of the OpenAPI document as a plain HTML
// table, with no script, so it works under the CSP and without a network.
func (s *Server) docsPage(w http.ResponseWriter, r *http.Request) {
	type row struct{ Method, Path, ID, Summary, Permission, Tag string }
	var rows []row
	for path, item := range s.API.OpenAPI().Paths {
		for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete} {
			if op == nil {
				continue
			}
			rows = append(rows, row{method, path, op.OperationID, op.Summary, PermissionOf(op), strings.Join(op.Tags, ",")})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Path != rows[j].Path {
			return rows[i].Path < rows[j].Path
		}
		return rows[i].Method < rows[j].Method
	})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	docsTemplate.Execute(w, map[string]any{"Title": s.API.OpenAPI().Info.Title, "Version": s.API.OpenAPI().Info.Version, "Rows": rows})
}

var docsTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} API</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}code{font-size:13px}</style>
</head><body>
<h1>{{.Title}} API {{.Version}}</h1>
<p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1; also <a href="/api/openapi.yaml">YAML</a>).
Authenticate with the session cookie from <code>POST /api/v1/auth/login</code> or with <code>Authorization: Bearer &lt;API token&gt;</code>.
Each operation requires the permission shown.</p>
<table><tr><th>Method</th><th>Path</th><th>Operation</th><th>Summary</th><th>Permission</th></tr>
{{range .Rows}}<tr><td>{{.Method}}</td><td><code>{{.Path}}</code></td><td>{{.ID}}</td><td>{{.Summary}}</td><td><code>{{.Permission}}</code></td></tr>
{{end}}</table></body></html>`))
