package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

func serveCommand(open Opener) *cobra.Command {
	var addr string
	var demo bool
	cmd := &cobra.Command{Use: "serve", Short: "Migrate the database if needed and serve the API and UI", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			if demo {
				has, err := a.Org.HasBusinessData(cmd.Context())
				if err != nil {
					return err
				}
				if !has {
					logins, err := a.LoadDemo(cmd.Context())
					if err != nil {
						return err
					}
					printLogins(cmd.OutOrStdout(), logins)
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return a.ListenAndServe(ctx, addr, func(bound string) {
				fmt.Fprintf(cmd.OutOrStdout(), "EcomOps %s serving on http://%s (database %s)\n", Version, bound, a.DB.Kind)
			})
		}}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().BoolVar(&demo, "demo", false, "load the demo company first when the database has no business data")
	return cmd
}

// ListenAndServe serves until ctx ends, then shuts down gracefully: it stops
// accepting, lets requests in flight finish for up to 20 s, stops the
// background jobs (startBackground), and returns.
func (a *App) ListenAndServe(ctx context.Context, addr string, ready func(bound string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           a.Server().Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Minute, // large import uploads
		WriteTimeout:      10 * time.Minute, // large exports
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
	}
	stopBackground, err := a.startBackground(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopBackground() // after the HTTP shutdown below: jobs and the notification relay
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
