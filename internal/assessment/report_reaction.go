package assessment

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"ecomops/internal/learning"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/training"
)

// DimensionScore is the satisfaction with one dimension (or overall): the
// mean of 1-5 ratings, their distribution, and the satisfied share (ratings
// of 4 or 5).
type DimensionScore struct {
	Dimension    string   `json:"dimension" enum:"content,method,lecturer,organisation,overall"`
	Ratings      int      `json:"ratings"`
	Average      *float64 `json:"average" doc:"1-5; null without ratings"`
	Distribution []int    `json:"distribution" doc:"how many ratings of 1, 2, 3, 4 and 5"`
	Satisfied    Ratio    `json:"satisfied" doc:"ratings of 4-5 / ratings"`
}

// Reaction is the reaction level: satisfaction per dimension and overall
// (every dimension's ratings pooled), and the response rate of the forms.
type Reaction struct {
	Forms        int              `json:"forms" doc:"sessions with a feedback form"`
	ResponseRate Ratio            `json:"response_rate" doc:"people who responded / people invited, over the forms"`
	Dimensions   []DimensionScore `json:"dimensions"`
	Overall      DimensionScore   `json:"overall"`
	Comments     []string         `json:"comments" doc:"the forms' text answers (anonymous)"`
}

// add adds n ratings of value v (1-5) to d.
func (d *DimensionScore) add(v, n int) {
	if v < 1 || v > 5 || n <= 0 {
		return
	}
	d.Distribution[v-1] += n
}

// finish computes the average and satisfied share from the distribution.
func (d *DimensionScore) finish() {
	sum, n, top := 0, 0, 0
	for i, c := range d.Distribution {
		sum += (i + 1) * c
		n += c
		if i >= 3 {
			top += c
		}
	}
	d.Ratings = n
	if n > 0 {
		d.Average = fp(float64(sum) / float64(n))
	}
	d.Satisfied = NewRatio(float64(top), float64(n))
}

func newScore(dim string) DimensionScore {
	return DimensionScore{Dimension: dim, Distribution: make([]int, 5)}
}

// reaction pools the feedback forms of the sessions.
func (s *Service) reaction(ctx context.Context, sessions []learning.Session) (Reaction, error) {
	r := Reaction{Comments: []string{}, Overall: newScore("overall")}
	dims := map[string]*DimensionScore{}
	for _, d := range FeedbackDimensions {
		sc := newScore(d.Code)
		dims[d.Code] = &sc
	}
	var responded, invited float64
	for _, x := range sessions {
		if s.Training == nil {
			break
		}
		f, err := s.feedbackForm(ctx, s.db.R, x.ID)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return r, err
		}
		res, err := s.Training.QuestionnaireResults(systemCtx(ctx), f.QuestionnaireID)
		if err != nil {
			return r, err
		}
		r.Forms++
		responded += float64(res.ResponseRate.Numerator)
		invited += float64(res.ResponseRate.Denominator)
		for _, it := range res.Items {
			if it.Kind == training.KindText {
				r.Comments = append(r.Comments, it.Texts...)
				continue
			}
			d, ok := dims[f.Dimensions[strconv.FormatInt(it.ItemID, 10)]]
			if !ok {
				continue
			}
			for _, vc := range it.Distribution {
				d.add(vc.Value, vc.Count)
				r.Overall.add(vc.Value, vc.Count)
			}
		}
	}
	r.ResponseRate = NewRatio(responded, invited)
	for _, d := range FeedbackDimensions {
		sc := dims[d.Code]
		sc.finish()
		r.Dimensions = append(r.Dimensions, *sc)
	}
	r.Overall.finish()
	return r, nil
}

