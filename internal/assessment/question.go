package assessment

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Question kinds.
const (
	KindSingle    = "single"    // one correct option
	KindMultiple  = "multiple"  // one or more correct options; partial credit per the paper's MultiRule
	KindTrueFalse = "truefalse" // true or false
	KindFill      = "fill"      // one or more blanks, each with several accepted answers
	KindShort     = "short"     // free text graded by hand against a rubric
)

// Kinds lists the question kinds.
var Kinds = []string{KindSingle, KindMultiple, KindTrueFalse, KindFill, KindShort}

// Difficulties of a question.
var Difficulties = []string{"easy", "medium", "hard"}

// Question statuses: archived questions stay in exams already built but are
// no longer drawn by rules or offered for new papers.
var QuestionStatuses = []string{"active", "archived"}

// Limits of a question.
const (
	MaxOptions    = 10
	MaxBlanks     = 10
	MaxPoints     = 100
	MaxStem       = 4000
	MaxAnswerText = 10000 // characters of a short answer
)

// Option is a choice. Key is stable across versions and shuffles (A, B,
// ...); the learner sees options in the attempt's order and answers with keys.
type Option struct {
	Key  string `json:"key" maxLength:"8"`
	Text string `json:"text" maxLength:"1000"`
}

// Key is the answer key; only the field of the question's kind is set.
// It is never part of a learner's payload before review is allowed.
type Key struct {
	Choices []string   `json:"choices,omitempty" doc:"single: one option key; multiple: the correct option keys"`
	True    *bool      `json:"true,omitempty" doc:"truefalse: whether the statement is true"`
	Blanks  [][]string `json:"blanks,omitempty" doc:"fill: per blank, the accepted answers (compared ignoring case, width and surrounding or repeated spaces)"`
}

// Content is what a question version holds: everything an edit can change.
type Content struct {
	Stem            string   `json:"stem" maxLength:"4000"`
	Options         []Option `json:"options" required:"false" maxItems:"10" doc:"single and multiple choice; keys may be left empty to number them A, B, ..."`
	Key             Key      `json:"key"`
	Points          int      `json:"points" required:"false" minimum:"0" maximum:"100" doc:"default points on a paper; 0 = 1"`
	Difficulty      string   `json:"difficulty" required:"false" enum:"easy,medium,hard," doc:"default medium"`
	CourseID        *int64   `json:"course_id" required:"false"`
	CompetencyIDs   []int64  `json:"competency_ids" required:"false" maxItems:"20" doc:"competencies of the training module's models"`
	Tags            []string `json:"tags" required:"false" maxItems:"20"`
	Explanation     string   `json:"explanation" required:"false" maxLength:"4000" doc:"shown in the review"`
	Rubric          string   `json:"rubric" required:"false" maxLength:"4000" doc:"short answer: how to grade (graders only)"`
	ReferenceAnswer string   `json:"reference_answer" required:"false" maxLength:"4000" doc:"short answer: a model answer (graders, and the review)"`
}

// Question is the head of a question: identity, kind and status. Its
// content lives in immutable versions; CurrentVersionID is the latest.
type Question struct {
	bun.BaseModel    `bun:"table:assessment_questions,alias:q"`
	ID               int64     `bun:"id,pk,autoincrement" json:"id"`
	Code             string    `bun:"code" json:"code" doc:"optional unique code; imports update the question with the same code"`
	Kind             string    `bun:"kind" json:"kind" enum:"single,multiple,truefalse,fill,short"`
	Status           string    `bun:"status" json:"status" enum:"active,archived"`
	CurrentVersionID int64     `bun:"current_version_id" json:"current_version_id"`
	VersionNo        int       `bun:"version_no" json:"version_no" doc:"number of the current version, from 1"`
	Version          int       `bun:"version" json:"version" doc:"optimistic-lock version of the record"`
	CreatedAt        time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt        time.Time `bun:"updated_at" json:"updated_at"`

	Current *QuestionVersion `bun:"-" json:"current" doc:"the current version's content"`
}

