package api

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/trail"
)

// recordWrites starts an operation-log entry for every write operation and
// writes its closing row when the handler is done (see trail.Finish).
func recordWrites(logDB *bun.DB) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		op := ctx.Operation()
		if !IsWrite(op.Method) {
			next(ctx)
			return
		}
		e := &trail.Entry{Action: op.OperationID, Method: op.Method, Path: ctx.URL().Path,
			IP: ClientIP(ctx.RemoteAddr()), UserAgent: ctx.Header("User-Agent"), Started: time.Now()}
		if p := auth.From(ctx.Context()); p != nil {
			e.UserID, e.Username = p.UserID, p.Username
		}
		ctx = huma.WithContext(ctx, trail.With(ctx.Context(), e))
		next(ctx)
		// handlers that establish the actor themselves (login) fill e.UserID and e.Username
		status := ctx.Status()
		result, errText := "ok", ""
		if status >= 400 {
			result, errText = string(codeForStatus(status)), strconv.Itoa(status)
		}
		if err := trail.Finish(ctx.Context(), logDB, result, errText); err != nil {
			slog.Error("operation log write failed", "action", op.OperationID, "err", err)
		}
	}
}
