package learning

import (
	"bytes"
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// demoSessions schedules sessions around today: two delivered with
// attendance and posts, one about to start (check-in open, walk-ins
// welcome), one full with a waitlist and pending requests, one online.
func (s *Service) demoSessions(ctx context.Context, w *demoWorld) error {
	now := time.Now().In(w.loc)
	at := func(days, hour, min int) time.Time {
		d := now.AddDate(0, 0, days)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, min, 0, 0, w.loc)
	}
	trainer, trainer2, cs := w.dc.Employees["E017"], w.dc.Employees["E024"], w.dc.Employees["E010"]
	id := func(code string) *int64 { v := w.courses[code].ID; return &v }
	plan := s.demoPlanItems(ctx, now.Year())
	past1, err := s.CreateSession(ctx, Session{CourseID: id("BAS-101"), PlanItemID: plan["basics"], StartsAt: at(-35, 14, 0), EndsAt: at(-35, 16, 0),
		Place: "总部 3F 培训室", LecturerEmployeeID: &trainer, Capacity: 30})
	if err != nil {
		return err
	}
	past2, err := s.CreateSession(ctx, Session{CourseID: id("CS-401"), PlanItemID: plan["customer_service"], StartsAt: at(-8, 9, 30), EndsAt: at(-8, 11, 30),
		Place: "客服中心会议室", LecturerEmployeeID: &cs, Capacity: 12})
	if err != nil {
		return err
	}
	soon := now.Add(20 * time.Minute).Truncate(5 * time.Minute)
	live, err := s.CreateSession(ctx, Session{CourseID: id("MKT-301"), PlanItemID: plan["marketing"], StartsAt: soon, EndsAt: soon.Add(2 * time.Hour),
		Place: "总部 5F 大会议室", LecturerID: &w.lecturers[0].ID, Capacity: 20, WalkIn: true, Description: "请携带笔记本电脑，现场实操。"})
	if err != nil {
		return err
	}
	full, err := s.CreateSession(ctx, Session{CourseID: id("MKT-302"), StartsAt: at(5, 14, 0), EndsAt: at(5, 17, 0), Place: "总部 3F 培训室",
		LecturerEmployeeID: &trainer, Capacity: 6, Waitlist: true, SelfEnrol: true})
	if err != nil {
		return err
	}
	if _, err := s.CreateSession(ctx, Session{Title: "新员工入职培训（线上）", StartsAt: at(12, 10, 0), EndsAt: at(12, 12, 0),
		OnlineURL: "https://meeting.example.com/j/2026001", LecturerEmployeeID: &trainer2, SelfEnrol: true, HoursTenths: 20,
		Description: "公司介绍、制度与系统使用。"}); err != nil {
		return err
	}
	depts := func(names ...string) Audience {
		var a Audience
		for _, n := range names {
			a.DepartmentIDs = append(a.DepartmentIDs, w.dc.Departments[n])
		}
		return a
	}
	for _, step := range []struct {
		x Session
		a Audience
	}{{past1, depts("运营部")}, {past2, depts("客服部")}, {full, depts("天猫组", "京东组")},
		{live, Audience{EmployeeIDs: []int64{w.dc.Employees["E002"], w.dc.Employees["E003"], w.dc.Employees["E018"], w.dc.Employees["E019"]}}}} {
		if _, err := s.AssignSession(ctx, step.x.ID, step.a); err != nil {
			return err
		}
	}
	for _, no := range []string{"E020", "E025"} {
		if _, err := s.RequestSeat(w.as(ctx, no), full.ID); err != nil {
			return err
		}
	}
	for _, x := range []Session{past1, past2} {
		if err := s.demoAttendance(ctx, w, x); err != nil {
			return err
		}
		if _, err := s.CompleteSession(ctx, x.ID); err != nil {
			return err
		}
	}
	p, err := s.CreatePost(w.as(ctx, "E017"), past1.ID, Post{Title: "课程要点回顾", Body: "1. 广告法极限词清单已更新，请对照自查商品标题。\n2. 价格标注需与实际成交价一致。\n3. 课后请完成在线课程 BAS-101 的视频部分。"})
	if err != nil {
		return err
	}
	if _, err := s.AttachToPost(w.as(ctx, "E017"), p.ID, bytes.NewReader(demoPDF("BAS-101 Checklist", []string{"Banned words", "Price labels", "Claims"})), "自查清单.pdf"); err != nil {
		return err
	}
	_, err = s.CreatePost(w.as(ctx, "E018"), past1.ID, Post{Title: "学习心得", Body: "案例部分很实用，我们组已经把主图文案重新检查了一遍。"})
	return err
}

// demoAttendance marks most participants present, a few absent.
func (s *Service) demoAttendance(ctx context.Context, w *demoWorld, x Session) error {
	ens, _, err := s.ListEnrolments(ctx, x.ID, EnrolmentFilter{Status: "enrolled"})
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for i, e := range ens {
			att, method := "present", "qr"
			switch {
			case i%5 == 4:
				att, method = "absent", "roll_call"
			case i%3 == 0:
				method = "roll_call"
			}
			if err := s.markAttendance(ctx, tx, x, e, att, method, x.StartsAt.Add(time.Duration(w.rng.IntN(15))*time.Minute)); err != nil {
				return err
			}
		}
		return nil
	})
}

