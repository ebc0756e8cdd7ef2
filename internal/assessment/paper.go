package assessment

import (
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Paper modes.
const (
	PaperFixed = "fixed" // the same pinned question versions for everyone
	PaperRules = "rules" // per learner: N questions per filter (competency, course, tag, kind × difficulty)
)

// PaperModes lists the modes.
var PaperModes = []string{PaperFixed, PaperRules}

// MaxPaperQuestions bounds a paper.
const MaxPaperQuestions = 200

// Paper is an exam's content: a fixed list of question versions or rules
// that draw questions per learner, with the scoring rule for multiple
// choice and the shuffling settings.
type Paper struct {
	bun.BaseModel    `bun:"table:assessment_papers,alias:p"`
	ID               int64     `bun:"id,pk,autoincrement" json:"id"`
	Title            string    `bun:"title" json:"title"`
	Description      string    `bun:"description" json:"description"`
	Mode             string    `bun:"mode" json:"mode" enum:"fixed,rules"`
	MultiRule        string    `bun:"multi_rule" json:"multi_rule" enum:"all_or_nothing,partial,proportional" doc:"multiple-choice scoring (docs/API.md, Evaluation)"`
	ShuffleQuestions bool      `bun:"shuffle_questions" json:"shuffle_questions"`
	ShuffleOptions   bool      `bun:"shuffle_options" json:"shuffle_options"`
	Version          int       `bun:"version" json:"version"`
	CreatedAt        time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt        time.Time `bun:"updated_at" json:"updated_at"`

	Items         []PaperItem `bun:"-" json:"items" doc:"fixed papers"`
	Rules         []PaperRule `bun:"-" json:"rules" doc:"rule-based papers"`
	QuestionCount int         `bun:"-" json:"question_count"`
	TotalPoints   int         `bun:"-" json:"total_points"`
	Locked        bool        `bun:"-" json:"locked" doc:"an exam on this paper has attempts: the paper can no longer change (copy it)"`
}

// PaperItem is a question version on a fixed paper.
type PaperItem struct {
	bun.BaseModel     `bun:"table:assessment_paper_items,alias:pi"`
	ID                int64 `bun:"id,pk,autoincrement" json:"-"`
	PaperID           int64 `bun:"paper_id" json:"-"`
	Sort              int   `bun:"sort" json:"sort"`
	QuestionID        int64 `bun:"question_id" json:"question_id"`
	QuestionVersionID int64 `bun:"question_version_id" json:"question_version_id" doc:"the pinned version"`
	Points            int   `bun:"points" json:"points"`

	Kind      string `bun:"-" json:"kind"`
	Stem      string `bun:"-" json:"stem"`
	VersionNo int    `bun:"-" json:"version_no"`
	Outdated  bool   `bun:"-" json:"outdated" doc:"the question has a newer version than the one pinned"`
}

// PaperRule draws Count questions matching its filter (empty fields match
// anything) among the active questions' current versions, Points each.
type PaperRule struct {
	bun.BaseModel `bun:"table:assessment_paper_rules,alias:pr"`
	ID            int64  `bun:"id,pk,autoincrement" json:"-"`
	PaperID       int64  `bun:"paper_id" json:"-"`
	Sort          int    `bun:"sort" json:"sort"`
	Kind          string `bun:"kind" json:"kind" required:"false" enum:"single,multiple,truefalse,fill,short,"`
	Difficulty    string `bun:"difficulty" json:"difficulty" required:"false" enum:"easy,medium,hard,"`
	CompetencyID  *int64 `bun:"competency_id" json:"competency_id" required:"false"`
	CourseID      *int64 `bun:"course_id" json:"course_id" required:"false"`
	Tag           string `bun:"tag" json:"tag" required:"false" maxLength:"32"`
	Count         int    `bun:"count" json:"count" minimum:"1" maximum:"200"`
	Points        int    `bun:"points" json:"points" minimum:"1" maximum:"100" doc:"points per question"`

	Available int `bun:"-" json:"available" doc:"questions that match the filter now"`
}

// filter is the bank filter of a rule.
func (r PaperRule) filter() QuestionFilter {
	f := QuestionFilter{Kind: r.Kind, Difficulty: r.Difficulty, Tag: r.Tag, Status: "active"}
	if r.CompetencyID != nil {
		f.CompetencyID = *r.CompetencyID
	}
	if r.CourseID != nil {
		f.CourseID = *r.CourseID
	}
	return f
}

// PaperItemInput puts a question on a fixed paper.
type PaperItemInput struct {
	QuestionID int64 `json:"question_id"`
	VersionID  int64 `json:"version_id" required:"false" doc:"pin this version; 0 pins the current one"`
	Points     int   `json:"points" required:"false" minimum:"0" maximum:"100" doc:"0: the question's default points"`
}

// PaperInput creates or changes a paper.
type PaperInput struct {
	Title            string           `json:"title" minLength:"1" maxLength:"200"`
	Description      string           `json:"description" required:"false" maxLength:"4000"`
	Mode             string           `json:"mode" enum:"fixed,rules"`
	MultiRule        string           `json:"multi_rule" required:"false" enum:"all_or_nothing,partial,proportional," doc:"default all_or_nothing"`
	ShuffleQuestions bool             `json:"shuffle_questions" required:"false"`
	ShuffleOptions   bool             `json:"shuffle_options" required:"false"`
	Items            []PaperItemInput `json:"items" required:"false" maxItems:"200"`
	Rules            []PaperRule      `json:"rules" required:"false" maxItems:"50"`
	Version          int              `json:"version" required:"false" doc:"required on update"`
}

// validate checks what needs no database.
func (in *PaperInput) validate() error {
	var v apperr.Validation
	in.Title, in.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	if in.Title == "" {
		v.Reject("body.title", apperr.Required(), "title is required")
	}
	oneOf(&v, "body.mode", in.Mode, PaperModes)
	if in.MultiRule == "" {
		in.MultiRule = MultiAllOrNothing
	}
	oneOf(&v, "body.multi_rule", in.MultiRule, MultiRules)
	switch in.Mode {
	case PaperFixed:
		if len(in.Rules) > 0 {
			v.Reject("body.rules", apperr.Because("not_applicable", nil), "a fixed paper lists items, not rules")
		}
		if len(in.Items) == 0 {
			v.Reject("body.items", apperr.Required(), "add at least one question")
		}
		seen := map[int64]bool{}
		for i, it := range in.Items {
			if seen[it.QuestionID] {
				v.Reject(fmt.Sprintf("body.items[%d].question_id", i), apperr.Twice(it.QuestionID), "question %d is on the paper twice", it.QuestionID)
			}
			seen[it.QuestionID] = true
		}
	case PaperRules:
		if len(in.Items) > 0 {
			v.Reject("body.items", apperr.Because("not_applicable", nil), "a rule-based paper lists rules, not items")
		}
		if len(in.Rules) == 0 {
			v.Reject("body.rules", apperr.Required(), "add at least one rule")
		}
		total := 0
		for i := range in.Rules {
			r := &in.Rules[i]
			r.Tag = strings.TrimSpace(r.Tag)
			if r.Count < 1 {
				v.Reject(fmt.Sprintf("body.rules[%d].count", i), apperr.AtLeast(1), "count is at least 1")
			}
			if r.Points < 1 || r.Points > MaxPoints {
				v.Reject(fmt.Sprintf("body.rules[%d].points", i), apperr.Between(1, MaxPoints), "points are between 1 and %d", MaxPoints)
			}
			total += r.Count
		}
		if total > MaxPaperQuestions {
			v.Reject("body.rules", apperr.TooManyItems(MaxPaperQuestions), "a paper holds at most %d questions", MaxPaperQuestions)
		}
	}
	if len(in.Items) > MaxPaperQuestions {
		v.Reject("body.items", apperr.TooManyItems(MaxPaperQuestions), "a paper holds at most %d questions", MaxPaperQuestions)
	}
	return v.Err()
}
