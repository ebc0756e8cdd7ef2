package assessment

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/learning"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/notify"
	"ecomops/internal/platform/trail"
	"ecomops/internal/training"
)

// Feedback dimensions of the built-in post-session form (B4.3), each rated
// on a 1-5 scale; the reaction level of the effect report averages them.
var FeedbackDimensions = []struct{ Code, Prompt string }{
	{"content", "课程内容实用，与我的工作相关 (The content was useful and relevant to my work)"},
	{"method", "培训方式（讲授、案例、练习、讨论）有效 (The methods — lecture, cases, practice, discussion — worked)"},
	{"lecturer", "讲师讲解清楚，答疑到位 (The lecturer explained clearly and answered questions well)"},
	{"organisation", "培训组织（时间、场地、通知、资料）良好 (Scheduling, venue, notices and materials were well organised)"},
}

// SatisfactionLabels are the 1-5 labels of the form's scales.
var SatisfactionLabels = []string{"非常不满意", "不满意", "一般", "满意", "非常满意"}

// feedbackComments are the form's open questions.
var feedbackComments = []string{"最有收获的内容 (What was most useful?)", "意见与建议 (Comments and suggestions)"}

// feedbackTemplate returns the built-in form's items: the four dimensions
// (required) and the two comment questions (optional).
func feedbackTemplate() []training.QuestionnaireItem {
	var items []training.QuestionnaireItem
	for _, d := range FeedbackDimensions {
		items = append(items, training.QuestionnaireItem{Kind: training.KindLikert, Prompt: d.Prompt, Required: true, Labels: SatisfactionLabels})
	}
	for _, c := range feedbackComments {
		items = append(items, training.QuestionnaireItem{Kind: training.KindText, Prompt: c})
	}
	return items
}

// FeedbackForm links a session to its feedback questionnaire.
type FeedbackForm struct {
	bun.BaseModel   `bun:"table:assessment_feedback_forms,alias:ff"`
	ID              int64             `bun:"id,pk,autoincrement" json:"id"`
	SessionID       int64             `bun:"session_id" json:"session_id"`
	QuestionnaireID int64             `bun:"questionnaire_id" json:"questionnaire_id" doc:"learners answer it at /api/v1/training/my/questionnaires/{id}"`
	Dimensions      map[string]string `bun:"dimensions,type:text" json:"dimensions" doc:"item id -> dimension (content, method, lecturer, organisation)"`
	LastRemindedAt  *time.Time        `bun:"last_reminded_at" json:"last_reminded_at"`
	CreatedBy       *int64            `bun:"created_by" json:"created_by"`
	CreatedAt       time.Time         `bun:"created_at" json:"created_at"`
}

// FeedbackInput creates a session's feedback form.
type FeedbackInput struct {
	Anonymous  *bool                        `json:"anonymous" required:"false" doc:"default true"`
	ClosesAt   *time.Time                   `json:"closes_at" required:"false" doc:"default: the session's end + feedback_days (settings)"`
	ExtraItems []training.QuestionnaireItem `json:"extra_items" required:"false" maxItems:"20" doc:"questions added after the built-in ones"`
}

// FeedbackStatus is a session's form with its response rate.
type FeedbackStatus struct {
	Form          FeedbackForm             `json:"form"`
	Questionnaire training.Questionnaire   `json:"questionnaire"`
	Results       training.ResponseSummary `json:"results" doc:"response rate and per-item results; never names respondents"`
	NonResponders int                      `json:"non_responders"`
}

// feedbackForm returns a session's form. Errors: not_found.
func (s *Service) feedbackForm(ctx context.Context, idb bun.IDB, sessionID int64) (FeedbackForm, error) {
	var f FeedbackForm
	err := idb.NewSelect().Model(&f).Where("ff.session_id = ?", sessionID).Scan(ctx)
	return f, db.NotFound(err, "feedback form of session", sessionID)
}

// sessionTrainees returns a session's present attendees, or its enrolled
// participants while nobody is marked present (e.g. before the roll call).
func (s *Service) sessionTrainees(ctx context.Context, sessionID int64) ([]int64, error) {
	ens, err := s.attendees(systemCtx(ctx), sessionID)
	if err != nil {
		return nil, err
	}
	var present, enrolled []int64
	for _, en := range ens {
		enrolled = append(enrolled, en.EmployeeID)
		if en.Attendance == "present" {
			present = append(present, en.EmployeeID)
		}
	}
	if len(present) > 0 {
		return present, nil
	}
	return enrolled, nil
}

