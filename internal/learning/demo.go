package learning

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/training"
)

// demoCourse is one catalogue entry of the demo with its materials.
type demoCourse struct {
	code, title, category, summary, audience string
	methods                                  []string
	minutes                                  int
	tenths                                   int64
	rule                                     string
	video, slides, poster                    bool
	lecturer                                 string // employee no. or "ext:<n>"
	status                                   string
}

var demoCourses = []demoCourse{
	{"BAS-101", "平台规则与合规入门", "basics", "天猫、京东、抖音、拼多多平台规则要点，广告法与消费者权益保护。", "全体运营与客服", []string{"lecture", "case_study"}, 90, 15, "all_materials", true, true, false, "E017", "published"},
	{"BAS-102", "电商核心数据指标", "basics", "GMV、转化率、客单价、UV价值等指标的口径与计算。", "新入职运营", []string{"lecture", "online"}, 60, 10, "all_materials", true, false, false, "E024", "published"},
	{"PRO-201", "商品上架与标题SEO", "professional", "类目选择、标题关键词、主图与详情页规范、上架质检。", "运营专员", []string{"lecture", "practice"}, 120, 20, "min_share", true, true, true, "E017", "published"},
	{"PRO-202", "生意参谋数据分析实战", "professional", "流量、转化、竞品数据的读取与分析方法。", "运营专员、运营经理", []string{"case_study", "practice"}, 180, 30, "all_materials", true, true, false, "ext:1", "published"},
	{"PRO-203", "库存与补货计划", "professional", "安全库存、补货周期、滞销预警与大促备货。", "运营、仓储", []string{"lecture", "discussion"}, 90, 15, "all_materials", false, true, false, "E024", "published"},
	{"PRO-204", "店铺视觉与详情页优化", "professional", "首页与详情页结构、卖点提炼、A/B 测试。", "运营、美工", []string{"case_study", "practice"}, 120, 20, "min_share", true, false, true, "ext:2", "published"},
	{"MKT-301", "直通车与万相台投放", "marketing", "关键词出价、人群定向、ROI 优化与预算节奏。", "推广专员", []string{"lecture", "practice"}, 150, 25, "all_materials", true, true, false, "ext:1", "published"},
	{"MKT-302", "大促活动策划（618/双11）", "marketing", "活动节奏、玩法叠加、价格模拟与复盘。", "运营、推广", []string{"case_study", "discussion"}, 120, 20, "all_materials", true, true, true, "E001", "published"},
	{"MKT-303", "直播带货运营", "marketing", "直播间搭建、排品、话术与数据复盘。", "运营、主播助理", []string{"lecture", "practice"}, 120, 20, "min_share", true, false, false, "ext:3", "published"},
	{"MKT-304", "内容种草与短视频", "marketing", "小红书、抖音内容策划与达人合作。", "运营、推广", []string{"case_study", "online"}, 60, 10, "all_materials", true, false, false, "ext:3", "published"},
	{"CS-401", "客服沟通技巧", "customer_service", "响应时效、话术规范、情绪安抚与转化。", "客服专员", []string{"lecture", "practice"}, 90, 15, "all_materials", true, true, false, "E010", "published"},
	{"CS-402", "售后与退换货处理", "customer_service", "退换货流程、运费险、纠纷举证。", "客服、仓储", []string{"lecture", "case_study"}, 60, 10, "all_materials", false, true, false, "E010", "published"},
	{"CS-403", "客诉处理与满意度提升", "customer_service", "投诉分级、升级路径、满意度回访。", "客服专员", []string{"case_study", "discussion"}, 60, 10, "exam", true, false, false, "E010", "published"},
	{"MGT-501", "新任组长管理基础", "management", "目标分解、一对一沟通、绩效辅导。", "组长及后备", []string{"lecture", "discussion"}, 180, 30, "all_materials", false, true, false, "E016", "draft"},
	{"OTH-601", "办公协同与工具（旧版）", "other", "旧版办公系统使用说明，已由新版替代。", "全体员工", []string{"online"}, 30, 5, "all_materials", false, false, false, "E024", "archived"},
}

