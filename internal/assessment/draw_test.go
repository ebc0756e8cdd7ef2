package assessment

import (
	"fmt"
	"slices"
	"testing"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// drawKey renders a drawn paper for comparisons.
func drawKey(slots []slot) string {
	s := ""
	for _, x := range slots {
		s += fmt.Sprintf("%d@%d:%d ", x.QuestionID, x.VersionID, x.PointsC)
	}
	return s
}

func testPool(from, n int) []ref {
	out := make([]ref, n)
	for i := range out {
		out[i] = ref{QuestionID: int64(from + i), VersionID: int64(1000 + from + i)}
	}
	return out
}

// TestDrawPure: the same seed gives the same paper and option order; other
// seeds give other papers; rules never draw a question twice.
func TestDrawPure(t *testing.T) {
	p := Paper{Title: "p", Mode: PaperRules, ShuffleQuestions: true, Rules: []PaperRule{{Count: 5, Points: 2}, {Count: 3, Points: 1}}}
	pools := [][]ref{testPool(1, 20), testPool(10, 20)} // overlapping pools: questions 10-20 match both rules
	v := QuestionVersion{Options: []Option{{"A", "a"}, {"B", "b"}, {"C", "c"}, {"D", "d"}}}
	draw := func(seed int64) (string, string) {
		rng := drawRNG(seed)
		slots, err := drawPaper(rng, p, pools)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, s := range slots {
			if seen[s.QuestionID] {
				t.Fatalf("seed %d drew question %d twice", seed, s.QuestionID)
			}
			seen[s.QuestionID] = true
		}
		if len(slots) != 8 {
			t.Fatalf("drew %d questions", len(slots))
		}
		return drawKey(slots), fmt.Sprint(optionOrder(rng, v, true))
	}
	a1, o1 := draw(42)
	a2, o2 := draw(42)
	if a1 != a2 || o1 != o2 {
		t.Fatalf("seed 42 is not reproducible:\n%s %s\n%s %s", a1, o1, a2, o2)
	}
	distinct := map[string]bool{}
	for seed := int64(1); seed <= 20; seed++ {
		k, _ := draw(seed)
		distinct[k] = true
	}
	if len(distinct) < 19 {
		t.Fatalf("20 seeds gave only %d different papers", len(distinct))
	}
	// a pool too small is refused
	if _, err := drawPaper(drawRNG(1), Paper{Mode: PaperRules, Rules: []PaperRule{{Count: 3, Points: 1}}}, [][]ref{testPool(1, 2)}); err == nil {
		t.Fatal("a rule asking more than its pool must fail")
	}
	// a fixed paper without shuffling keeps its order
	fixed := Paper{Mode: PaperFixed, Items: []PaperItem{{QuestionID: 3, QuestionVersionID: 30, Points: 1}, {QuestionID: 1, QuestionVersionID: 10, Points: 2}}}
	slots, _ := drawPaper(drawRNG(7), fixed, nil)
	if drawKey(slots) != "3@30:100 1@10:200 " {
		t.Fatalf("fixed paper: %s", drawKey(slots))
	}
}

// TestDrawPerLearner: a rule-based paper gives learners different
// questions, and an attempt's stored seed reproduces its paper.
func TestDrawPerLearner(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		for i := range 30 {
			w.question(QuestionInput{Kind: KindTrueFalse, Content: Content{Stem: fmt.Sprintf("判断题 %d", i), Key: Key{True: boolp(i%2 == 0)},
				Difficulty: []string{"easy", "medium", "hard"}[i%3], Tags: []string{"规则"}}})
		}
		p, err := w.s.CreatePaper(w.admin(), PaperInput{Title: "抽题", Mode: PaperRules, ShuffleOptions: true,
			Rules: []PaperRule{{Difficulty: "easy", Tag: "规则", Count: 4, Points: 2}, {Difficulty: "hard", Count: 3, Points: 3}}})
		check(t, err)
		if p.Rules[0].Available != 10 || p.TotalPoints != 17 {
			t.Fatalf("rules: %+v, total %d", p.Rules, p.TotalPoints)
		}
		e := w.exam(p, ExamInput{})
		papers := map[string]bool{}
		for _, no := range []string{"E002", "E005", "E007", "E018", "E019"} {
			v, _, err := w.s.StartAttempt(w.as(no, auth.ScopeSelf), e.ID)
			check(t, err)
			var a Attempt
			check(t, w.d.R.NewSelect().Model(&a).Where("a.id = ?", v.ID).Scan(w.admin()))
			items, err := attemptItems(w.admin(), w.d.R, v.ID)
			check(t, err)
			var stored []slot
			for _, it := range items {
				stored = append(stored, slot{ref{it.QuestionID, it.QuestionVersionID}, it.PointsC})
			}
			// redraw from the stored seed against today's bank: the same paper
			full, err := w.s.Paper(w.admin(), p.ID)
			check(t, err)
			pools := make([][]ref, len(full.Rules))
			for i, r := range full.Rules {
				pools[i], err = w.s.rulePool(w.admin(), w.d.R, r)
				check(t, err)
			}
			redrawn, err := drawPaper(drawRNG(a.Seed), full, pools)
			check(t, err)
			if drawKey(redrawn) != drawKey(stored) {
				t.Fatalf("seed %d does not reproduce attempt %d:\n%s\n%s", a.Seed, a.ID, drawKey(redrawn), drawKey(stored))
			}
			var qs []int64
			for _, s := range stored {
				qs = append(qs, s.QuestionID)
			}
			slices.Sort(qs)
			papers[fmt.Sprint(qs)] = true
		}
		if len(papers) < 4 {
			t.Fatalf("5 learners got only %d different papers", len(papers))
		}
	})
}

