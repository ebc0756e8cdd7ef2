package training

import (
	"context"
	"fmt"
	"strings"
	"time"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
)

// demoItem is one line of the demo plan: lecturer is an employee no.
// (E...), an index into demoLecturers (x0...) or empty; audience names
// departments or position codes (pos:ops).
type demoItem struct {
	month                   int
	title, category, method string
	lecturer                string
	budgetYuan              int64
	audience                []string
	topics                  []string
}

var demoLecturers = []ExternalLecturer{
	{Name: "陈老师", Institution: "杭州电商学院", Contact: "chen@example.com", Notes: "店铺运营、数据分析、管理"},
	{Name: "王老师", Institution: "阿里妈妈认证讲师", Contact: "wang@example.com", Notes: "直通车、万相台投放"},
	{Name: "视觉工坊", Institution: "上海视觉设计培训中心", Contact: "021-5555-0100", Notes: "主图、详情页、短视频"},
}

var demoItems = []demoItem{
	{1, "新员工入职培训：公司制度与电商基础", "basics", "lecture", "E016", 3000, []string{"运营部", "客服部"}, nil},
	{1, "平台规则解读（年度新规）", "professional", "lecture", "E017", 2000, []string{"pos:ops"}, []string{"平台规则"}},
	{2, "年货节复盘：活动策划案例", "marketing", "case_study", "E001", 1500, []string{"pos:ops"}, []string{"活动策划"}},
	{2, "客服沟通技巧与话术", "customer_service", "practice", "E024", 2000, []string{"客服部"}, []string{"沟通技巧"}},
	{3, "店铺数据分析入门（生意参谋）", "professional", "lecture", "x0", 8000, []string{"pos:ops"}, []string{"数据分析"}},
	{3, "直通车基础与计划搭建", "marketing", "practice", "x1", 6000, []string{"pos:ads"}, []string{"直通车/万相台投放"}},
	{3, "售后处理规范与退款场景演练", "customer_service", "practice", "E024", 1500, []string{"客服部"}, []string{"售后处理"}},
	{4, "商品上架与标题 SEO 实操", "professional", "practice", "E017", 2000, []string{"pos:ops"}, []string{"商品上架与SEO"}},
	{4, "主图与详情页设计规范", "professional", "case_study", "x2", 5000, []string{"pos:design"}, []string{"主图与详情页设计"}},
	{4, "仓储作业安全与 5S", "basics", "lecture", "E013", 1000, []string{"仓储物流部"}, nil},
	{5, "618 大促作战规划研讨", "marketing", "discussion", "E001", 2000, []string{"运营部"}, nil},
	{5, "万相台投放与 ROI 优化", "marketing", "case_study", "x1", 8000, []string{"pos:ads"}, []string{"ROI 优化"}},
	{5, "情绪管理与投诉处理", "customer_service", "discussion", "E024", 1500, []string{"客服部"}, []string{"情绪管理"}},
	{6, "短视频拍摄与剪辑", "professional", "practice", "x2", 6000, []string{"pos:design", "抖音组"}, []string{"短视频制作"}},
	{6, "订单履约时效提升", "professional", "case_study", "E013", 1000, []string{"仓储物流部"}, []string{"订单履约"}},
	{7, "618 复盘：数据驱动的运营决策", "professional", "discussion", "E001", 1000, []string{"运营部"}, []string{"数据分析"}},
	{7, "竞品分析方法", "professional", "lecture", "E017", 2000, []string{"pos:ops"}, []string{"竞品分析"}},
	{8, "直播运营基础", "marketing", "online", "x0", 3000, []string{"抖音组"}, []string{"直播运营基础"}},
	{8, "库存盘点与差异处理", "professional", "practice", "E013", 800, []string{"仓储物流部"}, []string{"库存盘点"}},
	{9, "双 11 活动策划工作坊", "marketing", "practice", "E001", 3000, []string{"pos:ops", "pos:ads"}, []string{"活动策划"}},
	{9, "大促客服应急预案演练", "customer_service", "practice", "E024", 1500, []string{"客服部"}, []string{"大促期间客服应急处理"}},
	{9, "内训师授课技巧", "management", "lecture", "x0", 5000, []string{"pos:trainer"}, []string{"授课与引导"}},
	{10, "双 11 广告预算分配与节奏", "marketing", "case_study", "x1", 6000, []string{"pos:ads"}, nil},
	{10, "物流异常处理流程", "customer_service", "lecture", "E013", 800, []string{"仓储物流部", "客服部"}, []string{"物流异常处理"}},
	{10, "团队管理与辅导", "management", "discussion", "x0", 8000, []string{"pos:ops_manager"}, []string{"团队管理"}},
	{11, "双 11 实战支持与复盘", "marketing", "discussion", "E001", 2000, []string{"运营部"}, nil},
	{11, "劳动法规与用工合规", "basics", "online", "E016", 0, []string{"pos:hr"}, []string{"劳动法规"}},
	{12, "年度运营经验分享会", "professional", "discussion", "E017", 3000, []string{"运营部"}, nil},
	{12, "培训效果评估与来年需求调研", "management", "discussion", "E016", 500, []string{"pos:trainer", "pos:hr"}, nil},
	{12, "平台规则年度更新（在线）", "professional", "online", "E017", 1000, []string{"pos:ops", "pos:cs"}, []string{"平台规则"}},
}

