package training

import (
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Competency is one entry of a position's competency model (岗位能力模型):
// a piece of knowledge, a skill or a quality, described at five levels, with
// the level the position requires.
type Competency struct {
	bun.BaseModel `bun:"table:competencies,alias:c"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	PositionID    int64     `bun:"position_id" json:"position_id"`
	Category      string    `bun:"category" json:"category" enum:"knowledge,skill,quality"`
	Name          string    `bun:"name" json:"name"`
	Description   string    `bun:"description" json:"description"`
	RequiredLevel int       `bun:"required_level" json:"required_level" minimum:"1" maximum:"5" doc:"the level the position requires"`
	Levels        []string  `bun:"levels" json:"levels" doc:"behavioural description of levels 1-5, level 1 first"`
	Sort          int       `bun:"sort" json:"sort"`
	Version       int       `bun:"version" json:"version"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at" json:"updated_at"`

	PositionName string `bun:"-" json:"position_name"`
}

// Competency levels run from MinLevel to MaxLevel.
const (
	MinLevel = 1
	MaxLevel = 5
)

// Categories of competencies.
var Categories = []string{"knowledge", "skill", "quality"}

// validateCompetency checks the fields that need no database.
func validateCompetency(c *Competency) error {
	var v apperr.Validation
	c.Name, c.Description = strings.TrimSpace(c.Name), strings.TrimSpace(c.Description)
	if c.Name == "" {
		v.Reject("body.name", apperr.Required(), "name is required")
	}
	oneOf(&v, "body.category", c.Category, Categories)
	if c.RequiredLevel < MinLevel || c.RequiredLevel > MaxLevel {
		v.Reject("body.required_level", apperr.Between(MinLevel, MaxLevel), "required level must be between %d and %d", MinLevel, MaxLevel)
	}
	if len(c.Levels) != MaxLevel {
		v.Reject("body.levels", apperr.Because("exact_count", apperr.P{"n": MaxLevel}), "describe exactly %d levels, level 1 first", MaxLevel)
	}
	for i := range c.Levels {
		c.Levels[i] = strings.TrimSpace(c.Levels[i])
		if c.Levels[i] == "" {
			v.Reject("body.levels", apperr.Because(apperr.CodeRequired, apperr.P{"item": i + 1}), "level %d has no description", i+1)
		}
	}
	return v.Err()
}

// PositionModel summarises one position's competency model.
type PositionModel struct {
	PositionID   int64  `json:"position_id"`
	PositionCode string `json:"position_code"`
	PositionName string `json:"position_name"`
	Knowledge    int    `json:"knowledge" doc:"competencies in the knowledge group"`
	Skill        int    `json:"skill"`
	Quality      int    `json:"quality"`
	Total        int    `json:"total"`
}
