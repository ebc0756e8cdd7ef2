package assessment

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"ecomops/internal/learning"
	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/training"
)

// LoadDemo adds the evaluation demo on top of the learning demo: the 40
// question bank of demo_questions.go, a pre-test/post-test pair on the
// completed BAS-101 session with the attendees' attempts (dated before and
// after the session), its feedback form with answers, participation and
// lessons learned, the managers' 30-day on-the-job ratings of its trainees
// (two in three given, the rest waiting), and a company-wide rule-based exam
// open for two weeks with one short answer waiting in the grading queue.
func (s *Service) LoadDemo(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand) error {
	ctx = systemCtx(ctx)
	byCode, err := s.demoBank(ctx)
	if err != nil {
		return err
	}
	if s.Learning == nil {
		return nil
	}
	courses, _, err := s.Learning.ListCourses(ctx, learning.CourseFilter{Page: api.Page{Sort: "id"}.ForExport(), Q: "BAS-101"})
	if err != nil || len(courses) == 0 {
		return apperr.Wrap(err, "demo course BAS-101")
	}
	xs, _, err := s.Learning.ListSessions(ctx, learning.SessionFilter{Page: api.Page{Sort: "starts_at"}.ForExport(), CourseID: courses[0].ID, Status: "completed"})
	if err != nil || len(xs) == 0 {
		return apperr.Wrap(err, "demo session of BAS-101")
	}
	if err := s.demoPair(ctx, dc, rng, xs[0], byCode); err != nil {
		return err
	}
	if err := s.demoRatings(ctx, rng, xs[0].ID); err != nil {
		return err
	}
	return s.demoOpenExam(ctx, dc, rng)
}

// demoBank creates the demo questions and returns them by code.
func (s *Service) demoBank(ctx context.Context) (map[string]Question, error) {
	refs, err := s.importRefs(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]Question{}
	for _, d := range demoQuestions {
		in := QuestionInput{Code: d.code, Kind: d.kind, Content: Content{Stem: d.stem, Points: d.points, Difficulty: d.difficulty,
			Explanation: d.explanation, Rubric: d.rubric, ReferenceAnswer: d.reference, Tags: []string{d.course}}}
		for i, o := range d.options {
			in.Options = append(in.Options, Option{Key: string(rune('A' + i)), Text: o})
		}
		switch d.kind {
		case KindSingle, KindMultiple:
			in.Key.Choices = strings.Split(d.answer, ",")
		case KindTrueFalse:
			b := d.answer == "对"
			in.Key.True = &b
		case KindFill:
			for _, blank := range strings.Split(d.answer, "||") {
				in.Key.Blanks = append(in.Key.Blanks, strings.Split(blank, "|"))
			}
		}
		in.CompetencyIDs = refs.competencies[normFill(d.competency)]
		if id, ok := refs.courses[normFill(d.course)]; ok {
			in.CourseID = &id
		}
		q, err := s.CreateQuestion(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("demo question %s: %w", d.code, err)
		}
		out[d.code] = q
	}
	return out, nil
}

// demoRatings sets the rating delays to 30 and 90 days (the default is 90
// alone), asks the managers for the ratings that are due (the session ended
// more than 30 days ago) and gives two in three of them, as each manager
// would; the others wait on the managers' rating page.
func (s *Service) demoRatings(ctx context.Context, rng *rand.Rand, sessionID int64) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if _, err := s.UpdateSettings(ctx, SettingsInput{BehaviourDays: []int{30, 90}, FeedbackDays: st.FeedbackDays,
		ResultsPeriodDays: st.ResultsPeriodDays, MinGroupSize: st.MinGroupSize, Version: st.Version}); err != nil {
		return err
	}
	if _, err := s.RequestBehaviourRatings(ctx); err != nil {
		return err
	}
	rs, err := s.sessionRatings(ctx, []int64{sessionID})
	if err != nil {
		return err
	}
	comments := []string{"能按规则检查商品标题与主图，违规下架明显减少。", "开始主动核对活动报名条件，仍需提醒。", "已在小组内分享学到的规则要点。"}
	for i, r := range rs {
		if i%3 == 2 {
			continue
		}
		in := RateInput{Rating: 3 + rng.IntN(3), Comment: comments[rng.IntN(len(comments))], Version: r.Version}
		if _, err := s.Rate(demoAs(ctx, r.ManagerID), r.ID, in); err != nil {
			return err
		}
	}
	return nil
}

