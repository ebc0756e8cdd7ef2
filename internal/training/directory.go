package training

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// directory is a read-only snapshot of the organisation taken through org's
// service with a system context (no data-scope filter): names for output,
// the department tree, managers and audience resolution. Scope checks are
// made separately against the caller's principal.
type directory struct {
	emps     map[int64]org.Employee
	depts    map[int64]org.Department
	pos      map[int64]org.Position
	children map[int64][]int64
}

func (s *Service) directory(ctx context.Context) (*directory, error) {
	if d, ok := ctx.Value(directoryKey{}).(*directory); ok {
		return d, nil
	}
	sys := auth.With(ctx, nil)
	emps, _, err := s.org.ListEmployees(sys, org.EmployeeFilter{Page: api.Page{Sort: "id"}})
	if err != nil {
		return nil, err
	}
	depts, err := s.org.ListDepartments(sys, org.DepartmentFilter{})
	if err != nil {
		return nil, err
	}
	pos, _, err := s.org.ListPositions(sys, org.PositionFilter{Page: api.Page{Sort: "sort"}})
	if err != nil {
		return nil, err
	}
	d := &directory{emps: map[int64]org.Employee{}, depts: map[int64]org.Department{}, pos: map[int64]org.Position{}, children: map[int64][]int64{}}
	for _, e := range emps {
		d.emps[e.ID] = e
	}
	for _, dep := range depts {
		d.depts[dep.ID] = dep
		if dep.ParentID != nil {
			d.children[*dep.ParentID] = append(d.children[*dep.ParentID], dep.ID)
		}
	}
	for _, p := range pos {
		d.pos[p.ID] = p
	}
	return d, nil
}

type directoryKey struct{}

// withDirectory returns ctx carrying one snapshot of the organisation, so
// that the helpers of one operation (or of the demo, which changes no
// employee) share it instead of reading org again for every step.
func (s *Service) withDirectory(ctx context.Context) (context.Context, error) {
	d, err := s.directory(ctx)
	if err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, directoryKey{}, d), nil
}

// subtree returns root and every department below it.
func (d *directory) subtree(root int64) []int64 {
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, d.children[out[i]]...)
	}
	return out
}

// active reports whether the employee is still with the company.
func active(e org.Employee) bool { return e.Status != "left" }

// resolve returns the sorted ids of the active employees an audience names.
// An empty audience names everyone when emptyIsAll, nobody otherwise.
func (d *directory) resolve(a Audience, emptyIsAll bool) []int64 {
	in := map[int64]bool{}
	for _, id := range a.EmployeeIDs {
		in[id] = true
	}
	depts := map[int64]bool{}
	for _, root := range a.DepartmentIDs {
		for _, id := range d.subtree(root) {
			depts[id] = true
		}
	}
	all := emptyIsAll && a.Empty()
	var out []int64
	for id, e := range d.emps {
		if !active(e) {
			continue
		}
		if all || in[id] || depts[e.DepartmentID] || (e.PositionID != nil && slices.Contains(a.PositionIDs, *e.PositionID)) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// reports returns the ids of the employees whose manager is id.
func (d *directory) reports(id int64) []int64 {
	var out []int64
	for _, e := range d.emps {
		if e.ManagerID != nil && *e.ManagerID == id {
			out = append(out, e.ID)
		}
	}
	slices.Sort(out)
	return out
}

func (d *directory) employeeName(id int64) string {
	if e, ok := d.emps[id]; ok {
		return e.Name
	}
	if id == 0 {
		return ""
	}
	return fmt.Sprintf("#%d", id)
}

func (d *directory) deptName(id int64) string {
	if x, ok := d.depts[id]; ok {
		return x.Name
	}
	return fmt.Sprintf("#%d", id)
}

func (d *directory) positionName(id int64) string {
	if x, ok := d.pos[id]; ok {
		return x.Name
	}
	return fmt.Sprintf("#%d", id)
}

// describe renders an audience for lists and exports: "李娜、天猫组、运营专员".
func (d *directory) describe(a Audience) string {
	var parts []string
	for _, id := range a.EmployeeIDs {
		parts = append(parts, d.employeeName(id))
	}
	for _, id := range a.DepartmentIDs {
		parts = append(parts, d.deptName(id))
	}
	for _, id := range a.PositionIDs {
		parts = append(parts, d.positionName(id))
	}
	return strings.Join(parts, "、")
}

// validate checks that every id of a names an existing employee, position or
// department; loc is the field prefix ("body.audience").
func (d *directory) validate(v *apperr.Validation, loc string, a Audience) {
	for _, id := range a.EmployeeIDs {
		if _, ok := d.emps[id]; !ok {
			v.Reject(loc+".employee_ids", apperr.Missing(id), "employee %d does not exist", id)
		}
	}
	for _, id := range a.PositionIDs {
		if _, ok := d.pos[id]; !ok {
			v.Reject(loc+".position_ids", apperr.Missing(id), "position %d does not exist", id)
		}
	}
	for _, id := range a.DepartmentIDs {
		if _, ok := d.depts[id]; !ok {
			v.Reject(loc+".department_ids", apperr.Missing(id), "department %d does not exist", id)
		}
	}
}

// withinScope reports whether a scoped caller may address the audience: every
// person and department must be in their visible sets, and whole positions
// (company-wide) need an unrestricted caller.
func withinScope(ctx context.Context, a Audience) bool {
	p := auth.From(ctx)
	if p.Unrestricted() {
		return true
	}
	if len(a.PositionIDs) > 0 {
		return false
	}
	for _, id := range a.EmployeeIDs {
		if !auth.Sees(ctx, id, auth.EmployeeSet) {
			return false
		}
	}
	for _, id := range a.DepartmentIDs {
		if !auth.Sees(ctx, id, auth.DeptSet) {
			return false
		}
	}
	return true
}

// sortedPositions returns the positions in their display order.
func sortedPositions(d *directory) []org.Position {
	out := make([]org.Position, 0, len(d.pos))
	for _, p := range d.pos {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b org.Position) int {
		if a.Sort != b.Sort {
			return a.Sort - b.Sort
		}
		return int(a.ID - b.ID)
	})
	return out
}
