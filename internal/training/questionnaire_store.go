package training

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// QuestionnaireFilter filters questionnaires. Questionnaires are not
// data-scoped: managing them is a company-wide (HR / trainer) job.
type QuestionnaireFilter struct {
	api.Page
	Purpose string `query:"purpose" doc:"survey, feedback, ..."`
	Ref     string `query:"ref" doc:"the owning module's reference"`
	Status  string `query:"status" enum:"draft,open,closed,"`
	Q       string `query:"q" doc:"matches title or code"`
}

// ListQuestionnaires returns a page of questionnaires (without items), with
// their invited and responded counts.
func (s *Service) ListQuestionnaires(ctx context.Context, f QuestionnaireFilter) ([]Questionnaire, int, error) {
	var items []Questionnaire
	q := s.db.R.NewSelect().Model(&items)
	if f.Purpose != "" {
		q = q.Where("q.purpose = ?", f.Purpose)
	}
	if f.Ref != "" {
		q = q.Where("q.ref = ?", f.Ref)
	}
	if f.Status != "" {
		q = q.Where("q.status = ?", f.Status)
	}
	if f.Q != "" {
		like := "%" + strings.ToLower(f.Q) + "%"
		q = q.Where("(lower(q.title) LIKE ? OR lower(q.code) LIKE ?)", like, like)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "q.id", "title": "q.title", "status": "q.status"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list questionnaires")
	}
	return items, int(n), s.fillQuestionnaires(ctx, s.db.R, items, false)
}

// fillQuestionnaires adds audiences, counts and (withItems) the items.
func (s *Service) fillQuestionnaires(ctx context.Context, idb bun.IDB, qs []Questionnaire, withItems bool) error {
	if len(qs) == 0 {
		return nil
	}
	ids := make([]int64, len(qs))
	for i := range qs {
		ids[i] = qs[i].ID
	}
	auds, err := loadAudiences(ctx, idb, ownerQuestionnaire, ids)
	if err != nil {
		return err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	var counts []struct {
		QID int64 `bun:"questionnaire_id"`
		N   int   `bun:"n"`
	}
	if err := idb.NewSelect().Model((*respondentRow)(nil)).ColumnExpr("questionnaire_id, count(*) AS n").
		Where("questionnaire_id IN (?)", bun.In(ids)).GroupExpr("questionnaire_id").Scan(ctx, &counts); err != nil {
		return apperr.Wrap(err, "count respondents")
	}
	var items []QuestionnaireItem
	if withItems {
		if err := idb.NewSelect().Model(&items).Where("qi.questionnaire_id IN (?)", bun.In(ids)).OrderExpr("qi.sort, qi.id").Scan(ctx); err != nil {
			return apperr.Wrap(err, "load items")
		}
	}
	for i := range qs {
		q := &qs[i]
		q.Audience = auds[q.ID]
		q.AudienceText = dir.describe(q.Audience)
		q.Invited = len(dir.resolve(q.Audience, true))
		for _, c := range counts {
			if c.QID == q.ID {
				q.Responded = c.N
			}
		}
		q.Items = []QuestionnaireItem{}
		for _, it := range items {
			if it.QuestionnaireID == q.ID {
				q.Items = append(q.Items, it)
			}
		}
	}
	return nil
}

// Questionnaire returns one questionnaire with its items. Errors: not_found.
func (s *Service) Questionnaire(ctx context.Context, id int64) (Questionnaire, error) {
	return s.questionnaire(ctx, s.db.R, id)
}

func (s *Service) questionnaire(ctx context.Context, idb bun.IDB, id int64) (Questionnaire, error) {
	var q Questionnaire
	if err := idb.NewSelect().Model(&q).Where("q.id = ?", id).Scan(ctx); err != nil {
		return q, db.NotFound(err, "questionnaire", id)
	}
	qs := []Questionnaire{q}
	err := s.fillQuestionnaires(ctx, idb, qs, true)
	return qs[0], err
}

func (s *Service) validateQuestionnaireRefs(ctx context.Context, q *Questionnaire) error {
	if err := validateQuestionnaire(q); err != nil {
		return err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	var v apperr.Validation
	q.Audience = q.Audience.normalise()
	dir.validate(&v, "body.audience", q.Audience)
	return v.Err()
}

// CreateQuestionnaire adds a draft questionnaire with its items. Errors:
// invalid (including a taken code).
func (s *Service) CreateQuestionnaire(ctx context.Context, q Questionnaire) (Questionnaire, error) {
	var out Questionnaire
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.CreateQuestionnaireTx(ctx, tx, q)
		return err
	})
	return out, err
}