// demoPlan builds, submits and approves this year's plan, links the open
// needs by topic, then executes it up to today: of the items already due,
// every fifth stays scheduled (late) and one is cancelled; the rest are
// delivered on their due date. Items of the current month are scheduled.
func (s *Service) demoPlan(ctx context.Context, dc *org.DemoCompany, now time.Time) error {
	var lecturers []int64
	for _, l := range demoLecturers {
		out, err := s.CreateExternalLecturer(ctx, l)
		if err != nil {
			return err
		}
		lecturers = append(lecturers, out.ID)
	}
	needs, _, err := s.ListNeeds(ctx, NeedFilter{Page: api.Page{Sort: "id"}, Status: NeedOpen})
	if err != nil {
		return err
	}
	byTopic := map[string][]int64{}
	for _, n := range needs {
		k := strings.ToLower(n.Topic)
		byTopic[k] = append(byTopic[k], n.ID)
	}
	models, err := s.CompetencyModels(ctx)
	if err != nil {
		return err
	}
	posByCode := map[string]int64{}
	for _, m := range models {
		posByCode[m.PositionCode] = m.PositionID
	}
	year := now.Year()
	plan, err := s.CreatePlan(ctx, Plan{Year: year, Title: fmt.Sprintf("%d 年度培训计划", year),
		Goals: "围绕能力评估差距、业务问题和员工发展调研：夯实平台规则与数据分析基础，提升大促营销与投放 ROI，降低退货与投诉，培养内训师队伍。"})
	if err != nil {
		return err
	}
	var ids []int64
	for i, d := range demoItems {
		in := PlanItemInput{Title: d.title, Goal: "掌握" + d.title + "的要点并应用到工作中", Category: d.category, Method: d.method,
			TargetMonth: d.month, BudgetFen: d.budgetYuan * 100, Sort: i + 1}
		switch {
		case strings.HasPrefix(d.lecturer, "E"):
			id := dc.Employees[d.lecturer]
			in.LecturerEmployeeID = &id
		case strings.HasPrefix(d.lecturer, "x"):
			in.ExternalLecturerID = &lecturers[d.lecturer[1]-'0']
		}
		for _, a := range d.audience {
			if code, ok := strings.CutPrefix(a, "pos:"); ok {
				in.Audience.PositionIDs = append(in.Audience.PositionIDs, posByCode[code])
			} else {
				in.Audience.DepartmentIDs = append(in.Audience.DepartmentIDs, dc.Departments[a])
			}
		}
		for _, t := range d.topics {
			k := strings.ToLower(t)
			in.NeedIDs = append(in.NeedIDs, byTopic[k]...)
			delete(byTopic, k) // a need is planned once
		}
		it, err := s.CreatePlanItem(ctx, plan.ID, in)
		if err != nil {
			return err
		}
		ids = append(ids, it.ID)
	}
	for _, act := range []struct{ action, comment string }{{"submit", "按需求池汇总编制"}, {"approve", "同意，注意控制外训预算"}} {
		if plan, err = s.ActOnPlan(ctx, plan.ID, act.action, act.comment, plan.Version); err != nil {
			return err
		}
	}
	today := now.Format(time.DateOnly)
	due := 0
	for i, id := range ids {
		it := demoItems[i]
		dueOn := time.Date(year, time.Month(it.month)+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		var ch ItemStatusChange
		switch {
		case dueOn <= today:
			due++
			switch {
			case due == 3:
				ch.Status = ItemCancelled
			case due%5 == 0:
				ch.Status = ItemScheduled
			default:
				ch.Status, ch.DeliveredDate = ItemDelivered, dueOn
			}
		case int(now.Month()) == it.month:
			ch.Status = ItemScheduled
		default:
			continue
		}
		if _, err := s.SetPlanItemStatus(ctx, id, ch); err != nil {
			return err
		}
	}
	return nil
}
