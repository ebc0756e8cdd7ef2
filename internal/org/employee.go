package org

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/iam"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// EmployeeFilter filters the employee list.
type EmployeeFilter struct {
	api.Page
	Q            string `query:"q" doc:"matches name, employee no. or email"`
	DepartmentID int64  `query:"department_id" doc:"this department and all below it"`
	PositionID   int64  `query:"position_id"`
	Status       string `query:"status" enum:"active,probation,leave,left,"`
}

func (s *Service) employeeQuery(ctx context.Context, idb bun.IDB, dst any) *bun.SelectQuery {
	q := idb.NewSelect().Model(dst).
		ColumnExpr("e.*").
		ColumnExpr("d.name AS department_name, p.name AS position_name, m.name AS manager_name, u.username AS username").
		Join("LEFT JOIN departments AS d ON d.id = e.department_id").
		Join("LEFT JOIN positions AS p ON p.id = e.position_id").
		Join("LEFT JOIN employees AS m ON m.id = e.manager_id").
		Join("LEFT JOIN users AS u ON u.id = e.user_id")
	return auth.Filter(ctx, q, "e.id", auth.EmployeeSet)
}

// ListEmployees returns a page of the employees the caller may see, phones masked.
func (s *Service) ListEmployees(ctx context.Context, f EmployeeFilter) ([]Employee, int, error) {
	var items []Employee
	q := s.employeeQuery(ctx, s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(e.name) LIKE ? OR lower(e.employee_no) LIKE ? OR lower(e.email) LIKE ?)", like, like, like)
	}
	if f.DepartmentID != 0 {
		sub, err := s.subtree(ctx, s.db.R, f.DepartmentID)
		if err != nil {
			return nil, 0, err
		}
		q = q.Where("e.department_id IN (?)", bun.In(sub))
	}
	if f.PositionID != 0 {
		q = q.Where("e.position_id = ?", f.PositionID)
	}
	if f.Status != "" {
		q = q.Where("e.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "e.id", "employee_no": "e.employee_no", "name": "e.name", "hire_date": "e.hire_date"}, "employee_no")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list employees")
	}
	if err := s.fillLogins(ctx, items); err != nil {
		return nil, 0, err
	}
	return items, int(n), nil
}

func (s *Service) fillLogins(ctx context.Context, items []Employee) error {
	var uids []int64
	for i := range items {
		items[i].Phone = MaskPhone(items[i].Phone)
		items[i].RoleIDs = []int64{}
		if items[i].UserID != nil {
			uids = append(uids, *items[i].UserID)
		}
	}
	users, err := s.iam.Users(ctx, uids)
	if err != nil {
		return err
	}
	roles, err := s.iam.UserRoleIDs(ctx, uids)
	if err != nil {
		return err
	}
	for i := range items {
		if id := items[i].UserID; id != nil {
			items[i].LoginEnabled = users[*id].Status == iam.UserActive
			if r := roles[*id]; r != nil {
				items[i].RoleIDs = r
			}
		}
	}
	return nil
}

// Employee returns one employee in the caller's scope, phone masked. Errors: not_found.
func (s *Service) Employee(ctx context.Context, id int64) (Employee, error) {
	e, err := s.employee(ctx, s.db.R, id)
	if err != nil {
		return e, err
	}
	items := []Employee{e}
	err = s.fillLogins(ctx, items)
	return items[0], err
}

func (s *Service) employee(ctx context.Context, idb bun.IDB, id int64) (Employee, error) {
	var e Employee
	err := s.employeeQuery(ctx, idb, &e).Where("e.id = ?", id).Scan(ctx)
	return e, db.NotFound(err, "employee", id)
}

// RevealPhone returns an employee's full phone number and audits the reveal.
// Errors: not_found.
func (s *Service) RevealPhone(ctx context.Context, id int64) (string, error) {
	var phone string
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		e, err := s.employee(ctx, tx, id)
		if err != nil {
			return err
		}
		phone = e.Phone
		trail.Change(ctx, "employee.phone_reveal", id, nil, map[string]any{"field": "phone"})
		return nil
	})
	return phone, err
}

