package learning

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Report is the summary report owed after external training: what was
// learned, how it will be applied, files. The manager approves it (it is
// then shared into the knowledge library) or returns it for rework.
type Report struct {
	bun.BaseModel `bun:"table:learning_reports,alias:r"`
	ID            int64      `bun:"id,pk,autoincrement" json:"id"`
	ExternalID    int64      `bun:"external_id" json:"external_id"`
	EmployeeID    int64      `bun:"employee_id" json:"employee_id"`
	Title         string     `bun:"title" json:"title"`
	Learned       string     `bun:"learned" json:"learned" doc:"what was learned"`
	Application   string     `bun:"application" json:"application" doc:"how it will be applied at work"`
	Status        string     `bun:"status" json:"status" enum:"draft,submitted,returned,approved"`
	SubmittedAt   *time.Time `bun:"submitted_at" json:"submitted_at"`
	ReviewedBy    *int64     `bun:"reviewed_by" json:"reviewed_by"`
	ReviewedAt    *time.Time `bun:"reviewed_at" json:"reviewed_at"`
	ReviewNote    string     `bun:"review_note" json:"review_note"`
	SharedAt      *time.Time `bun:"shared_at" json:"shared_at" doc:"when it entered the knowledge library"`
	Version       int        `bun:"version" json:"version"`
	CreatedAt     time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time  `bun:"updated_at" json:"updated_at"`

	Provider     string       `bun:"provider,scanonly" json:"provider"`
	CourseTitle  string       `bun:"course_title,scanonly" json:"course_title"`
	Category     string       `bun:"category,scanonly" json:"category"`
	EndsOn       string       `bun:"ends_on,scanonly" json:"ends_on"`
	EmployeeName string       `bun:"-" json:"employee_name"`
	Attachments  []Attachment `bun:"-" json:"attachments"`
}

func (s *Service) reportQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	return idb.NewSelect().Model(dst).ColumnExpr("r.*").ColumnExpr("x.provider, x.course_title, x.category, x.ends_on").
		Join("JOIN learning_external AS x ON x.id = r.external_id")
}

func (s *Service) finishReports(ctx context.Context, idb bun.IDB, items []Report) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	files, err := s.attachments(ctx, idb, "report", ids...)
	if err != nil {
		return err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].EmployeeName = dir.name(items[i].EmployeeID)
		if items[i].Attachments = files[items[i].ID]; items[i].Attachments == nil {
			items[i].Attachments = []Attachment{}
		}
	}
	return nil
}

// readableReport loads a report the caller may read: their own, one of a
// person in their scope for approvers and reviewers, or an approved one
// (the library is open to everyone). Errors: not_found.
func (s *Service) readableReport(ctx context.Context, idb bun.IDB, id int64) (Report, error) {
	var r Report
	if err := s.reportQuery(idb, &r).Where("r.id = ?", id).Scan(ctx); err != nil {
		return r, db.NotFound(err, "report", id)
	}
	if r.Status != "approved" {
		if _, err := s.external(ctx, idb, r.ExternalID); err != nil {
			return r, apperr.NotFoundf("report", id)
		}
	}
	items := []Report{r}
	err := s.finishReports(ctx, idb, items)
	return items[0], err
}

// Report returns one report. Errors: not_found.
func (s *Service) Report(ctx context.Context, id int64) (Report, error) {
	return s.readableReport(ctx, s.db.R, id)
}

// ReportOf returns the report of an external request (own or in scope).
// Errors: not_found (no report yet, or the request is not visible).
func (s *Service) ReportOf(ctx context.Context, externalID int64) (Report, error) {
	if _, err := s.external(ctx, s.db.R, externalID); err != nil {
		return Report{}, err
	}
	var id int64
	if err := s.db.R.NewSelect().Model((*Report)(nil)).Column("id").Where("external_id = ?", externalID).Scan(ctx, &id); err != nil {
		return Report{}, db.NotFound(err, "report of external training", externalID)
	}
	return s.readableReport(ctx, s.db.R, id)
}

// canEditReport: the author, while the report is a draft or returned.
func (s *Service) canEditReport(ctx context.Context, tx bun.IDB, id int64) error {
	var r Report
	if err := tx.NewSelect().Model(&r).Where("r.id = ?", id).Scan(ctx); err != nil {
		return db.NotFound(err, "report", id)
	}
	if p := auth.From(ctx); p == nil || p.EmployeeID != r.EmployeeID {
		return apperr.NotFoundf("report", id)
	}
	if r.Status != "draft" && r.Status != "returned" {
		return apperr.Refuse(apperr.Invalid, apperr.Because("report_locked", apperr.P{"status": r.Status}), "the report is %s and can no longer be changed", r.Status)
	}
	return nil
}

// ReportInput is what the author writes.
type ReportInput struct {
	Title       string `json:"title" maxLength:"200"`
	Learned     string `json:"learned" maxLength:"20000"`
	Application string `json:"application" maxLength:"20000"`
	Version     int    `json:"version,omitempty" doc:"required when the report exists"`
}

