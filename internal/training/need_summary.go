package training

import (
	"context"
	"slices"
	"strings"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// NeedSummaryFilter selects the needs the planning view aggregates.
type NeedSummaryFilter struct {
	Status string `query:"status" enum:"open,planned,met," doc:"default: all"`
	Source string `query:"source" enum:"competency_gap,business_problem,survey,manager_request,"`
}

// NeedTopic aggregates the needs of one topic for planning.
type NeedTopic struct {
	Topic         string          `json:"topic"`
	CompetencyIDs []int64         `json:"competency_ids"`
	Needs         int             `json:"needs"`
	Open          int             `json:"open"`
	Planned       int             `json:"planned"`
	Met           int             `json:"met"`
	BySource      map[string]int  `json:"by_source" doc:"needs per source"`
	Priority      string          `json:"priority" doc:"the highest priority among them"`
	People        int             `json:"people" doc:"distinct people named directly"`
	Departments   []AudienceCount `json:"departments" doc:"people by their department, plus whole departments named"`
	Positions     []AudienceCount `json:"positions" doc:"people by their position, plus whole positions named"`
	NeedIDs       []int64         `json:"need_ids" doc:"the needs, e.g. to link them to a plan item"`
}

// AudienceCount is one department or position of a topic's audience.
type AudienceCount struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	People int    `json:"people" doc:"people named directly who belong here"`
	Whole  bool   `json:"whole" doc:"a need names the whole department or position"`
	Needs  int    `json:"needs" doc:"needs touching it"`
}

// NeedSummary aggregates the needs the caller may see by topic (case- and
// space-insensitive), most needs first.
func (s *Service) NeedSummary(ctx context.Context, f NeedSummaryFilter) ([]NeedTopic, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return nil, err
	}
	needs, _, err := s.ListNeeds(ctx, NeedFilter{Page: api.Page{Sort: "id"}, Status: f.Status, Source: f.Source})
	if err != nil {
		return nil, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, apperr.Wrap(err, "need summary")
	}
	byKey := map[string]*topicAcc{}
	var order []string
	for _, n := range needs {
		key := strings.ToLower(strings.Join(strings.Fields(n.Topic), " "))
		acc := byKey[key]
		if acc == nil {
			acc = newTopicAcc(n.Topic)
			byKey[key] = acc
			order = append(order, key)
		}
		acc.add(dir, n)
	}
	out := make([]NeedTopic, 0, len(order))
	for _, k := range order {
		out = append(out, byKey[k].result())
	}
	slices.SortStableFunc(out, func(a, b NeedTopic) int {
		if a.Needs != b.Needs {
			return b.Needs - a.Needs
		}
		return priorityRank(b.Priority) - priorityRank(a.Priority)
	})
	return out, nil
}

type topicAcc struct {
	t      NeedTopic
	people map[int64]bool
	depts  map[int64]*AudienceCount
	pos    map[int64]*AudienceCount
}

func newTopicAcc(topic string) *topicAcc {
	return &topicAcc{t: NeedTopic{Topic: topic, CompetencyIDs: []int64{}, BySource: map[string]int{}, NeedIDs: []int64{}},
		people: map[int64]bool{}, depts: map[int64]*AudienceCount{}, pos: map[int64]*AudienceCount{}}
}

func (a *topicAcc) add(dir *directory, n Need) {
	t := &a.t
	t.Needs++
	t.NeedIDs = append(t.NeedIDs, n.ID)
	t.BySource[n.Source]++
	switch n.Status {
	case NeedOpen:
		t.Open++
	case NeedPlanned:
		t.Planned++
	case NeedMet:
		t.Met++
	}
	if priorityRank(n.Priority) > priorityRank(t.Priority) {
		t.Priority = n.Priority
	}
	if n.CompetencyID != nil && !slices.Contains(t.CompetencyIDs, *n.CompetencyID) {
		t.CompetencyIDs = append(t.CompetencyIDs, *n.CompetencyID)
	}
	touchedD, touchedP := map[int64]bool{}, map[int64]bool{}
	count := func(m map[int64]*AudienceCount, touched map[int64]bool, id int64, name string) *AudienceCount {
		c := m[id]
		if c == nil {
			c = &AudienceCount{ID: id, Name: name}
			m[id] = c
		}
		if !touched[id] {
			touched[id] = true
			c.Needs++
		}
		return c
	}
	for _, id := range n.Audience.EmployeeIDs {
		first := !a.people[id]
		a.people[id] = true
		e, ok := dir.emps[id]
		if !ok {
			continue
		}
		if c := count(a.depts, touchedD, e.DepartmentID, dir.deptName(e.DepartmentID)); first {
			c.People++
		}
		if e.PositionID != nil {
			if c := count(a.pos, touchedP, *e.PositionID, dir.positionName(*e.PositionID)); first {
				c.People++
			}
		}
	}
	for _, id := range n.Audience.DepartmentIDs {
		count(a.depts, touchedD, id, dir.deptName(id)).Whole = true
	}
	for _, id := range n.Audience.PositionIDs {
		count(a.pos, touchedP, id, dir.positionName(id)).Whole = true
	}
}

func (a *topicAcc) result() NeedTopic {
	t := a.t
	t.People = len(a.people)
	t.Departments, t.Positions = sortedCounts(a.depts), sortedCounts(a.pos)
	return t
}

func sortedCounts(m map[int64]*AudienceCount) []AudienceCount {
	out := make([]AudienceCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b AudienceCount) int {
		if a.Needs != b.Needs {
			return b.Needs - a.Needs
		}
		return int(a.ID - b.ID)
	})
	return out
}