func (s *Service) validateEmployee(ctx context.Context, tx bun.IDB, e *Employee) error {
	var v apperr.Validation
	e.Name, e.EmployeeNo = strings.TrimSpace(e.Name), strings.TrimSpace(e.EmployeeNo)
	e.Phone, e.Email = strings.TrimSpace(e.Phone), strings.TrimSpace(e.Email)
	if e.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	if e.EmployeeNo == "" {
		v.Reject("body.employee_no", apperr.Required(), "employee number is required")
	}
	if e.Phone != "" && strings.Trim(e.Phone, "0123456789+- ") != "" {
		v.Reject("body.phone", apperr.Format("phone"), "phone may contain only digits, spaces, + and -")
	}
	if e.Email != "" {
		if _, err := mail.ParseAddress(e.Email); err != nil {
			v.Reject("body.email", apperr.Format("email"), "not an email address")
		}
	}
	if e.HireDate != "" {
		if _, err := time.Parse(time.DateOnly, e.HireDate); err != nil {
			v.Reject("body.hire_date", apperr.Format("date"), "hire date must be YYYY-MM-DD")
		}
	}
	if e.Status == "" {
		e.Status = "active"
	} else if !slices.Contains(EmployeeStatuses, e.Status) {
		v.Reject("body.status", apperr.OneOf(EmployeeStatuses...), "status must be one of %s", strings.Join(EmployeeStatuses, ", "))
	}
	if _, err := s.department(ctx, tx, e.DepartmentID); err != nil {
		v.Reject("body.department_id", apperr.Missing(e.DepartmentID), "department %d does not exist or is outside your scope", e.DepartmentID)
	}
	if e.PositionID != nil {
		if ok, _ := tx.NewSelect().Model((*Position)(nil)).Where("id = ?", *e.PositionID).Exists(ctx); !ok {
			v.Reject("body.position_id", apperr.Missing(*e.PositionID), "position %d does not exist", *e.PositionID)
		}
	}
	if e.ManagerID != nil {
		if *e.ManagerID == e.ID {
			v.Reject("body.manager_id", apperr.Because("own_manager", nil), "an employee cannot be their own manager")
		} else if ok, _ := tx.NewSelect().Model((*Employee)(nil)).Where("id = ?", *e.ManagerID).Exists(ctx); !ok {
			v.Reject("body.manager_id", apperr.Missing(*e.ManagerID), "employee %d does not exist", *e.ManagerID)
		}
	}
	return v.Err()
}

// CreateEmployee adds an employee, optionally with a login. Errors: invalid
// (including a taken employee number or username).
func (s *Service) CreateEmployee(ctx context.Context, e Employee, login *iam.Login) (Employee, error) {
	var out Employee
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		e.ID, e.UserID = 0, nil
		if err := s.validateEmployee(ctx, tx, &e); err != nil {
			return err
		}
		if login != nil {
			if login.Name == "" {
				login.Name = e.Name
			}
			u, err := s.iam.SaveLogin(ctx, tx, 0, *login)
			if err != nil {
				return err
			}
			e.UserID = &u.ID
		}
		now := s.now()
		e.Version, e.CreatedAt, e.UpdatedAt = 1, now, now
		if _, err := tx.NewInsert().Model(&e).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.employee_no", apperr.Taken(e.EmployeeNo), "employee number %q is taken", e.EmployeeNo)
			}
			return apperr.Wrap(err, "create employee")
		}
		var err error
		if out, err = s.employeeAfterWrite(ctx, tx, e.ID); err != nil {
			return err
		}
		trail.Change(ctx, "employee", e.ID, nil, out)
		return nil
	})
	return out, err
}

