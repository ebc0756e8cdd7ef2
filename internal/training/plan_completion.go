package training

import (
	"context"
	"slices"
	"time"

	"ecomops/internal/metrics"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// CompletionQuery selects what the plan completion rate counts.
type CompletionQuery struct {
	Year               int    `query:"year" doc:"plan year; default the year of as_of"`
	From               string `query:"from" doc:"YYYY-MM-DD; count only items due (or delivered) from this date; default the whole year"`
	AsOf               string `query:"as_of" doc:"YYYY-MM-DD; default today in the company time zone"`
	LecturerEmployeeID int64  `query:"lecturer_employee_id" doc:"only this internal lecturer's items; 0 = all"`
}

// Completion is the training plan completion rate (docs/METRICS.md,
// "Training"): delivered items / items due, with the items behind both
// numbers.
type Completion struct {
	Year               int    `json:"year"`
	From               string `json:"from"`
	AsOf               string `json:"as_of"`
	LecturerEmployeeID *int64 `json:"lecturer_employee_id"`
	LecturerName       string `json:"lecturer_name"`
	metrics.Ratio
	DueItemIDs       []int64 `json:"due_item_ids" doc:"the denominator's items"`
	DeliveredItemIDs []int64 `json:"delivered_item_ids" doc:"the numerator's items"`
}

// CompletionReport is the rate overall and per internal lecturer.
type CompletionReport struct {
	Overall    Completion   `json:"overall"`
	ByLecturer []Completion `json:"by_lecturer"`
}

// completionOf counts items of an approved plan (pure): an item is due when
// it is not cancelled and its due date lies in [from, asOf], or it was
// delivered in [from, asOf] (early delivery counts); it is delivered when
// its delivered date lies in [from, asOf]. An empty from means no lower
// bound.
func completionOf(items []PlanItem, from, asOf string) Completion {
	c := Completion{From: from, AsOf: asOf, DueItemIDs: []int64{}, DeliveredItemIDs: []int64{}}
	in := func(d string) bool { return d != "" && d >= from && d <= asOf }
	for _, it := range items {
		if it.Status == ItemCancelled {
			continue
		}
		delivered := it.Status == ItemDelivered && in(it.DeliveredDate)
		if !delivered && !in(dueDate(it.Year, it)) {
			continue
		}
		c.DueItemIDs = append(c.DueItemIDs, it.ID)
		if delivered {
			c.DeliveredItemIDs = append(c.DeliveredItemIDs, it.ID)
		}
	}
	c.Ratio = newRatio(len(c.DeliveredItemIDs), len(c.DueItemIDs))
	return c
}

// approvedItems loads the items of the year's plan if it is approved
// (none otherwise: only approved plans are executed).
func (s *Service) approvedItems(ctx context.Context, q *CompletionQuery) ([]PlanItem, error) {
	if q.AsOf == "" {
		q.AsOf = s.today(ctx)
	}
	asOf, err := time.Parse(time.DateOnly, q.AsOf)
	if err != nil {
		return nil, apperr.Reject("query.as_of", apperr.Format("date"), "must be YYYY-MM-DD")
	}
	if q.From != "" {
		if _, err := time.Parse(time.DateOnly, q.From); err != nil {
			return nil, apperr.Reject("query.from", apperr.Format("date"), "must be YYYY-MM-DD")
		}
	}
	if q.Year == 0 {
		q.Year = asOf.Year()
	}
	items, _, err := s.ListPlanItems(ctx, PlanItemFilter{Page: api.Page{Sort: "id"}, Year: q.Year, ApprovedOnly: true, LecturerEmployeeID: q.LecturerEmployeeID})
	return items, err
}

// PlanCompletion is the completion rate of the year's approved plan, overall
// or for one internal lecturer (trainer KPI, C1.2). Errors: invalid.
func (s *Service) PlanCompletion(ctx context.Context, q CompletionQuery) (Completion, error) {
	items, err := s.approvedItems(ctx, &q)
	if err != nil {
		return Completion{}, err
	}
	c := completionOf(items, q.From, q.AsOf)
	c.Year = q.Year
	if q.LecturerEmployeeID != 0 {
		id := q.LecturerEmployeeID
		c.LecturerEmployeeID = &id
		if dir, err := s.directory(ctx); err == nil {
			c.LecturerName = dir.employeeName(id)
		} else {
			return c, err
		}
	}
	return c, nil
}

// PlanCompletionReport is PlanCompletion overall and for every internal
// lecturer with items in the plan (lecturer_employee_id of the query is
// ignored). Errors: invalid.
func (s *Service) PlanCompletionReport(ctx context.Context, q CompletionQuery) (CompletionReport, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return CompletionReport{}, err
	}
	q.LecturerEmployeeID = 0
	items, err := s.approvedItems(ctx, &q)
	if err != nil {
		return CompletionReport{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return CompletionReport{}, err
	}
	rep := CompletionReport{Overall: completionOf(items, q.From, q.AsOf), ByLecturer: []Completion{}}
	rep.Overall.Year = q.Year
	byLecturer := map[int64][]PlanItem{}
	var ids []int64
	for _, it := range items {
		if it.LecturerEmployeeID == nil {
			continue
		}
		id := *it.LecturerEmployeeID
		if _, ok := byLecturer[id]; !ok {
			ids = append(ids, id)
		}
		byLecturer[id] = append(byLecturer[id], it)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := completionOf(byLecturer[id], q.From, q.AsOf)
		lid := id
		c.Year, c.LecturerEmployeeID, c.LecturerName = q.Year, &lid, dir.employeeName(id)
		rep.ByLecturer = append(rep.ByLecturer, c)
	}
	return rep, nil
}