// CreateFeedback creates and opens a session's feedback form on the
// training module's questionnaire engine: the built-in items (four 1-5
// dimensions, two comment questions) plus any extra ones, anonymous unless
// told otherwise, for the session's trainees (see sessionTrainees), open
// until closes_at. Errors: not_found (session), invalid (training or
// learning not wired, cancelled session, nobody to ask), conflict (the
// session has a form).
func (s *Service) CreateFeedback(ctx context.Context, sessionID int64, in FeedbackInput) (FeedbackStatus, error) {
	if s.Training == nil {
		return FeedbackStatus{}, needs("training")
	}
	x, err := s.session(ctx, sessionID)
	if err != nil {
		return FeedbackStatus{}, err
	}
	if x.Status == "cancelled" {
		return FeedbackStatus{}, apperr.Refuse(apperr.Invalid, apperr.Because("session_cancelled", apperr.P{"id": sessionID}), "session %d was cancelled", sessionID)
	}
	trainees, err := s.sessionTrainees(ctx, sessionID)
	if err != nil {
		return FeedbackStatus{}, err
	}
	if len(trainees) == 0 {
		return FeedbackStatus{}, apperr.Refuse(apperr.Invalid, apperr.Because("feedback_no_participants", apperr.P{"id": sessionID}), "session %d has no participants to ask", sessionID)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return FeedbackStatus{}, err
	}
	closes := x.EndsAt.AddDate(0, 0, st.FeedbackDays)
	if in.ClosesAt != nil {
		closes = in.ClosesAt.UTC()
	}
	anonymous := in.Anonymous == nil || *in.Anonymous
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.feedbackForm(ctx, tx, sessionID); err == nil {
			return apperr.Refuse(apperr.Conflict, apperr.Because("feedback_exists", apperr.P{"id": sessionID}), "session %d already has a feedback form", sessionID)
		}
		q := training.Questionnaire{Title: "培训反馈：" + sessionTitle(x), Purpose: "feedback", Ref: fmt.Sprintf("session:%d", sessionID),
			Anonymous: anonymous, ClosesAt: &closes, Items: append(feedbackTemplate(), in.ExtraItems...),
			Description: "请为本次培训打分（1-5 分），可匿名。Please rate this session (1-5)."}
		q.Audience.EmployeeIDs = trainees
		made, err := s.Training.CreateQuestionnaireTx(ctx, tx, q)
		if err != nil {
			return err
		}
		if _, err := s.Training.SetQuestionnaireStatusTx(ctx, tx, made.ID, training.QuestionnaireOpen); err != nil {
			return err
		}
		dims := map[string]string{}
		for i, d := range FeedbackDimensions {
			if i < len(made.Items) {
				dims[strconv.FormatInt(made.Items[i].ID, 10)] = d.Code
			}
		}
		f := FeedbackForm{SessionID: sessionID, QuestionnaireID: made.ID, Dimensions: dims, CreatedBy: userID(ctx), CreatedAt: s.now()}
		if _, err := tx.NewInsert().Model(&f).Returning("id").Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return apperr.Refuse(apperr.Conflict, apperr.Because("feedback_exists", apperr.P{"id": sessionID}), "session %d already has a feedback form", sessionID)
			}
			return apperr.Wrap(err, "save feedback form")
		}
		trail.Change(ctx, "feedback_form", f.ID, nil, f)
		return nil
	})
	if err != nil {
		return FeedbackStatus{}, err
	}
	return s.Feedback(ctx, sessionID)
}

func sessionTitle(x learning.Session) string {
	if x.Title != "" {
		return x.Title
	}
	return x.CourseTitle
}

// Feedback returns a session's form with its response rate and results.
// Errors: not_found (no form), invalid (training not wired).
func (s *Service) Feedback(ctx context.Context, sessionID int64) (FeedbackStatus, error) {
	if s.Training == nil {
		return FeedbackStatus{}, needs("training")
	}
	f, err := s.feedbackForm(ctx, s.db.R, sessionID)
	if err != nil {
		return FeedbackStatus{}, err
	}
	q, err := s.Training.Questionnaire(systemCtx(ctx), f.QuestionnaireID)
	if err != nil {
		return FeedbackStatus{}, err
	}
	res, err := s.Training.QuestionnaireResults(systemCtx(ctx), f.QuestionnaireID)
	if err != nil {
		return FeedbackStatus{}, err
	}
	missing, err := s.Training.NonResponders(systemCtx(ctx), f.QuestionnaireID)
	if err != nil {
		return FeedbackStatus{}, err
	}
	return FeedbackStatus{Form: f, Questionnaire: q, Results: res, NonResponders: len(missing)}, nil
}

