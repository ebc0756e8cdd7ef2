package learning

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
	"ecomops/internal/training"
)

// CourseFilter filters the catalogue. Courses are company-wide: permission
// checked, not data-scoped.
type CourseFilter struct {
	api.Page
	Q        string `query:"q" doc:"matches code, title or summary"`
	Category string `query:"category" enum:"basics,professional,marketing,customer_service,management,other,"`
	Status   string `query:"status" enum:"draft,published,archived,"`
}

func (s *Service) courseQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	return idb.NewSelect().Model(dst).ColumnExpr("c.*").
		ColumnExpr("(SELECT count(*) FROM learning_materials AS m WHERE m.course_id = c.id) AS material_count").
		ColumnExpr("(SELECT count(*) FROM learning_course_learners AS l WHERE l.course_id = c.id) AS learner_count")
}

// ListCourses returns a page of the catalogue with lecturer names.
func (s *Service) ListCourses(ctx context.Context, f CourseFilter) ([]Course, int, error) {
	var items []Course
	q := s.courseQuery(s.db.R, &items)
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(c.code) LIKE ? OR lower(c.title) LIKE ? OR lower(c.summary) LIKE ?)", like, like, like)
	}
	if f.Category != "" {
		q = q.Where("c.category = ?", f.Category)
	}
	if f.Status != "" {
		q = q.Where("c.status = ?", f.Status)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "c.id", "code": "c.code", "title": "c.title", "updated_at": "c.updated_at"}, "code")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list courses")
	}
	return items, int(n), s.fillLecturers(ctx, s.db.R, items)
}

func (s *Service) fillLecturers(ctx context.Context, idb bun.IDB, items []Course) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i := range items {
		items[i].afterScan()
		ids[i] = items[i].ID
	}
	var links []CourseLecturer
	if err := idb.NewSelect().Model(&links).Where("course_id IN (?)", bun.In(ids)).OrderExpr("course_id, sort, id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load course lecturers")
	}
	if len(links) == 0 {
		return nil
	}
	names, err := s.lecturerNames(ctx, idb, links)
	if err != nil {
		return err
	}
	byCourse := map[int64][]CourseLecturer{}
	for _, l := range links {
		l.Name = names(l)
		byCourse[l.CourseID] = append(byCourse[l.CourseID], l)
	}
	for i := range items {
		if ls := byCourse[items[i].ID]; ls != nil {
			items[i].Lecturers = ls
		}
	}
	return nil
}

// lecturerNames returns a function naming a lecturer link: the employee's
// name or the registry entry's name (with its organisation).
func (s *Service) lecturerNames(ctx context.Context, idb bun.IDB, links []CourseLecturer) (func(CourseLecturer) string, error) {
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	reg := map[int64]training.ExternalLecturer{}
	if s.training != nil {
		regs, _, err := s.training.ListExternalLecturers(auth.With(ctx, nil), training.LecturerFilter{Page: api.Page{Sort: "id"}})
		if err != nil {
			return nil, err
		}
		for _, r := range regs {
			reg[r.ID] = r
		}
	}
	return func(l CourseLecturer) string {
		if l.EmployeeID != nil {
			return dir.name(*l.EmployeeID)
		}
		if l.LecturerID != nil {
			r, ok := reg[*l.LecturerID]
			switch {
			case !ok:
				return fmt.Sprintf("#%d", *l.LecturerID)
			case r.Institution != "" && r.Institution != r.Name:
				return r.Name + "（" + r.Institution + "）"
			}
			return r.Name
		}
		return ""
	}, nil
}

// knownLecturer checks an id of the training module's external lecturer
// registry (any id passes when no registry is wired, as in service tests).
func (s *Service) knownLecturer(ctx context.Context, id int64) bool {
	if s.training == nil {
		return true
	}
	_, err := s.training.ExternalLecturer(auth.With(ctx, nil), id)
	return err == nil
}

// Course returns one course with its lecturers and materials. Errors: not_found.
func (s *Service) Course(ctx context.Context, id int64) (Course, error) {
	c, err := s.course(ctx, s.db.R, id)
	if err != nil {
		return c, err
	}
	c.Materials, err = s.materials(ctx, s.db.R, id)
	return c, err
}

func (s *Service) course(ctx context.Context, idb bun.IDB, id int64) (Course, error) {
	var c Course
	if err := s.courseQuery(idb, &c).Where("c.id = ?", id).Scan(ctx); err != nil {
		return c, db.NotFound(err, "course", id)
	}
	items := []Course{c}
	err := s.fillLecturers(ctx, idb, items)
	return items[0], err
}