// employeeAfterWrite reloads a written employee without the scope filter:
// a user may create someone in a sub-department they see but the new id is
// not in the principal's pre-resolved set yet.
func (s *Service) employeeAfterWrite(ctx context.Context, tx bun.IDB, id int64) (Employee, error) {
	e, err := s.employee(auth.With(ctx, nil), tx, id)
	if err != nil {
		return e, err
	}
	e.Phone = MaskPhone(e.Phone)
	return e, nil
}

// UpdateEmployee changes an employee's record. Errors: invalid, not_found, conflict.
func (s *Service) UpdateEmployee(ctx context.Context, id int64, e Employee) (Employee, error) {
	var out Employee
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.employee(ctx, tx, id)
		if err != nil {
			return err
		}
		e.ID = id
		if err := s.validateEmployee(ctx, tx, &e); err != nil {
			return err
		}
		e.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &e, "employee", id, e.Version,
			"employee_no", "name", "phone", "email", "department_id", "position_id", "manager_id", "hire_date", "status", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.employee_no", apperr.Taken(e.EmployeeNo), "employee number %q is taken", e.EmployeeNo)
			}
			return err
		}
		if out, err = s.employeeAfterWrite(ctx, tx, id); err != nil {
			return err
		}
		cur.Phone = MaskPhone(cur.Phone)
		trail.Change(ctx, "employee", id, cur, out)
		return nil
	})
	return out, err
}

// SetLogin gives an employee a login or changes it (username, password,
// roles, enabled). Errors: invalid, not_found.
func (s *Service) SetLogin(ctx context.Context, id int64, login iam.Login) (Employee, error) {
	var out Employee
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.employee(ctx, tx, id)
		if err != nil {
			return err
		}
		if login.Name == "" {
			login.Name = cur.Name
		}
		var uid int64
		if cur.UserID != nil {
			uid = *cur.UserID
		}
		u, err := s.iam.SaveLogin(ctx, tx, uid, login)
		if err != nil {
			return err
		}
		if uid == 0 {
			if _, err := tx.NewUpdate().Model((*Employee)(nil)).Set("user_id = ?", u.ID).Set("version = version + 1").Where("id = ?", id).Exec(ctx); err != nil {
				return apperr.Wrap(err, "link login")
			}
		}
		out, err = s.employeeAfterWrite(ctx, tx, id)
		return err
	})
	if err != nil {
		return out, err
	}
	items := []Employee{out}
	err = s.fillLogins(ctx, items)
	return items[0], err
}

// DeleteEmployee removes an employee and disables their login (the login
// row stays for the audit trail). Errors: not_found, invalid (still a
// manager or department head).
func (s *Service) DeleteEmployee(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.employee(ctx, tx, id)
		if err != nil {
			return err
		}
		if p := auth.From(ctx); p != nil && p.EmployeeID == id {
			return apperr.Refuse(apperr.Invalid, apperr.Because("delete_self", nil), "you cannot delete your own employee record")
		}
		if n, _ := tx.NewSelect().Model((*Employee)(nil)).Where("manager_id = ?", id).Count(ctx); n > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("employee_manages", apperr.P{"name": cur.Name, "count": n}), "%s manages %d employees; give them another manager first", cur.Name, n)
		}
		if _, err := tx.NewUpdate().Model((*Department)(nil)).Set("leader_id = NULL").Where("leader_id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "clear department head")
		}
		if _, err := tx.NewDelete().Model((*Employee)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete employee")
		}
		if cur.UserID != nil {
			if _, err := s.iam.SaveLogin(ctx, tx, *cur.UserID, iam.Login{Username: cur.Username, Name: cur.Name, Enabled: false}); err != nil {
				return err
			}
		}
		cur.Phone = MaskPhone(cur.Phone)
		trail.Change(ctx, "employee", id, cur, nil)
		return nil
	})
}

// EmployeeByUser returns the employee linked to a login. Errors: not_found.
func (s *Service) EmployeeByUser(ctx context.Context, userID int64) (Employee, error) {
	var e Employee
	err := s.db.R.NewSelect().Model(&e).Where("user_id = ?", userID).Scan(ctx)
	return e, db.NotFound(err, "employee of user", userID)
}
