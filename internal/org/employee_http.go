package org

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/iam"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

func (s *Service) employeeRoutes(a huma.API, base string) {
	api.Register(a, op("org.employee.list", http.MethodGet, base+"/employees", "Employees in scope; phones masked", 0),
		"org:employee:read", func(ctx context.Context, in *EmployeeFilter) (*api.ListOutput[Employee], error) {
			items, n, err := s.ListEmployees(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("org.employee.export", http.MethodGet, base+"/employees/export", "", 0),
		"org:employee:export", func(ctx context.Context, in *EmployeeFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListEmployees(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "employees", Headers: []string{"工号 No.", "姓名 Name", "部门 Department", "岗位 Position", "上级 Manager",
				"手机 Phone", "邮箱 Email", "入职日期 Hire date", "状态 Status", "登录名 Username"}}
			for _, e := range items {
				t.Rows = append(t.Rows, []any{e.EmployeeNo, e.Name, e.DepartmentName, e.PositionName, e.ManagerName, e.Phone, e.Email, e.HireDate, e.Status, e.Username})
			}
			return api.XLSXFile("employees", t)
		})
	api.Register(a, op("org.employee.get", http.MethodGet, base+"/employees/{id}", "", 0),
		"org:employee:read", func(ctx context.Context, in *api.IDPath) (*body[Employee], error) {
			e, err := s.Employee(ctx, in.ID)
			return &body[Employee]{e}, err
		})
	api.Register(a, op("org.employee.reveal", http.MethodPost, base+"/employees/{id}/reveal-phone", "Show the full phone number; audited", 0),
		"pii:reveal", func(ctx context.Context, in *api.IDPath) (*struct {
			Body struct {
				Phone string `json:"phone"`
			}
		}, error) {
			phone, err := s.RevealPhone(ctx, in.ID)
			out := &struct {
				Body struct {
					Phone string `json:"phone"`
				}
			}{}
			out.Body.Phone = phone
			return out, err
		})
	api.Register(a, op("org.employee.create", http.MethodPost, base+"/employees", "", 201),
		"org:employee:create", func(ctx context.Context, in *body[EmployeeInput]) (*body[Employee], error) {
			var login *iam.Login
			if in.Body.Login != nil {
				l := in.Body.Login.login()
				login = &l
			}
			e, err := s.CreateEmployee(ctx, in.Body.model(), login)
			return &body[Employee]{e}, err
		})
	api.Register(a, op("org.employee.update", http.MethodPut, base+"/employees/{id}", "", 0),
		"org:employee:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body EmployeeInput
		}) (*body[Employee], error) {
			e, err := s.UpdateEmployee(ctx, in.ID, in.Body.model())
			return &body[Employee]{e}, err
		})
	api.Register(a, op("org.employee.login", http.MethodPut, base+"/employees/{id}/login", "Give the employee a login or change it", 0),
		"iam:user:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body LoginInput
		}) (*body[Employee], error) {
			e, err := s.SetLogin(ctx, in.ID, in.Body.login())
			return &body[Employee]{e}, err
		})
	api.Register(a, op("org.employee.delete", http.MethodDelete, base+"/employees/{id}", "", 204),
		"org:employee:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteEmployee(ctx, in.ID)
		})
}

func (s *Service) shopRoutes(a huma.API, base string) {
	api.Register(a, op("org.shop.list", http.MethodGet, base+"/shops", "Shops in scope", 0),
		"org:shop:read", func(ctx context.Context, in *ShopFilter) (*api.ListOutput[Shop], error) {
			items, n, err := s.ListShops(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("org.shop.export", http.MethodGet, base+"/shops/export", "", 0),
		"org:shop:export", func(ctx context.Context, in *ShopFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListShops(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "shops", Headers: []string{"编码 Code", "平台 Platform", "名称 Name", "定位 Positioning", "币种 Currency",
				"时区 Time zone", "发货时限(小时) Ship within (h)", "人员数 Staff", "状态 Status"}}
			for _, sh := range items {
				t.Rows = append(t.Rows, []any{sh.Code, sh.Platform, sh.Name, sh.Positioning, sh.Currency, sh.Timezone, sh.ShipWithinHours, len(sh.StaffIDs), sh.Status})
			}
			return api.XLSXFile("shops", t)
		})
	api.Register(a, op("org.shop.get", http.MethodGet, base+"/shops/{id}", "", 0),
		"org:shop:read", func(ctx context.Context, in *api.IDPath) (*body[Shop], error) {
			sh, err := s.Shop(ctx, in.ID)
			return &body[Shop]{sh}, err
		})
	api.Register(a, op("org.shop.create", http.MethodPost, base+"/shops", "", 201),
		"org:shop:create", func(ctx context.Context, in *body[ShopInput]) (*body[Shop], error) {
			sh, err := s.CreateShop(ctx, in.Body.model())
			return &body[Shop]{sh}, err
		})
	api.Register(a, op("org.shop.update", http.MethodPut, base+"/shops/{id}", "", 0),
		"org:shop:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body ShopInput
		}) (*body[Shop], error) {
			sh, err := s.UpdateShop(ctx, in.ID, in.Body.model())
			return &body[Shop]{sh}, err
		})
	api.Register(a, op("org.shop.staff", http.MethodPut, base+"/shops/{id}/staff", "Replace the staff assigned to the shop", 0),
		"org:shop:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body struct {
				EmployeeIDs []int64 `json:"employee_ids" maxItems:"1000"`
			}
		}) (*body[Shop], error) {
			sh, err := s.SetShopStaff(ctx, in.ID, in.Body.EmployeeIDs)
			return &body[Shop]{sh}, err
		})
	api.Register(a, op("org.shop.delete", http.MethodDelete, base+"/shops/{id}", "", 204),
		"org:shop:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteShop(ctx, in.ID)
		})
}
