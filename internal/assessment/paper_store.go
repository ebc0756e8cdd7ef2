package assessment

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// PaperFilter filters papers (company-wide, not data-scoped).
type PaperFilter struct {
	api.Page
	Q    string `query:"q" doc:"matches title"`
	Mode string `query:"mode" enum:"fixed,rules,"`
}

// ListPapers returns a page of papers with their items or rules.
func (s *Service) ListPapers(ctx context.Context, f PaperFilter) ([]Paper, int, error) {
	var items []Paper
	q := s.db.R.NewSelect().Model(&items)
	if f.Q != "" {
		q = q.Where("lower(p.title) LIKE ?", "%"+strings.ToLower(f.Q)+"%")
	}
	if f.Mode != "" {
		q = q.Where("p.mode = ?", f.Mode)
	}
	q, err := api.Order(q, f.Sort, map[string]string{"id": "p.id", "title": "p.title", "updated_at": "p.updated_at"}, "-id")
	if err != nil {
		return nil, 0, err
	}
	n, err := f.Limit(q).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list papers")
	}
	for i := range items {
		if err := s.fillPaper(ctx, s.db.R, &items[i]); err != nil {
			return nil, 0, err
		}
	}
	return items, int(n), nil
}

// Paper returns one paper. Errors: not_found.
func (s *Service) Paper(ctx context.Context, id int64) (Paper, error) {
	return s.paper(ctx, s.db.R, id)
}

func (s *Service) paper(ctx context.Context, idb bun.IDB, id int64) (Paper, error) {
	var p Paper
	if err := idb.NewSelect().Model(&p).Where("p.id = ?", id).Scan(ctx); err != nil {
		return p, db.NotFound(err, "paper", id)
	}
	return p, s.fillPaper(ctx, idb, &p)
}

// fillPaper loads items (with their questions' stems) or rules (with the
// number of questions matching now), totals and the lock.
func (s *Service) fillPaper(ctx context.Context, idb bun.IDB, p *Paper) error {
	p.Items, p.Rules = []PaperItem{}, []PaperRule{}
	if err := idb.NewSelect().Model(&p.Items).Where("pi.paper_id = ?", p.ID).OrderExpr("pi.sort, pi.id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load paper items")
	}
	if err := idb.NewSelect().Model(&p.Rules).Where("pr.paper_id = ?", p.ID).OrderExpr("pr.sort, pr.id").Scan(ctx); err != nil {
		return apperr.Wrap(err, "load paper rules")
	}
	p.QuestionCount, p.TotalPoints = 0, 0
	if len(p.Items) > 0 {
		ids := make([]int64, len(p.Items))
		qids := make([]int64, len(p.Items))
		for i, it := range p.Items {
			ids[i], qids[i] = it.QuestionVersionID, it.QuestionID
		}
		vs, err := s.loadVersions(ctx, idb, ids)
		if err != nil {
			return err
		}
		var heads []Question
		if err := idb.NewSelect().Model(&heads).Column("id", "current_version_id").Where("q.id IN (?)", bun.In(cleanIDs(qids))).Scan(ctx); err != nil {
			return apperr.Wrap(err, "load paper questions")
		}
		current := map[int64]int64{}
		for _, h := range heads {
			current[h.ID] = h.CurrentVersionID
		}
		for i := range p.Items {
			it := &p.Items[i]
			v := vs[it.QuestionVersionID]
			it.Kind, it.Stem, it.VersionNo = v.Kind, v.Stem, v.VersionNo
			it.Outdated = current[it.QuestionID] != it.QuestionVersionID
			p.QuestionCount++
			p.TotalPoints += it.Points
		}
	}
	for i := range p.Rules {
		r := &p.Rules[i]
		pool, err := s.rulePool(ctx, idb, *r)
		if err != nil {
			return err
		}
		r.Available = len(pool)
		p.QuestionCount += r.Count
		p.TotalPoints += r.Count * r.Points
	}
	locked, err := idb.NewSelect().TableExpr("assessment_attempts AS a").Join("JOIN assessment_exams AS e ON e.id = a.exam_id").
		Where("e.paper_id = ?", p.ID).Exists(ctx)
	p.Locked = locked
	return apperr.Wrap(err, "check paper use")
}