// as is a demo learner's request context.
func demoAs(ctx context.Context, emp int64) context.Context {
	return auth.With(ctx, &auth.Principal{UserID: 0, EmployeeID: emp, Scope: auth.ScopeSelf, Employees: []int64{emp}, Depts: []int64{}, Shops: []int64{}})
}

// demoAnswer answers a question right with probability p.
func demoAnswer(rng *rand.Rand, q QuestionView, v QuestionVersion, p float64) Response {
	right := rng.Float64() < p
	switch q.Kind {
	case KindSingle:
		if right {
			return Response{Choices: v.Key.Choices}
		}
		for _, o := range q.Options {
			if o.Key != v.Key.Choices[0] {
				return Response{Choices: []string{o.Key}}
			}
		}
	case KindMultiple:
		if right || len(v.Key.Choices) < 2 {
			return Response{Choices: v.Key.Choices}
		}
		return Response{Choices: v.Key.Choices[1:]}
	case KindTrueFalse:
		b := *v.Key.True == right
		return Response{Value: &b}
	case KindFill:
		var blanks []string
		for _, accepted := range v.Key.Blanks {
			if right {
				blanks = append(blanks, accepted[0])
			} else {
				blanks = append(blanks, "不确定")
			}
		}
		return Response{Blanks: blanks}
	case KindShort:
		return Response{Text: "先分析原因，再对照规则逐项整改，并定期复查。"}
	}
	return Response{}
}

// demoTake runs one attempt with answers right with probability p.
func (s *Service) demoTake(ctx context.Context, rng *rand.Rand, emp, examID int64, p float64) (int64, error) {
	learner := demoAs(ctx, emp)
	v, _, err := s.StartAttempt(learner, examID)
	if err != nil {
		return 0, err
	}
	for _, q := range v.Questions {
		ref, err := s.attemptRefOf(ctx, v.ID)
		if err != nil {
			return 0, err
		}
		vs, err := s.loadVersions(ctx, s.db.R, []int64{ref.versions[q.Position-1]})
		if err != nil {
			return 0, err
		}
		if _, err := s.SaveAnswer(learner, v.ID, q.Position, SaveInput{Seq: 1, Answer: demoAnswer(rng, q, vs[ref.versions[q.Position-1]], p)}); err != nil {
			return 0, err
		}
	}
	_, err = s.Submit(learner, v.ID)
	return v.ID, err
}

// redate moves an attempt's times to start (the demo takes them now).
func (s *Service) redate(ctx context.Context, attemptID int64, start time.Time) error {
	done := start.Add(17 * time.Minute)
	if _, err := s.db.W.NewUpdate().Model((*Attempt)(nil)).Set("started_at = ?", start).Set("submitted_at = ?", done).
		Set("graded_at = ?", done).Set("created_at = ?", start).Where("id = ?", attemptID).Exec(ctx); err != nil {
		return apperr.Wrap(err, "date demo attempt")
	}
	_, err := s.db.W.NewUpdate().Model((*AttemptItem)(nil)).Set("answered_at = ?", start.Add(8*time.Minute)).Where("attempt_id = ?", attemptID).Exec(ctx)
	return apperr.Wrap(err, "date demo answers")
}

