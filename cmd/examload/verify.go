package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"

	"ecomops/internal/assessment"
	"ecomops/internal/platform/db"
)

// verdict is the check of the database against what the learners sent.
type verdict struct {
	Attempts      int      // attempts found for the exam
	Checked       int      // answers compared
	Lost          int      // acknowledged answers missing, older or different in the database
	Misattributed int      // answers stored in the wrong attempt, or attempts of the wrong employee
	Duplicated    int      // learners with more than one attempt
	Examples      []string // the first problems, for the report
}

func (v *verdict) note(format string, args ...any) {
	if len(v.Examples) < 10 {
		v.Examples = append(v.Examples, fmt.Sprintf(format, args...))
	}
}

var tagRE = regexp.MustCompile(`L(\d{4})-Q(\d{2})-r\d`)

// verify opens the database after the server has stopped and compares
// every attempt item with the newest answer its learner had acknowledged.
func verify(ctx context.Context, dsn string, examID int64, results []result) (verdict, error) {
	var v verdict
	d, err := db.Open(dsn)
	if err != nil {
		return v, err
	}
	defer d.Close()
	var attempts []struct {
		ID         int64 `bun:"id"`
		EmployeeID int64 `bun:"employee_id"`
	}
	if err := d.R.NewSelect().Table("assessment_attempts").Column("id", "employee_id").Where("exam_id = ?", examID).Scan(ctx, &attempts); err != nil {
		return v, err
	}
	v.Attempts = len(attempts)
	perEmployee := map[int64]int{}
	owner := map[int64]int64{}
	for _, a := range attempts {
		perEmployee[a.EmployeeID]++
		owner[a.ID] = a.EmployeeID
	}
	for _, n := range perEmployee {
		if n > 1 {
			v.Duplicated++
		}
	}
	for _, r := range results {
		if r.AttemptID == 0 {
			continue
		}
		if owner[r.AttemptID] != r.Learner.EmployeeID {
			v.Misattributed++
			v.note("attempt %d belongs to employee %d, learner %d is employee %d", r.AttemptID, owner[r.AttemptID], r.Learner.Index, r.Learner.EmployeeID)
		}
		var items []struct {
			Position  int    `bun:"position"`
			Answer    string `bun:"answer"`
			AnswerSeq int64  `bun:"answer_seq"`
		}
		if err := d.R.NewSelect().Table("assessment_attempt_items").Column("position", "answer", "answer_seq").
			Where("attempt_id = ?", r.AttemptID).Scan(ctx, &items); err != nil {
			return v, err
		}
		for _, it := range items {
			var got assessment.Response
			if it.Answer != "" {
				if err := json.Unmarshal([]byte(it.Answer), &got); err != nil {
					return v, err
				}
			}
			if m := tagRE.FindStringSubmatch(it.Answer); m != nil {
				if who, _ := strconv.Atoi(m[1]); who != r.Learner.Index || m[2] != fmt.Sprintf("%02d", it.Position) {
					v.Misattributed++
					v.note("attempt %d question %d holds %s (learner %d)", r.AttemptID, it.Position, m[0], r.Learner.Index)
				}
			}
			want, ok := r.Final[it.Position]
			if !ok {
				continue
			}
			v.Checked++
			if it.AnswerSeq != want.Seq || !sameAnswer(got, want.Answer) {
				v.Lost++
				v.note("attempt %d question %d: stored seq %d %s, acknowledged seq %d", r.AttemptID, it.Position, it.AnswerSeq, it.Answer, want.Seq)
			}
		}
	}
	return v, nil
}