// rulePool returns the candidates of a rule: active questions' current
// versions matching its filter, by question id (the order draws rely on).
func (s *Service) rulePool(ctx context.Context, idb bun.IDB, r PaperRule) ([]ref, error) {
	var rows []struct {
		QuestionID int64 `bun:"question_id"`
		VersionID  int64 `bun:"version_id"`
	}
	q := idb.NewSelect().TableExpr("assessment_questions AS q").ColumnExpr("q.id AS question_id, q.current_version_id AS version_id").
		Join("JOIN assessment_question_versions AS qv ON qv.id = q.current_version_id")
	if err := questionFilters(q, r.filter()).OrderExpr("q.id").Scan(ctx, &rows); err != nil {
		return nil, apperr.Wrap(err, "load rule candidates")
	}
	out := make([]ref, len(rows))
	for i, r := range rows {
		out[i] = ref{r.QuestionID, r.VersionID}
	}
	return out, nil
}

// resolveItems pins versions and default points of a fixed paper's items.
func (s *Service) resolveItems(ctx context.Context, idb bun.IDB, in []PaperItemInput) ([]PaperItem, error) {
	var v apperr.Validation
	out := make([]PaperItem, 0, len(in))
	for i, it := range in {
		loc := fmt.Sprintf("body.items[%d]", i)
		q, err := s.question(ctx, idb, it.QuestionID)
		if err != nil {
			v.Reject(loc+".question_id", apperr.Missing(it.QuestionID), "question %d does not exist", it.QuestionID)
			continue
		}
		vid := it.VersionID
		if vid == 0 {
			vid = q.CurrentVersionID
		}
		vs, err := s.loadVersions(ctx, idb, []int64{vid})
		if err != nil {
			return nil, err
		}
		ver, ok := vs[vid]
		if !ok || ver.QuestionID != q.ID {
			v.Reject(loc+".version_id", apperr.Missing(vid), "version %d is not a version of question %d", vid, q.ID)
			continue
		}
		points := it.Points
		if points == 0 {
			points = ver.Points
		}
		out = append(out, PaperItem{Sort: i + 1, QuestionID: q.ID, QuestionVersionID: vid, Points: points})
	}
	return out, v.Err()
}

// checkRules checks the rules' references and that the bank can fill each.
func (s *Service) checkRules(ctx context.Context, idb bun.IDB, rules []PaperRule) error {
	var v apperr.Validation
	for i := range rules {
		r := &rules[i]
		r.Sort = i + 1
		loc := fmt.Sprintf("body.rules[%d]", i)
		if r.CompetencyID != nil {
			s.checkCompetencies(ctx, &v, loc+".competency_id", []int64{*r.CompetencyID})
		}
		if r.CourseID != nil {
			s.checkCourse(ctx, &v, loc+".course_id", *r.CourseID)
		}
		pool, err := s.rulePool(ctx, idb, *r)
		if err != nil {
			return err
		}
		if len(pool) < r.Count {
			v.Reject(loc+".count", apperr.Because("not_enough_questions", apperr.P{"available": len(pool)}), "only %d questions in the bank match this rule", len(pool))
		}
	}
	return v.Err()
}

// CreatePaper adds a paper. Errors: invalid.
func (s *Service) CreatePaper(ctx context.Context, in PaperInput) (Paper, error) {
	if err := in.validate(); err != nil {
		return Paper{}, err
	}
	var out Paper
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		p := Paper{Title: in.Title, Description: in.Description, Mode: in.Mode, MultiRule: in.MultiRule, ShuffleQuestions: in.ShuffleQuestions,
			ShuffleOptions: in.ShuffleOptions, Version: 1, CreatedAt: now, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create paper")
		}
		if err := s.savePaperContent(ctx, tx, p.ID, in); err != nil {
			return err
		}
		var err error
		if out, err = s.paper(ctx, tx, p.ID); err != nil {
			return err
		}
		trail.Change(ctx, "paper", p.ID, nil, out)
		return nil
	})
	return out, err
}

