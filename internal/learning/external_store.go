package learning

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ExternalFilter filters external training.
type ExternalFilter struct {
	api.Page
	Q          string `query:"q" doc:"matches provider or course title"`
	Status     string `query:"status" enum:"requested,approved,rejected,cancelled,attended,completed,"`
	EmployeeID int64  `query:"employee_id"`
	Year       int    `query:"year" doc:"starts in this year"`
	Overdue    bool   `query:"overdue" doc:"only reports past their due date"`
}

func (s *Service) externalQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	return idb.NewSelect().Model(dst).ColumnExpr("x.*").ColumnExpr("r.id AS report_id, r.status AS report_status").
		Join("LEFT JOIN learning_reports AS r ON r.external_id = x.id")
}

// listExternal lists requests; mine limits them to the caller's own,
// otherwise the caller's data scope applies.
func (s *Service) listExternal(ctx context.Context, f ExternalFilter, mine bool) ([]External, int, error) {
	var items []External
	q := s.externalQuery(s.db.R, &items)
	if mine {
		emp, err := me(ctx)
		if err != nil {
			return []External{}, 0, nil
		}
		q = q.Where("x.employee_id = ?", emp)
	} else {
		q = scoped(ctx, q, "x.employee_id")
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(x.provider) LIKE ? OR lower(x.course_title) LIKE ?)", like, like)
	}
	if f.Status != "" {
		q = q.Where("x.status = ?", f.Status)
	}
	if f.EmployeeID != 0 {
		q = q.Where("x.employee_id = ?", f.EmployeeID)
	}
	if f.Year != 0 {
		q = q.Where("x.starts_on >= ? AND x.starts_on <= ?", yearStart(f.Year), yearEnd(f.Year))
	}
	today := s.today(ctx)
	if f.Overdue {
		q = q.Where("x.status = 'attended' AND x.report_due_on <> '' AND x.report_due_on < ?", today).
			Where("(r.status IS NULL OR r.status IN ('draft','returned'))")
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "x.id", "starts_on": "x.starts_on", "report_due_on": "x.report_due_on",
		"cost_fen": "x.cost_fen", "created_at": "x.created_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list external training")
	}
	return items, int(n), s.decorateExternal(ctx, today, items)
}

// ListExternal lists the requests of people in the caller's data scope.
func (s *Service) ListExternal(ctx context.Context, f ExternalFilter) ([]External, int, error) {
	return s.listExternal(ctx, f, false)
}

// ListMyExternal lists the caller's own requests.
func (s *Service) ListMyExternal(ctx context.Context, f ExternalFilter) ([]External, int, error) {
	return s.listExternal(ctx, f, true)
}

func (s *Service) decorateExternal(ctx context.Context, today string, items []External) error {
	if len(items) == 0 {
		return nil
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for i := range items {
		x := &items[i]
		x.EmployeeName = dir.name(x.EmployeeID)
		_, x.DepartmentName = dir.dept(x.EmployeeID)
		x.DaysOverdue = Overdue(x.Status, x.ReportStatus, x.ReportDueOn, today)
	}
	return nil
}

func yearStart(y int) string { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) }
func yearEnd(y int) string   { return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) }

// external loads a request the caller may see: their own, or one of a
// person in their data scope. Errors: not_found.
func (s *Service) external(ctx context.Context, idb bun.IDB, id int64) (External, error) {
	var x External
	q := s.externalQuery(idb, &x).Where("x.id = ?", id)
	if p := auth.From(ctx); p != nil && !p.Unrestricted() {
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			q = q.Where("x.employee_id = ?", p.EmployeeID)
			if len(p.Employees) > 0 && (p.Can("learning:external:approve") || p.Can("learning:external:review")) {
				q = q.WhereOr("x.employee_id IN (?)", bun.In(p.Employees))
			}
			return q
		})
	}
	if err := q.Scan(ctx); err != nil {
		return x, db.NotFound(err, "external training", id)
	}
	items := []External{x}
	err := s.decorateExternal(ctx, s.today(ctx), items)
	return items[0], err
}

// External returns one request (own, or in scope for approvers and
// reviewers). Errors: not_found.
func (s *Service) External(ctx context.Context, id int64) (External, error) {
	return s.external(ctx, s.db.R, id)
}

// own loads the caller's own request. Errors: not_found.
func (s *Service) own(ctx context.Context, tx bun.IDB, id int64) (External, error) {
	emp, err := me(ctx)
	if err != nil {
		return External{}, err
	}
	x, err := s.external(ctx, tx, id)
	if err != nil || x.EmployeeID != emp {
		return x, apperr.NotFoundf("external training", id)
	}
	return x, nil
}

// managed loads someone else's request in the caller's scope for an
// approver's action; one's own request is not_found here (nobody approves
// their own) unless the caller is a system administrator.
func (s *Service) managed(ctx context.Context, tx bun.IDB, id int64) (External, error) {
	x, err := s.external(ctx, tx, id)
	if err != nil {
		return x, err
	}
	if p := auth.From(ctx); p != nil && !p.Admin && x.EmployeeID == p.EmployeeID {
		return x, apperr.Refuse(apperr.Invalid, apperr.Because("own_request", nil), "you cannot decide on your own request; your manager does")
	}
	if !seesEmployee(ctx, x.EmployeeID) {
		return x, apperr.NotFoundf("external training", id)
	}
	return x, nil
}

