package training

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// BusinessProblem is an entry of the business problem register (业务问题分析, B1.2):
// an operating problem with its evidence, causes and owner, which can raise
// training needs.
type BusinessProblem struct {
	bun.BaseModel `bun:"table:business_problems,alias:bp"`
	ID            int64  `bun:"id,pk,autoincrement" json:"id"`
	Title         string `bun:"title" json:"title"`
	Area          string `bun:"area" json:"area" enum:"conversion,returns,complaints,ads_roi,stock,other"`
	Description   string `bun:"description" json:"description"`
	Evidence
	Causes     string    `bun:"causes" json:"causes" doc:"root causes found"`
	OwnerID    int64     `bun:"owner_id" json:"owner_id" doc:"employee responsible"`
	Status     string    `bun:"status" json:"status" enum:"open,analysing,action,closed"`
	FoundDate  string    `bun:"found_date" json:"found_date" doc:"YYYY-MM-DD"`
	ClosedDate string    `bun:"closed_date" json:"closed_date" doc:"YYYY-MM-DD; set when closed"`
	Version    int       `bun:"version" json:"version"`
	CreatedAt  time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt  time.Time `bun:"updated_at" json:"updated_at"`

	OwnerName string `bun:"-" json:"owner_name"`
	ShopName  string `bun:"-" json:"shop_name"`
	Needs     int    `bun:"-" json:"needs" doc:"training needs raised from it"`
}

// Evidence links a problem to a figure: a metric of a shop in a period (the
// metric key as the metric registry names it, e.g. refund_rate, with the
// value seen), and/or a URL or free text.
type Evidence struct {
	Metric string `bun:"evidence_metric" json:"evidence_metric" required:"false" maxLength:"64" doc:"metric key, e.g. conversion_rate"`
	ShopID *int64 `bun:"evidence_shop_id" json:"evidence_shop_id" required:"false"`
	Period string `bun:"evidence_period" json:"evidence_period" required:"false" maxLength:"10" doc:"2026-11, 2026-Q4 or 2026"`
	Value  string `bun:"evidence_value" json:"evidence_value" required:"false" maxLength:"64" doc:"the figure seen, e.g. 8.2%"`
	URL    string `bun:"evidence_url" json:"evidence_url" required:"false" maxLength:"500"`
	Note   string `bun:"evidence_note" json:"evidence_note" required:"false" maxLength:"2000"`
}

// BusinessProblem areas and statuses.
var (
	ProblemAreas    = []string{"conversion", "returns", "complaints", "ads_roi", "stock", "other"}
	ProblemStatuses = []string{"open", "analysing", "action", "closed"}
)

var (
	periodRE    = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$`)
	metricKeyRE = regexp.MustCompile(`^[a-z][a-z0-9_.]{0,63}$`)
)

// validateProblem checks the fields that need no database.
func validateProblem(p *BusinessProblem) error {
	var v apperr.Validation
	p.Title, p.Description, p.Causes = strings.TrimSpace(p.Title), strings.TrimSpace(p.Description), strings.TrimSpace(p.Causes)
	if p.Title == "" {
		v.Reject("body.title", apperr.Required(), "title is required")
	}
	oneOf(&v, "body.area", p.Area, ProblemAreas)
	if p.Status == "" {
		p.Status = "open"
	}
	oneOf(&v, "body.status", p.Status, ProblemStatuses)
	if p.FoundDate != "" {
		if _, err := time.Parse(time.DateOnly, p.FoundDate); err != nil {
			v.Reject("body.found_date", apperr.Format("date"), "must be YYYY-MM-DD")
		}
	}
	e := &p.Evidence
	e.Metric, e.Period, e.URL = strings.TrimSpace(e.Metric), strings.TrimSpace(e.Period), strings.TrimSpace(e.URL)
	if e.Metric != "" && !metricKeyRE.MatchString(e.Metric) {
		v.Reject("body.evidence_metric", apperr.Format("metric-key"), "a metric key is lower-case letters, digits, _ and .")
	}
	if e.Period != "" && !periodRE.MatchString(e.Period) {
		v.Reject("body.evidence_period", apperr.Format("period"), "period must be YYYY, YYYY-MM or YYYY-Qn")
	}
	if (e.ShopID != nil || e.Period != "") && e.Metric == "" {
		v.Reject("body.evidence_metric", apperr.Required(), "name the metric the shop and period refer to")
	}
	if e.URL != "" {
		if u, err := url.Parse(e.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.Reject("body.evidence_url", apperr.Format("url"), "must be an http or https URL")
		}
	}
	return v.Err()
}