// SaveReport writes the caller's report on an attended request: creates the
// draft, or changes a draft or returned report. Errors: not_found, invalid,
// conflict.
func (s *Service) SaveReport(ctx context.Context, externalID int64, in ReportInput) (Report, error) {
	var id int64
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.own(ctx, tx, externalID)
		if err != nil {
			return err
		}
		if x.Status != "attended" && x.Status != "completed" {
			return apperr.Refuse(apperr.Invalid, apperr.Because("report_before_attendance", apperr.P{"status": x.Status}), "the report is written after attendance is confirmed (the request is %s)", x.Status)
		}
		in.Title = strings.TrimSpace(in.Title)
		if in.Title == "" {
			in.Title = x.CourseTitle + " 学习总结"
		}
		now := s.now()
		if x.ReportID == nil {
			r := Report{ExternalID: externalID, EmployeeID: x.EmployeeID, Title: in.Title, Learned: in.Learned, Application: in.Application,
				Status: "draft", Version: 1, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&r).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "create report")
			}
			id = r.ID
			trail.Change(ctx, "learning.report", id, nil, r)
			return nil
		}
		id = *x.ReportID
		if err := s.canEditReport(ctx, tx, id); err != nil {
			return err
		}
		r := Report{Title: in.Title, Learned: in.Learned, Application: in.Application, UpdatedAt: now}
		if err := db.UpdateVersioned(ctx, tx, &r, "report", id, in.Version, "title", "learned", "application", "updated_at"); err != nil {
			return err
		}
		trail.Change(ctx, "learning.report", id, nil, r)
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return s.readableReport(ctx, s.db.R, id)
}

// SubmitReport hands the caller's report to the reviewer; both texts are
// required. Errors: not_found, invalid, conflict.
func (s *Service) SubmitReport(ctx context.Context, reportID int64, version int) (Report, error) {
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.canEditReport(ctx, tx, reportID); err != nil {
			return err
		}
		var r Report
		if err := tx.NewSelect().Model(&r).Where("r.id = ?", reportID).Scan(ctx); err != nil {
			return apperr.Wrap(err, "load report")
		}
		var v apperr.Validation
		if strings.TrimSpace(r.Learned) == "" {
			v.Reject("body.learned", apperr.Required(), "say what you learned before submitting")
		}
		if strings.TrimSpace(r.Application) == "" {
			v.Reject("body.application", apperr.Required(), "say how you will apply it before submitting")
		}
		if err := v.Err(); err != nil {
			return err
		}
		now := s.now()
		next := Report{Status: "submitted", SubmittedAt: &now, UpdatedAt: now}
		if err := db.UpdateVersioned(ctx, tx, &next, "report", reportID, version, "status", "submitted_at", "updated_at"); err != nil {
			return err
		}
		trail.Change(ctx, "learning.report.submit", reportID, map[string]any{"status": r.Status}, map[string]any{"status": "submitted"})
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return s.readableReport(ctx, s.db.R, reportID)
}

// ReviewReport approves a submitted report (it is shared into the library
// and the request completed) or returns it for rework with a note; a
// returned report falls due again report_due_days after the return.
// Reviewers act on people in their scope, never on their own report.
// Errors: not_found, invalid.
func (s *Service) ReviewReport(ctx context.Context, reportID int64, approve bool, note string) (Report, error) {
	note = strings.TrimSpace(note)
	if !approve && note == "" {
		return Report{}, apperr.Reject("body.note", apperr.Required(), "say what needs rework")
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Report{}, err
	}
	var out Report
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var r Report
		if err := tx.NewSelect().Model(&r).Where("r.id = ?", reportID).Scan(ctx); err != nil {
			return db.NotFound(err, "report", reportID)
		}
		x, err := s.managed(ctx, tx, r.ExternalID)
		if err != nil {
			if apperr.Is(err, apperr.NotFound) {
				return apperr.NotFoundf("report", reportID)
			}
			return err
		}
		if r.Status != "submitted" {
			return apperr.Refuse(apperr.Invalid, apperr.Because("report_not_submitted", apperr.P{"status": r.Status}), "the report is %s; only submitted reports are reviewed", r.Status)
		}
		now := s.now()
		q := tx.NewUpdate().Model((*Report)(nil)).Set("reviewed_by = ?", nullID(userID(ctx))).Set("reviewed_at = ?", now).
			Set("review_note = ?", note).Set("version = version + 1").Set("updated_at = ?", now).Where("id = ?", reportID)
		xq := tx.NewUpdate().Model((*External)(nil)).Set("version = version + 1").Set("updated_at = ?", now).Where("id = ?", x.ID)
		if approve {
			q, xq = q.Set("status = 'approved'").Set("shared_at = ?", now), xq.Set("status = 'completed'")
		} else {
			q, xq = q.Set("status = 'returned'"), xq.Set("report_due_on = ?", dueDate(s.today(ctx), st.ReportDueDays))
		}
		if _, err := q.Exec(ctx); err != nil {
			return apperr.Wrap(err, "review report")
		}
		if _, err := xq.Exec(ctx); err != nil {
			return apperr.Wrap(err, "review report")
		}
		if out, err = s.readableReport(ctx, tx, reportID); err != nil {
			return err
		}
		trail.Change(ctx, "learning.report.review", reportID, map[string]any{"status": r.Status}, map[string]any{"status": out.Status, "note": note})
		title := map[bool]string{true: "学习总结已通过并分享到知识库", false: "学习总结需修改"}[approve]
		return s.notifyTx(ctx, tx, []int64{out.EmployeeID}, Notice{Kind: "learning.report_reviewed", Title: title + "：" + out.CourseTitle, Body: note,
			Link: fmt.Sprintf("/learning/my/external/%d", out.ExternalID), DedupeKey: s.eventKey("learning.report_reviewed", reportID)})
	})
	return out, err
}

// AttachToReport adds a file (materials from the course) to one's report
// while it can be edited. Errors: not_found, invalid.
func (s *Service) AttachToReport(ctx context.Context, reportID int64, r io.Reader, name string) (Attachment, error) {
	return s.addAttachment(ctx, "report", reportID, r, name, func(ctx context.Context, tx bun.IDB) error {
		return s.canEditReport(ctx, tx, reportID)
	})
}
