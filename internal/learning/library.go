package learning

import (
	"context"
	"strings"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
)

// LibraryFilter searches the knowledge library. The search is a
// case-insensitive substring match (SQL LIKE) over the title, what was
// learned, how it is applied, the course title and the provider: fine for
// the thousands of reports a company writes; no word segmentation or
// ranking (a full-text index would be the next step).
type LibraryFilter struct {
	api.Page
	Q        string `query:"q" doc:"words to find (substring match)"`
	Category string `query:"category" enum:"basics,professional,marketing,customer_service,management,other,"`
	Year     int    `query:"year" doc:"shared in this year"`
}

// Library lists approved summary reports, newest first; everyone with
// learning:library:read sees all of them (sharing is the point).
func (s *Service) Library(ctx context.Context, f LibraryFilter) ([]Report, int, error) {
	var items []Report
	q := s.reportQuery(s.db.R, &items).Where("r.status = 'approved'")
	for _, word := range strings.Fields(strings.ToLower(f.Q)) {
		like := "%" + escapeLike(word) + "%"
		q = q.Where(`(lower(r.title) LIKE ? ESCAPE '\' OR lower(r.learned) LIKE ? ESCAPE '\' OR lower(r.application) LIKE ? ESCAPE '\'
			OR lower(x.course_title) LIKE ? ESCAPE '\' OR lower(x.provider) LIKE ? ESCAPE '\')`, like, like, like, like, like)
	}
	if f.Category != "" {
		q = q.Where("x.category = ?", f.Category)
	}
	if f.Year != 0 {
		q = q.Where("x.ends_on >= ? AND x.ends_on <= ?", yearStart(f.Year), yearEnd(f.Year))
	}
	q, err := api.Order(q, f.Sort, map[string]string{"shared_at": "r.shared_at", "title": "r.title", "id": "r.id"}, "-shared_at")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "search library")
	}
	return items, int(n), s.finishReports(ctx, s.db.R, items)
}

// escapeLike makes % and _ in a search word literal.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ReportFilter filters reports for reviewers.
type ReportFilter struct {
	api.Page
	Status string `query:"status" enum:"draft,submitted,returned,approved," doc:"default submitted: the review queue"`
}

// Reports lists the reports of people in the caller's data scope, by
// default those waiting for review, oldest submission first.
func (s *Service) Reports(ctx context.Context, f ReportFilter) ([]Report, int, error) {
	if f.Status == "" {
		f.Status = "submitted"
	}
	var items []Report
	q := scoped(ctx, s.reportQuery(s.db.R, &items).Where("r.status = ?", f.Status), "r.employee_id")
	q, err := api.Order(q, f.Sort, map[string]string{"submitted_at": "r.submitted_at", "id": "r.id"}, "submitted_at")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list reports")
	}
	return items, int(n), s.finishReports(ctx, s.db.R, items)
}
