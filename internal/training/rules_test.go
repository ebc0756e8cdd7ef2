package training

import (
	"testing"

	"ecomops/internal/org"
)

func TestGapRules(t *testing.T) {
	if g := gapOf(4, nil); g != nil {
		t.Fatalf("gap without agreed level: %v", *g)
	}
	for _, c := range []struct{ required, agreed, gap int }{{4, 2, 2}, {3, 3, 0}, {2, 4, -2}} {
		if g := gapOf(c.required, intp(c.agreed)); g == nil || *g != c.gap {
			t.Errorf("gap %d-%d = %v, want %d", c.required, c.agreed, g, c.gap)
		}
	}
	hr, mgr := 3, 2
	if l := agreedOrDefault(Rating{AgreedLevel: &hr, ManagerLevel: &mgr}); *l != 3 {
		t.Errorf("HR's agreed level wins: %d", *l)
	}
	if l := agreedOrDefault(Rating{ManagerLevel: &mgr}); *l != 2 {
		t.Errorf("manager's rating is the default: %d", *l)
	}
	if l := agreedOrDefault(Rating{SelfLevel: &hr}); l != nil {
		t.Errorf("a self rating alone is no agreed level: %d", *l)
	}
	if gapPriority(1) != "medium" || gapPriority(2) != "high" || gapPriority(3) != "high" {
		t.Error("gap priority")
	}
}

func TestNeedStatusFromItems(t *testing.T) {
	for _, c := range []struct {
		items []string
		want  string
	}{
		{nil, NeedOpen},
		{[]string{ItemCancelled}, NeedOpen},
		{[]string{ItemPlanned}, NeedPlanned},
		{[]string{ItemCancelled, ItemScheduled}, NeedPlanned},
		{[]string{ItemPlanned, ItemDelivered}, NeedMet},
	} {
		if got := needStatusFromItems(c.items); got != c.want {
			t.Errorf("%v: %s, want %s", c.items, got, c.want)
		}
	}
}

func TestPlanWorkflowRules(t *testing.T) {
	ok := []struct{ from, action, to string }{
		{PlanDraft, "submit", PlanSubmitted}, {PlanRejected, "submit", PlanSubmitted},
		{PlanSubmitted, "approve", PlanApproved}, {PlanSubmitted, "reject", PlanRejected},
	}
	for _, c := range ok {
		if to, err := nextStatus(c.from, c.action, "why"); err != nil || to != c.to {
			t.Errorf("%s %s: %s %v", c.from, c.action, to, err)
		}
	}
	for _, c := range []struct{ from, action string }{
		{PlanDraft, "approve"}, {PlanDraft, "reject"}, {PlanApproved, "submit"}, {PlanApproved, "reject"}, {PlanSubmitted, "submit"}, {PlanRejected, "approve"},
	} {
		if _, err := nextStatus(c.from, c.action, "why"); err == nil {
			t.Errorf("%s %s allowed", c.from, c.action)
		}
	}
	if _, err := nextStatus(PlanSubmitted, "reject", " "); fieldOf(err) != "body.comment" {
		t.Errorf("reject without comment: %v", err)
	}
	if itemTransitionAllowed(ItemDelivered, ItemCancelled) == nil || itemTransitionAllowed(ItemCancelled, ItemDelivered) == nil {
		t.Error("delivered items are not cancelled, cancelled items are not delivered")
	}
	if itemTransitionAllowed(ItemPlanned, ItemDelivered) != nil || itemTransitionAllowed(ItemCancelled, ItemPlanned) != nil {
		t.Error("planned -> delivered and reinstating a cancelled item are allowed")
	}
}

func TestDueDate(t *testing.T) {
	for _, c := range []struct {
		it   PlanItem
		want string
	}{
		{PlanItem{TargetMonth: 2}, "2026-02-28"},
		{PlanItem{TargetMonth: 12}, "2026-12-31"},
		{PlanItem{TargetMonth: 3, StartDate: "2026-03-10"}, "2026-03-10"},
		{PlanItem{StartDate: "2026-03-10", EndDate: "2026-03-12"}, "2026-03-12"},
		{PlanItem{}, ""},
	} {
		if got := dueDate(2026, c.it); got != c.want {
			t.Errorf("%+v: %s, want %s", c.it, got, c.want)
		}
	}
}

