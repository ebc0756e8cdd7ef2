package training

import (
	"time"

	"github.com/uptrace/bun"
)

// Round is a competency assessment round (e.g. "2026 H2") for chosen
// departments and positions. Workflow: draft -> open (participants and
// their rating sheets are created) -> closed (agreed levels and gaps fixed,
// gaps at or over the threshold become training needs).
type Round struct {
	bun.BaseModel `bun:"table:assessment_rounds,alias:r"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	Name          string     `bun:"name" json:"name"`
	Period        string     `bun:"period" json:"period" doc:"label such as 2026 H2"`
	StartDate     string     `bun:"start_date" json:"start_date" doc:"YYYY-MM-DD"`
	DueDate       string     `bun:"due_date" json:"due_date" doc:"YYYY-MM-DD; ratings are expected by then"`
	Status        string     `bun:"status" json:"status" enum:"draft,open,closed"`
	GapThreshold  int        `bun:"gap_threshold" json:"gap_threshold" doc:"the setting's value when the round closed"`
	OpenedAt      *time.Time `bun:"opened_at" json:"opened_at"`
	ClosedAt      *time.Time `bun:"closed_at" json:"closed_at"`
	NeedsCreated  int        `bun:"needs_created" json:"needs_created" doc:"training needs created when the round closed"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	DepartmentIDs []int64 `bun:"-" json:"department_ids" doc:"departments (and below) taking part; empty = all"`
	PositionIDs   []int64 `bun:"-" json:"position_ids" doc:"positions taking part; empty = every position with a competency model"`
	Participants  int     `bun:"-" json:"participants" doc:"participants the caller may see"`
	SelfDone      int     `bun:"-" json:"self_done" doc:"of those, self ratings submitted"`
	ManagerDone   int     `bun:"-" json:"manager_done" doc:"of those, manager ratings submitted"`
}

// Round statuses.
const (
	RoundDraft  = "draft"
	RoundOpen   = "open"
	RoundClosed = "closed"
)

// Participant is an employee in a round, with department, position and
// manager as they were when the round opened.
type Participant struct {
	bun.BaseModel      `bun:"table:assessment_participants,alias:ap"`
	ID                 int64      `bun:"id,pk,autoincrement" json:"id"`
	RoundID            int64      `bun:"round_id" json:"round_id"`
	EmployeeID         int64      `bun:"employee_id" json:"employee_id"`
	DepartmentID       int64      `bun:"department_id" json:"department_id"`
	PositionID         int64      `bun:"position_id" json:"position_id"`
	ManagerID          *int64     `bun:"manager_id" json:"manager_id"`
	SelfSubmittedAt    *time.Time `bun:"self_submitted_at" json:"self_submitted_at"`
	ManagerSubmittedAt *time.Time `bun:"manager_submitted_at" json:"manager_submitted_at"`

	EmployeeName   string `bun:"-" json:"employee_name"`
	DepartmentName string `bun:"-" json:"department_name"`
	PositionName   string `bun:"-" json:"position_name"`
	ManagerName    string `bun:"-" json:"manager_name"`
	Gaps           int    `bun:"-" json:"gaps" doc:"competencies whose gap reaches the threshold"`
}

// Rating is one competency on a participant's sheet. Levels are 1-5; nil
// means not rated.
type Rating struct {
	bun.BaseModel  `bun:"table:assessment_ratings,alias:ar"`
	ID             int64  `bun:"id,pk,autoincrement" json:"id"`
	ParticipantID  int64  `bun:"participant_id" json:"participant_id"`
	CompetencyID   int64  `bun:"competency_id" json:"competency_id"`
	RequiredLevel  int    `bun:"required_level" json:"required_level" doc:"snapshot of the model when the round opened"`
	SelfLevel      *int   `bun:"self_level" json:"self_level"`
	ManagerLevel   *int   `bun:"manager_level" json:"manager_level"`
	AgreedLevel    *int   `bun:"agreed_level" json:"agreed_level" doc:"set by HR, or the manager's rating when the round closes"`
	Gap            *int   `bun:"gap" json:"gap" doc:"required - agreed; provisional (from the manager's rating) until the round closes"`
	SelfComment    string `bun:"self_comment" json:"self_comment"`
	ManagerComment string `bun:"manager_comment" json:"manager_comment"`

	CompetencyName string   `bun:"-" json:"competency_name"`
	Category       string   `bun:"-" json:"category"`
	Levels         []string `bun:"-" json:"levels" doc:"behavioural descriptions of levels 1-5"`
}

// Sheet is a participant's assessment with radar data.
type Sheet struct {
	Round       RoundRef    `json:"round"`
	Participant Participant `json:"participant"`
	Role        string      `json:"role" enum:"self,manager,reviewer" doc:"how the caller sees the sheet"`
	Ratings     []Rating    `json:"ratings"`
	Radar       Radar       `json:"radar"`
}

// RoundRef names a round inside other answers.
type RoundRef struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	DueDate string `json:"due_date"`
}

// Radar is the data of a radar chart: one indicator per competency and four
// series in the same order (nil where a level is missing).
type Radar struct {
	Indicators []RadarIndicator `json:"indicators"`
	Required   []*int           `json:"required"`
	Self       []*int           `json:"self"`
	Manager    []*int           `json:"manager"`
	Agreed     []*int           `json:"agreed"`
}

// RadarIndicator is one axis.
type RadarIndicator struct {
	Name string `json:"name"`
	Max  int    `json:"max"`
}

// agreedOrDefault is the level a rating closes with: HR's agreed level, or
// else the manager's rating; nil when neither exists (not assessed).
func agreedOrDefault(r Rating) *int {
	if r.AgreedLevel != nil {
		return r.AgreedLevel
	}
	return r.ManagerLevel
}

// gapOf is required - agreed, nil without an agreed level. A negative gap
// means the person exceeds the requirement.
func gapOf(required int, agreed *int) *int {
	if agreed == nil {
		return nil
	}
	g := required - *agreed
	return &g
}

// gapPriority ranks the need a gap raises: two levels or more is high.
func gapPriority(gap int) string {
	if gap >= 2 {
		return "high"
	}
	return "medium"
}

// radarOf builds the radar of a sheet's ratings.
func radarOf(ratings []Rating) Radar {
	r := Radar{Indicators: []RadarIndicator{}, Required: []*int{}, Self: []*int{}, Manager: []*int{}, Agreed: []*int{}}
	for _, x := range ratings {
		req := x.RequiredLevel
		r.Indicators = append(r.Indicators, RadarIndicator{Name: x.CompetencyName, Max: MaxLevel})
		r.Required = append(r.Required, &req)
		r.Self = append(r.Self, x.SelfLevel)
		r.Manager = append(r.Manager, x.ManagerLevel)
		r.Agreed = append(r.Agreed, x.AgreedLevel)
	}
	return r
}