// demoPair evaluates the session: pre-test before, post-test after,
// feedback, participation and lessons learned.
func (s *Service) demoPair(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand, x learning.Session, bank map[string]Question) error {
	in := PaperInput{Title: "平台规则与合规入门 · 测验", Mode: PaperFixed, MultiRule: MultiPartial, ShuffleOptions: true,
		Description: "BAS-101 前测与后测共用的试卷（10 题，客观题自动阅卷）"}
	for _, code := range []string{"BAS-Q01", "BAS-Q02", "BAS-Q03", "BAS-Q04", "BAS-Q05", "BAS-Q06", "BAS-Q07", "BAS-Q08", "BAS-Q09", "BAS-Q12"} {
		in.Items = append(in.Items, PaperItemInput{QuestionID: bank[code].ID})
	}
	p, err := s.CreatePaper(ctx, in)
	if err != nil {
		return err
	}
	publish := func(in ExamInput) (Exam, error) {
		e, err := s.CreateExam(ctx, in)
		if err != nil {
			return e, err
		}
		return s.PublishExam(ctx, e.ID, e.Version)
	}
	pre, err := publish(ExamInput{Title: "BAS-101 课前测试", PaperID: p.ID, Purpose: PurposePre, SessionID: &x.ID, TimeLimitMinutes: 20,
		MaxAttempts: intPtr(1), ReviewPolicy: ReviewNever, PassPercent: intPtr(60)})
	if err != nil {
		return err
	}
	post, err := publish(ExamInput{Title: "BAS-101 课后测试", PaperID: p.ID, Purpose: PurposePost, SessionID: &x.ID, PairExamID: &pre.ID,
		TimeLimitMinutes: 20, MaxAttempts: intPtr(2), ReviewPolicy: ReviewAfterSubmit, PassPercent: intPtr(60)})
	if err != nil {
		return err
	}
	trainees, err := s.sessionTrainees(ctx, x.ID)
	if err != nil {
		return err
	}
	for i, emp := range trainees {
		id, err := s.demoTake(ctx, rng, emp, pre.ID, 0.45)
		if err != nil {
			return err
		}
		if err := s.redate(ctx, id, x.StartsAt.Add(-time.Duration(48-i)*time.Hour)); err != nil {
			return err
		}
		if i%5 == 4 {
			continue // a few never took the post-test
		}
		if id, err = s.demoTake(ctx, rng, emp, post.ID, 0.8); err != nil {
			return err
		}
		if err := s.redate(ctx, id, x.EndsAt.Add(time.Duration(20+i)*time.Hour)); err != nil {
			return err
		}
	}
	// the windows as they were: the pre-test before the session, the post-test for a week after it
	for _, w := range []struct {
		e          Exam
		open, shut time.Time
	}{{pre, x.StartsAt.AddDate(0, 0, -3), x.StartsAt}, {post, x.EndsAt, x.EndsAt.AddDate(0, 0, 7)}} {
		cur, err := s.Exam(ctx, w.e.ID)
		if err != nil {
			return err
		}
		in := examInputOf(cur)
		in.OpensAt, in.ClosesAt = &w.open, &w.shut
		if _, err := s.UpdateExam(ctx, cur.ID, in); err != nil {
			return err
		}
	}
	return s.demoFeedback(ctx, dc, rng, x, trainees)
}

