package assessment

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/tabular"
)

// Response is a learner's answer to one question; only the field of the
// question's kind is given. An empty response clears the answer.
type Response struct {
	Choices []string `json:"choices,omitempty" maxItems:"10" doc:"single and multiple choice: the chosen option keys"`
	Value   *bool    `json:"value,omitempty" doc:"true/false"`
	Blanks  []string `json:"blanks,omitempty" maxItems:"10" doc:"fill-in-the-blank: one text per blank, in order"`
	Text    string   `json:"text,omitempty" maxLength:"40000" doc:"short answer"`
}

// Empty reports whether nothing is answered.
func (r Response) Empty() bool {
	if len(r.Choices) > 0 || r.Value != nil || strings.TrimSpace(r.Text) != "" {
		return false
	}
	for _, b := range r.Blanks {
		if strings.TrimSpace(b) != "" {
			return false
		}
	}
	return true
}

// checkResponse checks that r fits the question and normalises it (choices
// de-duplicated and sorted, texts trimmed). Errors: invalid at body.answer.
func checkResponse(q QuestionVersion, r *Response) error {
	wrong := func(field string) error {
		return apperr.Reject("body.answer", apperr.Because("answer_kind", apperr.P{"kind": q.Kind, "field": field}), "a %s question is answered with %s only", q.Kind, field)
	}
	r.Text = strings.TrimSpace(r.Text)
	if r.Empty() {
		*r = Response{}
		return nil
	}
	switch q.Kind {
	case KindSingle, KindMultiple:
		if r.Value != nil || len(r.Blanks) > 0 || r.Text != "" {
			return wrong("choices")
		}
		var keep []string
		for _, c := range r.Choices {
			if !slices.ContainsFunc(q.Options, func(o Option) bool { return o.Key == c }) {
				return apperr.Reject("body.answer.choices", apperr.Because("not_option", apperr.P{"value": c}), "%q is not an option of this question", c)
			}
			if !slices.Contains(keep, c) {
				keep = append(keep, c)
			}
		}
		if q.Kind == KindSingle && len(keep) > 1 {
			return apperr.Reject("body.answer.choices", apperr.Because("exact_count", apperr.P{"n": 1}), "choose one option")
		}
		slices.Sort(keep)
		r.Choices = keep
	case KindTrueFalse:
		if len(r.Choices) > 0 || len(r.Blanks) > 0 || r.Text != "" {
			return wrong("value")
		}
	case KindFill:
		if len(r.Choices) > 0 || r.Value != nil || r.Text != "" {
			return wrong("blanks")
		}
		if len(r.Blanks) > len(q.Key.Blanks) {
			return apperr.Reject("body.answer.blanks", apperr.Because("exact_count", apperr.P{"n": len(q.Key.Blanks)}), "this question has %d blanks", len(q.Key.Blanks))
		}
		for i := range r.Blanks {
			r.Blanks[i] = strings.TrimSpace(r.Blanks[i])
			if utf8.RuneCountInString(r.Blanks[i]) > 500 {
				return apperr.Reject("body.answer.blanks", apperr.Because(apperr.CodeTooLong, apperr.P{"max": 500, "item": i + 1}), "blank %d is longer than 500 characters", i+1)
			}
		}
	case KindShort:
		if len(r.Choices) > 0 || r.Value != nil || len(r.Blanks) > 0 {
			return wrong("text")
		}
		if utf8.RuneCountInString(r.Text) > MaxAnswerText {
			return apperr.Reject("body.answer.text", apperr.TooLong(MaxAnswerText), "the answer is longer than %d characters", MaxAnswerText)
		}
	default:
		return apperr.New(apperr.Internal, "unknown question kind %q", q.Kind)
	}
	return nil
}

// Multiple-choice scoring rules (a paper's MultiRule). With k correct
// options, c of them chosen and w wrong options chosen, for p points:
//
//	all_or_nothing  p when the chosen set is exactly the correct set, else 0
//	partial         0 when any wrong option is chosen, else p × c / k
//	                (少选得部分分，错选不得分: missing a correct option costs its share,
//	                choosing a wrong one costs everything)
//	proportional    p × max(0, c − w) / k: each correct option earns its share,
//	                each wrong one takes a share away, never below 0
//
// Scores are rounded half up to the hundredth of a point. Single choice,
// true/false and a multiple-choice question with nothing chosen follow
// all_or_nothing whatever the rule.
const (
	MultiAllOrNothing = "all_or_nothing"
	MultiPartial      = "partial"
	MultiProportional = "proportional"
)

// MultiRules lists the multiple-choice rules.
var MultiRules = []string{MultiAllOrNothing, MultiPartial, MultiProportional}

// share returns pointsC × num / den rounded half up (num, den >= 0, den > 0).
func share(pointsC, num, den int) int { return (2*pointsC*num + den) / (2 * den) }

// Grade scores a normalised response to question q worth pointsC
// centipoints. manual is true when a person must grade it (a non-empty
// short answer); score is then 0 until they do.
//
// Fill-in-the-blank: each blank is right when the answer equals one of its
// accepted answers after normalising both (normFill: width folded, case
// folded, surrounding spaces trimmed and inner runs of spaces reduced to
// one); the score is p × right blanks / blanks.
func Grade(q QuestionVersion, r Response, pointsC int, multiRule string) (score int, manual bool) {
	switch q.Kind {
	case KindSingle:
		if len(r.Choices) == 1 && slices.Equal(r.Choices, q.Key.Choices) {
			return pointsC, false
		}
	case KindTrueFalse:
		if r.Value != nil && q.Key.True != nil && *r.Value == *q.Key.True {
			return pointsC, false
		}
	case KindMultiple:
		return gradeMultiple(q.Key.Choices, r.Choices, pointsC, multiRule), false
	case KindFill:
		right := 0
		for i, accepted := range q.Key.Blanks {
			if i < len(r.Blanks) && fillMatches(r.Blanks[i], accepted) {
				right++
			}
		}
		if n := len(q.Key.Blanks); n > 0 {
			return share(pointsC, right, n), false
		}
	case KindShort:
		return 0, r.Text != ""
	}
	return 0, false
}

func gradeMultiple(key, chosen []string, pointsC int, rule string) int {
	if len(chosen) == 0 || len(key) == 0 {
		return 0
	}
	c, w := 0, 0
	for _, x := range chosen {
		if slices.Contains(key, x) {
			c++
		} else {
			w++
		}
	}
	switch rule {
	case MultiPartial:
		if w > 0 {
			return 0
		}
		return share(pointsC, c, len(key))
	case MultiProportional:
		return share(pointsC, max(0, c-w), len(key))
	}
	if w == 0 && c == len(key) {
		return pointsC
	}
	return 0
}

// normFill is the form fill-in answers are compared in.
func normFill(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(tabular.FoldWidth(s)), " "))
}

func fillMatches(answer string, accepted []string) bool {
	a := normFill(answer)
	if a == "" {
		return false
	}
	return slices.ContainsFunc(accepted, func(x string) bool { return normFill(x) == a })
}

// responseText renders a response for exports and the grading queue.
func responseText(r Response) string {
	switch {
	case r.Value != nil:
		return fmt.Sprint(*r.Value)
	case len(r.Choices) > 0:
		return strings.Join(r.Choices, ",")
	case len(r.Blanks) > 0:
		return strings.Join(r.Blanks, " | ")
	}
	return r.Text
}
