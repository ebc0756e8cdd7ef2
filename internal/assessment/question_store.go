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

// QuestionFilter filters the question bank. The bank is company-wide
// reference data: permission-checked, not data-scoped.
type QuestionFilter struct {
	api.Page
	Q            string `query:"q" doc:"matches code or stem"`
	Kind         string `query:"kind" enum:"single,multiple,truefalse,fill,short,"`
	Difficulty   string `query:"difficulty" enum:"easy,medium,hard,"`
	Status       string `query:"status" enum:"active,archived,"`
	CourseID     int64  `query:"course_id"`
	CompetencyID int64  `query:"competency_id"`
	Tag          string `query:"tag"`
}

// QuestionInput creates or edits a question.
type QuestionInput struct {
	Code string `json:"code" required:"false" maxLength:"64"`
	Kind string `json:"kind" enum:"single,multiple,truefalse,fill,short" doc:"fixed once created"`
	Content
	Version int `json:"version" required:"false" doc:"required on update"`
}

func questionFilters(q *bun.SelectQuery, f QuestionFilter) *bun.SelectQuery {
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(q.code) LIKE ? OR lower(qv.stem) LIKE ?)", like, like)
	}
	if f.Kind != "" {
		q = q.Where("q.kind = ?", f.Kind)
	}
	if f.Difficulty != "" {
		q = q.Where("qv.difficulty = ?", f.Difficulty)
	}
	if f.Status != "" {
		q = q.Where("q.status = ?", f.Status)
	}
	if f.CourseID != 0 {
		q = q.Where("qv.course_id = ?", f.CourseID)
	}
	if f.CompetencyID != 0 {
		q = q.Where("(',' || qv.competency_ids || ',') LIKE ?", "%,"+itoa(f.CompetencyID)+",%")
	}
	if f.Tag != "" {
		q = q.Where("(',' || qv.tags || ',') LIKE ?", "%,"+strings.TrimSpace(f.Tag)+",%")
	}
	return q
}

// ListQuestions returns a page of questions with their current versions.
func (s *Service) ListQuestions(ctx context.Context, f QuestionFilter) ([]Question, int, error) {
	var items []Question
	q := s.db.R.NewSelect().Model(&items).ColumnExpr("q.*").
		Join("JOIN assessment_question_versions AS qv ON qv.id = q.current_version_id")
	q, err := api.Order(questionFilters(q, f), f.Sort, map[string]string{"id": "q.id", "code": "q.code", "kind": "q.kind",
		"difficulty": "qv.difficulty", "updated_at": "q.updated_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q.OrderExpr("q.id")).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list questions")
	}
	return items, int(n), s.fillCurrent(ctx, s.db.R, items)
}

// fillCurrent attaches every question's current version.
func (s *Service) fillCurrent(ctx context.Context, idb bun.IDB, items []Question) error {
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].CurrentVersionID
	}
	vs, err := s.loadVersions(ctx, idb, ids)
	if err != nil {
		return err
	}
	for i := range items {
		if v, ok := vs[items[i].CurrentVersionID]; ok {
			items[i].Current = &v
		}
	}
	return nil
}

// loadVersions reads question versions by id. Versions never change, so
// they are served from the cache once read.
func (s *Service) loadVersions(ctx context.Context, idb bun.IDB, ids []int64) (map[int64]QuestionVersion, error) {
	out := make(map[int64]QuestionVersion, len(ids))
	var missing []int64
	for _, id := range ids {
		if v, ok := s.versions.get(id); ok {
			out[id] = v
		} else if id != 0 {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	var rows []QuestionVersion
	if err := idb.NewSelect().Model(&rows).Where("qv.id IN (?)", bun.In(cleanIDs(missing))).Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "load question versions")
	}
	for _, v := range rows {
		v.afterScan()
		s.versions.put(v)
		out[v.ID] = v
	}
	return out, nil
}

// Question returns one question with its current version. Errors: not_found.
func (s *Service) Question(ctx context.Context, id int64) (Question, error) {
	return s.question(ctx, s.db.R, id)
}

