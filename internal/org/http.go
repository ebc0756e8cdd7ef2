package org

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/iam"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/xlsx"
)

// DepartmentInput is the writable part of a department.
type DepartmentInput struct {
	ParentID *int64 `json:"parent_id,omitempty"`
	Name     string `json:"name" minLength:"1" maxLength:"64"`
	Code     string `json:"code,omitempty" maxLength:"32"`
	LeaderID *int64 `json:"leader_id,omitempty"`
	Sort     int    `json:"sort,omitempty"`
	Status   string `json:"status,omitempty" enum:"active,disabled"`
	Version  int    `json:"version,omitempty" doc:"required on update"`
}

// PositionInput is the writable part of a position.
type PositionInput struct {
	Code        string `json:"code" minLength:"1" maxLength:"32"`
	Name        string `json:"name" minLength:"1" maxLength:"64"`
	NameEN      string `json:"name_en,omitempty" maxLength:"64"`
	Description string `json:"description,omitempty" maxLength:"1000"`
	Sort        int    `json:"sort,omitempty"`
	Status      string `json:"status,omitempty" enum:"active,disabled"`
	Version     int    `json:"version,omitempty" doc:"required on update"`
}

// EmployeeInput is the writable part of an employee; Login optionally
// creates a login with the employee.
type EmployeeInput struct {
	EmployeeNo   string      `json:"employee_no" minLength:"1" maxLength:"32"`
	Name         string      `json:"name" minLength:"1" maxLength:"64"`
	Phone        string      `json:"phone,omitempty" maxLength:"32"`
	Email        string      `json:"email,omitempty" maxLength:"128"`
	DepartmentID int64       `json:"department_id"`
	PositionID   *int64      `json:"position_id,omitempty"`
	ManagerID    *int64      `json:"manager_id,omitempty"`
	HireDate     string      `json:"hire_date,omitempty" doc:"YYYY-MM-DD"`
	Status       string      `json:"status,omitempty" enum:"active,probation,leave,left"`
	Version      int         `json:"version,omitempty" doc:"required on update"`
	Login        *LoginInput `json:"login,omitempty" doc:"create a login together with the employee (create only)"`
}

// LoginInput gives an employee a login or changes it.
type LoginInput struct {
	Username string  `json:"username" minLength:"3" maxLength:"32"`
	Password string  `json:"password,omitempty" maxLength:"256" doc:"required for a new login; empty keeps the current one"`
	RoleIDs  []int64 `json:"role_ids"`
	Enabled  bool    `json:"enabled"`
}

func (l LoginInput) login() iam.Login {
	return iam.Login{Username: l.Username, Password: l.Password, RoleIDs: l.RoleIDs, Enabled: l.Enabled}
}

// ShopInput is the writable part of a shop.
type ShopInput struct {
	Code            string `json:"code" minLength:"1" maxLength:"32"`
	Platform        string `json:"platform" enum:"taobao,tmall,jd,pdd,douyin,kuaishou,other"`
	Name            string `json:"name" minLength:"1" maxLength:"100"`
	Positioning     string `json:"positioning,omitempty" maxLength:"1000"`
	Currency        string `json:"currency,omitempty" pattern:"^[A-Z]{3}$"`
	Timezone        string `json:"timezone,omitempty" maxLength:"64"`
	ShipWithinHours int    `json:"ship_within_hours,omitempty" minimum:"0" maximum:"720"`
	Status          string `json:"status,omitempty" enum:"active,disabled"`
	Version         int    `json:"version,omitempty" doc:"required on update"`
}

func (in DepartmentInput) model() Department {
	return Department{ParentID: in.ParentID, Name: in.Name, Code: in.Code, LeaderID: in.LeaderID, Sort: in.Sort, Status: in.Status, Version: in.Version}
}

func (in PositionInput) model() Position {
	return Position{Code: in.Code, Name: in.Name, NameEN: in.NameEN, Description: in.Description, Sort: in.Sort, Status: in.Status, Version: in.Version}
}

func (in EmployeeInput) model() Employee {
	return Employee{EmployeeNo: in.EmployeeNo, Name: in.Name, Phone: in.Phone, Email: in.Email, DepartmentID: in.DepartmentID,
		PositionID: in.PositionID, ManagerID: in.ManagerID, HireDate: in.HireDate, Status: in.Status, Version: in.Version}
}

