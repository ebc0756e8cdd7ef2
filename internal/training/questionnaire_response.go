package training

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// respondentRow is the "has responded" marker (see Questionnaire).
type respondentRow struct {
	bun.BaseModel   `bun:"table:questionnaire_respondents,alias:qr"`
	QuestionnaireID int64     `bun:"questionnaire_id,pk"`
	EmployeeID      int64     `bun:"employee_id,pk"`
	RespondedAt     time.Time `bun:"responded_at"`
}

type responseRow struct {
	bun.BaseModel   `bun:"table:questionnaire_responses,alias:qs"`
	ID              int64     `bun:"id,pk,autoincrement"`
	QuestionnaireID int64     `bun:"questionnaire_id"`
	RespondentID    *int64    `bun:"respondent_id"`
	SubmittedAt     time.Time `bun:"submitted_at"`
}

// MyQuestionnaire is a questionnaire offered to the caller.
type MyQuestionnaire struct {
	Questionnaire
	HasResponded bool `json:"has_responded"`
	Accepting    bool `json:"accepting" doc:"answers are taken now"`
}

// invited reports whether employee id is in the questionnaire's audience.
func invited(dir *directory, q Questionnaire, id int64) bool {
	_, found := slices.BinarySearch(dir.resolve(q.Audience, true), id)
	return found
}

// MyQuestionnaires lists the open questionnaires whose audience includes the
// caller, with whether they have responded.
func (s *Service) MyQuestionnaires(ctx context.Context) ([]MyQuestionnaire, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return nil, err
	}
	me, err := caller(ctx)
	if err != nil {
		return []MyQuestionnaire{}, nil // a login without employee record is invited nowhere
	}
	qs, _, err := s.ListQuestionnaires(ctx, QuestionnaireFilter{Status: QuestionnaireOpen})
	if err != nil {
		return nil, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	var done []int64
	if err := s.db.R.NewSelect().Model((*respondentRow)(nil)).Column("questionnaire_id").Where("employee_id = ?", me).Scan(ctx, &done); err != nil {
		return nil, apperr.Wrap(err, "load my responses")
	}
	now := s.now()
	out := []MyQuestionnaire{}
	for _, q := range qs {
		if !invited(dir, q, me) {
			continue
		}
		out = append(out, MyQuestionnaire{Questionnaire: q, HasResponded: slices.Contains(done, q.ID), Accepting: q.accepting(now) == nil})
	}
	return out, nil
}

// MyQuestionnaire returns an open questionnaire the caller is invited to,
// with its items. Errors: not_found (also when not invited).
func (s *Service) MyQuestionnaire(ctx context.Context, id int64) (MyQuestionnaire, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return MyQuestionnaire{}, err
	}
	me, err := caller(ctx)
	if err != nil {
		return MyQuestionnaire{}, err
	}
	q, err := s.Questionnaire(ctx, id)
	if err != nil {
		return MyQuestionnaire{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return MyQuestionnaire{}, err
	}
	if q.Status == QuestionnaireDraft || !invited(dir, q, me) {
		return MyQuestionnaire{}, apperr.NotFoundf("questionnaire", id)
	}
	done, err := s.db.R.NewSelect().Model((*respondentRow)(nil)).Where("questionnaire_id = ?", id).Where("employee_id = ?", me).Exists(ctx)
	if err != nil {
		return MyQuestionnaire{}, apperr.Wrap(err, "check response")
	}
	return MyQuestionnaire{Questionnaire: q, HasResponded: done, Accepting: q.accepting(s.now()) == nil}, nil
}

// SubmitResponse records employee's answers. Rules: the questionnaire is
// open and inside its window, the employee is in its audience and has not
// responded yet, answers pass checkAnswers. Anonymous questionnaires store
// the response without respondent and at day precision. For named ones,
// every chosen option of an item that raises needs becomes a survey need for
// the respondent (idempotent, keyed by questionnaire, person and option).
// Errors: not_found (questionnaire, or employee not invited), invalid,
// conflict (already responded).
func (s *Service) SubmitResponse(ctx context.Context, qid, employeeID int64, answers []ItemAnswer) error {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		return s.SubmitResponseTx(ctx, tx, qid, employeeID, answers)
	})
}

