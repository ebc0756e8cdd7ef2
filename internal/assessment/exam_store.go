package assessment

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ExamFilter filters exams. Exams are company-wide definitions:
// permission-checked, not data-scoped (their attempts are).
type ExamFilter struct {
	api.Page
	Q         string `query:"q" doc:"matches title"`
	Status    string `query:"status" enum:"draft,published,closed,"`
	Purpose   string `query:"purpose" enum:"exam,pre,post,"`
	CourseID  int64  `query:"course_id"`
	SessionID int64  `query:"session_id"`
}

func examQuery(idb bun.IDB, dst any) *bun.SelectQuery {
	return idb.NewSelect().Model(dst).ColumnExpr("e.*").ColumnExpr("p.title AS paper_title").
		ColumnExpr("(SELECT count(*) FROM assessment_attempts AS a WHERE a.exam_id = e.id) AS attempts").
		Join("LEFT JOIN assessment_papers AS p ON p.id = e.paper_id")
}

// ListExams returns a page of exams with their audiences.
func (s *Service) ListExams(ctx context.Context, f ExamFilter) ([]Exam, int, error) {
	var items []Exam
	q := examQuery(s.db.R, &items)
	if f.Q != "" {
		q = q.Where("lower(e.title) LIKE ?", "%"+strings.ToLower(f.Q)+"%")
	}
	if f.Status != "" {
		q = q.Where("e.status = ?", f.Status)
	}
	if f.Purpose != "" {
		q = q.Where("e.purpose = ?", f.Purpose)
	}
	if f.CourseID != 0 {
		q = q.Where("e.course_id = ?", f.CourseID)
	}
	if f.SessionID != 0 {
		q = q.Where("e.session_id = ?", f.SessionID)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "e.id", "title": "e.title", "opens_at": "e.opens_at", "status": "e.status"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list exams")
	}
	return items, int(n), s.fillAudiences(ctx, s.db.R, items)
}

func (s *Service) fillAudiences(ctx context.Context, idb bun.IDB, items []Exam) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	var rows []audienceRow
	if err := idb.NewSelect().Model(&rows).Where("exam_id IN (?)", bun.In(ids)).OrderExpr("exam_id, kind, ref_id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load audiences")
	}
	for i := range items {
		a := Audience{EmployeeIDs: []int64{}, DepartmentIDs: []int64{}, PositionIDs: []int64{}}
		for _, r := range rows {
			if r.ExamID != items[i].ID {
				continue
			}
			switch r.Kind {
			case "employee":
				a.EmployeeIDs = append(a.EmployeeIDs, r.RefID)
			case "department":
				a.DepartmentIDs = append(a.DepartmentIDs, r.RefID)
			case "position":
				a.PositionIDs = append(a.PositionIDs, r.RefID)
			}
		}
		items[i].Audience = a
	}
	return nil
}

// Exam returns one exam. Errors: not_found.
func (s *Service) Exam(ctx context.Context, id int64) (Exam, error) { return s.exam(ctx, s.db.R, id) }

func (s *Service) exam(ctx context.Context, idb bun.IDB, id int64) (Exam, error) {
	var e Exam
	if err := examQuery(idb, &e).Where("e.id = ?", id).Scan(ctx); err != nil {
		return e, db.NotFound(err, "exam", id)
	}
	items := []Exam{e}
	err := s.fillAudiences(ctx, idb, items)
	return items[0], err
}

