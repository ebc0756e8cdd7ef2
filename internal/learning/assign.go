package learning

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/trail"
)

// CourseLearner is a learner's place on an online course: assigned by
// someone (source assigned, optionally with a due date) or taken up by the
// learner (source self). Completion and the certificate code live here.
type CourseLearner struct {
	bun.BaseModel   `bun:"table:learning_course_learners,alias:cl"`
	ID              int64      `bun:"id,pk,autoincrement" json:"id"`
	CourseID        int64      `bun:"course_id" json:"course_id"`
	EmployeeID      int64      `bun:"employee_id" json:"employee_id"`
	Source          string     `bun:"source" json:"source" enum:"assigned,self"`
	AssignedBy      *int64     `bun:"assigned_by" json:"assigned_by" doc:"user id"`
	DueOn           string     `bun:"due_on" json:"due_on" doc:"YYYY-MM-DD or empty"`
	CompletedAt     *time.Time `bun:"completed_at" json:"completed_at"`
	CertificateCode *string    `bun:"certificate_code" json:"certificate_code"`
	CreatedAt       time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt       time.Time  `bun:"updated_at" json:"updated_at"`
}

// AssignResult says what an assignment did.
type AssignResult struct {
	Added   int `json:"added" doc:"learners newly assigned"`
	Updated int `json:"updated" doc:"already on the course; the assignment (and due date) now applies"`
	Skipped int `json:"skipped" doc:"ids unknown or outside your data scope"`
}

// AssignCourse puts the audience on a course, with an optional due date.
// Someone already on it (e.g. self-enrolled) becomes assigned with the new
// due date. Errors: not_found (course), invalid (not published, bad date,
// nobody in the audience).
func (s *Service) AssignCourse(ctx context.Context, courseID int64, a Audience, dueOn string) (AssignResult, error) {
	var res AssignResult
	if dueOn != "" {
		if _, err := time.Parse(time.DateOnly, dueOn); err != nil {
			return res, apperr.Reject("body.due_on", apperr.Format("date"), "must be YYYY-MM-DD")
		}
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return res, err
	}
	ids, skipped := dir.expand(ctx, a)
	res.Skipped = skipped
	if len(ids) == 0 {
		return res, apperr.Reject("body.audience", apperr.Because("nobody", nil), "names nobody you may assign (unknown, left, or outside your data scope)")
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := s.course(ctx, tx, courseID)
		if err != nil {
			return err
		}
		if c.Status != "published" {
			return apperr.Reject("path.id", apperr.Because("not_published", apperr.P{"status": c.Status}), "course %s is %s; publish it before assigning learners", c.Code, c.Status)
		}
		now, by := s.now(), userID(ctx)
		for _, id := range ids {
			var cur CourseLearner
			err := tx.NewSelect().Model(&cur).Where("course_id = ? AND employee_id = ?", courseID, id).Scan(ctx)
			if err == nil {
				if _, err := tx.NewUpdate().Model((*CourseLearner)(nil)).Set("source = 'assigned'").Set("due_on = ?", dueOn).
					Set("assigned_by = ?", nullID(by)).Set("updated_at = ?", now).Where("id = ?", cur.ID).Exec(ctx); err != nil {
					return apperr.Wrap(err, "assign course")
				}
				res.Updated++
				continue
			}
			cl := CourseLearner{CourseID: courseID, EmployeeID: id, Source: "assigned", AssignedBy: nullID(by), DueOn: dueOn, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&cl).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "assign course")
			}
			res.Added++
		}
		trail.Change(ctx, "learning.course.assign", courseID, nil, map[string]any{"employee_ids": ids, "due_on": dueOn})
		body := "《" + c.Title + "》已加入你的学习任务"
		if dueOn != "" {
			body += "，请在 " + dueOn + " 前完成"
		}
		return s.notifyTx(ctx, tx, ids, Notice{Kind: "learning.course_assigned", Title: "新的学习任务：" + c.Title, Body: body + "。",
			Link: fmt.Sprintf("/learning/my/courses/%d", courseID), DedupeKey: s.eventKey("learning.course_assigned", courseID)})
	})
	return res, err
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// EnrolCourse puts the caller on a published course (self-study).
// Idempotent. Errors: not_found (unknown or unpublished course), invalid
// (no employee record).
func (s *Service) EnrolCourse(ctx context.Context, courseID int64) (CourseLearner, error) {
	emp, err := me(ctx)
	if err != nil {
		return CourseLearner{}, err
	}
	var out CourseLearner
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.ensureLearner(ctx, tx, courseID, emp)
		return err
	})
	return out, err
}

// ensureLearner returns the learner's row on a published course, creating a
// self-enrolment when missing.
func (s *Service) ensureLearner(ctx context.Context, tx bun.IDB, courseID, emp int64) (CourseLearner, error) {
	var cl CourseLearner
	err := tx.NewSelect().Model(&cl).Where("course_id = ? AND employee_id = ?", courseID, emp).Scan(ctx)
	if err == nil {
		return cl, nil
	}
	c, err := s.course(ctx, tx, courseID)
	if err != nil || c.Status != "published" {
		return cl, apperr.NotFoundf("course", courseID)
	}
	now := s.now()
	cl = CourseLearner{CourseID: courseID, EmployeeID: emp, Source: "self", CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(&cl).Returning("id").Exec(ctx); err != nil {
		return cl, apperr.Wrap(err, "enrol in course")
	}
	trail.Change(ctx, "learning.course.enrol", courseID, nil, cl)
	return cl, nil
}

// RemoveLearner takes an employee off a course; their progress rows stay
// (they come back if the person is put on the course again), hours already
// credited stay credited. Errors: not_found.
func (s *Service) RemoveLearner(ctx context.Context, courseID, employeeID int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var cl CourseLearner
		q := tx.NewSelect().Model(&cl).Where("course_id = ? AND employee_id = ?", courseID, employeeID)
		if err := scoped(ctx, q, "cl.employee_id").Scan(ctx); err != nil {
			return apperr.NotFoundf("learner", employeeID)
		}
		if _, err := tx.NewDelete().Model((*CourseLearner)(nil)).Where("id = ?", cl.ID).Exec(ctx); err != nil {
			return apperr.Wrap(err, "remove learner")
		}
		trail.Change(ctx, "learning.course.learner", cl.ID, cl, nil)
		return nil
	})
}