// demoPlanItems picks one plan item per category of this year's plan, when
// the plan is linked (the training module's demo runs before this one).
func (s *Service) demoPlanItems(ctx context.Context, year int) map[string]*int64 {
	out := map[string]*int64{}
	if s.Plan == nil {
		return out
	}
	items, err := s.Plan.PlanItems(ctx, year)
	if err != nil {
		return out
	}
	for _, it := range items {
		if out[it.Category] == nil && (it.Status == "planned" || it.Status == "scheduled") {
			id := it.ID
			out[it.Category] = &id
		}
	}
	return out
}

// demoExternal files external trainings in every state: pending, approved,
// rejected, one attended whose report is overdue, one with a report
// waiting for review, two whose reports are in the library.
func (s *Service) demoExternal(ctx context.Context, w *demoWorld) error {
	today := time.Now().In(w.loc)
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
	type ext struct {
		no               string
		x                External
		state            string
		learned, applied string
	}
	list := []ext{
		{"E018", External{Provider: "淘宝教育", CourseTitle: "直播电商运营认证", Location: "杭州", StartsOn: day(15), EndsOn: day(16), HoursTenths: 120, CostFen: 280000, Category: "marketing", Reason: "店铺计划下季度开播，需要系统学习直播运营。"}, "requested", "", ""},
		{"E019", External{Provider: "京东商家学院", CourseTitle: "数据化运营进阶", Location: "北京", StartsOn: day(3), EndsOn: day(4), HoursTenths: 120, CostFen: 198000, Category: "professional", Reason: "提升京东店铺的数据分析能力。"}, "approved", "", ""},
		{"E003", External{Provider: "某营销培训机构", CourseTitle: "全网营销总裁班", Location: "上海", StartsOn: day(20), EndsOn: day(22), HoursTenths: 180, CostFen: 1280000, Category: "marketing", Reason: "希望了解全网营销。"}, "rejected", "", ""},
		{"E002", External{Provider: "阿里妈妈", CourseTitle: "生意参谋高级数据分析", Location: "杭州", StartsOn: day(-13), EndsOn: day(-12), HoursTenths: 120, CostFen: 160000, Category: "professional", Reason: "提升数据分析与竞品分析能力。"}, "attended", "", ""},
		{"E007", External{Provider: "阿里妈妈", CourseTitle: "万相台实战训练营", Location: "线上", StartsOn: day(-9), EndsOn: day(-8), HoursTenths: 80, CostFen: 90000, Category: "marketing", Reason: "抖音与天猫投放协同。"}, "submitted",
			"万相台的货品加速与拉新快的适用场景；人群包的分层方法。", "下周起在天猫店用货品加速测试 3 个新品，按周复盘 ROI。"},
		{"E005", External{Provider: "巨量引擎", CourseTitle: "巨量千川投放认证", Location: "北京", StartsOn: day(-40), EndsOn: day(-39), HoursTenths: 120, CostFen: 150000, Category: "marketing", Reason: "抖音小店投放需求。"}, "library",
			"千川的出价方式（控成本、放量）与素材测试节奏；直播间引流的计划搭建。", "抖音组投放按“素材测试-放量-控本”三段执行，建立素材库与周度复盘表。"},
		{"E010", External{Provider: "中国商业联合会", CourseTitle: "客户服务管理师（三级）", Location: "上海", StartsOn: day(-60), EndsOn: day(-58), HoursTenths: 240, CostFen: 320000, Category: "customer_service", Reason: "客服团队管理能力提升。"}, "library",
			"服务质量管理体系、投诉处理 LAST 模型、满意度调研设计。", "客服部引入投诉分级与 24 小时回访机制，季度做一次满意度调研。"},
	}
	for _, e := range list {
		as := w.as(ctx, e.no)
		x, err := s.RequestExternal(as, e.x)
		if err != nil {
			return err
		}
		switch e.state {
		case "requested":
			continue
		case "rejected":
			if _, err := s.DecideExternal(ctx, x.ID, false, "费用超出预算，且与岗位需求关联不大。"); err != nil {
				return err
			}
			continue
		}
		if _, err = s.DecideExternal(ctx, x.ID, true, "同意"); err != nil {
			return err
		}
		if e.state == "approved" {
			continue
		}
		if _, err = s.ConfirmAttendance(ctx, x.ID); err != nil {
			return err
		}
		if e.state == "attended" {
			continue // the report is owed and overdue: due 5 days ago
		}
		r, err := s.SaveReport(as, x.ID, ReportInput{Learned: e.learned, Application: e.applied})
		if err != nil {
			return err
		}
		if _, err := s.AttachToReport(as, r.ID, bytes.NewReader(demoPDF(e.x.CourseTitle, []string{"Course notes", "Key takeaways", "Action plan"})), "课程笔记.pdf"); err != nil {
			return err
		}
		if r, err = s.SubmitReport(as, r.ID, r.Version); err != nil {
			return err
		}
		if e.state == "library" {
			if _, err := s.ReviewReport(ctx, r.ID, true, "总结清晰，已分享到知识库。"); err != nil {
				return err
			}
		}
	}
	return s.ensureOverdueDemo(ctx)
}

// ensureOverdueDemo checks the demo kept its promise of one overdue report.
func (s *Service) ensureOverdueDemo(ctx context.Context) error {
	items, _, err := s.ListExternal(ctx, ExternalFilter{Overdue: true})
	if err != nil {
		return err
	}
	if len(items) != 1 {
		return apperr.New(apperr.Internal, "demo: expected one overdue report, found %d", len(items))
	}
	return nil
}
