package iam

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/trail"
)

// clientInfo is embedded in inputs that need to know where a request comes from.
type clientInfo struct {
	client Client
}

func (c *clientInfo) Resolve(ctx huma.Context) []error {
	c.client = Client{IP: api.ClientIP(ctx.RemoteAddr()), UserAgent: ctx.Header("User-Agent"), TLS: ctx.TLS() != nil}
	if cookie, err := huma.ReadCookie(ctx, cookieSecure); err == nil {
		c.client.OldCookie = cookie.Value
	} else if cookie, err := huma.ReadCookie(ctx, cookiePlain); err == nil {
		c.client.OldCookie = cookie.Value
	}
	return nil
}

type loginInput struct {
	clientInfo
	Body struct {
		Username string `json:"username" minLength:"1" maxLength:"64"`
		Password string `json:"password" minLength:"1" maxLength:"256"`
	}
}

type loginOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      struct {
		User User `json:"user"`
	}
}

type logoutInput struct{ clientInfo }

type logoutOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

// Me is what the UI loads after sign-in.
type Me struct {
	User        MeUser     `json:"user"`
	Roles       []string   `json:"roles"`
	Permissions []string   `json:"permissions" doc:"[\"*\"] for a system administrator"`
	DataScope   auth.Scope `json:"data_scope"`
	Menus       []MenuItem `json:"menus"`
}

// MeUser is the signed-in user.
type MeUser struct {
	ID                 int64  `json:"id"`
	Username           string `json:"username"`
	Name               string `json:"name"`
	IsAdmin            bool   `json:"is_admin"`
	EmployeeID         int64  `json:"employee_id,omitempty"`
	MustChangePassword bool   `json:"must_change_password"`
}

// MenuItem is one entry of the sidebar; the UI translates Key.
type MenuItem struct {
	Key      string     `json:"key"`
	Path     string     `json:"path"`
	Icon     string     `json:"icon,omitempty"`
	Perm     string     `json:"perm,omitempty"`
	Children []MenuItem `json:"children,omitempty"`
}