// RemindFeedback sends the form's non-responders an in-app reminder (at
// most one a day each: the dedupe key holds the date) and returns how many
// were reminded. Errors: not_found, invalid (form closed, notification
// centre not wired).
func (s *Service) RemindFeedback(ctx context.Context, sessionID int64) (int, error) {
	if s.Training == nil {
		return 0, needs("training")
	}
	if s.Notify == nil {
		return 0, needs("notification")
	}
	f, err := s.feedbackForm(ctx, s.db.R, sessionID)
	if err != nil {
		return 0, err
	}
	q, err := s.Training.Questionnaire(systemCtx(ctx), f.QuestionnaireID)
	if err != nil {
		return 0, err
	}
	if q.Status != training.QuestionnaireOpen || (q.ClosesAt != nil && !s.now().Before(*q.ClosesAt)) {
		return 0, apperr.Refuse(apperr.Invalid, apperr.Because("feedback_closed", apperr.P{"id": sessionID}), "the feedback form of session %d is closed", sessionID)
	}
	missing, err := s.Training.NonResponders(systemCtx(ctx), f.QuestionnaireID)
	if err != nil {
		return 0, err
	}
	users, err := s.userIDs(ctx, missing)
	if err != nil {
		return 0, err
	}
	if len(users) == 0 {
		return 0, nil
	}
	day := s.today(ctx)
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.Notify.Send(ctx, tx, notify.Message{Channel: notify.InApp, To: notify.Recipients{UserIDs: users},
			Kind: "assessment.feedback", Title: "请填写培训反馈：" + q.Title, Body: "您参加的培训还未评价，请花一分钟完成反馈问卷。",
			Link: fmt.Sprintf("/training/surveys/%d/answer", q.ID), DedupeKey: fmt.Sprintf("assessment.feedback:%d:%s", q.ID, day)}); err != nil {
			return err
		}
		now := s.now()
		_, err := tx.NewUpdate().Model((*FeedbackForm)(nil)).Set("last_reminded_at = ?", now).Where("id = ?", f.ID).Exec(ctx)
		trail.Change(ctx, "feedback_form.remind", f.ID, nil, map[string]any{"reminded": len(users), "day": day})
		return apperr.Wrap(err, "record reminder")
	})
	return len(users), err
}

// userIDs maps employees to their logins (employees without a login are
// skipped: they cannot see an in-app notice).
func (s *Service) userIDs(ctx context.Context, employees []int64) ([]int64, error) {
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range employees {
		if e, ok := dir.emps[id]; ok && e.UserID != nil {
			out = append(out, *e.UserID)
		}
	}
	return out, nil
}

// hasForm reports whether a session has a feedback form.
func (s *Service) hasForm(ctx context.Context, sessionID int64) (bool, error) {
	_, err := s.feedbackForm(ctx, s.db.R, sessionID)
	if err == nil {
		return true, nil
	}
	var ae *apperr.Error
	if errors.As(err, &ae) && ae.Code == apperr.NotFound {
		return false, nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return false, err
}

// RemindDueFeedback reminds the non-responders of every open feedback form
// whose session ended at least a day ago, at most once a day per form, and
// returns how many people were reminded. The server runs it hourly; the
// notices' dedupe key (form and date) keeps replicas from sending twice.
func (s *Service) RemindDueFeedback(ctx context.Context) (int, error) {
	if s.Training == nil || s.Notify == nil {
		return 0, nil
	}
	ctx = systemCtx(ctx)
	now := s.now()
	var forms []FeedbackForm
	if err := s.db.R.NewSelect().Model(&forms).Where("ff.last_reminded_at IS NULL OR ff.last_reminded_at <= ?", now.Add(-24*time.Hour)).
		OrderExpr("ff.id").Scan(ctx); err != nil {
		return 0, apperr.Wrap(err, "list feedback forms")
	}
	total := 0
	for _, f := range forms {
		x, err := s.session(ctx, f.SessionID)
		if err != nil || now.Before(x.EndsAt.Add(24*time.Hour)) {
			continue
		}
		n, err := s.RemindFeedback(ctx, f.SessionID)
		if apperr.Is(err, apperr.Invalid) {
			continue // closed
		}
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