// TestQuestionVersions: editing adds a version; papers and attempts keep
// theirs.
func TestQuestionVersions(t *testing.T) {
	each(t, func(t *testing.T, w *world) {
		qs := w.bank()
		p := w.fixedPaper(qs[:1], "")
		e := w.exam(p, ExamInput{})
		learner := w.as("E018", auth.ScopeSelf)
		v, _, err := w.s.StartAttempt(learner, e.ID)
		check(t, err)

		q := qs[0]
		in := QuestionInput{Kind: q.Kind, Content: q.Current.content(), Version: q.Version}
		in.Stem = "支付转化率的分母是哪个指标?"
		in.Key = Key{Choices: []string{"C"}}
		q2, err := w.s.UpdateQuestion(w.admin(), q.ID, in)
		check(t, err)
		if q2.VersionNo != 2 || q2.CurrentVersionID == q.CurrentVersionID {
			t.Fatalf("edit did not add a version: %+v", q2)
		}
		// an edit that changes nothing adds none
		in.Version = q2.Version
		q3, err := w.s.UpdateQuestion(w.admin(), q.ID, in)
		check(t, err)
		if q3.VersionNo != 2 {
			t.Fatalf("unchanged edit made version %d", q3.VersionNo)
		}
		vs, err := w.s.QuestionVersions(w.admin(), q.ID)
		check(t, err)
		if len(vs) != 2 || vs[1].Stem != "支付转化率的分母是?" {
			t.Fatalf("versions: %+v", vs)
		}
		// the paper still pins version 1 (and says it is outdated); the attempt shows version 1
		p, err = w.s.Paper(w.admin(), p.ID)
		check(t, err)
		if p.Items[0].QuestionVersionID != q.CurrentVersionID || !p.Items[0].Outdated {
			t.Fatalf("paper item: %+v", p.Items[0])
		}
		got, err := w.s.Attempt(learner, v.ID)
		check(t, err)
		if got.Questions[0].Stem != "支付转化率的分母是?" {
			t.Fatalf("the attempt changed: %q", got.Questions[0].Stem)
		}
		// graded against version 1's key (A), not the new one (C)
		_, err = w.s.SaveAnswer(learner, v.ID, 1, SaveInput{Seq: 1, Answer: Response{Choices: []string{"A"}}})
		check(t, err)
		sub, err := w.s.Submit(learner, v.ID)
		check(t, err)
		if sub.Result.Score != 2 {
			t.Fatalf("graded against the wrong version: %+v", sub.Result)
		}
		// the kind cannot change; a used question cannot be deleted
		in.Kind, in.Version = KindMultiple, q3.Version
		_, err = w.s.UpdateQuestion(w.admin(), q.ID, in)
		if err == nil {
			t.Fatal("kind change accepted")
		}
		wantReason(t, w.s.DeleteQuestion(w.admin(), q.ID), apperr.Invalid, "question_in_use")
		check(t, w.s.DeleteQuestion(w.admin(), qs[4].ID))
		// the paper is locked now
		_, err = w.s.UpdatePaper(w.admin(), p.ID, PaperInput{Title: "x", Mode: PaperFixed, Items: []PaperItemInput{{QuestionID: q.ID}}, Version: p.Version})
		wantReason(t, err, apperr.Invalid, "paper_locked")
	})
}
