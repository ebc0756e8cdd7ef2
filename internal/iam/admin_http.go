package iam

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/xlsx"
)

// RoleInput is the writable part of a role.
type RoleInput struct {
	Code        string     `json:"code" minLength:"1" maxLength:"64" pattern:"^[a-z][a-z0-9_]*$"`
	Name        string     `json:"name" minLength:"1" maxLength:"64"`
	NameEN      string     `json:"name_en,omitempty" maxLength:"64"`
	DataScope   auth.Scope `json:"data_scope" enum:"all,dept_and_below,dept,shops,self"`
	Sort        int        `json:"sort,omitempty"`
	Remark      string     `json:"remark,omitempty" maxLength:"500"`
	Permissions []string   `json:"permissions" maxItems:"1000"`
	Version     int        `json:"version,omitempty" doc:"required on update"`
}

func (in RoleInput) role() Role {
	return Role{Code: in.Code, Name: in.Name, NameEN: in.NameEN, DataScope: in.DataScope, Sort: in.Sort, Remark: in.Remark,
		Permissions: in.Permissions, Version: in.Version}
}

type roleOut struct{ Body Role }

// AdminRoutes registers roles, the permission tree, online sessions and the
// login log. loc gives the company time zone for date filters.
func (s *Service) AdminRoutes(a huma.API, loc func(context.Context) *time.Location) {
	tags := []string{"system"}
	api.Register(a, huma.Operation{OperationID: "system.role.list", Method: http.MethodGet, Path: "/api/v1/system/roles", Tags: tags},
		"iam:role:read", func(ctx context.Context, in *RoleFilter) (*api.ListOutput[Role], error) {
			items, n, err := s.ListRoles(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, huma.Operation{OperationID: "system.role.export", Method: http.MethodGet, Path: "/api/v1/system/roles/export", Tags: tags},
		"iam:role:read", func(ctx context.Context, in *RoleFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListRoles(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "roles", Headers: []string{"ID", "编码 Code", "名称 Name", "Name (EN)", "数据范围 Data scope", "权限数 Permissions", "内置 Builtin"}}
			for _, r := range items {
				t.Rows = append(t.Rows, []any{r.ID, r.Code, r.Name, r.NameEN, string(r.DataScope), len(r.Permissions), r.Builtin})
			}
			return api.XLSXFile("roles", t)
		})
	api.Register(a, huma.Operation{OperationID: "system.role.get", Method: http.MethodGet, Path: "/api/v1/system/roles/{id}", Tags: tags},
		"iam:role:read", func(ctx context.Context, in *struct {
			ID int64 `path:"id"`
		}) (*roleOut, error) {
			r, err := s.Role(ctx, in.ID)
			return &roleOut{Body: r}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.role.create", Method: http.MethodPost, Path: "/api/v1/system/roles", Tags: tags, DefaultStatus: 201},
		"iam:role:create", func(ctx context.Context, in *struct{ Body RoleInput }) (*roleOut, error) {
			r, err := s.CreateRole(ctx, in.Body.role())
			return &roleOut{Body: r}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.role.update", Method: http.MethodPut, Path: "/api/v1/system/roles/{id}", Tags: tags},
		"iam:role:update", func(ctx context.Context, in *struct {
			ID   int64 `path:"id"`
			Body RoleInput
		}) (*roleOut, error) {
			r, err := s.UpdateRole(ctx, in.ID, in.Body.role())
			return &roleOut{Body: r}, err
		})
	api.Register(a, huma.Operation{OperationID: "system.role.delete", Method: http.MethodDelete, Path: "/api/v1/system/roles/{id}", Tags: tags, DefaultStatus: 204},
		"iam:role:delete", func(ctx context.Context, in *struct {
			ID int64 `path:"id"`
		}) (*struct{}, error) {
			return nil, s.DeleteRole(ctx, in.ID)
		})
	api.Register(a, huma.Operation{OperationID: "system.permission.tree", Method: http.MethodGet, Path: "/api/v1/system/permissions", Tags: tags,
		Summary: "Every permission, as module > entity > action"},
		"iam:role:read", func(ctx context.Context, _ *struct{}) (*struct {
			Body struct {
				Items []PermissionNode `json:"items"`
			}
		}, error) {
			out := &struct {
				Body struct {
					Items []PermissionNode `json:"items"`
				}
			}{}
			out.Body.Items = s.PermissionTree()
			return out, nil
		})

	api.Register(a, huma.Operation{OperationID: "system.online.list", Method: http.MethodGet, Path: "/api/v1/system/online", Tags: tags},
		"iam:session:read", func(ctx context.Context, in *OnlineFilter) (*api.ListOutput[OnlineSession], error) {
			items, n, err := s.Online(ctx, *in, auth.From(ctx).SessionID)
			return api.NewList(items, n), err
		})
	api.Register(a, huma.Operation{OperationID: "system.online.export", Method: http.MethodGet, Path: "/api/v1/system/online/export", Tags: tags},
		"iam:session:read", func(ctx context.Context, in *OnlineFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.Online(ctx, f, "")
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "online", Headers: []string{"用户名 Username", "姓名 Name", "IP", "浏览器 User agent", "登录时间 Signed in", "最后访问 Last seen"}}
			for _, o := range items {
				t.Rows = append(t.Rows, []any{o.Username, o.Name, o.IP, o.UserAgent, o.CreatedAt.Format(time.RFC3339), o.LastSeenAt.Format(time.RFC3339)})
			}
			return api.XLSXFile("online", t)
		})
	api.Register(a, huma.Operation{OperationID: "system.online.delete", Method: http.MethodDelete, Path: "/api/v1/system/online/{key}", Tags: tags,
		Summary: "Force a session to sign out", DefaultStatus: 204},
		"iam:session:delete", func(ctx context.Context, in *struct {
			Key string `path:"key"`
		}) (*struct{}, error) {
			return nil, s.ForceLogout(ctx, in.Key)
		})

	api.Register(a, huma.Operation{OperationID: "audit.login.list", Method: http.MethodGet, Path: "/api/v1/audit/logins", Tags: []string{"audit"}},
		"audit:login:read", func(ctx context.Context, in *LoginFilter) (*api.ListOutput[LoginEvent], error) {
			items, n, err := s.LoginLog(ctx, *in, loc(ctx))
			return api.NewList(items, n), err
		})
	api.Register(a, huma.Operation{OperationID: "audit.login.export", Method: http.MethodGet, Path: "/api/v1/audit/logins/export", Tags: []string{"audit"}},
		"audit:login:export", func(ctx context.Context, in *LoginFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.LoginLog(ctx, f, loc(ctx))
			if err != nil {
				return nil, err
			}
			l := loc(ctx)
			t := xlsx.Table{Sheet: "logins", Headers: []string{"ID", "时间 Time", "用户名 Username", "IP", "浏览器 User agent", "成功 Success", "原因 Reason"}}
			for _, e := range items {
				t.Rows = append(t.Rows, []any{e.ID, e.At.In(l).Format(time.DateTime), e.Username, e.IP, e.UserAgent, e.Success, e.Reason})
			}
			return api.XLSXFile("login-log", t)
		})
}