func (in ShopInput) model() Shop {
	return Shop{Code: in.Code, Platform: in.Platform, Name: in.Name, Positioning: in.Positioning, Currency: in.Currency,
		Timezone: in.Timezone, ShipWithinHours: in.ShipWithinHours, Status: in.Status, Version: in.Version}
}

type body[T any] struct{ Body T }

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: []string{"org"}, DefaultStatus: status}
}

// Routes registers the organisation operations.
func (s *Service) Routes(a huma.API) {
	const base = "/api/v1/org"
	api.Register(a, op("org.department.list", http.MethodGet, base+"/departments", "Departments in scope (flat, with parent_id)", 0),
		"org:department:read", func(ctx context.Context, in *DepartmentFilter) (*api.ListOutput[Department], error) {
			items, err := s.ListDepartments(ctx, *in)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("org.department.export", http.MethodGet, base+"/departments/export", "", 0),
		"org:department:read", func(ctx context.Context, in *DepartmentFilter) (*api.FileOutput, error) {
			items, err := s.ListDepartments(ctx, *in)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "departments", Headers: []string{"ID", "上级 Parent", "名称 Name", "编码 Code", "排序 Sort", "状态 Status"}}
			for _, d := range items {
				t.Rows = append(t.Rows, []any{d.ID, d.ParentID, d.Name, d.Code, d.Sort, d.Status})
			}
			return api.XLSXFile("departments", t)
		})
	api.Register(a, op("org.department.get", http.MethodGet, base+"/departments/{id}", "", 0),
		"org:department:read", func(ctx context.Context, in *api.IDPath) (*body[Department], error) {
			d, err := s.department(ctx, s.db.R, in.ID)
			return &body[Department]{d}, err
		})
	api.Register(a, op("org.department.create", http.MethodPost, base+"/departments", "", 201),
		"org:department:create", func(ctx context.Context, in *body[DepartmentInput]) (*body[Department], error) {
			d, err := s.CreateDepartment(ctx, in.Body.model())
			return &body[Department]{d}, err
		})
	api.Register(a, op("org.department.update", http.MethodPut, base+"/departments/{id}", "", 0),
		"org:department:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body DepartmentInput
		}) (*body[Department], error) {
			d, err := s.UpdateDepartment(ctx, in.ID, in.Body.model())
			return &body[Department]{d}, err
		})
	api.Register(a, op("org.department.delete", http.MethodDelete, base+"/departments/{id}", "", 204),
		"org:department:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeleteDepartment(ctx, in.ID)
		})

	api.Register(a, op("org.position.list", http.MethodGet, base+"/positions", "", 0),
		"org:position:read", func(ctx context.Context, in *PositionFilter) (*api.ListOutput[Position], error) {
			items, n, err := s.ListPositions(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("org.position.export", http.MethodGet, base+"/positions/export", "", 0),
		"org:position:read", func(ctx context.Context, in *PositionFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListPositions(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "positions", Headers: []string{"ID", "编码 Code", "名称 Name", "Name (EN)", "说明 Description", "状态 Status"}}
			for _, p := range items {
				t.Rows = append(t.Rows, []any{p.ID, p.Code, p.Name, p.NameEN, p.Description, p.Status})
			}
			return api.XLSXFile("positions", t)
		})
	api.Register(a, op("org.position.create", http.MethodPost, base+"/positions", "", 201),
		"org:position:create", func(ctx context.Context, in *body[PositionInput]) (*body[Position], error) {
			p, err := s.CreatePosition(ctx, in.Body.model())
			return &body[Position]{p}, err
		})
	api.Register(a, op("org.position.update", http.MethodPut, base+"/positions/{id}", "", 0),
		"org:position:update", func(ctx context.Context, in *struct {
			api.IDPath
			Body PositionInput
		}) (*body[Position], error) {
			p, err := s.UpdatePosition(ctx, in.ID, in.Body.model())
			return &body[Position]{p}, err
		})
	api.Register(a, op("org.position.delete", http.MethodDelete, base+"/positions/{id}", "", 204),
		"org:position:delete", func(ctx context.Context, in *api.IDPath) (*struct{}, error) {
			return nil, s.DeletePosition(ctx, in.ID)
		})

	s.employeeRoutes(a, base)
	s.shopRoutes(a, base)
}
