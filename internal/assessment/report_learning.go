package assessment

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// Learning is the learning level: pre-test vs post-test per learner and for
// the group, pass rate and results per competency, plus every exam of the
// sessions or course. Scores are percentages of the paper's points.
//
//	pre      the learner's first graded attempt at the pre-test (the baseline)
//	post     their best graded attempt at the post-test
//	gain     post − pre, in percentage points
//	normalised gain  (post − pre) / (100 − pre): the share of what was left
//	         to learn that was learned; for the group from the mean scores
//	         (Hake's class gain), and per learner when pre < 100
//	pass rate  learners who passed the post-test / learners with a graded post-test
type Learning struct {
	Pairs           []PairRef         `json:"pairs"`
	Exams           []ExamSummary     `json:"exams"`
	Learners        []LearnerScore    `json:"learners"`
	Paired          int               `json:"paired" doc:"learners with both a pre-test and a post-test"`
	AvgPre          *float64          `json:"avg_pre"`
	AvgPost         *float64          `json:"avg_post"`
	AvgGain         *float64          `json:"avg_gain"`
	NormalisedGain  *float64          `json:"normalised_gain" doc:"(avg_post − avg_pre) / (100 − avg_pre)"`
	MeanLearnerGain *float64          `json:"mean_learner_normalised_gain" doc:"mean of the learners' own normalised gains (pre < 100)"`
	PassRate        Ratio             `json:"pass_rate"`
	Competencies    []CompetencyScore `json:"competencies"`
}

// PairRef names a pre-test / post-test pair.
type PairRef struct {
	PreExamID  int64  `json:"pre_exam_id"`
	PostExamID int64  `json:"post_exam_id"`
	PreTitle   string `json:"pre_title"`
	PostTitle  string `json:"post_title"`
}

// ExamSummary is one exam of the report: learners' best graded attempts.
type ExamSummary struct {
	ExamID     int64    `json:"exam_id"`
	Title      string   `json:"title"`
	Purpose    string   `json:"purpose"`
	Learners   int      `json:"learners" doc:"learners with a graded attempt"`
	AvgPercent *float64 `json:"avg_percent"`
	PassRate   Ratio    `json:"pass_rate"`
}

// LearnerScore is one learner's pre-test and post-test of a pair.
type LearnerScore struct {
	EmployeeID     int64    `json:"employee_id"`
	Name           string   `json:"name"`
	PostExamID     int64    `json:"post_exam_id"`
	Pre            *float64 `json:"pre"`
	Post           *float64 `json:"post"`
	Gain           *float64 `json:"gain"`
	NormalisedGain *float64 `json:"normalised_gain"`
	Passed         *bool    `json:"passed"`
}

// CompetencyScore is the share of points earned on the questions tagged
// with a competency, in the pre-tests and the post-tests.
type CompetencyScore struct {
	CompetencyID int64    `json:"competency_id"`
	Name         string   `json:"name"`
	Pre          Ratio    `json:"pre" doc:"points earned / points available, pre-tests"`
	Post         Ratio    `json:"post"`
	Gain         *float64 `json:"gain" doc:"post − pre share, in percentage points"`
}

// reportExams finds the exams of the sessions and course(s) of a report.
func (s *Service) reportExams(ctx context.Context, in reportInput) ([]Exam, error) {
	courses := []int64{}
	if in.courseID != nil {
		courses = append(courses, *in.courseID)
	}
	for _, x := range in.sessions {
		if x.CourseID != nil {
			courses = append(courses, *x.CourseID)
		}
	}
	var exams []Exam
	q := examQuery(s.db.R, &exams).Where("e.status <> ?", ExamDraft)
	ids := in.sessionIDs()
	switch {
	case len(ids) > 0 && len(courses) > 0:
		q = q.Where("(e.session_id IN (?) OR (e.session_id IS NULL AND e.course_id IN (?)))", bun.In(ids), bun.In(cleanIDs(courses)))
	case len(ids) > 0:
		q = q.Where("e.session_id IN (?)", bun.In(ids))
	case len(courses) > 0:
		q = q.Where("e.session_id IS NULL AND e.course_id IN (?)", bun.In(cleanIDs(courses)))
	default:
		return nil, nil
	}
	err := q.OrderExpr("e.id").Scan(ctx)
	return exams, apperr.Wrap(err, "load report exams")
}

