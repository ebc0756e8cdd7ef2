package training

import (
	"context"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
)

// Roles a caller has on a sheet.
const (
	RoleSelf     = "self"
	RoleManager  = "manager"
	RoleReviewer = "reviewer" // HR / anyone reading through training:assessment:read
)

// ParticipantFilter filters a round's participants (data-scoped by employee).
type ParticipantFilter struct {
	api.Page
	DepartmentID int64  `query:"department_id" doc:"this department and below"`
	PositionID   int64  `query:"position_id"`
	Q            string `query:"q" doc:"matches the employee's name"`
	Pending      string `query:"pending" enum:"self,manager," doc:"only sheets whose self or manager rating is not submitted"`
}

// ListParticipants returns a page of the round's participants the caller may
// see, with their number of gaps. Errors: not_found (round).
func (s *Service) ListParticipants(ctx context.Context, roundID int64, f ParticipantFilter) ([]Participant, int, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return nil, 0, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, 0, err
	}
	var items []Participant
	q := auth.Filter(ctx, s.db.R.NewSelect().Model(&items).Where("ap.round_id = ?", roundID), "ap.employee_id", auth.EmployeeSet)
	if f.DepartmentID != 0 {
		q = q.Where("ap.department_id IN (?)", bun.In(dir.subtree(f.DepartmentID)))
	}
	if f.PositionID != 0 {
		q = q.Where("ap.position_id = ?", f.PositionID)
	}
	if f.Q != "" {
		var ids []int64
		for id, e := range dir.emps {
			if strings.Contains(strings.ToLower(e.Name), strings.ToLower(f.Q)) {
				ids = append(ids, id)
			}
		}
		q = q.Where("ap.employee_id IN (?)", bun.In(nonEmpty(ids)))
	}
	switch f.Pending {
	case "self":
		q = q.Where("ap.self_submitted_at IS NULL")
	case "manager":
		q = q.Where("ap.manager_submitted_at IS NULL")
	}
	q, err = api.Order(q, f.Sort, map[string]string{"id": "ap.id", "employee_id": "ap.employee_id", "department_id": "ap.department_id"}, "id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list participants")
	}
	threshold, err := s.roundThreshold(ctx, r)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	ratings, err := s.loadRatings(ctx, s.db.R, ids)
	if err != nil {
		return nil, 0, err
	}
	for i := range items {
		nameParticipant(dir, &items[i])
		for _, x := range ratings[items[i].ID] {
			if g := effectiveGap(r, x); g != nil && *g >= threshold {
				items[i].Gaps++
			}
		}
	}
	return items, int(n), nil
}

// roundThreshold is the threshold a round's gaps are judged by: its own once
// closed, the current setting before.
func (s *Service) roundThreshold(ctx context.Context, r Round) (int, error) {
	if r.Status == RoundClosed {
		return r.GapThreshold, nil
	}
	st, err := s.Settings(ctx)
	return st.GapThreshold, err
}

// effectiveGap is the stored gap of a closed round, the provisional one
// (from HR's agreed level or the manager's rating) before.
func effectiveGap(r Round, x Rating) *int {
	if r.Status == RoundClosed {
		return x.Gap
	}
	return gapOf(x.RequiredLevel, agreedOrDefault(x))
}

func nameParticipant(dir *directory, p *Participant) {
	p.EmployeeName, p.DepartmentName, p.PositionName = dir.employeeName(p.EmployeeID), dir.deptName(p.DepartmentID), dir.positionName(p.PositionID)
	if p.ManagerID != nil {
		p.ManagerName = dir.employeeName(*p.ManagerID)
	}
}

// loadRatings returns the ratings of the participants with their
// competencies' names and level descriptions, in model order.
func (s *Service) loadRatings(ctx context.Context, idb bun.IDB, pids []int64) (map[int64][]Rating, error) {
	out := map[int64][]Rating{}
	if len(pids) == 0 {
		return out, nil
	}
	var rows []Rating
	if err := idb.NewSelect().Model(&rows).Where("ar.participant_id IN (?)", bun.In(pids)).OrderExpr("ar.id").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load ratings")
	}
	var cids []int64
	for _, r := range rows {
		cids = append(cids, r.CompetencyID)
	}
	var comps []Competency
	if err := idb.NewSelect().Model(&comps).Where("c.id IN (?)", bun.In(nonEmpty(cids))).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load competencies")
	}
	byID := map[int64]Competency{}
	for _, c := range comps {
		byID[c.ID] = c
	}
	for _, r := range rows {
		c := byID[r.CompetencyID]
		r.CompetencyName, r.Category, r.Levels = c.Name, c.Category, c.Levels
		out[r.ParticipantID] = append(out[r.ParticipantID], r)
	}
	for pid := range out {
		slices.SortStableFunc(out[pid], func(a, b Rating) int {
			ca, cb := byID[a.CompetencyID], byID[b.CompetencyID]
			if ca.Sort != cb.Sort {
				return ca.Sort - cb.Sort
			}
			return int(ca.ID - cb.ID)
		})
	}
	return out, nil
}

// participant loads one participant of a round; scoped selects apply the
// caller's employee scope. Errors: not_found.
func (s *Service) participant(ctx context.Context, idb bun.IDB, roundID, pid int64, scoped bool) (Participant, error) {
	var p Participant
	q := idb.NewSelect().Model(&p).Where("ap.id = ?", pid)
	if roundID != 0 {
		q = q.Where("ap.round_id = ?", roundID)
	}
	if scoped {
		q = auth.Filter(ctx, q, "ap.employee_id", auth.EmployeeSet)
	}
	err := q.Scan(ctx)
	return p, db.NotFound(err, "assessment participant", pid)
}

// sheet builds a participant's sheet as role sees it: the person sees the
// manager's rating and the agreed level only once the round is closed; the
// manager sees the self rating once it is submitted; reviewers see all.
func (s *Service) sheet(ctx context.Context, idb bun.IDB, dir *directory, r Round, p Participant, role string) (Sheet, error) {
	ratings, err := s.loadRatings(ctx, idb, []int64{p.ID})
	if err != nil {
		return Sheet{}, err
	}
	nameParticipant(dir, &p)
	rs := ratings[p.ID]
	if rs == nil {
		rs = []Rating{}
	}
	for i := range rs {
		x := &rs[i]
		x.Gap = effectiveGap(r, *x)
		if role == RoleSelf && r.Status != RoundClosed {
			x.ManagerLevel, x.ManagerComment, x.AgreedLevel, x.Gap = nil, "", nil, nil
		}
		if role == RoleManager && p.SelfSubmittedAt == nil {
			x.SelfLevel, x.SelfComment = nil, ""
		}
	}
	return Sheet{Round: RoundRef{ID: r.ID, Name: r.Name, Status: r.Status, DueDate: r.DueDate}, Participant: p, Role: role, Ratings: rs, Radar: radarOf(rs)}, nil
}

// Sheet returns a participant's full sheet for a reviewer (data-scoped).
// Errors: not_found.
func (s *Service) Sheet(ctx context.Context, roundID, pid int64) (Sheet, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Sheet{}, err
	}
	p, err := s.participant(ctx, s.db.R, roundID, pid, true)
	if err != nil {
		return Sheet{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return Sheet{}, err
	}
	return s.sheet(ctx, s.db.R, dir, r, p, RoleReviewer)
}