// demoLecturers are added to the training module's registry when its own
// demo did not create three lecturers already.
var demoLecturers = []training.ExternalLecturer{
	{Name: "陈立", Institution: "淘宝教育", Notes: "十年天猫店铺运营经验，擅长数据化运营与付费推广。"},
	{Name: "视觉营销研究院", Institution: "视觉营销研究院", Notes: "专注电商视觉与详情页设计培训。"},
	{Name: "王晓雯", Institution: "抖音电商学习中心", Notes: "直播运营导师，服务过上百个品牌直播间。"},
}

// demoWorld holds what the demo loaders share.
type demoWorld struct {
	dc        *org.DemoCompany
	rng       *rand.Rand
	loc       *time.Location
	courses   map[string]Course
	lecturers []training.ExternalLecturer
	users     map[int64]int64 // employee id -> user id
}

// as returns ctx acting as an employee (unrestricted scope), for demo steps
// that run through the services' rules.
func (w *demoWorld) as(ctx context.Context, no string) context.Context {
	emp := w.dc.Employees[no]
	return auth.With(ctx, &auth.Principal{UserID: w.users[emp], EmployeeID: emp, Admin: true, Name: no})
}

// LoadDemo adds about 15 courses with generated materials, sessions with
// enrolment and attendance, external trainings (one report overdue, one
// waiting for review, two in the library) and learners with progress,
// relative to today so the demo always looks current.
func (s *Service) LoadDemo(ctx context.Context, dc *org.DemoCompany, rng *rand.Rand) error {
	w := &demoWorld{dc: dc, rng: rng, loc: s.system.Location(ctx), courses: map[string]Course{}, users: map[int64]int64{}}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	for id, e := range dir.emps {
		if e.UserID != nil {
			w.users[id] = *e.UserID
		}
	}
	if w.lecturers, _, err = s.training.ListExternalLecturers(ctx, training.LecturerFilter{Page: api.Page{Sort: "id"}}); err != nil {
		return err
	}
	for _, l := range demoLecturers[min(len(w.lecturers), len(demoLecturers)):] {
		l, err := s.training.CreateExternalLecturer(ctx, l)
		if err != nil {
			return err
		}
		w.lecturers = append(w.lecturers, l)
	}
	for i, dcur := range demoCourses {
		if err := s.demoCourse(ctx, w, i, dcur); err != nil {
			return fmt.Errorf("course %s: %w", dcur.code, err)
		}
	}
	if err := s.demoOnline(ctx, w); err != nil {
		return err
	}
	if err := s.demoSessions(ctx, w); err != nil {
		return err
	}
	return s.demoExternal(ctx, w)
}

func (s *Service) demoCourse(ctx context.Context, w *demoWorld, i int, d demoCourse) error {
	c := Course{Code: d.code, Title: d.title, Category: d.category, Summary: d.summary, Audience: d.audience, Methods: d.methods,
		DurationMinutes: d.minutes, HoursTenths: d.tenths, CompletionRule: d.rule, CompletionMinPct: 60, Status: d.status,
		Outline: "1. 课程目标\n2. 核心知识点\n3. 案例分析\n4. 实操练习\n5. 总结与作业"}
	if len(d.lecturer) > 4 && d.lecturer[:4] == "ext:" {
		id := w.lecturers[int(d.lecturer[4]-'1')].ID
		c.Lecturers = []CourseLecturer{{LecturerID: &id}}
	} else {
		id := w.dc.Employees[d.lecturer]
		c.Lecturers = []CourseLecturer{{EmployeeID: &id}}
	}
	c, err := s.CreateCourse(ctx, c)
	if err != nil {
		return err
	}
	w.courses[d.code] = c
	sort := 1
	add := func(title, kind, name string, data []byte, required bool) error {
		_, err := s.AddMaterial(ctx, c.ID, MaterialMeta{Title: title, Kind: kind, Required: required, Sort: sort, MinSeconds: 20}, bytes.NewReader(data), name)
		sort++
		return err
	}
	lines := []string{"EcomOps demo handout - course " + d.code, "", "1. Objectives", "2. Key points", "3. Case study", "4. Practice", "5. Homework",
		"", fmt.Sprintf("Duration: %d minutes, %s study hours", d.minutes, FormatHours(d.tenths))}
	if err := add("课程讲义", "document", d.code+"-讲义.pdf", demoPDF(d.code+" Handout", lines), true); err != nil {
		return err
	}
	if d.slides {
		if err := add("课件", "slides", d.code+"-课件.pdf", demoPDF(d.code+" Slides", []string{"Slide 1: Agenda", "Slide 2: Method", "Slide 3: Cases", "Slide 4: Summary"}), true); err != nil {
			return err
		}
	}
	if d.video {
		if err := add("视频精讲", "video", d.code+"-视频.mp4", demoVideo, true); err != nil {
			return err
		}
	}
	if d.poster {
		if err := add("知识海报", "image", d.code+"-海报.png", demoPNG(i), false); err != nil {
			return err
		}
	}
	return nil
}