// RequestExternal files the caller's request. Errors: invalid.
func (s *Service) RequestExternal(ctx context.Context, x External) (External, error) {
	emp, err := me(ctx)
	if err != nil {
		return x, err
	}
	if err := x.validate(); err != nil {
		return x, err
	}
	if err := s.checkPlanItem(ctx, x.PlanItemID); err != nil {
		return x, err
	}
	var out External
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		x.ID, x.EmployeeID, x.Status, x.Version, x.CreatedAt, x.UpdatedAt = 0, emp, "requested", 1, now, now
		x.DecidedBy, x.DecidedAt, x.DecisionNote, x.AttendedAt, x.ReportDueOn = nil, nil, "", nil, ""
		if _, err := tx.NewInsert().Model(&x).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "request external training")
		}
		var err error
		if out, err = s.external(ctx, tx, x.ID); err != nil {
			return err
		}
		trail.Change(ctx, "learning.external", x.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdateExternal changes one's own request while it waits for approval.
// Errors: not_found, invalid, conflict.
func (s *Service) UpdateExternal(ctx context.Context, id int64, x External) (External, error) {
	if err := x.validate(); err != nil {
		return x, err
	}
	if err := s.checkPlanItem(ctx, x.PlanItemID); err != nil {
		return x, err
	}
	var out External
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.own(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := canMove(cur.Status, "edit"); err != nil {
			return err
		}
		x.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &x, "external training", id, x.Version, "provider", "course_title", "location", "starts_on", "ends_on",
			"hours_tenths", "cost_fen", "category", "reason", "plan_item_id", "updated_at"); err != nil {
			return err
		}
		if out, err = s.external(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.external", id, cur, out)
		return nil
	})
	return out, err
}

// moveExternal applies an action in one transaction: load (own or managed),
// check the transition, update, audit, and record a notice when n says one.
func (s *Service) moveExternal(ctx context.Context, id int64, action string, own bool, set func(cur External, q *bun.UpdateQuery) (*bun.UpdateQuery, error),
	n func(out External) *Notice) (External, error) {
	var out External
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		load := s.managed
		if own {
			load = s.own
		}
		cur, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := canMove(cur.Status, action); err != nil {
			return err
		}
		q, err := set(cur, tx.NewUpdate().Model((*External)(nil)).Set("version = version + 1").Set("updated_at = ?", s.now()).Where("id = ?", id))
		if err != nil {
			return err
		}
		if _, err := q.Exec(ctx); err != nil {
			return apperr.Wrap(err, "update external training")
		}
		if action == "attend" {
			if err := s.credit(ctx, tx, cur.EmployeeID, "external", cur.ID, cur.HoursTenths, cur.EndsOn, cur.CourseTitle); err != nil {
				return err
			}
		}
		if out, err = s.external(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.external."+action, id, cur, out)
		if n == nil {
			return nil
		}
		if notice := n(out); notice != nil {
			return s.notifyTx(ctx, tx, []int64{out.EmployeeID}, *notice)
		}
		return nil
	})
	return out, err
}

// CancelExternal withdraws one's own request before attendance.
// Errors: not_found, invalid.
func (s *Service) CancelExternal(ctx context.Context, id int64) (External, error) {
	return s.moveExternal(ctx, id, "cancel", true, func(_ External, q *bun.UpdateQuery) (*bun.UpdateQuery, error) {
		return q.Set("status = 'cancelled'"), nil
	}, nil)
}

// DecideExternal approves or rejects a request of someone in the caller's
// scope (a reason is required to reject). Errors: not_found, invalid.
func (s *Service) DecideExternal(ctx context.Context, id int64, approve bool, note string) (External, error) {
	action, status := "reject", "rejected"
	if approve {
		action, status = "approve", "approved"
	} else if strings.TrimSpace(note) == "" {
		return External{}, apperr.Reject("body.note", apperr.Required(), "say why the request is rejected")
	}
	return s.moveExternal(ctx, id, action, false, func(_ External, q *bun.UpdateQuery) (*bun.UpdateQuery, error) {
		now := s.now()
		return q.Set("status = ?", status).Set("decided_by = ?", nullID(userID(ctx))).Set("decided_at = ?", now).Set("decision_note = ?", strings.TrimSpace(note)), nil
	}, func(out External) *Notice {
		return &Notice{Kind: "learning.external_" + status, Title: "外部培训申请" + map[bool]string{true: "已批准", false: "未批准"}[approve] + "：" + out.CourseTitle,
			Body: note, Link: fmt.Sprintf("/learning/my/external/%d", out.ID), DedupeKey: s.eventKey("learning.external_"+status, out.ID)}
	})
}

// ConfirmAttendance records that the person attended (from the course's
// first day on): the report falls due report_due_days after the end and
// the hours are credited. Errors: not_found, invalid.
func (s *Service) ConfirmAttendance(ctx context.Context, id int64) (External, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return External{}, err
	}
	today := s.today(ctx)
	return s.moveExternal(ctx, id, "attend", false, func(cur External, q *bun.UpdateQuery) (*bun.UpdateQuery, error) {
		if today < cur.StartsOn {
			return nil, apperr.Refuse(apperr.Invalid, apperr.Because("external_not_started", apperr.P{"starts_on": cur.StartsOn}), "the course starts on %s; confirm attendance from then on", cur.StartsOn)
		}
		return q.Set("status = 'attended'").Set("attended_at = ?", s.now()).Set("report_due_on = ?", dueDate(cur.EndsOn, st.ReportDueDays)), nil
	}, func(out External) *Notice {
		return &Notice{Kind: "learning.report_owed", Title: "请提交外部培训学习总结：" + out.CourseTitle,
			Body: "出勤已确认，学习总结请在 " + out.ReportDueOn + " 前提交。", Link: fmt.Sprintf("/learning/my/external/%d", out.ID),
			DedupeKey: s.eventKey("learning.report_owed", out.ID)}
	})
}
