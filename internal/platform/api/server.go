package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/uptrace/bun"
)

// Config is what the server needs from the application.
type Config struct {
	Title, Version string
	Auth           Authenticator
	LogDB          *bun.DB                         // where the operation log is written
	Ready          func(ctx context.Context) error // /readyz check
	UI             http.Handler                    // serves everything outside /api
}

// Server is the HTTP surface: a ServeMux with huma on /api and the UI on /.
type Server struct {
	Mux *http.ServeMux
	API huma.API
	cfg Config
}

// NewServer sets up huma with the project's conventions.
func NewServer(cfg Config) *Server {
	mux := http.NewServeMux()
	hc := huma.DefaultConfig(cfg.Title, cfg.Version)
	hc.Components.Schemas = huma.NewMapRegistry("#/components/schemas/", schemaName)
	hc.CreateHooks = nil // no $schema links in bodies
	hc.OpenAPIPath = "/api/openapi"
	hc.DocsPath = ""
	hc.SchemasPath = ""
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"session": {Type: "apiKey", In: "cookie", Name: SessionCookie},
		"bearer":  {Type: "http", Scheme: "bearer"},
	}
	a := humago.New(mux, hc)
	a.UseMiddleware(checkPermission(a), recordWrites(cfg.LogDB))
	s := &Server{Mux: mux, API: a, cfg: cfg}

	mux.HandleFunc("GET /api/docs", s.docsPage)
	registerHealth(a, cfg.Ready)
	mux.Handle("GET /metrics", promhttp.Handler())
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		huma.WriteErr(a, humago.NewContext(nil, r, w), http.StatusNotFound, "no such API route")
	})
	if cfg.UI != nil {
		mux.Handle("/", cfg.UI)
	}
	return s
}

// Handler returns the full middleware chain around the mux.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.Mux
	h = AccessLog(h)
	h = Authenticate(s.cfg.Auth, h)
	h = http.NewCrossOriginProtection().Handler(h)
	return SecurityHeaders(h)
}

// SessionCookie is the session cookie's name over plain HTTP; under TLS the
// __Host- prefixed name is used (see iam).
const SessionCookie = "ecomops_session"
