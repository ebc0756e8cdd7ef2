package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"ecomops/internal/assessment"
)

// client talks to the server as learners do.
type client struct {
	base string
	http *http.Client
}

func (c *client) do(ctx context.Context, token, method, path string, in, out any) (int, time.Duration, error) {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+"/api/v1/assessment"+path, body)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		return 0, time.Since(start), err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	took := time.Since(start)
	if err != nil {
		return res.StatusCode, took, err
	}
	if res.StatusCode >= 300 {
		return res.StatusCode, took, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return res.StatusCode, took, err
		}
	}
	return res.StatusCode, took, nil
}

// saved is what a learner last had acknowledged for a question.
type saved struct {
	Seq    int64
	Answer assessment.Response
}

// result is one learner's run.
type result struct {
	Learner    learnerAccount
	AttemptID  int64
	Final      map[int]saved // position -> the newest acknowledged answer
	Latencies  []time.Duration
	SentAt     []time.Time // when each save of Latencies was sent
	Saves      int         // PUT requests sent, retries included
	Duplicates int         // saves re-sent with the same seq (a retry after a lost response)
	Stale      int         // older saves sent after a newer one (out-of-order delivery)
	Changed    int         // answers changed later (a new seq)
	Retries    int
	Resumes    int // reloads whose answers were checked
	Problems   []string
}

func (r *result) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// answerFor makes learner i's answer revision rev to question q. Texts
// carry the learner and question, so an answer stored under someone else's
// attempt is recognisable.
func answerFor(rng *rand.Rand, i int, q assessment.QuestionView, rev int) assessment.Response {
	tag := fmt.Sprintf("L%04d-Q%02d-r%d", i, q.Position, rev)
	switch q.Kind {
	case assessment.KindSingle:
		return assessment.Response{Choices: []string{q.Options[rng.IntN(len(q.Options))].Key}}
	case assessment.KindMultiple:
		keys := []string{q.Options[rng.IntN(len(q.Options))].Key, q.Options[rng.IntN(len(q.Options))].Key}
		slices.Sort(keys)
		return assessment.Response{Choices: slices.Compact(keys)}
	case assessment.KindTrueFalse:
		b := rng.IntN(2) == 0
		return assessment.Response{Value: &b}
	case assessment.KindFill:
		return assessment.Response{Blanks: []string{tag}}
	}
	return assessment.Response{Text: "我的回答 " + tag + "：先分析数据，再制定改进措施并跟踪效果。"}
}

// save sends one autosave, retrying transport errors and 5xx answers a few
// times as the exam page does, and returns the server's answer.
func (c *client) save(ctx context.Context, r *result, token string, pos int, seq int64, ans assessment.Response) (assessment.SaveResult, error) {
	var out assessment.SaveResult
	var err error
	for try := 0; try < 5; try++ {
		var st int
		var took time.Duration
		r.Saves++
		st, took, err = c.do(ctx, token, http.MethodPut, fmt.Sprintf("/my/attempts/%d/answers/%d", r.AttemptID, pos), assessment.SaveInput{Seq: seq, Answer: ans}, &out)
		r.Latencies, r.SentAt = append(r.Latencies, took), append(r.SentAt, time.Now().Add(-took))
		if err == nil || (st >= 400 && st < 500) {
			return out, err
		}
		r.Retries++
		time.Sleep(time.Duration(100*(try+1)) * time.Millisecond)
	}
	return out, err
}