// checkExam checks an exam's references: paper, course, session, pair, audience.
func (s *Service) checkExam(ctx context.Context, idb bun.IDB, e *Exam) error {
	var v apperr.Validation
	if _, err := s.paper(ctx, idb, e.PaperID); err != nil {
		v.Reject("body.paper_id", apperr.Missing(e.PaperID), "paper %d does not exist", e.PaperID)
	}
	if e.CourseID != nil {
		s.checkCourse(ctx, &v, "body.course_id", *e.CourseID)
	}
	if e.SessionID != nil {
		x := s.checkSession(ctx, &v, "body.session_id", *e.SessionID)
		if x.ID != 0 && x.CourseID != nil && e.CourseID == nil {
			e.CourseID = x.CourseID // a session's exam also belongs to its course
		}
	}
	if e.PairExamID != nil {
		pre, err := s.exam(ctx, idb, *e.PairExamID)
		switch {
		case err != nil:
			v.Reject("body.pair_exam_id", apperr.Missing(*e.PairExamID), "exam %d does not exist", *e.PairExamID)
		case pre.Purpose != PurposePre:
			v.Reject("body.pair_exam_id", apperr.Because("not_pretest", apperr.P{"id": pre.ID}), "exam %d is not a pre-test", pre.ID)
		case !sameID(pre.CourseID, e.CourseID) || !sameID(pre.SessionID, e.SessionID):
			v.Reject("body.pair_exam_id", apperr.Because("pair_mismatch", nil), "the pre-test belongs to another course or session")
		}
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	dir.validate(&v, "body.audience", e.Audience)
	return v.Err()
}

func sameID(a, b *int64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func saveAudience(ctx context.Context, tx bun.IDB, examID int64, a Audience) error {
	if _, err := tx.NewDelete().Model((*audienceRow)(nil)).Where("exam_id = ?", examID).Exec(ctx); err != nil {
		return apperr.Wrap(err, "replace audience")
	}
	var rows []audienceRow
	for kind, ids := range map[string][]int64{"employee": a.EmployeeIDs, "department": a.DepartmentIDs, "position": a.PositionIDs} {
		for _, id := range ids {
			rows = append(rows, audienceRow{ExamID: examID, Kind: kind, RefID: id})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return apperr.Wrap(err, "save audience")
}

// CreateExam adds a draft exam. Errors: invalid.
func (s *Service) CreateExam(ctx context.Context, in ExamInput) (Exam, error) {
	e, err := in.model()
	if err != nil {
		return e, err
	}
	var out Exam
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.checkExam(ctx, tx, &e); err != nil {
			return err
		}
		now := s.now()
		e.Status, e.Version, e.CreatedAt, e.UpdatedAt, e.CreatedBy = ExamDraft, 1, now, now, userID(ctx)
		if _, err := tx.NewInsert().Model(&e).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create exam")
		}
		if err := saveAudience(ctx, tx, e.ID, e.Audience); err != nil {
			return err
		}
		var err error
		if out, err = s.exam(ctx, tx, e.ID); err != nil {
			return err
		}
		trail.Change(ctx, "exam", e.ID, nil, out)
		return nil
	})
	return out, err
}

// UpdateExam changes an exam. Once attempts exist the paper and purpose
// stay (attempts keep their questions, pass mark and scoring rule anyway);
// a changed window moves the deadline of attempts in progress to the new
// end when it comes first. Errors: invalid, not_found, conflict.
func (s *Service) UpdateExam(ctx context.Context, id int64, in ExamInput) (Exam, error) {
	e, err := in.model()
	if err != nil {
		return e, err
	}
	var out Exam
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.exam(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Attempts > 0 && (cur.PaperID != e.PaperID || cur.Purpose != e.Purpose) {
			return apperr.Reject("body.paper_id", apperr.Because("immutable", nil), "exam %q has attempts: its paper and purpose can no longer change", cur.Title)
		}
		if err := s.checkExam(ctx, tx, &e); err != nil {
			return err
		}
		e.ID, e.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &e, "exam", id, in.Version, "title", "description", "paper_id", "purpose", "course_id",
			"session_id", "pair_exam_id", "time_limit_minutes", "pass_percent", "max_attempts", "opens_at", "closes_at",
			"review_policy", "updated_at"); err != nil {
			return err
		}
		if err := saveAudience(ctx, tx, id, e.Audience); err != nil {
			return err
		}
		if e.ClosesAt != nil {
			if _, err := tx.NewUpdate().Model((*Attempt)(nil)).Set("deadline_at = ?", *e.ClosesAt).
				Where("exam_id = ? AND status = ?", id, AttemptActive).
				Where("(deadline_at IS NULL OR deadline_at > ?)", *e.ClosesAt).Exec(ctx); err != nil {
				return apperr.Wrap(err, "move deadlines")
			}
		}
		if out, err = s.exam(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "exam", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteExam removes an exam nobody has attempted. Errors: not_found, invalid.
func (s *Service) DeleteExam(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.exam(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Attempts > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("exam_has_attempts", apperr.P{"title": cur.Title, "attempts": cur.Attempts}), "exam %q has %d attempts; close it instead", cur.Title, cur.Attempts)
		}
		if used, err := tx.NewSelect().Model((*Exam)(nil)).Where("pair_exam_id = ?", id).Exists(ctx); err != nil {
			return apperr.Wrap(err, "check pairs")
		} else if used {
			return apperr.Refuse(apperr.Invalid, apperr.Because("exam_is_pretest", apperr.P{"title": cur.Title}), "exam %q is the pre-test of a post-test; change that one first", cur.Title)
		}
		if _, err := tx.NewDelete().Model((*Exam)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete exam")
		}
		trail.Change(ctx, "exam", id, cur, nil)
		return nil
	})
}