// ParticipationSummary sums up what lecturers recorded during the sessions
// (B4.2), for the trainees in the caller's scope.
type ParticipationSummary struct {
	Trainees             int      `json:"trainees"`
	Recorded             int      `json:"recorded" doc:"trainees with a record"`
	QuestionsAsked       int      `json:"questions_asked"`
	QuestionsAnswered    int      `json:"questions_answered"`
	Discussion           int      `json:"discussion"`
	PracticeScored       int      `json:"practice_scored"`
	PracticeAverage      *float64 `json:"practice_average" doc:"mean practice task score, 0-100"`
	AskedPerTrainee      *float64 `json:"asked_per_trainee"`
	DiscussionPerTrainee *float64 `json:"discussion_per_trainee"`
}

func (s *Service) participationSummary(ctx context.Context, in reportInput) (ParticipationSummary, error) {
	var p ParticipationSummary
	ids := in.sessionIDs()
	for _, t := range in.trainees {
		p.Trainees += len(t)
	}
	if len(ids) == 0 {
		return p, nil
	}
	var recs []Participation
	if err := s.db.R.NewSelect().Model(&recs).Where("pa.session_id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return p, apperr.Wrap(err, "load participation")
	}
	practice := 0
	for _, r := range recs {
		if !contains(in.trainees[r.SessionID], r.EmployeeID) {
			continue
		}
		p.Recorded++
		p.QuestionsAsked += r.QuestionsAsked
		p.QuestionsAnswered += r.QuestionsAnswered
		p.Discussion += r.Discussion
		if r.PracticeScore != nil {
			p.PracticeScored++
			practice += *r.PracticeScore
		}
	}
	if p.PracticeScored > 0 {
		p.PracticeAverage = fp(float64(practice) / float64(p.PracticeScored))
	}
	if p.Trainees > 0 {
		p.AskedPerTrainee = fp(float64(p.QuestionsAsked) / float64(p.Trainees))
		p.DiscussionPerTrainee = fp(float64(p.Discussion) / float64(p.Trainees))
	}
	return p, nil
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Behaviour is the behaviour level: the managers' on-the-job ratings (1-5)
// of the trainees, per delay and overall.
type Behaviour struct {
	Requested int               `json:"requested"`
	Rated     int               `json:"rated"`
	Average   *float64          `json:"average"`
	ByDelay   []DelayScore      `json:"by_delay"`
	Ratings   []BehaviourRating `json:"ratings"`
}

// DelayScore is the ratings made a number of days after the sessions.
type DelayScore struct {
	DaysAfter int      `json:"days_after"`
	Requested int      `json:"requested"`
	Rated     int      `json:"rated"`
	Average   *float64 `json:"average"`
}

func (s *Service) behaviourLevel(ctx context.Context, in reportInput) (Behaviour, error) {
	b := Behaviour{ByDelay: []DelayScore{}, Ratings: []BehaviourRating{}}
	all, err := s.sessionRatings(ctx, in.sessionIDs())
	if err != nil {
		return b, err
	}
	sum := 0
	byDelay := map[int]*DelayScore{}
	delaySum := map[int]int{}
	for _, r := range all {
		if !contains(in.trainees[r.SessionID], r.EmployeeID) {
			continue
		}
		b.Ratings = append(b.Ratings, r)
		d := byDelay[r.DaysAfter]
		if d == nil {
			d = &DelayScore{DaysAfter: r.DaysAfter}
			byDelay[r.DaysAfter] = d
		}
		b.Requested++
		d.Requested++
		if r.Rating != nil {
			b.Rated++
			d.Rated++
			sum += *r.Rating
			delaySum[r.DaysAfter] += *r.Rating
		}
	}
	if b.Rated > 0 {
		b.Average = fp(float64(sum) / float64(b.Rated))
	}
	for _, days := range []int{30, 60, 90} {
		if d := byDelay[days]; d != nil {
			if d.Rated > 0 {
				d.Average = fp(float64(delaySum[days]) / float64(d.Rated))
			}
			b.ByDelay = append(b.ByDelay, *d)
		}
	}
	return b, s.nameRatings(ctx, b.Ratings)
}