func (s *Service) question(ctx context.Context, idb bun.IDB, id int64) (Question, error) {
	var q Question
	if err := idb.NewSelect().Model(&q).Where("q.id = ?", id).Scan(ctx); err != nil {
		return q, db.NotFound(err, "question", id)
	}
	items := []Question{q}
	err := s.fillCurrent(ctx, idb, items)
	return items[0], err
}

// QuestionVersions returns every version of a question, newest first.
// Errors: not_found.
func (s *Service) QuestionVersions(ctx context.Context, id int64) ([]QuestionVersion, error) {
	if _, err := s.Question(ctx, id); err != nil {
		return nil, err
	}
	var vs []QuestionVersion
	if err := s.db.R.NewSelect().Model(&vs).Where("qv.question_id = ?", id).OrderExpr("qv.version_no DESC").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list versions")
	}
	for i := range vs {
		vs[i].afterScan()
	}
	return vs, nil
}

// checkQuestion validates an input and its references to other modules.
func (s *Service) checkQuestion(ctx context.Context, in *QuestionInput) error {
	in.Code = strings.TrimSpace(in.Code)
	if err := validateContent(in.Kind, &in.Content, "body"); err != nil {
		return err
	}
	var v apperr.Validation
	s.checkCompetencies(ctx, &v, "body.competency_ids", in.CompetencyIDs)
	if in.CourseID != nil {
		s.checkCourse(ctx, &v, "body.course_id", *in.CourseID)
	}
	return v.Err()
}

// CreateQuestion adds a question with its first version. Errors: invalid
// (including a taken code).
func (s *Service) CreateQuestion(ctx context.Context, in QuestionInput) (Question, error) {
	if err := s.checkQuestion(ctx, &in); err != nil {
		return Question{}, err
	}
	var out Question
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.createQuestion(ctx, tx, in)
		return err
	})
	return out, err
}

func (s *Service) createQuestion(ctx context.Context, tx bun.Tx, in QuestionInput) (Question, error) {
	now := s.now()
	q := Question{Code: in.Code, Kind: in.Kind, Status: "active", VersionNo: 1, Version: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(&q).ExcludeColumn("current_version_id").Returning("id").Exec(ctx); err != nil {
		if db.IsUniqueViolation(err) {
			return q, apperr.Reject("body.code", apperr.Taken(in.Code), "question code %q is taken", in.Code)
		}
		return q, apperr.Wrap(err, "create question")
	}
	v, err := s.insertVersion(ctx, tx, q.ID, 1, in.Kind, in.Content)
	if err != nil {
		return q, err
	}
	if _, err := tx.NewUpdate().Model((*Question)(nil)).Set("current_version_id = ?", v.ID).Where("id = ?", q.ID).Exec(ctx); err != nil {
		return q, apperr.Wrap(err, "link version")
	}
	q.CurrentVersionID, q.Current = v.ID, &v
	trail.Change(ctx, "question", q.ID, nil, q)
	return q, nil
}

func (s *Service) insertVersion(ctx context.Context, tx bun.IDB, qid int64, no int, kind string, c Content) (QuestionVersion, error) {
	v := QuestionVersion{QuestionID: qid, VersionNo: no, Kind: kind, Stem: c.Stem, Options: c.Options, Key: c.Key, Points: c.Points,
		Difficulty: c.Difficulty, CourseID: c.CourseID, CompetencyCSV: joinIDs(c.CompetencyIDs), TagCSV: strings.Join(c.Tags, ","),
		Explanation: c.Explanation, Rubric: c.Rubric, ReferenceAnswer: c.ReferenceAnswer, CreatedBy: userID(ctx), CreatedAt: s.now()}
	if _, err := tx.NewInsert().Model(&v).Returning("id").Exec(ctx); err != nil {
		return v, apperr.Wrap(err, "save question version")
	}
	v.afterScan()
	return v, nil
}

// UpdateQuestion edits a question. A change of content adds a version and
// makes it current: papers keep the versions they pinned and attempts the
// versions they were given, so an exam already built or taken never
// changes. An edit that changes nothing adds no version. The kind cannot
// change. Errors: invalid, not_found, conflict.
func (s *Service) UpdateQuestion(ctx context.Context, id int64, in QuestionInput) (Question, error) {
	if err := s.checkQuestion(ctx, &in); err != nil {
		return Question{}, err
	}
	var out Question
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, _, err = s.updateQuestion(ctx, tx, id, in)
		return err
	})
	return out, err
}

