package assessment

import (
	"context"
	"slices"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// directory is a snapshot of the organisation read through org's service,
// for audience resolution and names in reports. It is read in a system
// context: who belongs to an audience is not a matter of the caller's data
// scope (what is shown to the caller is filtered where it is shown).
type directory struct {
	emps     map[int64]org.Employee
	children map[int64][]int64
	depts    map[int64]string
	posts    map[int64]string
}

func (s *Service) directory(ctx context.Context) (*directory, error) {
	ctx = systemCtx(ctx)
	emps, _, err := s.org.ListEmployees(ctx, org.EmployeeFilter{Page: api.Page{Sort: "id"}.ForExport()})
	if err != nil {
		return nil, err
	}
	depts, err := s.org.ListDepartments(ctx, org.DepartmentFilter{})
	if err != nil {
		return nil, err
	}
	posts, _, err := s.org.ListPositions(ctx, org.PositionFilter{Page: api.Page{Sort: "id"}.ForExport()})
	if err != nil {
		return nil, err
	}
	d := &directory{emps: map[int64]org.Employee{}, children: map[int64][]int64{}, depts: map[int64]string{}, posts: map[int64]string{}}
	for _, p := range posts {
		d.posts[p.ID] = p.Name
	}
	for _, e := range emps {
		d.emps[e.ID] = e
	}
	for _, x := range depts {
		d.depts[x.ID] = x.Name
		if x.ParentID != nil {
			d.children[*x.ParentID] = append(d.children[*x.ParentID], x.ID)
		}
	}
	return d, nil
}

// active reports whether an employee still works here (active or on probation).
func active(e org.Employee) bool { return e.Status == "active" || e.Status == "probation" }

// subtree returns root and the departments below it.
func (d *directory) subtree(root int64) []int64 {
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		out = append(out, d.children[out[i]]...)
	}
	return out
}

// resolve returns the sorted ids of the active employees in a.
func (d *directory) resolve(a Audience) []int64 {
	depts := map[int64]bool{}
	for _, id := range a.DepartmentIDs {
		for _, x := range d.subtree(id) {
			depts[x] = true
		}
	}
	var out []int64
	for id, e := range d.emps {
		if !active(e) {
			continue
		}
		in := slices.Contains(a.EmployeeIDs, id) || depts[e.DepartmentID] ||
			(e.PositionID != nil && slices.Contains(a.PositionIDs, *e.PositionID))
		if in {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// everyone returns the sorted ids of every active employee.
func (d *directory) everyone() []int64 {
	var out []int64
	for id, e := range d.emps {
		if active(e) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (d *directory) name(id int64) string { return d.emps[id].Name }

func (d *directory) deptName(id int64) string { return d.depts[d.emps[id].DepartmentID] }

// validate adds field errors for audience ids that do not exist.
func (d *directory) validate(v *apperr.Validation, loc string, a Audience) {
	for _, id := range a.EmployeeIDs {
		if _, ok := d.emps[id]; !ok {
			v.Add(loc+".employee_ids", "employee %d does not exist", id)
		}
	}
	for _, id := range a.DepartmentIDs {
		if _, ok := d.depts[id]; !ok {
			v.Add(loc+".department_ids", "department %d does not exist", id)
		}
	}
	for _, id := range a.PositionIDs {
		if _, ok := d.posts[id]; !ok {
			v.Add(loc+".position_ids", "position %d does not exist", id)
		}
	}
}

// examAudience returns the ids of the employees an exam is for (see Audience).
func (s *Service) examAudience(ctx context.Context, dir *directory, e Exam) ([]int64, error) {
	if !e.Audience.empty() {
		return dir.resolve(e.Audience), nil
	}
	if e.SessionID != nil && s.Learning != nil {
		ens, err := s.attendees(systemCtx(ctx), *e.SessionID)
		if err != nil {
			return nil, err
		}
		var out []int64
		for _, en := range ens {
			if e, ok := dir.emps[en.EmployeeID]; ok && active(e) {
				out = append(out, en.EmployeeID)
			}
		}
		slices.Sort(out)
		return slices.Compact(out), nil
	}
	return dir.everyone(), nil
}
