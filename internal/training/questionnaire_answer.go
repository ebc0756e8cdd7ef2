package training

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// ItemAnswer answers one item; only the field of the item's kind is given.
type ItemAnswer struct {
	ItemID  int64    `json:"item_id"`
	Choice  string   `json:"choice,omitempty" doc:"single: the chosen option's value"`
	Choices []string `json:"choices,omitempty" maxItems:"100" doc:"multiple: the chosen options' values"`
	Value   *int     `json:"value,omitempty" doc:"likert: 1-5; rating: 0-10"`
	Text    string   `json:"text,omitempty" maxLength:"4000"`
}

// MaxTextAnswer is the longest text answer in characters.
const MaxTextAnswer = 4000

type answerRow struct {
	bun.BaseModel `bun:"table:questionnaire_answers,alias:qa"`
	ID            int64  `bun:"id,pk,autoincrement"`
	ResponseID    int64  `bun:"response_id"`
	ItemID        int64  `bun:"item_id"`
	Choice        string `bun:"choice"`
	Number        *int   `bun:"number"`
	Text          string `bun:"text"`
}

// checkAnswers applies the questionnaire's rules to a response — items
// exist and are answered once, answers fit their kind, required items are
// answered — and returns the rows to store. An answer with nothing in it
// counts as skipping the item.
func checkAnswers(items []QuestionnaireItem, answers []ItemAnswer) ([]answerRow, error) {
	var v apperr.Validation
	byID := map[int64]QuestionnaireItem{}
	for _, it := range items {
		byID[it.ID] = it
	}
	var rows []answerRow
	answered, tried, seen := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for i, a := range answers {
		loc := fmt.Sprintf("body.answers[%d]", i)
		if !emptyAnswer(a) {
			tried[a.ItemID] = true
		}
		it, ok := byID[a.ItemID]
		if !ok {
			v.Reject(loc+".item_id", apperr.Missing(a.ItemID), "item %d is not in this questionnaire", a.ItemID)
			continue
		}
		if seen[a.ItemID] {
			v.Reject(loc+".item_id", apperr.Twice(a.ItemID), "item %d is answered twice", a.ItemID)
			continue
		}
		seen[a.ItemID] = true
		got, f := answerRows(loc, it, a)
		if f != nil {
			v.Reject(loc, f.reason, "%s", f.msg)
			continue
		}
		if len(got) > 0 {
			answered[a.ItemID] = true
			rows = append(rows, got...)
		}
	}
	for _, it := range items {
		// a wrong answer to a required item is reported once, above
		if it.Required && !answered[it.ID] && !tried[it.ID] {
			v.Reject("body.answers", apperr.Because(apperr.CodeRequired, apperr.P{"item": it.Sort, "prompt": it.Prompt}), "item %d (%s) is required", it.Sort, it.Prompt)
		}
	}
	return rows, v.Err()
}

func emptyAnswer(a ItemAnswer) bool {
	return a.Choice == "" && len(a.Choices) == 0 && a.Value == nil && strings.TrimSpace(a.Text) == ""
}

// fault is what is wrong with an answer: the reason and the English message.
type fault struct {
	reason apperr.Reason
	msg    string
}

// answerRows converts one answer; a non-nil fault explains what is wrong.
func answerRows(loc string, it QuestionnaireItem, a ItemAnswer) ([]answerRow, *fault) {
	if emptyAnswer(a) {
		return nil, nil
	}
	wrong := func(field string) *fault {
		return &fault{apperr.Because("answer_kind", apperr.P{"kind": it.Kind, "field": field}), fmt.Sprintf("a %s item is answered with %s only", it.Kind, field)}
	}
	isOption := func(v string) bool {
		return slices.ContainsFunc(it.Options, func(o ItemOption) bool { return o.Value == v })
	}
	switch it.Kind {
	case KindSingle:
		if len(a.Choices) > 0 || a.Value != nil || a.Text != "" {
			return nil, wrong("choice")
		}
		if !isOption(a.Choice) {
			return nil, &fault{apperr.Because("not_option", apperr.P{"value": a.Choice}), fmt.Sprintf("%q is not an option of this item", a.Choice)}
		}
		return []answerRow{{ItemID: it.ID, Choice: a.Choice}}, nil
	case KindMultiple:
		if a.Choice != "" || a.Value != nil || a.Text != "" {
			return nil, wrong("choices")
		}
		var rows []answerRow
		seen := map[string]bool{}
		for _, c := range a.Choices {
			if !isOption(c) {
				return nil, &fault{apperr.Because("not_option", apperr.P{"value": c}), fmt.Sprintf("%q is not an option of this item", c)}
			}
			if !seen[c] {
				seen[c] = true
				rows = append(rows, answerRow{ItemID: it.ID, Choice: c})
			}
		}
		if it.MaxChoices > 0 && len(rows) > it.MaxChoices {
			return nil, &fault{apperr.TooManyItems(it.MaxChoices), fmt.Sprintf("choose at most %d options", it.MaxChoices)}
		}
		return rows, nil
	case KindLikert, KindRating:
		if a.Choice != "" || len(a.Choices) > 0 || a.Text != "" {
			return nil, wrong("value")
		}
		lo, hi := LikertMin, LikertMax
		if it.Kind == KindRating {
			lo, hi = RatingMin, RatingMax
		}
		if *a.Value < lo || *a.Value > hi {
			return nil, &fault{apperr.Between(lo, hi), fmt.Sprintf("value must be between %d and %d", lo, hi)}
		}
		n := *a.Value
		return []answerRow{{ItemID: it.ID, Number: &n}}, nil
	case KindText:
		if a.Choice != "" || len(a.Choices) > 0 || a.Value != nil {
			return nil, wrong("text")
		}
		t := strings.TrimSpace(a.Text)
		if utf8.RuneCountInString(t) > MaxTextAnswer {
			return nil, &fault{apperr.TooLong(MaxTextAnswer), fmt.Sprintf("text is longer than %d characters", MaxTextAnswer)}
		}
		return []answerRow{{ItemID: it.ID, Text: t}}, nil
	}
	return nil, &fault{apperr.Reason{Code: apperr.CodeInvalid}, "unknown item kind " + it.Kind}
}