func (s *Service) checkCourseRefs(ctx context.Context, tx bun.IDB, c *Course) error {
	var v apperr.Validation
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for i, l := range c.Lecturers {
		if l.EmployeeID != nil {
			if _, ok := dir.emps[*l.EmployeeID]; !ok {
				v.Reject("body.lecturers", apperr.Because(apperr.CodeNotFound, apperr.P{"item": i + 1, "id": *l.EmployeeID}), "lecturer %d: employee %d does not exist", i+1, *l.EmployeeID)
			}
		} else if l.LecturerID != nil && !s.knownLecturer(ctx, *l.LecturerID) {
			v.Reject("body.lecturers", apperr.Because(apperr.CodeNotFound, apperr.P{"item": i + 1, "id": *l.LecturerID}), "lecturer %d: external lecturer %d is not in the registry", i+1, *l.LecturerID)
		}
	}
	return v.Err()
}

func (s *Service) saveCourseLecturers(ctx context.Context, tx bun.IDB, c *Course) error {
	if _, err := tx.NewDelete().Model((*CourseLecturer)(nil)).Where("course_id = ?", c.ID).Exec(ctx); err != nil {
		return apperr.Wrap(err, "save course lecturers")
	}
	for i := range c.Lecturers {
		l := &c.Lecturers[i]
		l.ID, l.CourseID, l.Sort = 0, c.ID, i
		if _, err := tx.NewInsert().Model(l).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "save course lecturers")
		}
	}
	return nil
}

// CreateCourse adds a course. Errors: invalid (including a taken code).
func (s *Service) CreateCourse(ctx context.Context, c Course) (Course, error) {
	var out Course
	if err := s.checkPlanItem(ctx, c.PlanItemID); err != nil {
		return out, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := c.validate(); err != nil {
			return err
		}
		if err := s.checkCourseRefs(ctx, tx, &c); err != nil {
			return err
		}
		now := s.now()
		c.ID, c.Version, c.CreatedAt, c.UpdatedAt = 0, 1, now, now
		if _, err := tx.NewInsert().Model(&c).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(c.Code), "course code %q is taken", c.Code)
			}
			return apperr.Wrap(err, "create course")
		}
		if err := s.saveCourseLecturers(ctx, tx, &c); err != nil {
			return err
		}
		var err error
		if out, err = s.course(ctx, tx, c.ID); err != nil {
			return err
		}
		trail.Change(ctx, "learning.course", c.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdateCourse changes a course and replaces its lecturers. Errors: invalid,
// not_found, conflict.
func (s *Service) UpdateCourse(ctx context.Context, id int64, c Course) (Course, error) {
	var out Course
	if err := s.checkPlanItem(ctx, c.PlanItemID); err != nil {
		return out, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.course(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := c.validate(); err != nil {
			return err
		}
		c.ID = id
		if err := s.checkCourseRefs(ctx, tx, &c); err != nil {
			return err
		}
		c.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &c, "course", id, c.Version, "code", "title", "category", "summary", "outline", "methods",
			"duration_minutes", "hours_tenths", "audience", "completion_rule", "completion_min_pct", "status", "plan_item_id", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(c.Code), "course code %q is taken", c.Code)
			}
			return err
		}
		if err := s.saveCourseLecturers(ctx, tx, &c); err != nil {
			return err
		}
		if out, err = s.course(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.course", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteCourse removes a course nobody has taken, with its materials.
// Errors: not_found, invalid (learners or sessions exist: archive it instead).
func (s *Service) DeleteCourse(ctx context.Context, id int64) error {
	var keys []string
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.course(ctx, tx, id)
		if err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*Session)(nil)).Where("course_id = ?", id).Count(ctx)
		if err != nil {
			return apperr.Wrap(err, "check course use")
		}
		if cur.LearnerCount+int(n) > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("course_in_use", apperr.P{"code": cur.Code, "learners": cur.LearnerCount, "sessions": n}),
				"course %s has %d learners and %d sessions; set the status to archived instead", cur.Code, cur.LearnerCount, n)
		}
		if err := tx.NewSelect().Model((*Material)(nil)).Column("file_key").Where("course_id = ?", id).Scan(ctx, &keys); err != nil {
			return apperr.Wrap(err, "list course files")
		}
		if _, err := tx.NewDelete().Model((*Course)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete course")
		}
		trail.Change(ctx, "learning.course", id, cur, nil)
		return nil
	})
	if err == nil {
		s.deleteFiles(ctx, keys...)
	}
	return err
}
