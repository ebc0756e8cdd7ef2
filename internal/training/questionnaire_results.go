package training

import (
	"context"

	"ecomops/internal/metrics"
	"ecomops/internal/platform/apperr"
)

// ResponseSummary are a questionnaire's answers in aggregate. They never name a
// respondent, whether the questionnaire is anonymous or not.
type ResponseSummary struct {
	QuestionnaireID int64         `json:"questionnaire_id"`
	Title           string        `json:"title"`
	Anonymous       bool          `json:"anonymous"`
	Status          string        `json:"status"`
	ResponseRate    metrics.Ratio `json:"response_rate" doc:"invited people who responded / invited active people"`
	Responses       int           `json:"responses"`
	Items           []ItemResult  `json:"items"`
}

// ItemResult aggregates one item. Choice items fill Options; Likert and
// rating items fill Average and Distribution; text items fill Texts.
type ItemResult struct {
	ItemID       int64         `json:"item_id"`
	Sort         int           `json:"sort"`
	Kind         string        `json:"kind"`
	Prompt       string        `json:"prompt"`
	Answered     int           `json:"answered" doc:"responses that answered the item"`
	Options      []OptionCount `json:"options"`
	Average      *float64      `json:"average"`
	Distribution []ValueCount  `json:"distribution"`
	Texts        []string      `json:"texts"`
}

// OptionCount is how often an option was chosen; Share is of the responses
// that answered the item (multiple-choice shares can add up to over 1).
type OptionCount struct {
	Value string  `json:"value"`
	Label string  `json:"label"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// ValueCount is how often a point of a scale was given.
type ValueCount struct {
	Value int    `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// QuestionnaireResults aggregates the answers. Errors: not_found.
func (s *Service) QuestionnaireResults(ctx context.Context, qid int64) (ResponseSummary, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return ResponseSummary{}, err
	}
	q, err := s.Questionnaire(ctx, qid)
	if err != nil {
		return ResponseSummary{}, err
	}
	var answers []answerRow
	if err := s.db.R.NewSelect().Model(&answers).
		Where("qa.response_id IN (SELECT id FROM questionnaire_responses WHERE questionnaire_id = ?)", qid).
		OrderExpr("qa.id").Scan(ctx); err != nil {
		return ResponseSummary{}, apperr.Wrap(err, "load answers")
	}
	responses, err := s.db.R.NewSelect().Model((*responseRow)(nil)).Where("questionnaire_id = ?", qid).Count(ctx)
	if err != nil {
		return ResponseSummary{}, apperr.Wrap(err, "count responses")
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return ResponseSummary{}, err
	}
	var marked []int64
	if err := s.db.R.NewSelect().Model((*respondentRow)(nil)).Column("employee_id").Where("questionnaire_id = ?", qid).Scan(ctx, &marked); err != nil {
		return ResponseSummary{}, apperr.Wrap(err, "load respondents")
	}
	audience := dir.resolve(q.Audience, true)
	in := map[int64]bool{}
	for _, id := range audience {
		in[id] = true
	}
	num := 0
	for _, id := range marked {
		if in[id] {
			num++
		}
	}
	out := ResponseSummary{QuestionnaireID: q.ID, Title: q.Title, Anonymous: q.Anonymous, Status: q.Status,
		ResponseRate: newRatio(num, len(audience)), Responses: int(responses), Items: make([]ItemResult, 0, len(q.Items))}
	for _, it := range q.Items {
		out.Items = append(out.Items, itemResult(it, answers))
	}
	return out, nil
}

// itemResult aggregates the answers of one item (pure, for tests).
func itemResult(it QuestionnaireItem, answers []answerRow) ItemResult {
	r := ItemResult{ItemID: it.ID, Sort: it.Sort, Kind: it.Kind, Prompt: it.Prompt, Options: []OptionCount{}, Distribution: []ValueCount{}, Texts: []string{}}
	responses := map[int64]bool{}
	counts := map[string]int{}
	values := map[int]int{}
	sum, n := 0, 0
	for _, a := range answers {
		if a.ItemID != it.ID {
			continue
		}
		responses[a.ResponseID] = true
		switch it.Kind {
		case KindSingle, KindMultiple:
			counts[a.Choice]++
		case KindLikert, KindRating:
			if a.Number != nil {
				values[*a.Number]++
				sum += *a.Number
				n++
			}
		case KindText:
			r.Texts = append(r.Texts, a.Text)
		}
	}
	r.Answered = len(responses)
	for _, o := range it.Options {
		oc := OptionCount{Value: o.Value, Label: o.Label, Count: counts[o.Value]}
		if r.Answered > 0 {
			oc.Share = float64(oc.Count) / float64(r.Answered)
		}
		r.Options = append(r.Options, oc)
	}
	if it.Kind == KindLikert || it.Kind == KindRating {
		lo, hi := LikertMin, LikertMax
		if it.Kind == KindRating {
			lo, hi = RatingMin, RatingMax
		}
		for v := lo; v <= hi; v++ {
			vc := ValueCount{Value: v, Count: values[v]}
			if it.Kind == KindLikert && v-1 < len(it.Labels) {
				vc.Label = it.Labels[v-1]
			}
			r.Distribution = append(r.Distribution, vc)
		}
		if n > 0 {
			avg := float64(sum) / float64(n)
			r.Average = &avg
		}
	}
	return r
}
