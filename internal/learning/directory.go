package learning

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/auth"
)

// directory is a read-only snapshot of the organisation, taken through
// org's service without the data-scope filter: names beside rows the
// caller may already see, the department tree and audience expansion.
// Scope checks are made separately against the caller's principal.
type directory struct {
	emps     map[int64]org.Employee
	depts    map[int64]org.Department
	children map[int64][]int64
}

func (s *Service) directory(ctx context.Context) (*directory, error) {
	sys := auth.With(ctx, nil)
	emps, _, err := s.org.ListEmployees(sys, org.EmployeeFilter{Page: api.Page{Sort: "id"}})
	if err != nil {
		return nil, err
	}
	depts, err := s.org.ListDepartments(sys, org.DepartmentFilter{})
	if err != nil {
		return nil, err
	}
	d := &directory{emps: map[int64]org.Employee{}, depts: map[int64]org.Department{}, children: map[int64][]int64{}}
	for _, e := range emps {
		d.emps[e.ID] = e
	}
	for _, dep := range depts {
		d.depts[dep.ID] = dep
		if dep.ParentID != nil {
			d.children[*dep.ParentID] = append(d.children[*dep.ParentID], dep.ID)
		}
	}
	return d, nil
}

func (d *directory) subtree(root int64) []int64 {
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, d.children[out[i]]...)
	}
	return out
}

func (d *directory) name(id int64) string {
	if e, ok := d.emps[id]; ok {
		return e.Name
	}
	if id == 0 {
		return ""
	}
	return fmt.Sprintf("#%d", id)
}

func (d *directory) dept(id int64) (int64, string) {
	e, ok := d.emps[id]
	if !ok {
		return 0, ""
	}
	return e.DepartmentID, d.depts[e.DepartmentID].Name
}

// Audience names people, departments (each with its sub-departments) and
// positions; the union is meant.
type Audience struct {
	EmployeeIDs   []int64 `json:"employee_ids,omitempty" maxItems:"2000"`
	DepartmentIDs []int64 `json:"department_ids,omitempty" maxItems:"200"`
	PositionIDs   []int64 `json:"position_ids,omitempty" maxItems:"200"`
}

// Empty reports whether the audience names nobody.
func (a Audience) Empty() bool {
	return len(a.EmployeeIDs) == 0 && len(a.DepartmentIDs) == 0 && len(a.PositionIDs) == 0
}

// expand returns the sorted ids of the current (not "left") employees the
// audience names that the caller's data scope shows; unknown ids and people
// outside the scope are left out and counted in skipped.
func (d *directory) expand(ctx context.Context, a Audience) (ids []int64, skipped int) {
	in := map[int64]bool{}
	for _, id := range a.EmployeeIDs {
		in[id] = true
		if _, ok := d.emps[id]; !ok {
			skipped++
		}
	}
	depts := map[int64]bool{}
	for _, root := range a.DepartmentIDs {
		for _, id := range d.subtree(root) {
			depts[id] = true
		}
	}
	for id, e := range d.emps {
		if e.Status == "left" {
			continue
		}
		if in[id] || depts[e.DepartmentID] || (e.PositionID != nil && slices.Contains(a.PositionIDs, *e.PositionID)) {
			if auth.Sees(ctx, id, auth.EmployeeSet) {
				ids = append(ids, id)
			} else {
				skipped++
			}
		}
	}
	slices.Sort(ids)
	return ids, skipped
}

// inDepartment returns the employees of dept and the departments below it.
func (d *directory) inDepartment(dept int64) []int64 {
	set := map[int64]bool{}
	for _, id := range d.subtree(dept) {
		set[id] = true
	}
	out := []int64{}
	for id, e := range d.emps {
		if set[e.DepartmentID] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// scoped narrows q to rows whose employee column the caller's data scope
// shows; ids outside it read as not found.
func scoped(ctx context.Context, q *bun.SelectQuery, column string) *bun.SelectQuery {
	return auth.Filter(ctx, q, column, auth.EmployeeSet)
}

// seesEmployee reports whether the caller's data scope shows the employee.
func seesEmployee(ctx context.Context, id int64) bool { return auth.Sees(ctx, id, auth.EmployeeSet) }
