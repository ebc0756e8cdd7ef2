package learning

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// DueItem is an external request whose report is owed.
type DueItem struct {
	ExternalID  int64
	EmployeeID  int64
	ManagerID   int64 // 0 when the person has no manager
	CourseTitle string
	DueOn       string
}

// Reminder is one notice to send.
type Reminder struct {
	ExternalID int64
	EmployeeID int64  // who gets it
	Kind       string // due_soon, due_today, overdue
	Days       int    // days before (due_soon) or after (overdue) the due date
	DueOn      string
	DedupeKey  string // the same reminder is never sent twice
}

// SelectReminders decides the reminders of today for the owed reports:
//
//	due_soon   on each of the days `before` ahead of the due date (e.g. 3 and 1)
//	due_today  on the due date
//	overdue    the day after the due date, then every `repeat` days; the
//	           person's manager gets a copy of each overdue reminder
//
// The dedupe key holds the due date, so a report returned for rework (a new
// due date) is reminded afresh. Pure: the job runs it and sends the result.
func SelectReminders(items []DueItem, today string, before []int, repeat int) []Reminder {
	repeat = max(repeat, 1)
	var out []Reminder
	for _, it := range items {
		if it.DueOn == "" {
			continue
		}
		left := daysBetween(today, it.DueOn)
		r := Reminder{ExternalID: it.ExternalID, EmployeeID: it.EmployeeID, DueOn: it.DueOn}
		switch {
		case left > 0 && slices.Contains(before, left):
			r.Kind, r.Days = "due_soon", left
		case left == 0:
			r.Kind = "due_today"
		case left < 0 && (-left-1)%repeat == 0:
			r.Kind, r.Days = "overdue", -left
		default:
			continue
		}
		r.DedupeKey = fmt.Sprintf("learning:report:%d:%s:%s:%d", it.ExternalID, it.DueOn, r.Kind, r.Days)
		out = append(out, r)
		if r.Kind == "overdue" && it.ManagerID != 0 && it.ManagerID != it.EmployeeID {
			m := r
			m.EmployeeID, m.DedupeKey = it.ManagerID, r.DedupeKey+":manager"
			out = append(out, m)
		}
	}
	return out
}

// RunReportReminders is the job entry point (daily): it selects today's
// reminders for owed reports and, for each one not recorded yet, writes its
// learning_reminders row and the notice (notification outbox) in one
// transaction. The row's primary key is the dedupe key, so running twice a
// day, or after a crash, sends nothing twice. Returns how many were new.
func (s *Service) RunReportReminders(ctx context.Context) (int, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	var owed []External
	if err := s.externalQuery(s.db.R, &owed).Where("x.status = 'attended' AND x.report_due_on <> ''").
		Where("(r.status IS NULL OR r.status IN ('draft','returned'))").Scan(ctx); err != nil {
		return 0, apperr.Wrap(err, "list owed reports")
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return 0, err
	}
	items := make([]DueItem, 0, len(owed))
	for _, x := range owed {
		it := DueItem{ExternalID: x.ID, EmployeeID: x.EmployeeID, CourseTitle: x.CourseTitle, DueOn: x.ReportDueOn}
		if e, ok := dir.emps[x.EmployeeID]; ok && e.ManagerID != nil {
			it.ManagerID = *e.ManagerID
		}
		items = append(items, it)
	}
	byID := map[int64]DueItem{}
	for _, it := range items {
		byID[it.ExternalID] = it
	}
	sent := 0
	for _, r := range SelectReminders(items, s.today(ctx), st.RemindBefore(), st.OverdueRepeatDays) {
		it := byID[r.ExternalID]
		err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
			row := reminderRow{DedupeKey: r.DedupeKey, ExternalID: r.ExternalID, Kind: r.Kind, DueOn: r.DueOn, EmployeeID: r.EmployeeID, CreatedAt: s.now()}
			res, err := tx.NewInsert().Model(&row).On("CONFLICT DO NOTHING").Exec(ctx)
			if err != nil {
				return apperr.Wrap(err, "record reminder")
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil // sent before
			}
			sent++
			return s.notifyTx(ctx, tx, []int64{r.EmployeeID}, reminderNotice(r, it.CourseTitle, dir.name(it.EmployeeID)))
		})
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// reminderRow records a sent reminder (learning_reminders).
type reminderRow struct {
	bun.BaseModel `bun:"table:learning_reminders"`
	DedupeKey     string    `bun:"dedupe_key,pk"`
	ExternalID    int64     `bun:"external_id"`
	Kind          string    `bun:"kind"`
	DueOn         string    `bun:"due_on"`
	EmployeeID    int64     `bun:"employee_id"`
	CreatedAt     time.Time `bun:"created_at"`
}

func reminderNotice(r Reminder, course, name string) Notice {
	n := Notice{Kind: "learning.report_" + r.Kind, Link: fmt.Sprintf("/learning/my/external/%d", r.ExternalID), DedupeKey: r.DedupeKey}
	switch r.Kind {
	case "due_soon":
		n.Title, n.Body = fmt.Sprintf("外部培训总结还有 %d 天到期", r.Days), fmt.Sprintf("《%s》的学习总结请在 %s 前提交。", course, r.DueOn)
	case "due_today":
		n.Title, n.Body = "外部培训总结今天到期", fmt.Sprintf("《%s》的学习总结今天（%s）到期。", course, r.DueOn)
	default:
		n.Title, n.Body = fmt.Sprintf("外部培训总结已逾期 %d 天", r.Days), fmt.Sprintf("%s 的《%s》学习总结应于 %s 提交。", name, course, r.DueOn)
	}
	return n
}
