// Package org is the organisation: departments (a tree), positions (岗位),
// employees and shops with the staff assigned to them. It also resolves a
// principal's data scope into the department, employee and shop ids the
// principal may see.
package org

import (
	"time"

	"github.com/uptrace/bun"
)

// Department is a node of the department tree.
type Department struct {
	bun.BaseModel `bun:"table:departments"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	ParentID      *int64    `bun:"parent_id" json:"parent_id"`
	Name          string    `bun:"name" json:"name"`
	Code          string    `bun:"code" json:"code"`
	LeaderID      *int64    `bun:"leader_id" json:"leader_id" doc:"employee id of the head"`
	Sort          int       `bun:"sort" json:"sort"`
	Status        string    `bun:"status" json:"status"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// Position is a job (岗位).
type Position struct {
	bun.BaseModel `bun:"table:positions"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Code          string    `bun:"code" json:"code"`
	Name          string    `bun:"name" json:"name"`
	NameEN        string    `bun:"name_en" json:"name_en"`
	Description   string    `bun:"description" json:"description"`
	Sort          int       `bun:"sort" json:"sort"`
	Status        string    `bun:"status" json:"status"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// Employee is a person in the department. Phone is personal data: masked
// in every output unless the caller holds pii:reveal.
type Employee struct {
	bun.BaseModel `bun:"table:employees,alias:e"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	EmployeeNo    string    `bun:"employee_no" json:"employee_no"`
	Name          string    `bun:"name" json:"name"`
	Phone         string    `bun:"phone" json:"phone"`
	Email         string    `bun:"email" json:"email"`
	DepartmentID  int64     `bun:"department_id" json:"department_id"`
	PositionID    *int64    `bun:"position_id" json:"position_id"`
	ManagerID     *int64    `bun:"manager_id" json:"manager_id"`
	HireDate      string    `bun:"hire_date" json:"hire_date" doc:"YYYY-MM-DD"`
	Status        string    `bun:"status" json:"status" doc:"employee_status dictionary: active, probation, leave, left"`
	UserID        *int64    `bun:"user_id" json:"user_id"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`

	// Read-only context filled for lists and details.
	DepartmentName string  `bun:"department_name,scanonly" json:"department_name"`
	PositionName   string  `bun:"position_name,scanonly" json:"position_name"`
	ManagerName    string  `bun:"manager_name,scanonly" json:"manager_name"`
	Username       string  `bun:"username,scanonly" json:"username"`
	LoginEnabled   bool    `bun:"-" json:"login_enabled"`
	RoleIDs        []int64 `bun:"-" json:"role_ids"`
}

// Shop is a store on a platform.
type Shop struct {
	bun.BaseModel   `bun:"table:shops,alias:s"`
	ID              int64     `bun:"id,pk,autoincrement" json:"id"`
	Code            string    `bun:"code" json:"code"`
	Platform        string    `bun:"platform" json:"platform" enum:"taobao,tmall,jd,pdd,douyin,kuaishou,other"`
	Name            string    `bun:"name" json:"name"`
	Positioning     string    `bun:"positioning" json:"positioning" doc:"the shop's positioning (店铺定位)"`
	Currency        string    `bun:"currency" json:"currency"`
	Timezone        string    `bun:"timezone" json:"timezone"`
	ShipWithinHours int       `bun:"ship_within_hours" json:"ship_within_hours" doc:"ship-by deadline after payment"`
	Status          string    `bun:"status" json:"status"`
	Version         int       `bun:"version" json:"version"`
	CreatedAt       time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt       time.Time `bun:"updated_at" json:"updated_at"`
	StaffIDs        []int64   `bun:"-" json:"staff_ids"`
}

type shopStaff struct {
	bun.BaseModel `bun:"table:shop_staff"`
	ShopID        int64 `bun:"shop_id,pk"`
	EmployeeID    int64 `bun:"employee_id,pk"`
}

// Platforms a shop may be on.
var Platforms = []string{"taobao", "tmall", "jd", "pdd", "douyin", "kuaishou", "other"}

// Employee statuses.
var EmployeeStatuses = []string{"active", "probation", "leave", "left"}

// DefaultShipWithinHours is the ship-by deadline platforms commonly set.
const DefaultShipWithinHours = 48

// Permissions this module declares.
var Permissions = []string{
	"org:department:read", "org:department:create", "org:department:update", "org:department:delete",
	"org:position:read", "org:position:create", "org:position:update", "org:position:delete",
	"org:employee:read", "org:employee:create", "org:employee:update", "org:employee:delete", "org:employee:export",
	"org:shop:read", "org:shop:create", "org:shop:update", "org:shop:delete", "org:shop:export",
}