// TestCompletionOf: delivered / due, due = due date <= as-of (or delivered
// early), cancelled items excluded, a delivery after as-of not yet counted.
func TestCompletionOf(t *testing.T) {
	items := []PlanItem{
		{ID: 1, Year: 2026, TargetMonth: 1, Status: ItemDelivered, DeliveredDate: "2026-01-20"},
		{ID: 2, Year: 2026, TargetMonth: 2, Status: ItemScheduled},
		{ID: 3, Year: 2026, TargetMonth: 3, Status: ItemCancelled},
		{ID: 4, Year: 2026, TargetMonth: 6, Status: ItemDelivered, DeliveredDate: "2026-04-02"},
		{ID: 5, Year: 2026, TargetMonth: 9, Status: ItemPlanned},
		{ID: 6, Year: 2026, StartDate: "2026-03-05", Status: ItemDelivered, DeliveredDate: "2026-03-20"},
	}
	c := completionOf(items, "", "2026-03-31")
	// due: 1, 2, 6 (due 03-05); 4 is not due but delivered late? no: delivered 04-02 after as-of
	if c.Numerator != 2 || c.Denominator != 3 || c.Value == nil || *c.Value < 0.66 || *c.Value > 0.67 {
		t.Fatalf("as of 03-31: %+v", c)
	}
	c = completionOf(items, "", "2026-04-30")
	// item 4 delivered early (due in June) joins numerator and denominator
	if c.Numerator != 3 || c.Denominator != 4 {
		t.Fatalf("as of 04-30: %+v", c)
	}
	c = completionOf(items, "2026-02-01", "2026-03-31")
	if c.Numerator != 1 || c.Denominator != 2 {
		t.Fatalf("Feb-Mar: %+v", c)
	}
	if c := completionOf(nil, "", "2026-01-01"); c.Value != nil || c.Denominator != 0 {
		t.Fatalf("nothing due: %+v", c)
	}
}

// TestNeedTopicAggregate: needs group by topic ignoring case and spaces;
// people count once per topic, in their department and position; whole
// departments and positions are flagged.
func TestNeedTopicAggregate(t *testing.T) {
	ops, cs := int64(1), int64(2)
	dir := &directory{
		emps: map[int64]org.Employee{10: {ID: 10, DepartmentID: 100, PositionID: &ops}, 11: {ID: 11, DepartmentID: 100, PositionID: &ops},
			12: {ID: 12, DepartmentID: 200, PositionID: &cs}},
		depts: map[int64]org.Department{100: {ID: 100, Name: "天猫组"}, 200: {ID: 200, Name: "客服部"}},
		pos:   map[int64]org.Position{1: {ID: 1, Name: "运营专员"}, 2: {ID: 2, Name: "客服专员"}},
	}
	acc := newTopicAcc("数据分析")
	for _, n := range []Need{
		{ID: 1, Topic: "数据分析", Source: SourceGap, Status: NeedOpen, Priority: "medium", Audience: Audience{EmployeeIDs: []int64{10}}},
		{ID: 2, Topic: " 数据分析", Source: SourceSurvey, Status: NeedPlanned, Priority: "low", Audience: Audience{EmployeeIDs: []int64{10, 11}}},
		{ID: 3, Topic: "数据分析", Source: SourceManager, Status: NeedOpen, Priority: "high", Audience: Audience{DepartmentIDs: []int64{200}, PositionIDs: []int64{1}}},
	} {
		acc.add(dir, n)
	}
	got := acc.result()
	if got.Needs != 3 || got.Open != 2 || got.Planned != 1 || got.People != 2 || got.Priority != "high" || got.BySource[SourceGap] != 1 {
		t.Fatalf("topic: %+v", got)
	}
	if len(got.Departments) != 2 || got.Departments[0].Name != "天猫组" || got.Departments[0].People != 2 || got.Departments[0].Needs != 2 ||
		!got.Departments[1].Whole || got.Departments[1].People != 0 {
		t.Fatalf("departments: %+v", got.Departments)
	}
	if len(got.Positions) != 1 || got.Positions[0].Needs != 3 || !got.Positions[0].Whole || got.Positions[0].People != 2 {
		t.Fatalf("positions: %+v", got.Positions)
	}
}