// demoFeedback opens the session's feedback form (for a week from now, so
// the demo can still answer it), answers it for most trainees, and records
// participation and lessons learned.
func (s *Service) demoFeedback(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand, x learning.Session, trainees []int64) error {
	if s.Training == nil {
		return nil
	}
	closes := s.now().AddDate(0, 0, 7)
	fb, err := s.CreateFeedback(ctx, x.ID, FeedbackInput{ClosesAt: &closes})
	if err != nil {
		return err
	}
	comments := []string{"案例很实用，希望多讲抖音的规则。", "时间有点紧，练习不够。", "", "讲师讲得很清楚。", ""}
	for i, emp := range trainees {
		if i%4 == 3 {
			continue // non-responders, for the reminder
		}
		var ans []training.ItemAnswer
		for j, it := range fb.Questionnaire.Items {
			switch it.Kind {
			case training.KindLikert:
				v := 3 + rng.IntN(3)
				if j == 3 && rng.IntN(3) == 0 { // organisation: the room was crowded
					v = 2
				}
				ans = append(ans, training.ItemAnswer{ItemID: it.ID, Value: &v})
			case training.KindText:
				if c := comments[(i+j)%len(comments)]; c != "" && j == len(fb.Questionnaire.Items)-1 {
					ans = append(ans, training.ItemAnswer{ItemID: it.ID, Text: c})
				}
			}
		}
		if err := s.Training.SubmitResponse(ctx, fb.Form.QuestionnaireID, emp, ans); err != nil {
			return err
		}
	}
	for i, emp := range trainees {
		if i > 5 {
			break
		}
		score := 60 + rng.IntN(40)
		if _, err := s.RecordParticipation(ctx, x.ID, emp, ParticipationInput{QuestionsAsked: rng.IntN(3), QuestionsAnswered: rng.IntN(4),
			Discussion: 1 + rng.IntN(4), PracticeScore: &score}); err != nil {
			return err
		}
	}
	_, err = s.SaveLessons(ctx, x.ID, LessonsInput{WentWell: "真实违规案例讨论气氛热烈，课后测试平均分明显高于课前。",
		ToImprove: "场地偏小，练习时间不足；部分同事未参加课后测试。", Actions: "下期改到 5F 大会议室，增加 20 分钟实操；课后第 3 天由讲师提醒补测。"})
	return err
}

// demoOpenExam is a company-wide exam open now: a rule-based paper drawn
// per learner, with one short answer waiting for the grader.
func (s *Service) demoOpenExam(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand) error {
	p, err := s.CreatePaper(ctx, PaperInput{Title: "运营基础知识季度测评（随机抽题）", Mode: PaperRules, MultiRule: MultiProportional,
		ShuffleQuestions: true, ShuffleOptions: true, Description: "每人随机抽取：规则 4 题、数据 4 题、客服 2 题、简答 1 题",
		Rules: []PaperRule{{Tag: "BAS-101", Kind: KindSingle, Count: 3, Points: 2}, {Tag: "BAS-101", Kind: KindTrueFalse, Count: 1, Points: 2},
			{Tag: "BAS-102", Kind: KindSingle, Count: 3, Points: 2}, {Tag: "BAS-102", Kind: KindFill, Count: 1, Points: 2},
			{Tag: "CS-401", Kind: KindMultiple, Count: 2, Points: 3}, {Kind: KindShort, Count: 1, Points: 6}}})
	if err != nil {
		return err
	}
	now := s.now()
	closes := now.AddDate(0, 0, 14)
	e, err := s.CreateExam(ctx, ExamInput{Title: "2026 第四季度运营基础测评", PaperID: p.ID, TimeLimitMinutes: 30, MaxAttempts: intPtr(2),
		OpensAt: &now, ClosesAt: &closes, ReviewPolicy: ReviewAfterClose, PassPercent: intPtr(70),
		Audience: Audience{DepartmentIDs: []int64{dc.Departments["运营部"], dc.Departments["客服部"]}}})
	if err != nil {
		return err
	}
	if _, err := s.PublishExam(ctx, e.ID, e.Version); err != nil {
		return err
	}
	for _, no := range []string{"E002", "E005", "E011"} {
		if _, err := s.demoTake(ctx, rng, dc.Employees[no], e.ID, 0.7); err != nil {
			return err
		}
	}
	return nil
}

func intPtr(v int) *int { return &v }

// examInputOf is the input that recreates an exam as it is.
func examInputOf(e Exam) ExamInput {
	pass, attempts := e.PassPercent, e.MaxAttempts
	return ExamInput{Title: e.Title, Description: e.Description, PaperID: e.PaperID, Purpose: e.Purpose, CourseID: e.CourseID, SessionID: e.SessionID,
		PairExamID: e.PairExamID, TimeLimitMinutes: e.TimeLimitMinutes, PassPercent: &pass, MaxAttempts: &attempts, OpensAt: e.OpensAt,
		ClosesAt: e.ClosesAt, ReviewPolicy: e.ReviewPolicy, Audience: e.Audience, Version: e.Version}
}
