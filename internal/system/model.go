// Package system holds company-wide settings and the dictionaries (字典)
// that statuses and selects use. It comes first in the module order, so any
// module may read settings through its service.
package system

import (
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Settings are the company-wide settings. Version guards concurrent edits.
type Settings struct {
	CompanyName          string `json:"company_name" maxLength:"100"`
	Timezone             string `json:"timezone" doc:"IANA zone of business dates, e.g. Asia/Shanghai"`
	Currency             string `json:"currency" pattern:"^[A-Z]{3}$"`
	FiscalYearStartMonth int    `json:"fiscal_year_start_month" minimum:"1" maximum:"12"`
	SessionIdleMinutes   int    `json:"session_idle_minutes" minimum:"5" maximum:"1440"`
	SessionAbsoluteHours int    `json:"session_absolute_hours" minimum:"1" maximum:"720"`
	Version              int    `json:"version"`
}

// DefaultSettings apply until an administrator saves others.
func DefaultSettings() Settings {
	return Settings{CompanyName: "EcomOps 示例公司", Timezone: "Asia/Shanghai", Currency: "CNY",
		FiscalYearStartMonth: 1, SessionIdleMinutes: 120, SessionAbsoluteHours: 12, Version: 1}
}

// Validate checks what the schema cannot.
func (s Settings) Validate() error {
	var v apperr.Validation
	if s.CompanyName == "" {
		v.Reject("body.company_name", apperr.Required(), "company name is required")
	}
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" {
		v.Reject("body.timezone", apperr.Format("timezone"), "unknown time zone %q", s.Timezone)
	}
	return v.Err()
}

// Location returns the company time zone.
func (s Settings) Location() *time.Location {
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// DictType is a dictionary: a named list of values.
type DictType struct {
	bun.BaseModel `bun:"table:dict_types"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Type          string    `bun:"type" json:"type"`
	Name          string    `bun:"name" json:"name"`
	NameEN        string    `bun:"name_en" json:"name_en"`
	Builtin       bool      `bun:"builtin" json:"builtin"`
	Status        string    `bun:"status" json:"status"`
	Remark        string    `bun:"remark" json:"remark"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// DictData is one value of a dictionary, with its labels and tag colour.
type DictData struct {
	bun.BaseModel `bun:"table:dict_data"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	Type          string    `bun:"type" json:"type"`
	Value         string    `bun:"value" json:"value"`
	Label         string    `bun:"label" json:"label"`
	LabelEN       string    `bun:"label_en" json:"label_en"`
	Colour        string    `bun:"colour" json:"colour" doc:"Element Plus tag type (primary, success, warning, danger, info) or a #rrggbb colour"`
	Sort          int       `bun:"sort" json:"sort"`
	Status        string    `bun:"status" json:"status"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`
}

// Statuses of configuration rows.
const (
	StatusActive   = "active"
	StatusDisabled = "disabled"
)

// Permissions this module declares.
var Permissions = []string{
	"system:dict:read", "system:dict:create", "system:dict:update", "system:dict:delete",
	"system:setting:read", "system:setting:update",
}