// PublishExam lets learners take a draft exam inside its window. The paper
// must be able to give every learner a full set of questions. Errors:
// invalid, not_found, conflict.
func (s *Service) PublishExam(ctx context.Context, id int64, version int) (Exam, error) {
	return s.changeExamStatus(ctx, id, version, func(ctx context.Context, tx bun.Tx, e Exam) error {
		if e.Status != ExamDraft {
			return apperr.Refuse(apperr.Invalid, apperr.Because("exam_publish_not_draft", apperr.P{"title": e.Title, "status": e.Status}), "exam %q is %s; only a draft is published", e.Title, e.Status)
		}
		p, err := s.paper(ctx, tx, e.PaperID)
		if err != nil {
			return err
		}
		for i, r := range p.Rules {
			if r.Available < r.Count {
				return apperr.Refuse(apperr.Invalid, apperr.Because("paper_rule_short", apperr.P{"title": p.Title, "rule": i + 1, "count": r.Count, "available": r.Available}),
					"rule %d of paper %q needs %d questions; the bank has %d", i+1, p.Title, r.Count, r.Available)
			}
		}
		if p.QuestionCount == 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("paper_empty", apperr.P{"title": p.Title}), "paper %q has no questions", p.Title)
		}
		return nil
	}, ExamPublished)
}

// CloseExam ends an exam: no more attempts or answers; attempts in progress
// are submitted with what they saved (reason closed). Errors: invalid,
// not_found, conflict.
func (s *Service) CloseExam(ctx context.Context, id int64, version int) (Exam, error) {
	var ended []Attempt
	out, err := s.changeExamStatus(ctx, id, version, func(ctx context.Context, tx bun.Tx, e Exam) error {
		if e.Status != ExamPublished {
			return apperr.Refuse(apperr.Invalid, apperr.Because("exam_close_not_published", apperr.P{"title": e.Title, "status": e.Status}), "exam %q is %s; only a published exam is closed", e.Title, e.Status)
		}
		var active []Attempt
		if err := tx.NewSelect().Model(&active).Where("a.exam_id = ? AND a.status = ?", id, AttemptActive).Scan(ctx); err != nil {
			return apperr.Wrap(err, "load active attempts")
		}
		for _, a := range active {
			done, err := s.submitTx(ctx, tx, a, SubmitClosed)
			if err != nil {
				return err
			}
			ended = append(ended, done)
		}
		return nil
	}, ExamClosed)
	if err == nil {
		for _, a := range ended {
			s.afterGraded(ctx, a)
		}
	}
	return out, err
}

func (s *Service) changeExamStatus(ctx context.Context, id int64, version int, check func(context.Context, bun.Tx, Exam) error, status string) (Exam, error) {
	var out Exam
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.exam(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := check(ctx, tx, cur); err != nil {
			return err
		}
		next := cur
		next.Status, next.UpdatedAt = status, s.now()
		if err := db.UpdateVersioned(ctx, tx, &next, "exam", id, version, "status", "updated_at"); err != nil {
			return err
		}
		if out, err = s.exam(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "exam", id, map[string]any{"status": cur.Status}, map[string]any{"status": status})
		return nil
	})
	return out, err
}