// runLearner takes the exam as one learner: start (or resume), answer every
// question after a think time with autosave, sometimes re-send a save
// (duplicate), send an older save late (stale), change an answer, reload
// the page halfway and at the end (checking every answer), and submit.
// rounds > 0 answers every question that many more times before submitting.
func (c *client) runLearner(ctx context.Context, acct learnerAccount, examID int64, thinkMin, thinkMax time.Duration, seed uint64, rounds int) result {
	r := result{Learner: acct, Final: map[int]saved{}}
	rng := rand.New(rand.NewPCG(seed, uint64(acct.Index)))
	var start struct {
		ID        int64                     `json:"id"`
		Questions []assessment.QuestionView `json:"questions"`
	}
	if _, _, err := c.do(ctx, acct.Token, http.MethodPost, fmt.Sprintf("/my/exams/%d/attempts", examID), nil, &start); err != nil {
		r.problem("start: %v", err)
		return r
	}
	r.AttemptID = start.ID
	think := func() {
		if thinkMax > 0 {
			time.Sleep(thinkMin + time.Duration(rng.Int64N(int64(thinkMax-thinkMin)+1)))
		}
	}
	seq := int64(0)
	send := func(q assessment.QuestionView, ans assessment.Response) {
		seq++
		res, err := c.save(ctx, &r, acct.Token, q.Position, seq, ans)
		if err != nil {
			r.problem("save %d: %v", q.Position, err)
			return
		}
		if !res.Applied {
			r.problem("save %d seq %d not applied (server holds seq %d)", q.Position, seq, res.Seq)
			return
		}
		r.Final[q.Position] = saved{seq, ans}
	}
	var changeLater []assessment.QuestionView
	for n, q := range start.Questions {
		think()
		switch p := rng.Float64(); {
		case p < 0.03: // the response was lost: the page sends the same save again
			send(q, answerFor(rng, acct.Index, q, 0))
			r.Duplicates++
			last := r.Final[q.Position]
			if res, err := c.save(ctx, &r, acct.Token, q.Position, last.Seq, last.Answer); err != nil || res.Applied || res.Seq != last.Seq {
				r.problem("duplicate save %d: applied %v seq %d err %v", q.Position, res.Applied, res.Seq, err)
			}
		case p < 0.06: // two saves overtake each other: the older one arrives last
			older := answerFor(rng, acct.Index, q, 7)
			send(q, older)
			oldSeq := seq
			send(q, answerFor(rng, acct.Index, q, 0))
			r.Stale++
			if res, err := c.save(ctx, &r, acct.Token, q.Position, oldSeq, older); err != nil || res.Applied || res.Seq != seq {
				r.problem("stale save %d: applied %v seq %d err %v", q.Position, res.Applied, res.Seq, err)
			}
		default:
			send(q, answerFor(rng, acct.Index, q, 0))
		}
		if rng.Float64() < 0.1 {
			changeLater = append(changeLater, q)
		}
		if n == len(start.Questions)/2 {
			c.checkResume(ctx, &r) // the learner reloads the page
		}
	}
	for _, q := range changeLater {
		think()
		r.Changed++
		send(q, answerFor(rng, acct.Index, q, 1))
	}
	for round := 2; round < 2+rounds; round++ { // the reference answers everything again, for more samples
		for _, q := range start.Questions {
			think()
			send(q, answerFor(rng, acct.Index, q, round))
		}
	}
	c.checkResume(ctx, &r)
	if _, _, err := c.do(ctx, acct.Token, http.MethodPost, fmt.Sprintf("/my/attempts/%d/submit", r.AttemptID), nil, nil); err != nil {
		r.problem("submit: %v", err)
	}
	return r
}

// checkResume reloads the attempt and compares every saved answer.
func (c *client) checkResume(ctx context.Context, r *result) {
	var v assessment.AttemptView
	if _, _, err := c.do(ctx, r.Learner.Token, http.MethodGet, fmt.Sprintf("/my/attempts/%d", r.AttemptID), nil, &v); err != nil {
		r.problem("resume: %v", err)
		return
	}
	r.Resumes++
	for _, q := range v.Questions {
		want, ok := r.Final[q.Position]
		if !ok {
			continue
		}
		if q.Answer == nil || q.Seq != want.Seq || !sameAnswer(*q.Answer, want.Answer) {
			r.problem("resume: question %d shows seq %d %+v, want seq %d %+v", q.Position, q.Seq, q.Answer, want.Seq, want.Answer)
		}
	}
}

func sameAnswer(a, b assessment.Response) bool {
	return slices.Equal(a.Choices, b.Choices) && slices.Equal(a.Blanks, b.Blanks) && a.Text == b.Text &&
		((a.Value == nil && b.Value == nil) || (a.Value != nil && b.Value != nil && *a.Value == *b.Value))
}
