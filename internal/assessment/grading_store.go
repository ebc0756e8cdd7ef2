package assessment

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// GradingFilter filters the manual grading queue.
type GradingFilter struct {
	api.Page
	ExamID int64  `query:"exam_id"`
	State  string `query:"state" enum:"pending,graded," doc:"pending (default) or graded"`
}

// GradingItem is a short answer of a submitted attempt, for a grader.
type GradingItem struct {
	ID              int64      `json:"id" doc:"the attempt item id: PUT /grading/items/{id}"`
	AttemptID       int64      `json:"attempt_id"`
	ExamID          int64      `json:"exam_id"`
	ExamTitle       string     `json:"exam_title"`
	EmployeeID      int64      `json:"employee_id"`
	EmployeeName    string     `json:"employee_name"`
	Position        int        `json:"position"`
	Stem            string     `json:"stem"`
	Rubric          string     `json:"rubric"`
	ReferenceAnswer string     `json:"reference_answer"`
	Answer          string     `json:"answer"`
	Points          float64    `json:"points"`
	Score           *float64   `json:"score"`
	Comment         string     `json:"comment"`
	SubmittedAt     *time.Time `json:"submitted_at"`
	GradedAt        *time.Time `json:"graded_at"`
}

type gradingRow struct {
	AttemptItem `bun:",extend"`
	ExamID      int64      `bun:"exam_id"`
	ExamTitle   string     `bun:"exam_title"`
	EmployeeID  int64      `bun:"employee_id"`
	SubmittedAt *time.Time `bun:"submitted_at"`
}

// ListGrading returns short answers of submitted attempts, of people in the
// caller's data scope, oldest submission first.
func (s *Service) ListGrading(ctx context.Context, f GradingFilter) ([]GradingItem, int, error) {
	var rows []gradingRow
	q := s.db.R.NewSelect().Model(&rows).ColumnExpr("ai.*").ColumnExpr("a.exam_id, a.employee_id, a.submitted_at, e.title AS exam_title").
		Join("JOIN assessment_attempts AS a ON a.id = ai.attempt_id").
		Join("JOIN assessment_exams AS e ON e.id = a.exam_id").
		Join("JOIN assessment_question_versions AS qv ON qv.id = ai.question_version_id").
		Where("qv.kind = ? AND a.status <> ? AND ai.answer <> ''", KindShort, AttemptActive)
	q = auth.Filter(ctx, q, "a.employee_id", auth.EmployeeSet)
	if f.ExamID != 0 {
		q = q.Where("a.exam_id = ?", f.ExamID)
	}
	if f.State == "graded" {
		q = q.Where("ai.manual_score_c IS NOT NULL")
	} else {
		q = q.Where("ai.manual_score_c IS NULL AND ai.auto_score_c IS NULL")
	}
	n, err := f.Limit(q.OrderExpr("a.submitted_at, ai.attempt_id, ai.position")).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, apperr.Wrap(err, "list grading queue")
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.QuestionVersionID
	}
	vs, err := s.loadVersions(ctx, s.db.R, ids)
	if err != nil {
		return nil, 0, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, 0, err
	}
	out := make([]GradingItem, 0, len(rows))
	for _, r := range rows {
		v := vs[r.QuestionVersionID]
		g := GradingItem{ID: r.ID, AttemptID: r.AttemptID, ExamID: r.ExamID, ExamTitle: r.ExamTitle, EmployeeID: r.EmployeeID,
			EmployeeName: dir.name(r.EmployeeID), Position: r.Position, Stem: v.Stem, Rubric: v.Rubric, ReferenceAnswer: v.ReferenceAnswer,
			Answer: r.response().Text, Points: pointsOf(r.PointsC), Comment: r.GraderComment, SubmittedAt: r.SubmittedAt, GradedAt: r.GradedAt}
		if r.ManualScoreC != nil {
			sc := pointsOf(*r.ManualScoreC)
			g.Score = &sc
		}
		out = append(out, g)
	}
	return out, int(n), nil
}

// GradeInput is a grader's mark of one short answer.
type GradeInput struct {
	Score   float64 `json:"score" minimum:"0" doc:"points, up to the question's points, in steps of 0.01"`
	Comment string  `json:"comment" required:"false" maxLength:"2000"`
}

// GradeItem marks a short answer (or changes its mark) and rescores the
// attempt: once no answer waits, the attempt is graded and passed or not.
// Errors: not_found (unknown, outside the caller's scope, not a short
// answer of a submitted attempt), invalid.
func (s *Service) GradeItem(ctx context.Context, itemID int64, in GradeInput) (GradingItem, error) {
	var graded Attempt
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var r gradingRow
		q := tx.NewSelect().Model(&r).ColumnExpr("ai.*").ColumnExpr("a.exam_id, a.employee_id, a.submitted_at, e.title AS exam_title").
			Join("JOIN assessment_attempts AS a ON a.id = ai.attempt_id").
			Join("JOIN assessment_exams AS e ON e.id = a.exam_id").
			Join("JOIN assessment_question_versions AS qv ON qv.id = ai.question_version_id").
			Where("ai.id = ? AND qv.kind = ? AND a.status <> ?", itemID, KindShort, AttemptActive)
		if err := auth.Filter(ctx, q, "a.employee_id", auth.EmployeeSet).Scan(ctx); err != nil {
			return db.NotFound(err, "answer to grade", itemID)
		}
		sc := int(math.Round(in.Score * 100))
		if sc < 0 || sc > r.PointsC {
			return apperr.Reject("body.score", apperr.Between(0, pointsOf(r.PointsC)), "the score is between 0 and %g", pointsOf(r.PointsC))
		}
		comment := strings.TrimSpace(in.Comment)
		now := s.now()
		if _, err := tx.NewUpdate().Model((*AttemptItem)(nil)).Set("manual_score_c = ?", sc).Set("grader_comment = ?", comment).
			Set("graded_by = ?", userID(ctx)).Set("graded_at = ?", now).Where("id = ?", itemID).Exec(ctx); err != nil {
			return apperr.Wrap(err, "grade answer")
		}
		trail.Change(ctx, "attempt_item.grade", itemID, map[string]any{"score_c": r.ManualScoreC, "comment": r.GraderComment},
			map[string]any{"score_c": sc, "comment": comment})
		var err error
		graded, err = s.rescore(ctx, tx, r.AttemptID)
		return err
	})
	if err != nil {
		return GradingItem{}, err
	}
	s.afterGraded(ctx, graded)
	items, _, err := s.ListGrading(ctx, GradingFilter{ExamID: graded.ExamID, State: "graded"})
	if err != nil {
		return GradingItem{}, err
	}
	for _, it := range items {
		if it.ID == itemID {
			return it, nil
		}
	}
	return GradingItem{}, apperr.NotFoundf("graded answer", itemID)
}