// learnerFilter says who counts for an exam: a session's exam counts that
// session's trainees; a course-level exam the report's trainees, or anyone
// in the caller's scope for a course report (online learners take them too).
func (in reportInput) learnerFilter(ctx context.Context) func(e Exam, emp int64) bool {
	all := in.traineeSet()
	return func(e Exam, emp int64) bool {
		if !auth.Sees(ctx, emp, auth.EmployeeSet) {
			return false
		}
		if e.SessionID != nil {
			return contains(in.trainees[*e.SessionID], emp)
		}
		return in.scope == "course" || all[emp]
	}
}

func (s *Service) learningLevel(ctx context.Context, in reportInput) (Learning, error) {
	l := Learning{Pairs: []PairRef{}, Exams: []ExamSummary{}, Learners: []LearnerScore{}, Competencies: []CompetencyScore{}}
	exams, err := s.reportExams(ctx, in)
	if err != nil || len(exams) == 0 {
		return l, err
	}
	counts := in.learnerFilter(ctx)
	byExam := map[int64]Exam{}
	ids := make([]int64, len(exams))
	for i, e := range exams {
		byExam[e.ID], ids[i] = e, e.ID
	}
	var attempts []Attempt
	if err := s.db.R.NewSelect().Model(&attempts).Where("a.exam_id IN (?) AND a.status = ?", bun.In(ids), AttemptGraded).
		OrderExpr("a.exam_id, a.employee_id, a.attempt_no").Scan(ctx); err != nil {
		return l, apperr.Wrap(err, "load graded attempts")
	}
	first, best := map[[2]int64]Attempt{}, map[[2]int64]Attempt{}
	for _, a := range attempts {
		if !counts(byExam[a.ExamID], a.EmployeeID) {
			continue
		}
		k := [2]int64{a.ExamID, a.EmployeeID}
		if _, ok := first[k]; !ok {
			first[k] = a
		}
		if b, ok := best[k]; !ok || a.ScoreC*b.MaxC > b.ScoreC*a.MaxC {
			best[k] = a
		}
	}
	for _, e := range exams {
		l.Exams = append(l.Exams, examSummary(e, best))
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return l, err
	}
	var preAttempts, postAttempts []Attempt
	for _, post := range exams {
		if post.Purpose != PurposePost || post.PairExamID == nil {
			continue
		}
		pre, ok := byExam[*post.PairExamID]
		if !ok {
			continue
		}
		l.Pairs = append(l.Pairs, PairRef{PreExamID: pre.ID, PostExamID: post.ID, PreTitle: pre.Title, PostTitle: post.Title})
		for k, pa := range best {
			if k[0] != post.ID {
				continue
			}
			ls := LearnerScore{EmployeeID: k[1], Name: dir.name(k[1]), PostExamID: post.ID, Passed: pa.Passed}
			pa.fill()
			ls.Post = fp(pa.Percent)
			postAttempts = append(postAttempts, pa)
			if fa, ok := first[[2]int64{pre.ID, k[1]}]; ok {
				fa.fill()
				ls.Pre = fp(fa.Percent)
				preAttempts = append(preAttempts, fa)
				ls.Gain = fp(*ls.Post - *ls.Pre)
				if *ls.Pre < 100 {
					ls.NormalisedGain = fp((*ls.Post - *ls.Pre) / (100 - *ls.Pre))
				}
			}
			l.Learners = append(l.Learners, ls)
		}
		for k, fa := range first { // learners who took only the pre-test
			if k[0] == pre.ID && !hasPost(best, post.ID, k[1]) {
				fa.fill()
				l.Learners = append(l.Learners, LearnerScore{EmployeeID: k[1], Name: dir.name(k[1]), PostExamID: post.ID, Pre: fp(fa.Percent)})
				preAttempts = append(preAttempts, fa)
			}
		}
	}
	slices.SortFunc(l.Learners, func(a, b LearnerScore) int {
		if a.PostExamID != b.PostExamID {
			return int(a.PostExamID - b.PostExamID)
		}
		return int(a.EmployeeID - b.EmployeeID)
	})
	summariseGains(&l)
	l.Competencies, err = s.competencyScores(ctx, preAttempts, postAttempts)
	return l, err
}