// QuestionVersion is one immutable version of a question's content.
type QuestionVersion struct {
	bun.BaseModel   `bun:"table:assessment_question_versions,alias:qv"`
	ID              int64     `bun:"id,pk,autoincrement" json:"id"`
	QuestionID      int64     `bun:"question_id" json:"question_id"`
	VersionNo       int       `bun:"version_no" json:"version_no"`
	Kind            string    `bun:"kind" json:"kind"`
	Stem            string    `bun:"stem" json:"stem"`
	Options         []Option  `bun:"options,type:text" json:"options"`
	Key             Key       `bun:"answer_key,type:text" json:"key"`
	Points          int       `bun:"points" json:"points"`
	Difficulty      string    `bun:"difficulty" json:"difficulty"`
	CourseID        *int64    `bun:"course_id" json:"course_id"`
	CompetencyCSV   string    `bun:"competency_ids" json:"-"`
	TagCSV          string    `bun:"tags" json:"-"`
	Explanation     string    `bun:"explanation" json:"explanation"`
	Rubric          string    `bun:"rubric" json:"rubric"`
	ReferenceAnswer string    `bun:"reference_answer" json:"reference_answer"`
	CreatedBy       *int64    `bun:"created_by" json:"created_by"`
	CreatedAt       time.Time `bun:"created_at" json:"created_at"`

	CompetencyIDs []int64  `bun:"-" json:"competency_ids"`
	Tags          []string `bun:"-" json:"tags"`
}

// afterScan fills the list fields of a version read from the database.
func (v *QuestionVersion) afterScan() {
	v.CompetencyIDs, v.Tags = splitIDs(v.CompetencyCSV), splitList(v.TagCSV)
	if v.Options == nil {
		v.Options = []Option{}
	}
}

// content returns the editable part of a version.
func (v QuestionVersion) content() Content {
	return Content{Stem: v.Stem, Options: v.Options, Key: v.Key, Points: v.Points, Difficulty: v.Difficulty, CourseID: v.CourseID,
		CompetencyIDs: v.CompetencyIDs, Tags: v.Tags, Explanation: v.Explanation, Rubric: v.Rubric, ReferenceAnswer: v.ReferenceAnswer}
}

