package training

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Questionnaire is a form people answer: the development survey, and the
// training feedback forms the evaluation module builds on this engine.
// Workflow: draft (editable) -> open (answers taken inside the window) ->
// closed. One response per person.
//
// Anonymous questionnaires store responses without the respondent. A
// separate marker (questionnaire_respondents) records that a person has
// responded, so duplicates are refused and the response rate and the list of
// non-responders still work. Both sides keep only the day of the response
// (UTC), the audit log records an anonymous submission without its response
// id or answers, and results never name anyone. The remaining link is the
// order of database row ids, which someone with direct database access could
// compare with the day; the application never exposes it.
type Questionnaire struct {
	bun.BaseModel `bun:"table:questionnaires,alias:q"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	Code          string     `bun:"code" json:"code" doc:"optional unique code, e.g. dev_survey"`
	Title         string     `bun:"title" json:"title"`
	Description   string     `bun:"description" json:"description"`
	Purpose       string     `bun:"purpose" json:"purpose" doc:"what it is for: survey (default), feedback, ..."`
	Ref           string     `bun:"ref" json:"ref" doc:"the owning module's reference, e.g. session:12"`
	Anonymous     bool       `bun:"anonymous" json:"anonymous"`
	Status        string     `bun:"status" json:"status" enum:"draft,open,closed"`
	OpensAt       *time.Time `bun:"opens_at" json:"opens_at" doc:"answers are taken from then (empty: as soon as it is open)"`
	ClosesAt      *time.Time `bun:"closes_at" json:"closes_at" doc:"until then (empty: until it is closed)"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	Items        []QuestionnaireItem `bun:"-" json:"items"`
	Audience     Audience            `bun:"-" json:"audience" doc:"empty: every active employee"`
	AudienceText string              `bun:"-" json:"audience_text"`
	Invited      int                 `bun:"-" json:"invited" doc:"active employees in the audience"`
	Responded    int                 `bun:"-" json:"responded" doc:"people who responded"`
}

// Questionnaire statuses.
const (
	QuestionnaireDraft  = "draft"
	QuestionnaireOpen   = "open"
	QuestionnaireClosed = "closed"
)

// QuestionnaireItem is one question.
type QuestionnaireItem struct {
	bun.BaseModel   `bun:"table:questionnaire_items,alias:qi"`
	ID              int64        `bun:"id,pk,autoincrement" json:"id"`
	QuestionnaireID int64        `bun:"questionnaire_id" json:"-"`
	Sort            int          `bun:"sort" json:"sort"`
	Kind            string       `bun:"kind" json:"kind" enum:"single,multiple,likert,rating,text"`
	Prompt          string       `bun:"prompt" json:"prompt"`
	Required        bool         `bun:"required" json:"required"`
	Options         []ItemOption `bun:"options" json:"options" doc:"single and multiple choice"`
	Labels          []string     `bun:"labels" json:"labels" doc:"likert: the labels of 1-5"`
	MaxChoices      int          `bun:"max_choices" json:"max_choices" doc:"multiple: at most this many (0: any)"`
	RaisesNeeds     bool         `bun:"raises_needs" json:"raises_needs" doc:"choice items of named questionnaires: each chosen option raises a survey training need for the respondent, the option's label as topic"`
}

// QuestionnaireItem kinds.
const (
	KindSingle   = "single"
	KindMultiple = "multiple"
	KindLikert   = "likert" // 1-5 with a label per point
	KindRating   = "rating" // 0-10
	KindText     = "text"
)

// ItemKinds lists the kinds.
var ItemKinds = []string{KindSingle, KindMultiple, KindLikert, KindRating, KindText}

// ItemOption is a choice.
type ItemOption struct {
	Value string `json:"value" doc:"stable key stored with answers"`
	Label string `json:"label"`
}

// DefaultLikertLabels are used when a Likert item names none.
var DefaultLikertLabels = []string{"非常不同意", "不同意", "一般", "同意", "非常同意"}

// Ranges of the numeric kinds.
const (
	LikertMin, LikertMax = 1, 5
	RatingMin, RatingMax = 0, 10
)

var (
	purposeRE     = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)
	optionValueRE = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)
)

