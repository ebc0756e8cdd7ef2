package learning

import (
	"context"
	"slices"

	"ecomops/internal/platform/apperr"
)

// Ratio is a rate with its parts, so every figure is explainable.
type Ratio struct {
	Numerator   int64   `json:"numerator"`
	Denominator int64   `json:"denominator"`
	Value       float64 `json:"value" doc:"numerator / denominator; 0 when the denominator is 0"`
}

func ratio(n, d int64) Ratio {
	r := Ratio{Numerator: n, Denominator: d}
	if d != 0 {
		r.Value = float64(n) / float64(d)
	}
	return r
}

// CostLine is the external-training spend of one plan item or category
// against its budget.
type CostLine struct {
	PlanItemID  *int64 `json:"plan_item_id,omitempty"`
	Title       string `json:"title,omitempty"`
	Category    string `json:"category"`
	Requests    int    `json:"requests" doc:"approved requests counted"`
	SpentFen    int64  `json:"spent_fen" doc:"sum of cost_fen of approved, attended and completed requests"`
	BudgetFen   *int64 `json:"budget_fen" doc:"from the annual plan; null when the plan is not linked"`
	RemainFen   *int64 `json:"remaining_fen"`
	BudgetShare *Ratio `json:"budget_used,omitempty" doc:"spent / budget"`
}

// CostReport is the year's external-training spend.
type CostReport struct {
	Year        int        `json:"year"`
	PlanLinked  bool       `json:"plan_linked" doc:"false until the annual plan is wired: budgets are then unknown"`
	ByPlanItem  []CostLine `json:"by_plan_item"`
	ByCategory  []CostLine `json:"by_category"`
	UnplannedFn int64      `json:"unplanned_fen" doc:"spend on requests linked to no plan item"`
	TotalFen    int64      `json:"total_fen"`
}

// Costs sums the approved external-training costs of a year (by start
// date) per plan item and per category, against the plan's budgets when
// the plan is linked. Company-wide: budgets are not data-scoped.
func (s *Service) Costs(ctx context.Context, year int) (CostReport, error) {
	rep := CostReport{Year: year, PlanLinked: s.Plan != nil, ByPlanItem: []CostLine{}, ByCategory: []CostLine{}}
	var rows []struct {
		PlanItemID *int64
		Category   string
		N          int
		Fen        int64
	}
	err := s.db.R.NewSelect().Model((*External)(nil)).ColumnExpr("x.plan_item_id, x.category, count(*) AS n, coalesce(sum(x.cost_fen), 0) AS fen").
		Where("x.status IN ('approved','attended','completed')").Where("x.starts_on >= ? AND x.starts_on <= ?", yearStart(year), yearEnd(year)).
		GroupExpr("x.plan_item_id, x.category").Scan(ctx, &rows)
	if err != nil {
		return rep, apperr.Wrap(err, "sum external costs")
	}
	var plan []PlanItem
	if s.Plan != nil {
		if plan, err = s.Plan.PlanItems(ctx, year); err != nil {
			return rep, err
		}
	}
	byItem, byCat := map[int64]*CostLine{}, map[string]*CostLine{}
	line := func(m map[string]*CostLine, cat string) *CostLine {
		if m[cat] == nil {
			m[cat] = &CostLine{Category: cat}
		}
		return m[cat]
	}
	for _, p := range plan {
		id, b := p.ID, p.BudgetFen
		byItem[id] = &CostLine{PlanItemID: &id, Title: p.Title, Category: p.Category, BudgetFen: &b}
		c := line(byCat, p.Category)
		c.BudgetFen = addFen(c.BudgetFen, p.BudgetFen)
	}
	for _, r := range rows {
		rep.TotalFen += r.Fen
		c := line(byCat, r.Category)
		c.Requests += r.N
		c.SpentFen += r.Fen
		if r.PlanItemID == nil {
			rep.UnplannedFn += r.Fen
			continue
		}
		it := byItem[*r.PlanItemID]
		if it == nil {
			id := *r.PlanItemID
			it = &CostLine{PlanItemID: &id, Category: r.Category}
			byItem[id] = it
		}
		it.Requests += r.N
		it.SpentFen += r.Fen
	}
	for _, it := range byItem {
		rep.ByPlanItem = append(rep.ByPlanItem, finish(*it))
	}
	for _, c := range byCat {
		rep.ByCategory = append(rep.ByCategory, finish(*c))
	}
	slices.SortFunc(rep.ByPlanItem, func(a, b CostLine) int { return int(*a.PlanItemID - *b.PlanItemID) })
	slices.SortFunc(rep.ByCategory, func(a, b CostLine) int {
		return slices.Index(Categories, a.Category) - slices.Index(Categories, b.Category)
	})
	return rep, nil
}

func addFen(p *int64, v int64) *int64 {
	n := v
	if p != nil {
		n += *p
	}
	return &n
}

func finish(c CostLine) CostLine {
	if c.BudgetFen != nil {
		rem := *c.BudgetFen - c.SpentFen
		r := ratio(c.SpentFen, *c.BudgetFen)
		c.RemainFen, c.BudgetShare = &rem, &r
	}
	return c
}
