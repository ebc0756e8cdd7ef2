package learning

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// HourEntry is one line of an employee's 学时 ledger: every credited hour
// points at what earned it, so the yearly figure is explainable.
type HourEntry struct {
	bun.BaseModel `bun:"table:learning_hours,alias:h"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	EmployeeID    int64     `bun:"employee_id" json:"employee_id"`
	Source        string    `bun:"source" json:"source" enum:"session,course,external"`
	SourceID      int64     `bun:"source_id" json:"source_id" doc:"session, course or external-training id"`
	HoursTenths   int64     `bun:"hours_tenths" json:"hours_tenths"`
	EarnedOn      string    `bun:"earned_on" json:"earned_on" doc:"YYYY-MM-DD"`
	Title         string    `bun:"title" json:"title"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`
}

// credit adds a ledger line once per (source, id, employee); crediting again
// keeps the first line. Zero hours are not recorded.
func (s *Service) credit(ctx context.Context, tx bun.IDB, emp int64, source string, id, tenths int64, on, title string) error {
	if tenths <= 0 {
		return nil
	}
	exists, err := tx.NewSelect().Model((*HourEntry)(nil)).Where("source = ? AND source_id = ? AND employee_id = ?", source, id, emp).Exists(ctx)
	if err != nil || exists {
		return apperr.Wrap(err, "credit hours")
	}
	h := HourEntry{EmployeeID: emp, Source: source, SourceID: id, HoursTenths: tenths, EarnedOn: on, Title: title, CreatedAt: s.now()}
	_, err = tx.NewInsert().Model(&h).Exec(ctx)
	return apperr.Wrap(err, "credit hours")
}

// uncredit removes a ledger line (attendance corrected to absent).
func (s *Service) uncredit(ctx context.Context, tx bun.IDB, emp int64, source string, id int64) error {
	_, err := tx.NewDelete().Model((*HourEntry)(nil)).Where("source = ? AND source_id = ? AND employee_id = ?", source, id, emp).Exec(ctx)
	return apperr.Wrap(err, "remove credited hours")
}

// HoursSummary totals a ledger for one year.
type HoursSummary struct {
	Year          int   `json:"year"`
	TotalTenths   int64 `json:"total_tenths"`
	SessionTenths int64 `json:"session_tenths"`
	CourseTenths  int64 `json:"course_tenths"`
	ExternalTenth int64 `json:"external_tenths"`
}

// hoursInYear returns the ledger lines of emp earned in year (business dates).
func (s *Service) hoursInYear(ctx context.Context, emp int64, year int) ([]HourEntry, HoursSummary, error) {
	var items []HourEntry
	from, to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	err := s.db.R.NewSelect().Model(&items).Where("employee_id = ? AND earned_on >= ? AND earned_on <= ?", emp, from, to).
		OrderExpr("earned_on DESC, id DESC").Scan(ctx)
	sum := HoursSummary{Year: year}
	for _, h := range items {
		sum.TotalTenths += h.HoursTenths
		switch h.Source {
		case "session":
			sum.SessionTenths += h.HoursTenths
		case "course":
			sum.CourseTenths += h.HoursTenths
		case "external":
			sum.ExternalTenth += h.HoursTenths
		}
	}
	if items == nil {
		items = []HourEntry{}
	}
	return items, sum, apperr.Wrap(err, "load hours")
}
