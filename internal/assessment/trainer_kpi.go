package assessment

import (
	"context"
	"slices"
	"time"

	"ecomops/internal/learning"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/training"
)

// TrainerQuery selects the period of the trainer KPIs (C1.2).
type TrainerQuery struct {
	From               string `query:"from" doc:"YYYY-MM-DD; default 1 January of the year of to"`
	To                 string `query:"to" doc:"YYYY-MM-DD; default today (company time zone)"`
	LecturerEmployeeID int64  `query:"lecturer_employee_id" doc:"one trainer; 0: every internal lecturer with a session or plan item"`
}

// TrainerKPI is a trainer's evaluation figures for the appraisal module
// (docs/METRICS.md, "Training evaluation"), each with the numbers behind it:
//
//	plan_completion   the training module's plan completion rate for the
//	                  trainer: delivered items / items due in [from, to]
//	                  (items of the approved plan of to's year)
//	evaluation_score  the mean, over the trainer's sessions completed in
//	                  [from, to] that have feedback, of each session's overall
//	                  satisfaction (the mean of all its 1-5 dimension ratings);
//	                  numerator: the sum of the session scores, denominator:
//	                  the number of sessions
//	satisfaction      trainee satisfaction: ratings of 4 or 5 / all ratings,
//	                  over the four dimensions of those sessions' feedback
type TrainerKPI struct {
	LecturerEmployeeID int64            `json:"lecturer_employee_id"`
	Name               string           `json:"name"`
	From               string           `json:"from"`
	To                 string           `json:"to"`
	PlanCompletion     *Ratio           `json:"plan_completion" doc:"null when the training module is not available"`
	EvaluationScore    Ratio            `json:"evaluation_score"`
	Satisfaction       Ratio            `json:"satisfaction"`
	Sessions           []TrainerSession `json:"sessions" doc:"the sessions behind the scores"`
}

// TrainerSession is one of a trainer's sessions with its feedback.
type TrainerSession struct {
	SessionID    int64    `json:"session_id"`
	Title        string   `json:"title"`
	Date         string   `json:"date"`
	Ratings      int      `json:"ratings"`
	Score        *float64 `json:"score" doc:"mean of the session's ratings, 1-5"`
	Satisfied    int      `json:"satisfied" doc:"ratings of 4-5"`
	ResponseRate Ratio    `json:"response_rate"`
}

// period fills the defaults of a query and checks it.
func (s *Service) period(ctx context.Context, q *TrainerQuery) error {
	if q.To == "" {
		q.To = s.today(ctx)
	}
	to, err := time.Parse(time.DateOnly, q.To)
	if err != nil {
		return apperr.Reject("query.to", apperr.Format("date"), "must be YYYY-MM-DD")
	}
	if q.From == "" {
		q.From = time.Date(to.Year(), 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, q.From); err != nil {
		return apperr.Reject("query.from", apperr.Format("date"), "must be YYYY-MM-DD")
	}
	if q.From > q.To {
		return apperr.Reject("query.from", apperr.BeforeStart(), "from is after to")
	}
	return nil
}

// TrainerKPIs computes the KPIs of one trainer (lecturer_employee_id) or of
// every internal lecturer with a completed session in the period or an item
// in the year's plan. Exported for the appraisal module. Errors: invalid
// (dates; learning not wired).
func (s *Service) TrainerKPIs(ctx context.Context, q TrainerQuery) ([]TrainerKPI, error) {
	if s.Learning == nil {
		return nil, needs("learning")
	}
	if err := s.period(ctx, &q); err != nil {
		return nil, err
	}
	sctx := systemCtx(ctx)
	xs, _, err := s.Learning.ListSessions(sctx, learning.SessionFilter{Page: api.Page{Sort: "starts_at"}.ForExport(), Status: "completed", From: q.From, To: q.To})
	if err != nil {
		return nil, err
	}
	byTrainer := map[int64][]learning.Session{}
	for _, x := range xs {
		if x.LecturerEmployeeID != nil {
			byTrainer[*x.LecturerEmployeeID] = append(byTrainer[*x.LecturerEmployeeID], x)
		}
	}
	var report *training.CompletionReport
	if s.Training != nil {
		to, _ := time.Parse(time.DateOnly, q.To)
		rep, err := s.Training.PlanCompletionReport(sctx, training.CompletionQuery{Year: to.Year(), From: q.From, AsOf: q.To})
		if err != nil {
			return nil, err
		}
		report = &rep
		for _, c := range rep.ByLecturer {
			if c.LecturerEmployeeID != nil {
				if _, ok := byTrainer[*c.LecturerEmployeeID]; !ok {
					byTrainer[*c.LecturerEmployeeID] = nil
				}
			}
		}
	}
	ids := make([]int64, 0, len(byTrainer))
	for id := range byTrainer {
		if q.LecturerEmployeeID == 0 || id == q.LecturerEmployeeID {
			ids = append(ids, id)
		}
	}
	if q.LecturerEmployeeID != 0 && len(ids) == 0 {
		ids = []int64{q.LecturerEmployeeID}
	}
	slices.Sort(ids)
	dir, err := s.directory(ctx)
	if err != nil {
		return nil, err
	}
	out := []TrainerKPI{}
	for _, id := range ids {
		k, err := s.trainerKPI(ctx, id, byTrainer[id], q, report)
		if err != nil {
			return nil, err
		}
		k.Name = dir.name(id)
		out = append(out, k)
	}
	return out, nil
}

func (s *Service) trainerKPI(ctx context.Context, id int64, sessions []learning.Session, q TrainerQuery, rep *training.CompletionReport) (TrainerKPI, error) {
	k := TrainerKPI{LecturerEmployeeID: id, From: q.From, To: q.To, Sessions: []TrainerSession{}}
	if rep != nil {
		r := NewRatio(0, 0)
		for _, c := range rep.ByLecturer {
			if c.LecturerEmployeeID != nil && *c.LecturerEmployeeID == id {
				r = c.Ratio
			}
		}
		k.PlanCompletion = &r
	}
	scoreSum, scored, top, all := 0.0, 0, 0, 0
	loc := s.location(ctx)
	for _, x := range sessions {
		re, err := s.reaction(ctx, []learning.Session{x})
		if err != nil {
			return k, err
		}
		if re.Forms == 0 {
			continue
		}
		ts := TrainerSession{SessionID: x.ID, Title: sessionTitle(x), Date: x.StartsAt.In(loc).Format(time.DateOnly),
			Ratings: re.Overall.Ratings, Score: re.Overall.Average, ResponseRate: re.ResponseRate}
		ts.Satisfied = re.Overall.Distribution[3] + re.Overall.Distribution[4]
		k.Sessions = append(k.Sessions, ts)
		if ts.Score != nil {
			scoreSum += *ts.Score
			scored++
		}
		top += ts.Satisfied
		all += ts.Ratings
	}
	k.EvaluationScore = NewRatio(scoreSum, float64(scored))
	k.Satisfaction = NewRatio(float64(top), float64(all))
	return k, nil
}