// Menus filters a menu tree to what p may open: a leaf needs its Perm, a
// branch needs at least one visible child.
func Menus(tree []MenuItem, p *auth.Principal) []MenuItem {
	var out []MenuItem
	for _, m := range tree {
		if len(m.Children) > 0 {
			m.Children = Menus(m.Children, p)
			if len(m.Children) == 0 {
				continue
			}
		} else if m.Perm != "" && !p.Can(m.Perm) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// AuthRoutes registers sign-in, sign-out, me, password and API tokens.
// menu is the application's full sidebar tree.
func (s *Service) AuthRoutes(a huma.API, menu []MenuItem) {
	tags := []string{"auth"}
	api.Register(a, huma.Operation{OperationID: "auth.login", Method: http.MethodPost, Path: "/api/v1/auth/login", Tags: tags,
		Summary: "Sign in with username and password; sets the session cookie", Errors: []int{401, 429}},
		api.Public, func(ctx context.Context, in *loginInput) (*loginOutput, error) {
			u, token, err := s.Login(ctx, in.Body.Username, in.Body.Password, in.client)
			if err != nil {
				var te *ThrottledError
				if errors.As(err, &te) {
					return nil, huma.ErrorWithHeaders(api.ToHTTP(te.Err), http.Header{"Retry-After": {strconv.Itoa(int(te.RetryAfter.Seconds()))}})
				}
				return nil, err
			}
			if e := trail.From(ctx); e != nil {
				e.UserID, e.Username = u.ID, u.Username
			}
			out := &loginOutput{SetCookie: SessionCookie(token, in.client.TLS)}
			out.Body.User = u
			return out, nil
		})
	api.Register(a, huma.Operation{OperationID: "auth.logout", Method: http.MethodPost, Path: "/api/v1/auth/logout", Tags: tags},
		api.Authenticated, func(ctx context.Context, in *logoutInput) (*logoutOutput, error) {
			if err := s.Logout(ctx, auth.From(ctx)); err != nil {
				return nil, err
			}
			return &logoutOutput{SetCookie: SessionCookie("", in.client.TLS)}, nil
		})
	api.Register(a, huma.Operation{OperationID: "auth.me", Method: http.MethodGet, Path: "/api/v1/auth/me", Tags: tags,
		Summary: "The signed-in user, roles, permissions and menu"},
		api.Authenticated, func(ctx context.Context, _ *struct{}) (*struct{ Body Me }, error) {
			p := auth.From(ctx)
			u, err := s.User(ctx, p.UserID)
			if err != nil {
				return nil, err
			}
			me := Me{User: MeUser{ID: u.ID, Username: u.Username, Name: u.Name, IsAdmin: u.IsAdmin, EmployeeID: p.EmployeeID,
				MustChangePassword: u.MustChangePassword}, Roles: p.Roles, DataScope: p.Scope, Menus: Menus(menu, p)}
			if me.Roles == nil {
				me.Roles = []string{}
			}
			if p.Admin {
				me.Permissions = []string{"*"}
			} else {
				for perm := range p.Perms {
					me.Permissions = append(me.Permissions, perm)
				}
			}
			if me.Menus == nil {
				me.Menus = []MenuItem{}
			}
			return &struct{ Body Me }{Body: me}, nil
		})
	api.Register(a, huma.Operation{OperationID: "auth.password", Method: http.MethodPost, Path: "/api/v1/auth/password", Tags: tags,
		Summary: "Change the caller's password; other sessions end", DefaultStatus: 204},
		api.Authenticated, func(ctx context.Context, in *struct {
			Body struct {
				OldPassword string `json:"old_password" minLength:"1" maxLength:"256"`
				NewPassword string `json:"new_password" minLength:"1" maxLength:"256"`
			}
		}) (*struct{}, error) {
			return nil, s.ChangePassword(ctx, auth.From(ctx), in.Body.OldPassword, in.Body.NewPassword)
		})

	api.Register(a, huma.Operation{OperationID: "auth.token.list", Method: http.MethodGet, Path: "/api/v1/auth/tokens", Tags: tags},
		api.Authenticated, func(ctx context.Context, _ *struct{}) (*api.ListOutput[Token], error) {
			ts, err := s.ListTokens(ctx, auth.From(ctx))
			return api.NewList(ts, len(ts)), err
		})
	api.Register(a, huma.Operation{OperationID: "auth.token.create", Method: http.MethodPost, Path: "/api/v1/auth/tokens", Tags: tags,
		Summary: "Issue an API token; the secret is in this answer only", DefaultStatus: 201},
		api.Authenticated, func(ctx context.Context, in *struct {
			Body struct {
				Name        string `json:"name" minLength:"1" maxLength:"64"`
				ExpiresDays int    `json:"expires_days,omitempty" minimum:"0" maximum:"3650" doc:"0 for no expiry"`
			}
		}) (*struct {
			Body struct {
				Token
				Secret string `json:"token"`
			}
		}, error) {
			if auth.From(ctx).TokenID != 0 {
				return nil, apperr.New(apperr.Forbidden, "an API token cannot issue tokens; sign in with a password")
			}
			t, secret, err := s.CreateToken(ctx, auth.From(ctx), in.Body.Name, in.Body.ExpiresDays)
			out := &struct {
				Body struct {
					Token
					Secret string `json:"token"`
				}
			}{}
			out.Body.Token, out.Body.Secret = t, secret
			return out, err
		})
	api.Register(a, huma.Operation{OperationID: "auth.token.revoke", Method: http.MethodDelete, Path: "/api/v1/auth/tokens/{id}", Tags: tags, DefaultStatus: 204},
		api.Authenticated, func(ctx context.Context, in *struct {
			ID int64 `path:"id"`
		}) (*struct{}, error) {
			return nil, s.RevokeToken(ctx, auth.From(ctx), in.ID)
		})
}
