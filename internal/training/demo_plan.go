package training

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/org"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
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

// demoPlan writes this year's plan as HR would have built and run it,
// in one transaction (the demo stays quick on PostgreSQL): submitted and
// approved with its history, open needs linked by topic, and executed up to
// today — of the items already due every fifth is still only scheduled
// (late) and the third is cancelled, the rest were delivered on their due
// date; items of the current month are scheduled.
func (s *Service) demoPlan(ctx context.Context, dc *org.DemoCompany, now time.Time) error {
	needs, _, err := s.ListNeeds(ctx, NeedFilter{Page: api.Page{Sort: "id"}, Status: NeedOpen})
	if err != nil {
		return err
	}
	byTopic := map[string][]int64{}
	for _, n := range needs {
		k := strings.ToLower(n.Topic)
		byTopic[k] = append(byTopic[k], n.ID)
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return err
	}
	posByCode := map[string]int64{}
	for id, p := range dir.pos {
		posByCode[p.Code] = id
	}
	year, today, ts := now.Year(), now.Format(time.DateOnly), s.now()
	return s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		lecturers := slices.Clone(demoLecturers)
		for i := range lecturers {
			lecturers[i].Status, lecturers[i].Version, lecturers[i].CreatedAt, lecturers[i].UpdatedAt = "active", 1, ts, ts
		}
		if _, err := tx.NewInsert().Model(&lecturers).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "demo lecturers")
		}
		submitted, decided := ts.AddDate(0, 0, -1), ts
		plan := Plan{Year: year, Title: fmt.Sprintf("%d 年度培训计划", year), Status: PlanApproved, SubmittedAt: &submitted, DecidedAt: &decided,
			Goals:   "围绕能力评估差距、业务问题和员工发展调研：夯实平台规则与数据分析基础，提升大促营销与投放 ROI，降低退货与投诉，培养内训师队伍。",
			Version: 3, CreatedAt: ts, UpdatedAt: ts}
		if _, err := tx.NewInsert().Model(&plan).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "demo plan")
		}
		hr := dc.Employees["E016"]
		reviews := []PlanReview{
			{PlanID: plan.ID, Action: "submit", FromStatus: PlanDraft, ToStatus: PlanSubmitted, Comment: "按需求池汇总编制", UserName: dir.employeeName(hr), At: submitted},
			{PlanID: plan.ID, Action: "approve", FromStatus: PlanSubmitted, ToStatus: PlanApproved, Comment: "同意，注意控制外训预算", UserName: "系统管理员", At: decided},
		}
		if _, err := tx.NewInsert().Model(&reviews).Exec(ctx); err != nil {
			return apperr.Wrap(err, "demo plan reviews")
		}
		var linked []int64
		due := 0
		for i, d := range demoItems {
			it, a, needIDs := s.demoItem(dc, posByCode, lecturers, byTopic, d)
			it.PlanID, it.Sort, it.Version, it.CreatedAt, it.UpdatedAt = plan.ID, i+1, 1, ts, ts
			dueOn := dueDate(year, it)
			switch {
			case dueOn <= today:
				due++
				switch {
				case due == 3:
					it.Status = ItemCancelled
				case due%5 == 0:
					it.Status = ItemScheduled
				default:
					it.Status, it.DeliveredDate = ItemDelivered, dueOn
				}
			case int(now.Month()) == d.month:
				it.Status = ItemScheduled
			}
			if _, err := tx.NewInsert().Model(&it).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo plan item")
			}
			if err := saveAudience(ctx, tx, ownerPlanItem, it.ID, a); err != nil {
				return err
			}
			for _, nid := range needIDs {
				if _, err := tx.NewInsert().Model(&itemNeed{ItemID: it.ID, NeedID: nid}).Exec(ctx); err != nil {
					return apperr.Wrap(err, "demo item need")
				}
			}
			linked = append(linked, needIDs...)
		}
		return refreshNeedStatus(ctx, tx, linked, ts)
	})
}

// demoItem turns a demoItem line into a planned item, its audience and the
// open needs of its topics (each need is planned once).
func (s *Service) demoItem(dc *org.DemoCompany, posByCode map[string]int64, lecturers []ExternalLecturer, byTopic map[string][]int64, d demoItem) (PlanItem, Audience, []int64) {
	it := PlanItem{Title: d.title, Goal: "掌握" + d.title + "的要点并应用到工作中", Category: d.category, Method: d.method,
		TargetMonth: d.month, BudgetFen: d.budgetYuan * 100, Status: ItemPlanned}
	switch {
	case strings.HasPrefix(d.lecturer, "E"):
		id := dc.Employees[d.lecturer]
		it.LecturerEmployeeID = &id
	case strings.HasPrefix(d.lecturer, "x"):
		it.ExternalLecturerID = &lecturers[d.lecturer[1]-'0'].ID
	}
	var a Audience
	for _, x := range d.audience {
		if code, ok := strings.CutPrefix(x, "pos:"); ok {
			a.PositionIDs = append(a.PositionIDs, posByCode[code])
		} else {
			a.DepartmentIDs = append(a.DepartmentIDs, dc.Departments[x])
		}
	}
	var needIDs []int64
	for _, t := range d.topics {
		k := strings.ToLower(t)
		needIDs = append(needIDs, byTopic[k]...)
		delete(byTopic, k)
	}
	return it, a, needIDs
}