// demoOnline assigns courses to departments and gives learners progress:
// one course completed with its certificate, others part-way, some not
// started, and an assignment whose due date has passed.
func (s *Service) demoOnline(ctx context.Context, w *demoWorld) error {
	today := time.Now().In(w.loc)
	due := func(days int) string { return today.AddDate(0, 0, days).Format(time.DateOnly) }
	assign := []struct {
		code, dept string
		due        int
	}{{"BAS-101", "运营部", -10}, {"CS-401", "客服部", 20}, {"MKT-302", "天猫组", 30}, {"PRO-201", "京东组", 14}}
	for _, a := range assign {
		if _, err := s.AssignCourse(ctx, w.courses[a.code].ID, Audience{DepartmentIDs: []int64{w.dc.Departments[a.dept]}}, due(a.due)); err != nil {
			return err
		}
	}
	progress := []struct {
		no, code string
		done     int     // materials completed, in order
		partial  float64 // watched share of the next video
	}{
		{"E018", "BAS-101", 3, 0}, {"E018", "MKT-302", 1, 0.4}, {"E018", "BAS-102", 1, 0.7},
		{"E019", "BAS-101", 1, 0.25}, {"E019", "PRO-201", 2, 0},
		{"E002", "BAS-101", 3, 0}, {"E005", "BAS-101", 2, 0.5}, {"E010", "CS-401", 3, 0}, {"E011", "CS-401", 1, 0.6},
	}
	for _, p := range progress {
		if err := s.demoProgress(ctx, w, p.no, w.courses[p.code], p.done, p.partial); err != nil {
			return err
		}
	}
	return nil
}

// demoProgress records a learner's progress the way the player would have:
// the first done materials completed, the next video partly watched.
func (s *Service) demoProgress(ctx context.Context, w *demoWorld, no string, c Course, done int, partial float64) error {
	emp := w.dc.Employees[no]
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cl, err := s.ensureLearner(ctx, tx, c.ID, emp)
		if err != nil {
			return err
		}
		mats, err := s.materials(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		now := s.now()
		for i, m := range mats {
			at := now.Add(-time.Duration(len(mats)-i) * time.Hour)
			p := Progress{MaterialID: m.ID, CourseID: c.ID, EmployeeID: emp, OpenedAt: &at, LastBeaconAt: &at, Beacons: 5 + w.rng.IntN(20), CreatedAt: at, UpdatedAt: at}
			switch {
			case i < done:
				p.WatchedPermille, p.CompletedAt = 1000, &at
				p.PositionMS = int64(m.DurationSeconds) * 1000
			case i == done && partial > 0 && m.Kind == "video":
				p.WatchedPermille = int(partial * 1000)
				p.PositionMS = int64(partial * float64(m.DurationSeconds) * 1000)
			default:
				continue
			}
			if _, err := tx.NewInsert().Model(&p).Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo progress")
			}
		}
		_, err = s.checkCourseCompletion(ctx, tx, cl)
		return err
	})
}