// sameContent reports whether an edit changes nothing (no new version then).
func sameContent(a, b Content) bool {
	eq := func(x, y *int64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return a.Stem == b.Stem && slices.Equal(a.Options, b.Options) && keyText(a.Key) == keyText(b.Key) && a.Points == b.Points &&
		a.Difficulty == b.Difficulty && eq(a.CourseID, b.CourseID) && slices.Equal(a.CompetencyIDs, b.CompetencyIDs) &&
		slices.Equal(a.Tags, b.Tags) && a.Explanation == b.Explanation && a.Rubric == b.Rubric && a.ReferenceAnswer == b.ReferenceAnswer
}

var (
	optionKeyRE = regexp.MustCompile(`^[A-Za-z0-9]{1,8}$`)
	tagRE       = regexp.MustCompile(`^[^,]{1,32}$`)
)

// validateContent checks and normalises a question's content for kind; loc
// prefixes field locations ("body"). Option keys left empty are numbered
// A, B, ... in order.
func validateContent(kind string, c *Content, loc string) error {
	var v apperr.Validation
	c.Stem = strings.TrimSpace(c.Stem)
	if c.Stem == "" {
		v.Reject(loc+".stem", apperr.Required(), "stem is required")
	} else if utf8.RuneCountInString(c.Stem) > MaxStem {
		v.Reject(loc+".stem", apperr.TooLong(MaxStem), "stem is longer than %d characters", MaxStem)
	}
	if c.Points == 0 {
		c.Points = 1
	}
	if c.Points < 1 || c.Points > MaxPoints {
		v.Reject(loc+".points", apperr.Between(1, MaxPoints), "points must be between 1 and %d", MaxPoints)
	}
	if c.Difficulty == "" {
		c.Difficulty = "medium"
	}
	oneOf(&v, loc+".difficulty", c.Difficulty, Difficulties)
	c.CompetencyIDs = cleanIDs(c.CompetencyIDs)
	tags := []string{}
	for _, t := range c.Tags {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		if !tagRE.MatchString(t) {
			v.Reject(loc+".tags", apperr.Format("tag"), "a tag is 1-32 characters without commas")
		}
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	c.Tags = tags
	c.Explanation, c.Rubric, c.ReferenceAnswer = strings.TrimSpace(c.Explanation), strings.TrimSpace(c.Rubric), strings.TrimSpace(c.ReferenceAnswer)
	switch kind {
	case KindSingle, KindMultiple:
		validateChoices(&v, kind, c, loc)
	case KindTrueFalse:
		if len(c.Options) > 0 {
			v.Reject(loc+".options", apperr.Because("not_applicable", nil), "a true/false question has no options")
		}
		if c.Key.True == nil {
			v.Reject(loc+".key.true", apperr.Required(), "say whether the statement is true")
		}
		c.Options, c.Key = []Option{}, Key{True: c.Key.True}
	case KindFill:
		validateBlanks(&v, c, loc)
	case KindShort:
		if len(c.Options) > 0 {
			v.Reject(loc+".options", apperr.Because("not_applicable", nil), "a short-answer question has no options")
		}
		if c.Rubric == "" {
			v.Reject(loc+".rubric", apperr.Required(), "a short-answer question needs a rubric for the graders")
		}
		c.Options, c.Key = []Option{}, Key{}
	default:
		v.Reject(loc+".kind", apperr.OneOf(Kinds...), "must be one of %s", strings.Join(Kinds, ", "))
	}
	return v.Err()
}

func validateChoices(v *apperr.Validation, kind string, c *Content, loc string) {
	if len(c.Options) < 2 || len(c.Options) > MaxOptions {
		v.Reject(loc+".options", apperr.Because("item_count", apperr.P{"min": 2, "max": MaxOptions}), "a choice question has 2 to %d options", MaxOptions)
	}
	seen := map[string]bool{}
	for i := range c.Options {
		o := &c.Options[i]
		o.Key, o.Text = strings.TrimSpace(o.Key), strings.TrimSpace(o.Text)
		if o.Key == "" {
			o.Key = string(rune('A' + i))
		}
		if !optionKeyRE.MatchString(o.Key) {
			v.Reject(fmt.Sprintf("%s.options[%d].key", loc, i), apperr.Format("option-key"), "an option key is 1-8 letters or digits")
		}
		if seen[o.Key] {
			v.Reject(fmt.Sprintf("%s.options[%d].key", loc, i), apperr.Twice(o.Key), "option key %q is used twice", o.Key)
		}
		seen[o.Key] = true
		if o.Text == "" {
			v.Reject(fmt.Sprintf("%s.options[%d].text", loc, i), apperr.Required(), "option text is required")
		}
	}
	choices := []string{}
	for _, k := range c.Key.Choices {
		k = strings.TrimSpace(k)
		if !seen[k] {
			v.Reject(loc+".key.choices", apperr.Because("not_option", apperr.P{"value": k}), "%q is not an option key", k)
			continue
		}
		if !slices.Contains(choices, k) {
			choices = append(choices, k)
		}
	}
	slices.Sort(choices)
	switch {
	case kind == KindSingle && len(choices) != 1:
		v.Reject(loc+".key.choices", apperr.Because("exact_count", apperr.P{"n": 1}), "a single-choice question has exactly one correct option")
	case kind == KindMultiple && len(choices) < 1:
		v.Reject(loc+".key.choices", apperr.Required(), "mark at least one correct option")
	}
	c.Key = Key{Choices: choices}
}

func validateBlanks(v *apperr.Validation, c *Content, loc string) {
	if len(c.Options) > 0 {
		v.Reject(loc+".options", apperr.Because("not_applicable", nil), "a fill-in-the-blank question has no options")
	}
	if len(c.Key.Blanks) < 1 || len(c.Key.Blanks) > MaxBlanks {
		v.Reject(loc+".key.blanks", apperr.Because("item_count", apperr.P{"min": 1, "max": MaxBlanks}), "give 1 to %d blanks, each with its accepted answers", MaxBlanks)
	}
	blanks := make([][]string, 0, len(c.Key.Blanks))
	for i, accepted := range c.Key.Blanks {
		var keep []string
		for _, a := range accepted {
			if a = strings.TrimSpace(a); a != "" && !slices.Contains(keep, a) {
				keep = append(keep, a)
			}
		}
		if len(keep) == 0 {
			v.Reject(fmt.Sprintf("%s.key.blanks[%d]", loc, i), apperr.Because(apperr.CodeRequired, apperr.P{"item": i + 1}), "blank %d has no accepted answer", i+1)
		}
		blanks = append(blanks, keep)
	}
	c.Options, c.Key = []Option{}, Key{Blanks: blanks}
}

// keyText is a stable rendering of a key for comparisons and exports.
func keyText(k Key) string {
	switch {
	case k.True != nil:
		if *k.True {
			return "true"
		}
		return "false"
	case len(k.Blanks) > 0:
		parts := make([]string, len(k.Blanks))
		for i, b := range k.Blanks {
			parts[i] = strings.Join(b, "|")
		}
		return strings.Join(parts, "||")
	}
	return strings.Join(k.Choices, ",")
}
