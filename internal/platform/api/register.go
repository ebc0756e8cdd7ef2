package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// Permission markers for operations that need no specific permission.
const (
	Public        = "public"        // anyone, signed in or not
	Authenticated = "authenticated" // any signed-in user
)

const permExt = "x-permission"

// Register adds an operation that requires perm (a `module:entity:action`
// string, Authenticated or Public). The permission is checked before the
// handler runs and published in the OpenAPI document as x-permission.
// Handler errors are converted with ToHTTP; internal ones are logged.
func Register[I, O any](a huma.API, op huma.Operation, perm string, h func(context.Context, *I) (*O, error)) {
	if perm == "" {
		panic("api.Register: operation " + op.OperationID + " declares no permission")
	}
	if op.Extensions == nil {
		op.Extensions = map[string]any{}
	}
	op.Extensions[permExt] = perm
	if perm != Public {
		op.Security = []map[string][]string{{"session": {}}, {"bearer": {}}}
	}
	if op.Summary == "" {
		op.Summary = op.OperationID
	}
	op.Errors = append(op.Errors, errorStatuses(perm)...)
	huma.Register(a, op, func(ctx context.Context, in *I) (*O, error) {
		out, err := h(ctx, in)
		if err != nil {
			if apperr.CodeOf(err) == apperr.Internal {
				slog.ErrorContext(ctx, "request failed", "operation", op.OperationID, "err", err)
			}
			return nil, ToHTTP(err)
		}
		return out, nil
	})
}

func errorStatuses(perm string) []int {
	switch perm {
	case Public:
		return []int{http.StatusUnprocessableEntity}
	case Authenticated:
		return []int{http.StatusUnauthorized, http.StatusUnprocessableEntity}
	}
	return []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusUnprocessableEntity}
}

// PermissionOf returns the x-permission of op ("" when undeclared).
func PermissionOf(op *huma.Operation) string {
	p, _ := op.Extensions[permExt].(string)
	return p
}

// checkPermission is the huma middleware that enforces x-permission.
func checkPermission(a huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		perm := PermissionOf(ctx.Operation())
		p := auth.From(ctx.Context())
		switch {
		case perm == Public:
		case perm == "":
			huma.WriteErr(a, ctx, http.StatusForbidden, "operation declares no permission")
			return
		case p == nil:
			huma.WriteErr(a, ctx, http.StatusUnauthorized, "sign in first")
			return
		case perm != Authenticated && !p.Can(perm):
			huma.WriteErr(a, ctx, http.StatusForbidden, "missing permission "+perm)
			return
		}
		next(ctx)
	}
}

// IsWrite reports whether method changes state.
func IsWrite(method string) bool {
	switch strings.ToUpper(method) {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}