// updateQuestion applies an edit; changed reports whether a version was added.
func (s *Service) updateQuestion(ctx context.Context, tx bun.Tx, id int64, in QuestionInput) (Question, bool, error) {
	cur, err := s.question(ctx, tx, id)
	if err != nil {
		return cur, false, err
	}
	if in.Kind != cur.Kind {
		return cur, false, apperr.Reject("body.kind", apperr.Because("immutable", apperr.P{"value": cur.Kind}), "a question's kind cannot change (it is %s); create a new question", cur.Kind)
	}
	changed := cur.Current == nil || !sameContent(cur.Current.content(), in.Content)
	next := cur
	next.Code, next.UpdatedAt = in.Code, s.now()
	if changed {
		v, err := s.insertVersion(ctx, tx, id, cur.VersionNo+1, cur.Kind, in.Content)
		if err != nil {
			return cur, false, err
		}
		next.VersionNo, next.CurrentVersionID, next.Current = v.VersionNo, v.ID, &v
	} else if in.Code == cur.Code {
		return cur, false, nil
	}
	if err := db.UpdateVersioned(ctx, tx, &next, "question", id, in.Version, "code", "version_no", "current_version_id", "updated_at"); err != nil {
		if db.IsUniqueViolation(err) {
			return cur, false, apperr.Reject("body.code", apperr.Taken(in.Code), "question code %q is taken", in.Code)
		}
		return cur, false, err
	}
	next.Version++
	trail.Change(ctx, "question", id, cur, next)
	return next, changed, nil
}

// SetQuestionStatus archives or restores a question. Errors: invalid,
// not_found, conflict.
func (s *Service) SetQuestionStatus(ctx context.Context, id int64, status string, version int) (Question, error) {
	var v apperr.Validation
	oneOf(&v, "body.status", status, QuestionStatuses)
	if err := v.Err(); err != nil {
		return Question{}, err
	}
	var out Question
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.question(ctx, tx, id)
		if err != nil {
			return err
		}
		next := cur
		next.Status, next.UpdatedAt = status, s.now()
		if err := db.UpdateVersioned(ctx, tx, &next, "question", id, version, "status", "updated_at"); err != nil {
			return err
		}
		next.Version++
		out = next
		trail.Change(ctx, "question", id, map[string]any{"status": cur.Status}, map[string]any{"status": status})
		return nil
	})
	return out, err
}

// DeleteQuestion removes a question no paper or attempt uses (archive it
// otherwise). Errors: not_found, invalid.
func (s *Service) DeleteQuestion(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.question(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, t := range []string{"assessment_paper_items", "assessment_attempt_items"} {
			used, err := tx.NewSelect().TableExpr(t).Where("question_id = ?", id).Exists(ctx)
			if err != nil {
				return apperr.Wrap(err, "check question use")
			}
			if used {
				return apperr.Refuse(apperr.Invalid, apperr.Because("question_in_use", apperr.P{"id": id}), "question %d is used by a paper or an exam taken; archive it instead", id)
			}
		}
		if _, err := tx.NewUpdate().Model((*Question)(nil)).Set("current_version_id = NULL").Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete question")
		}
		if _, err := tx.NewDelete().Model((*QuestionVersion)(nil)).Where("question_id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete question versions")
		}
		if _, err := tx.NewDelete().Model((*Question)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete question")
		}
		trail.Change(ctx, "question", id, cur, nil)
		return nil
	})
}
