// Command ecomops is the EcomOps binary: command line, HTTP server and jobs.
package main

import (
	"context"
	"log/slog"
	"os"

	"ecomops/internal/app"
)

func main() {
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	os.Exit(app.Main(context.Background(), os.Args[1:]))
}