// CreateQuestionnaireTx is CreateQuestionnaire inside the caller's
// transaction (e.g. the evaluation module creating a session's feedback
// form with its own rows).
func (s *Service) CreateQuestionnaireTx(ctx context.Context, tx bun.IDB, q Questionnaire) (Questionnaire, error) {
	if err := s.validateQuestionnaireRefs(ctx, &q); err != nil {
		return q, err
	}
	now := s.now()
	q.ID, q.Status, q.Version, q.CreatedAt, q.UpdatedAt = 0, QuestionnaireDraft, 1, now, now
	if _, err := tx.NewInsert().Model(&q).Returning("id").Exec(ctx); err != nil {
		if db.IsUniqueViolation(err) {
			return q, apperr.Reject("body.code", apperr.Taken(q.Code), "questionnaire code %q is taken", q.Code)
		}
		return q, apperr.Wrap(err, "create questionnaire")
	}
	if err := saveItems(ctx, tx, q.ID, q.Items); err != nil {
		return q, err
	}
	if err := saveAudience(ctx, tx, ownerQuestionnaire, q.ID, q.Audience); err != nil {
		return q, err
	}
	out, err := s.questionnaire(ctx, tx, q.ID)
	if err != nil {
		return out, err
	}
	trail.Change(ctx, "questionnaire", q.ID, nil, out)
	return out, nil
}

func saveItems(ctx context.Context, tx bun.IDB, qid int64, items []QuestionnaireItem) error {
	if _, err := tx.NewDelete().Model((*QuestionnaireItem)(nil)).Where("questionnaire_id = ?", qid).Exec(ctx); err != nil {
		return apperr.Wrap(err, "replace items")
	}
	for i := range items {
		items[i].ID, items[i].QuestionnaireID = 0, qid
	}
	_, err := tx.NewInsert().Model(&items).Exec(ctx)
	return apperr.Wrap(err, "save items")
}

// UpdateQuestionnaire changes a draft questionnaire, items included.
// Errors: invalid (also when not a draft), not_found, conflict.
func (s *Service) UpdateQuestionnaire(ctx context.Context, id int64, q Questionnaire) (Questionnaire, error) {
	if err := s.validateQuestionnaireRefs(ctx, &q); err != nil {
		return q, err
	}
	var out Questionnaire
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.questionnaire(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != QuestionnaireDraft {
			return apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_not_draft", apperr.P{"title": cur.Title, "status": cur.Status}),
				"questionnaire %q is %s; only drafts are edited (change the window with PUT .../window)", cur.Title, cur.Status)
		}
		q.ID, q.UpdatedAt = id, s.now()
		if err := db.UpdateVersioned(ctx, tx, &q, "questionnaire", id, q.Version,
			"code", "title", "description", "purpose", "ref", "anonymous", "opens_at", "closes_at", "updated_at"); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Reject("body.code", apperr.Taken(q.Code), "questionnaire code %q is taken", q.Code)
			}
			return err
		}
		if err := saveItems(ctx, tx, id, q.Items); err != nil {
			return err
		}
		if err := saveAudience(ctx, tx, ownerQuestionnaire, id, q.Audience); err != nil {
			return err
		}
		if out, err = s.questionnaire(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "questionnaire", id, cur, out)
		return nil
	})
	return out, err
}

// DeleteQuestionnaire removes a questionnaire nobody has answered. Errors:
// not_found, invalid.
func (s *Service) DeleteQuestionnaire(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.questionnaire(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Responded > 0 {
			return apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_has_responses", apperr.P{"title": cur.Title, "count": cur.Responded}), "questionnaire %q has %d responses; close it instead", cur.Title, cur.Responded)
		}
		if _, err := tx.NewDelete().Model((*Questionnaire)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete questionnaire")
		}
		if err := deleteAudience(ctx, tx, ownerQuestionnaire, id); err != nil {
			return err
		}
		trail.Change(ctx, "questionnaire", id, cur, nil)
		return nil
	})
}