func (s *Service) savePaperContent(ctx context.Context, tx bun.Tx, id int64, in PaperInput) error {
	for _, m := range []any{(*PaperItem)(nil), (*PaperRule)(nil)} {
		if _, err := tx.NewDelete().Model(m).Where("paper_id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "replace paper content")
		}
	}
	if in.Mode == PaperFixed {
		items, err := s.resolveItems(ctx, tx, in.Items)
		if err != nil {
			return err
		}
		for i := range items {
			items[i].PaperID = id
		}
		_, err = tx.NewInsert().Model(&items).Exec(ctx)
		return apperr.Wrap(err, "save paper items")
	}
	if err := s.checkRules(ctx, tx, in.Rules); err != nil {
		return err
	}
	for i := range in.Rules {
		in.Rules[i].ID, in.Rules[i].PaperID = 0, id
	}
	_, err := tx.NewInsert().Model(&in.Rules).Exec(ctx)
	return apperr.Wrap(err, "save paper rules")
}

// UpdatePaper changes a paper that no attempt has used yet (a used paper is
// locked: copy it). Errors: invalid, not_found, conflict.
func (s *Service) UpdatePaper(ctx context.Context, id int64, in PaperInput) (Paper, error) {
	if err := in.validate(); err != nil {
		return Paper{}, err
	}
	var out Paper
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.paper(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Locked {
			return apperr.Refuse(apperr.Invalid, apperr.Because("paper_locked", apperr.P{"title": cur.Title}), "paper %q has been used by an exam attempt and can no longer change; copy it", cur.Title)
		}
		next := Paper{ID: id, Title: in.Title, Description: in.Description, Mode: in.Mode, MultiRule: in.MultiRule,
			ShuffleQuestions: in.ShuffleQuestions, ShuffleOptions: in.ShuffleOptions, UpdatedAt: s.now()}
		if err := db.UpdateVersioned(ctx, tx, &next, "paper", id, in.Version, "title", "description", "mode", "multi_rule",
			"shuffle_questions", "shuffle_options", "updated_at"); err != nil {
			return err
		}
		if err := s.savePaperContent(ctx, tx, id, in); err != nil {
			return err
		}
		if out, err = s.paper(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "paper", id, cur, out)
		return nil
	})
	return out, err
}

// CopyPaper makes an editable copy of a paper (items keep their pinned
// versions). Errors: not_found.
func (s *Service) CopyPaper(ctx context.Context, id int64) (Paper, error) {
	cur, err := s.Paper(ctx, id)
	if err != nil {
		return cur, err
	}
	in := PaperInput{Title: cur.Title + " (copy)", Description: cur.Description, Mode: cur.Mode, MultiRule: cur.MultiRule,
		ShuffleQuestions: cur.ShuffleQuestions, ShuffleOptions: cur.ShuffleOptions, Rules: cur.Rules}
	for _, it := range cur.Items {
		in.Items = append(in.Items, PaperItemInput{QuestionID: it.QuestionID, VersionID: it.QuestionVersionID, Points: it.Points})
	}
	if in.Mode == PaperRules {
		in.Items = nil
	} else {
		in.Rules = nil
	}
	return s.CreatePaper(ctx, in)
}

// DeletePaper removes a paper no exam uses. Errors: not_found, invalid.
func (s *Service) DeletePaper(ctx context.Context, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.paper(ctx, tx, id)
		if err != nil {
			return err
		}
		if used, err := tx.NewSelect().Model((*Exam)(nil)).Where("paper_id = ?", id).Exists(ctx); err != nil {
			return apperr.Wrap(err, "check paper use")
		} else if used {
			return apperr.Refuse(apperr.Invalid, apperr.Because("paper_in_use", apperr.P{"title": cur.Title}), "paper %q is used by an exam; delete the exam first", cur.Title)
		}
		if _, err := tx.NewDelete().Model((*Paper)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete paper")
		}
		trail.Change(ctx, "paper", id, cur, nil)
		return nil
	})
}