// SubmitResponseTx is SubmitResponse inside the caller's transaction.
func (s *Service) SubmitResponseTx(ctx context.Context, tx bun.IDB, qid, employeeID int64, answers []ItemAnswer) error {
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	q, err := s.questionnaire(ctx, tx, qid)
	if err != nil {
		return err
	}
	if q.Status == QuestionnaireDraft || !invited(dir, q, employeeID) {
		return apperr.NotFoundf("questionnaire", qid)
	}
	now := s.now()
	if err := q.accepting(now); err != nil {
		return err
	}
	rows, err := checkAnswers(q.Items, answers)
	if err != nil {
		return err
	}
	at := now
	var respondent *int64
	if q.Anonymous {
		at = now.Truncate(24 * time.Hour)
	} else {
		respondent = &employeeID
	}
	mark := respondentRow{QuestionnaireID: qid, EmployeeID: employeeID, RespondedAt: at}
	if _, err := tx.NewInsert().Model(&mark).Exec(ctx); err != nil {
		if db.IsUniqueViolation(err) {
			return apperr.Refuse(apperr.Conflict, apperr.Because("already_responded", apperr.P{"title": q.Title}), "you have already responded to %q", q.Title)
		}
		return apperr.Wrap(err, "mark respondent")
	}
	resp := responseRow{QuestionnaireID: qid, RespondentID: respondent, SubmittedAt: at}
	if _, err := tx.NewInsert().Model(&resp).Returning("id").Exec(ctx); err != nil {
		return apperr.Wrap(err, "save response")
	}
	for i := range rows {
		rows[i].ResponseID = resp.ID
	}
	if len(rows) > 0 {
		if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return apperr.Wrap(err, "save answers")
		}
	}
	if q.Anonymous {
		// no response id and no answers: the log row names the user
		trail.Change(ctx, "questionnaire_response", qid, nil, map[string]any{"anonymous": true})
		return nil
	}
	trail.Change(ctx, "questionnaire_response", resp.ID, nil, map[string]any{"questionnaire_id": qid, "respondent_id": employeeID, "answers": answers})
	return s.raiseSurveyNeeds(ctx, tx, dir, q, employeeID, rows)
}

// raiseSurveyNeeds applies the survey rule (see SubmitResponse). A topic
// that names a competency of the respondent's position model is linked to it.
func (s *Service) raiseSurveyNeeds(ctx context.Context, tx bun.IDB, dir *directory, q Questionnaire, emp int64, rows []answerRow) error {
	var model []Competency
	if e, ok := dir.emps[emp]; ok && e.PositionID != nil {
		m, err := s.positionCompetencies(ctx, tx, []int64{*e.PositionID})
		if err != nil {
			return err
		}
		model = m[*e.PositionID]
	}
	for _, it := range q.Items {
		if !it.RaisesNeeds {
			continue
		}
		for _, r := range rows {
			if r.ItemID != it.ID {
				continue
			}
			label := r.Choice
			for _, o := range it.Options {
				if o.Value == r.Choice {
					label = o.Label
				}
			}
			qid := q.ID
			n := Need{Source: SourceSurvey, SourceID: &qid, Topic: label, Priority: "low",
				Description: fmt.Sprintf("「%s」：%s", q.Title, it.Prompt)}
			for _, c := range model {
				if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(label)) {
					cid := c.ID
					n.CompetencyID = &cid
				}
			}
			key := fmt.Sprintf("survey:%d:%d:%s", q.ID, emp, r.Choice)
			if _, err := s.insertGeneratedNeed(ctx, tx, n, key, Audience{EmployeeIDs: []int64{emp}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// SubmitMyResponse submits the caller's own response (SubmitResponse).
func (s *Service) SubmitMyResponse(ctx context.Context, qid int64, answers []ItemAnswer) error {
	me, err := caller(ctx)
	if err != nil {
		return err
	}
	return s.SubmitResponse(ctx, qid, me, answers)
}

// NonResponders returns the ids of the invited active employees who have
// not responded (for reminders; it works for anonymous questionnaires too,
// through the respondent marker). Errors: not_found.
func (s *Service) NonResponders(ctx context.Context, qid int64) ([]int64, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return nil, err
	}
	q, err := s.Questionnaire(ctx, qid)
	if err != nil {
		return nil, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	var done []int64
	if err := s.db.R.NewSelect().Model((*respondentRow)(nil)).Column("employee_id").Where("questionnaire_id = ?", qid).Scan(ctx, &done); err != nil {
		return nil, apperr.Wrap(err, "load respondents")
	}
	out := []int64{}
	for _, id := range dir.resolve(q.Audience, true) {
		if !slices.Contains(done, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// NonResponderList names the non-responders, for the UI.
func (s *Service) NonResponderList(ctx context.Context, qid int64) ([]NonResponder, error) {
	ids, err := s.NonResponders(ctx, qid)
	if err != nil {
		return nil, err
	}
	dir, err := s.directory(auth.With(ctx, nil))
	if err != nil {
		return nil, err
	}
	out := make([]NonResponder, 0, len(ids))
	for _, id := range ids {
		e := dir.emps[id]
		out = append(out, NonResponder{ID: id, Name: e.Name, DepartmentName: dir.deptName(e.DepartmentID)})
	}
	return out, nil
}

// NonResponder names an employee in answers.
type NonResponder struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	DepartmentName string `json:"department_name"`
}