// QuestionnaireWindow is a questionnaire's answering window.
type QuestionnaireWindow struct {
	OpensAt  *time.Time `json:"opens_at,omitempty"`
	ClosesAt *time.Time `json:"closes_at,omitempty"`
	Version  int        `json:"version"`
}

// SetQuestionnaireWindow changes the window of a draft or open
// questionnaire (e.g. to extend it). Errors: invalid, not_found, conflict.
func (s *Service) SetQuestionnaireWindow(ctx context.Context, id int64, w QuestionnaireWindow) (Questionnaire, error) {
	if w.OpensAt != nil && w.ClosesAt != nil && !w.ClosesAt.After(*w.OpensAt) {
		return Questionnaire{}, apperr.Reject("body.closes_at", apperr.BeforeStart(), "the window closes before it opens")
	}
	return s.changeQuestionnaire(ctx, id, w.Version, func(q *Questionnaire) ([]string, error) {
		if q.Status == QuestionnaireClosed {
			return nil, apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_closed", apperr.P{"title": q.Title}), "questionnaire %q is closed", q.Title)
		}
		q.OpensAt, q.ClosesAt = w.OpensAt, w.ClosesAt
		return []string{"opens_at", "closes_at"}, nil
	})
}

// OpenQuestionnaire starts taking answers (within its window). Errors:
// invalid (not a draft), not_found, conflict.
func (s *Service) OpenQuestionnaire(ctx context.Context, id int64, version int) (Questionnaire, error) {
	return s.changeQuestionnaire(ctx, id, version, setStatus(QuestionnaireDraft, QuestionnaireOpen))
}

// CloseQuestionnaire stops taking answers. Errors: invalid (not open),
// not_found, conflict.
func (s *Service) CloseQuestionnaire(ctx context.Context, id int64, version int) (Questionnaire, error) {
	return s.changeQuestionnaire(ctx, id, version, setStatus(QuestionnaireOpen, QuestionnaireClosed))
}

// SetQuestionnaireStatusTx moves a questionnaire from draft to open or from
// open to closed inside the caller's transaction, without a version check
// (for modules that own the questionnaire, e.g. a session's feedback form).
// Errors: invalid, not_found.
func (s *Service) SetQuestionnaireStatusTx(ctx context.Context, tx bun.IDB, id int64, status string) (Questionnaire, error) {
	from := QuestionnaireDraft
	if status == QuestionnaireClosed {
		from = QuestionnaireOpen
	}
	return s.changeQuestionnaireTx(ctx, tx, id, 0, setStatus(from, status))
}

func setStatus(from, to string) func(q *Questionnaire) ([]string, error) {
	return func(q *Questionnaire) ([]string, error) {
		if q.Status != from {
			return nil, apperr.Refuse(apperr.Invalid, apperr.Because("questionnaire_transition", apperr.P{"title": q.Title, "status": q.Status, "to": to}), "questionnaire %q is %s; only a %s one can become %s", q.Title, q.Status, from, to)
		}
		q.Status = to
		return []string{"status"}, nil
	}
}

func (s *Service) changeQuestionnaire(ctx context.Context, id int64, version int, change func(*Questionnaire) ([]string, error)) (Questionnaire, error) {
	var out Questionnaire
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.changeQuestionnaireTx(ctx, tx, id, version, change)
		return err
	})
	return out, err
}

// changeQuestionnaireTx applies change and saves the columns it names;
// version 0 skips the version check.
func (s *Service) changeQuestionnaireTx(ctx context.Context, tx bun.IDB, id int64, version int, change func(*Questionnaire) ([]string, error)) (Questionnaire, error) {
	cur, err := s.questionnaire(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	next := cur
	cols, err := change(&next)
	if err != nil {
		return cur, err
	}
	if version == 0 {
		version = cur.Version
	}
	next.UpdatedAt = s.now()
	if err := db.UpdateVersioned(ctx, tx, &next, "questionnaire", id, version, append(cols, "updated_at")...); err != nil {
		return cur, err
	}
	out, err := s.questionnaire(ctx, tx, id)
	if err != nil {
		return out, err
	}
	trail.Change(ctx, "questionnaire", id, map[string]any{"status": cur.Status, "opens_at": cur.OpensAt, "closes_at": cur.ClosesAt},
		map[string]any{"status": out.Status, "opens_at": out.OpensAt, "closes_at": out.ClosesAt})
	return out, nil
}