func hasPost(best map[[2]int64]Attempt, exam, emp int64) bool {
	_, ok := best[[2]int64{exam, emp}]
	return ok
}

// examSummary aggregates the best attempts at one exam (pure).
func examSummary(e Exam, best map[[2]int64]Attempt) ExamSummary {
	es := ExamSummary{ExamID: e.ID, Title: e.Title, Purpose: e.Purpose}
	sum, passed := 0.0, 0
	for k, a := range best {
		if k[0] != e.ID {
			continue
		}
		a.fill()
		es.Learners++
		sum += a.Percent
		if a.Passed != nil && *a.Passed {
			passed++
		}
	}
	if es.Learners > 0 {
		es.AvgPercent = fp(sum / float64(es.Learners))
	}
	es.PassRate = NewRatio(float64(passed), float64(es.Learners))
	return es
}

// summariseGains computes the group figures from the learners (pure).
func summariseGains(l *Learning) {
	var pre, post, gain, ng []float64
	withPost, passed := 0, 0
	for _, ls := range l.Learners {
		if ls.Post != nil {
			withPost++
			if ls.Passed != nil && *ls.Passed {
				passed++
			}
		}
		if ls.Pre == nil || ls.Post == nil {
			continue
		}
		pre, post, gain = append(pre, *ls.Pre), append(post, *ls.Post), append(gain, *ls.Gain)
		if ls.NormalisedGain != nil {
			ng = append(ng, *ls.NormalisedGain)
		}
	}
	l.Paired = len(pre)
	l.PassRate = NewRatio(float64(passed), float64(withPost))
	if l.Paired == 0 {
		return
	}
	l.AvgPre, l.AvgPost, l.AvgGain = fp(mean(pre)), fp(mean(post)), fp(mean(gain))
	if *l.AvgPre < 100 {
		l.NormalisedGain = fp((*l.AvgPost - *l.AvgPre) / (100 - *l.AvgPre))
	}
	if len(ng) > 0 {
		l.MeanLearnerGain = fp(mean(ng))
	}
}

// competencyScores adds up the points per competency of the chosen attempts.
func (s *Service) competencyScores(ctx context.Context, pre, post []Attempt) ([]CompetencyScore, error) {
	type acc struct{ preScore, preMax, postScore, postMax int }
	byComp := map[int64]*acc{}
	add := func(attempts []Attempt, isPre bool) error {
		for _, a := range attempts {
			items, err := attemptItems(ctx, s.db.R, a.ID)
			if err != nil {
				return err
			}
			ids := make([]int64, len(items))
			for i, it := range items {
				ids[i] = it.QuestionVersionID
			}
			vs, err := s.loadVersions(ctx, s.db.R, ids)
			if err != nil {
				return err
			}
			for _, it := range items {
				for _, c := range vs[it.QuestionVersionID].CompetencyIDs {
					x := byComp[c]
					if x == nil {
						x = &acc{}
						byComp[c] = x
					}
					if isPre {
						x.preScore, x.preMax = x.preScore+it.scoreC(), x.preMax+it.PointsC
					} else {
						x.postScore, x.postMax = x.postScore+it.scoreC(), x.postMax+it.PointsC
					}
				}
			}
		}
		return nil
	}
	if err := add(pre, true); err != nil {
		return nil, err
	}
	if err := add(post, false); err != nil {
		return nil, err
	}
	out := []CompetencyScore{}
	ids := make([]int64, 0, len(byComp))
	for id := range byComp {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		x := byComp[id]
		cs := CompetencyScore{CompetencyID: id, Pre: NewRatio(float64(x.preScore), float64(x.preMax)), Post: NewRatio(float64(x.postScore), float64(x.postMax))}
		if cs.Pre.Value != nil && cs.Post.Value != nil {
			cs.Gain = fp(100 * (*cs.Post.Value - *cs.Pre.Value))
		}
		if s.Training != nil {
			if c, err := s.Training.Competency(systemCtx(ctx), id); err == nil {
				cs.Name = c.Name
			}
		}
		out = append(out, cs)
	}
	return out, nil
}