// validateQuestionnaire checks a questionnaire definition and fills
// defaults (purpose, Likert labels, item order).
func validateQuestionnaire(q *Questionnaire) error {
	var v apperr.Validation
	q.Title, q.Code, q.Purpose = strings.TrimSpace(q.Title), strings.TrimSpace(q.Code), strings.TrimSpace(q.Purpose)
	if q.Title == "" {
		v.Reject("body.title", apperr.Required(), "title is required")
	}
	if q.Purpose == "" {
		q.Purpose = "survey"
	} else if !purposeRE.MatchString(q.Purpose) {
		v.Reject("body.purpose", apperr.Format("code"), "purpose is a lower-case keyword such as survey or feedback")
	}
	if q.OpensAt != nil && q.ClosesAt != nil && !q.ClosesAt.After(*q.OpensAt) {
		v.Reject("body.closes_at", apperr.BeforeStart(), "the window closes before it opens")
	}
	if len(q.Items) == 0 {
		v.Reject("body.items", apperr.Required(), "add at least one item")
	}
	for i := range q.Items {
		validateItem(&v, fmt.Sprintf("body.items[%d]", i), &q.Items[i], q.Anonymous)
		q.Items[i].Sort = i + 1
	}
	return v.Err()
}

func validateItem(v *apperr.Validation, loc string, it *QuestionnaireItem, anonymous bool) {
	it.Prompt = strings.TrimSpace(it.Prompt)
	if it.Prompt == "" {
		v.Reject(loc+".prompt", apperr.Required(), "prompt is required")
	}
	oneOf(v, loc+".kind", it.Kind, ItemKinds)
	choice := it.Kind == KindSingle || it.Kind == KindMultiple
	if choice {
		if len(it.Options) < 2 {
			v.Reject(loc+".options", apperr.TooFewItems(2), "a choice item needs at least two options")
		}
		seen := map[string]bool{}
		for j, o := range it.Options {
			o.Value, o.Label = strings.TrimSpace(o.Value), strings.TrimSpace(o.Label)
			if !optionValueRE.MatchString(o.Value) {
				v.Reject(fmt.Sprintf("%s.options[%d].value", loc, j), apperr.Format("code"), "value is 1-64 letters, digits, _ . -")
			}
			if o.Label == "" {
				v.Reject(fmt.Sprintf("%s.options[%d].label", loc, j), apperr.Required(), "label is required")
			}
			if seen[o.Value] {
				v.Reject(fmt.Sprintf("%s.options[%d].value", loc, j), apperr.Twice(o.Value), "value %q is used twice", o.Value)
			}
			seen[o.Value] = true
			it.Options[j] = o
		}
	} else if len(it.Options) > 0 {
		v.Reject(loc+".options", apperr.Because("not_applicable", nil), "only choice items have options")
	}
	if it.Options == nil {
		it.Options = []ItemOption{}
	}
	if it.Kind == KindLikert {
		if len(it.Labels) == 0 {
			it.Labels = append([]string(nil), DefaultLikertLabels...)
		}
		if len(it.Labels) != LikertMax {
			v.Reject(loc+".labels", apperr.Because("exact_count", apperr.P{"n": LikertMax}), "a Likert item has %d labels, for 1 to %d", LikertMax, LikertMax)
		}
	} else if len(it.Labels) > 0 {
		v.Reject(loc+".labels", apperr.Because("not_applicable", nil), "only Likert items have labels")
	}
	if it.Labels == nil {
		it.Labels = []string{}
	}
	if it.MaxChoices != 0 && (it.Kind != KindMultiple || it.MaxChoices < 1 || it.MaxChoices > len(it.Options)) {
		v.Reject(loc+".max_choices", apperr.Between(1, len(it.Options)), "max choices applies to multiple choice and lies between 1 and the number of options")
	}
	if it.RaisesNeeds && !choice {
		v.Reject(loc+".raises_needs", apperr.Because("not_applicable", nil), "only choice items raise needs")
	}
	if it.RaisesNeeds && anonymous {
		v.Reject(loc+".raises_needs", apperr.Because("anonymous_needs", nil), "an anonymous questionnaire cannot raise needs for a person")
	}
}

// accepting reports whether answers are taken at now, or why not.
func (q Questionnaire) accepting(now time.Time) error {
	switch {
	case q.Status == QuestionnaireClosed:
		return apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_closed", apperr.P{"title": q.Title}), "questionnaire %q is %s; it takes answers while open", q.Title, q.Status)
	case q.Status != QuestionnaireOpen:
		return apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_not_open", apperr.P{"title": q.Title}), "questionnaire %q is %s; it takes answers while open", q.Title, q.Status)
	case q.OpensAt != nil && now.Before(*q.OpensAt):
		at := q.OpensAt.UTC().Format(time.RFC3339)
		return apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_not_open_yet", apperr.P{"title": q.Title, "opens_at": at}), "questionnaire %q opens at %s", q.Title, at)
	case q.ClosesAt != nil && !now.Before(*q.ClosesAt):
		at := q.ClosesAt.UTC().Format(time.RFC3339)
		return apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_window_closed", apperr.P{"title": q.Title, "closes_at": at}), "questionnaire %q closed at %s", q.Title, at)
	}
	return nil
}
