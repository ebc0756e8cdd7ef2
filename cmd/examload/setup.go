package main

import (
	"context"
	"fmt"
	"time"

	"ecomops/internal/app"
	"ecomops/internal/assessment"
	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/auth"
)

// learnerAccount is one generated learner: an employee with a login and
// an API token (tokens avoid password hashing and login throttling under
// load; they authenticate exactly like a session for every other purpose).
type learnerAccount struct {
	Index      int
	EmployeeID int64
	Token      string
}

// world is what the setup made: the exam and the learners.
type world struct {
	ExamID    int64
	Questions int
	Learners  []learnerAccount
}

// setup prepares the database at dsn: migrations and seeds (app.Open),
// learners+1 employees in their own department with logins and tokens (the
// extra one measures the quiet reference), a bank of n questions of every
// kind (a third fill-in or short answer, so every learner's texts are
// their own and a misattributed answer cannot go unnoticed), a fixed paper
// with shuffled options and a published exam for the department.
func setup(ctx context.Context, dsn string, learners, n int) (world, error) {
	a, err := app.Open(ctx, dsn, nil)
	if err != nil {
		return world{}, err
	}
	defer a.Close()
	sys := context.Background()
	dept, err := a.Org.CreateDepartment(sys, org.Department{Name: fmt.Sprintf("考试压测部 %d", time.Now().Unix()), Code: fmt.Sprintf("LOAD%d", time.Now().Unix())})
	if err != nil {
		return world{}, err
	}
	roles, err := a.IAM.RoleIDs(sys, app.RoleLearner)
	if err != nil {
		return world{}, err
	}
	var w world
	for i := 0; i <= learners; i++ {
		e, err := a.Org.CreateEmployee(sys, org.Employee{EmployeeNo: fmt.Sprintf("LOAD%05d", i), Name: fmt.Sprintf("压测学员%03d", i), DepartmentID: dept.ID},
			&iam.Login{Username: fmt.Sprintf("load%05d", i), Password: fmt.Sprintf("Load-%05d-pass!x", i), RoleIDs: roles, Enabled: true})
		if err != nil {
			return world{}, fmt.Errorf("learner %d: %w", i, err)
		}
		_, secret, err := a.IAM.CreateToken(sys, &auth.Principal{UserID: *e.UserID}, "examload", 1)
		if err != nil {
			return world{}, err
		}
		w.Learners = append(w.Learners, learnerAccount{Index: i, EmployeeID: e.ID, Token: secret})
	}
	paper := assessment.PaperInput{Title: "压测试卷", Mode: assessment.PaperFixed, MultiRule: assessment.MultiProportional, ShuffleOptions: true}
	for i := 0; i < n; i++ {
		q, err := a.Assessment.CreateQuestion(sys, loadQuestion(i))
		if err != nil {
			return world{}, fmt.Errorf("question %d: %w", i, err)
		}
		paper.Items = append(paper.Items, assessment.PaperItemInput{QuestionID: q.ID})
	}
	p, err := a.Assessment.CreatePaper(sys, paper)
	if err != nil {
		return world{}, err
	}
	one := 1
	e, err := a.Assessment.CreateExam(sys, assessment.ExamInput{Title: "全员在线考试（压测）", PaperID: p.ID, TimeLimitMinutes: 90, MaxAttempts: &one,
		Audience: assessment.Audience{DepartmentIDs: []int64{dept.ID}}})
	if err != nil {
		return world{}, err
	}
	if _, err := a.Assessment.PublishExam(sys, e.ID, e.Version); err != nil {
		return world{}, err
	}
	w.ExamID, w.Questions = e.ID, n
	return w, nil
}

// loadQuestion is question i of the bank: kinds in rotation.
func loadQuestion(i int) assessment.QuestionInput {
	c := assessment.Content{Stem: fmt.Sprintf("压测题 %d：请作答。", i+1), Points: 2}
	opts := []assessment.Option{{Text: "选项一"}, {Text: "选项二"}, {Text: "选项三"}, {Text: "选项四"}}
	yes := i%2 == 0
	switch i % 6 {
	case 0, 1:
		c.Options, c.Key = opts, assessment.Key{Choices: []string{"B"}}
		return assessment.QuestionInput{Kind: assessment.KindSingle, Content: c}
	case 2:
		c.Options, c.Key = opts, assessment.Key{Choices: []string{"A", "C"}}
		return assessment.QuestionInput{Kind: assessment.KindMultiple, Content: c}
	case 3:
		c.Key = assessment.Key{True: &yes}
		return assessment.QuestionInput{Kind: assessment.KindTrueFalse, Content: c}
	case 4:
		c.Key = assessment.Key{Blanks: [][]string{{"答案"}}}
		return assessment.QuestionInput{Kind: assessment.KindFill, Content: c}
	}
	c.Rubric = "按要点给分"
	return assessment.QuestionInput{Kind: assessment.KindShort, Content: c}
}
