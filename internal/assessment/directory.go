package assessment

import (
	"context"
	"slices"

	"ecomops/internal/learning"
	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// directory is a snapshot of the organisation read through org's service,
// for names in lists and reports, audience validation and report groups. It is read in a system
// context: who belongs to an audience is not a matter of the caller's data
// scope (what is shown to the caller is filtered where it is shown).
type directory struct {
	emps  map[int64]org.Employee
	depts map[int64]string
	posts map[int64]string
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
	d := &directory{emps: map[int64]org.Employee{}, depts: map[int64]string{}, posts: map[int64]string{}}
	for _, p := range posts {
		d.posts[p.ID] = p.Name
	}
	for _, e := range emps {
		d.emps[e.ID] = e
	}
	for _, x := range depts {
		d.depts[x.ID] = x.Name
	}
	return d, nil
}

// active reports whether an employee still works here (active or on probation).
func active(e org.Employee) bool { return e.Status == "active" || e.Status == "probation" }

func (d *directory) name(id int64) string { return d.emps[id].Name }

func (d *directory) deptName(id int64) string { return d.depts[d.emps[id].DepartmentID] }

// validate adds field errors for audience ids that do not exist.
func (d *directory) validate(v *apperr.Validation, loc string, a Audience) {
	for _, id := range a.EmployeeIDs {
		if _, ok := d.emps[id]; !ok {
			v.Reject(loc+".employee_ids", apperr.Missing(id), "employee %d does not exist", id)
		}
	}
	for _, id := range a.DepartmentIDs {
		if _, ok := d.depts[id]; !ok {
			v.Reject(loc+".department_ids", apperr.Missing(id), "department %d does not exist", id)
		}
	}
	for _, id := range a.PositionIDs {
		if _, ok := d.posts[id]; !ok {
			v.Reject(loc+".position_ids", apperr.Missing(id), "position %d does not exist", id)
		}
	}
}

// member is what audience checks need to know of one employee: the
// employee and the department tree (both read in a system context).
type member struct {
	emp     org.Employee
	parents map[int64]int64 // department -> parent
}

// memberOf loads an employee for audience checks. Errors: not_found.
func (s *Service) memberOf(ctx context.Context, id int64) (*member, error) {
	ctx = systemCtx(ctx)
	e, err := s.org.Employee(ctx, id)
	if err != nil {
		return nil, err
	}
	depts, err := s.org.ListDepartments(ctx, org.DepartmentFilter{})
	if err != nil {
		return nil, err
	}
	m := &member{emp: e, parents: map[int64]int64{}}
	for _, d := range depts {
		if d.ParentID != nil {
			m.parents[d.ID] = *d.ParentID
		}
	}
	return m, nil
}

// inDepartment reports whether the member works in dept or below it.
func (m *member) inDepartment(dept int64) bool {
	for d, hops := m.emp.DepartmentID, 0; d != 0 && hops < 100; d, hops = m.parents[d], hops+1 {
		if d == dept {
			return true
		}
	}
	return false
}

// inAudience reports whether the member may take exam e (see Audience):
// active, and named, in a named department (or below) or holding a named
// position; for an exam without audience, enrolled in its session, or
// anyone active. It reads only the member and, for session exams, the
// session's enrolments, so starting an attempt stays cheap in a large
// company.
func (s *Service) inAudience(ctx context.Context, m *member, e Exam) (bool, error) {
	if !active(m.emp) {
		return false, nil
	}
	a := e.Audience
	if !a.empty() {
		if slices.Contains(a.EmployeeIDs, m.emp.ID) || (m.emp.PositionID != nil && slices.Contains(a.PositionIDs, *m.emp.PositionID)) {
			return true, nil
		}
		return slices.ContainsFunc(a.DepartmentIDs, m.inDepartment), nil
	}
	if e.SessionID != nil && s.Learning != nil {
		ens, err := s.attendees(systemCtx(ctx), *e.SessionID)
		if err != nil {
			return false, err
		}
		return slices.ContainsFunc(ens, func(en learning.Enrolment) bool { return en.EmployeeID == m.emp.ID }), nil
	}
	return true, nil
}
