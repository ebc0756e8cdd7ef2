package training

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// seedCompetency is one built-in competency: its subject is written into the
// level descriptions of its category.
type seedCompetency struct {
	category, name, subject string
	required                int
}

// levelTemplates describe the five levels of each category; "%s" is the
// competency's subject. They are starting points: HR edits them per
// competency.
var levelTemplates = map[string][MaxLevel]string{
	"knowledge": {
		"了解%s的基本概念，能说出常见术语",
		"掌握%s的常用内容，能在指导下运用于日常工作",
		"全面掌握%s，能独立运用并解释原因",
		"精通%s，能处理复杂和少见的情况，并指导同事",
		"在%s方面是公司内的专家，能制定规范、编写教材、培训他人",
	},
	"skill": {
		"在他人指导下完成%s的简单任务",
		"能按流程独立完成%s的常规任务，结果基本达标",
		"能熟练完成%s，结果稳定达标，能发现并改进问题",
		"能在%s上完成复杂任务并取得突出结果，带教新人",
		"能在%s上建立方法和标准，推动团队整体水平提升",
	},
	"quality": {
		"偶尔表现出%s，需要提醒",
		"多数情况下表现出%s",
		"稳定地表现出%s，是团队中的可靠成员",
		"在压力和变化中仍表现出%s，并影响身边的同事",
		"以%s为团队树立榜样，塑造部门文化",
	},
}

// seedModels are the built-in competency models, by position code (org's
// seeded positions).
var seedModels = map[string][]seedCompetency{
	"ops": {
		{"knowledge", "平台规则", "电商平台规则（发布、营销、售后、违规处罚）", 4},
		{"skill", "数据分析", "店铺数据分析（流量、转化、客单价、复购）", 3},
		{"skill", "活动策划", "店铺活动与大促策划执行", 3},
		{"skill", "商品上架与SEO", "商品上架、标题关键词与搜索优化", 4},
		{"skill", "竞品分析", "竞品店铺、商品、价格与促销分析", 3},
		{"quality", "结果导向", "以目标和结果为导向的工作态度", 3},
	},
	"ads": {
		{"knowledge", "广告平台规则", "直通车、万相台、引力魔方等广告产品与规则", 4},
		{"skill", "直通车/万相台投放", "直通车与万相台计划搭建、出价和人群投放", 4},
		{"skill", "ROI 优化", "投放数据分析与 ROI 优化", 4},
		{"skill", "创意与素材测试", "广告创意与素材的 A/B 测试", 3},
		{"quality", "预算意识", "对投放预算负责、精打细算的意识", 3},
	},
	"cs": {
		{"knowledge", "商品与政策知识", "商品卖点、售后政策与平台服务规则", 4},
		{"skill", "沟通技巧", "与顾客的售前咨询沟通与促成下单", 4},
		{"skill", "售后处理", "退换货、退款与投诉的售后处理", 4},
		{"skill", "情绪管理", "面对不满顾客时的情绪管理与安抚", 3},
		{"quality", "服务意识", "以顾客为中心的服务意识", 4},
	},
	"design": {
		{"knowledge", "平台视觉规范", "各平台主图、详情页与活动页视觉规范", 3},
		{"skill", "主图与详情页设计", "主图、详情页与店铺首页设计", 4},
		{"skill", "短视频制作", "商品短视频拍摄与剪辑", 3},
		{"quality", "审美与创意", "审美能力与创意意识", 3},
	},
	"warehouse": {
		{"knowledge", "仓储管理知识", "入库、上架、拣货、盘点等仓储作业规范", 3},
		{"skill", "订单履约", "订单拣货、打包与发货时效管理", 4},
		{"skill", "库存盘点", "库存盘点与差异处理", 3},
		{"skill", "物流异常处理", "丢件、延误、破损等物流异常的跟进处理", 3},
		{"quality", "安全与细致", "作业安全与细致严谨的态度", 4},
	},
	"trainer": {
		{"knowledge", "课程开发", "培训需求分析与课程开发方法", 4},
		{"skill", "授课与引导", "课堂授课、案例教学与小组讨论引导", 4},
		{"skill", "培训评估", "培训效果评估（反应、学习、行为、结果）", 3},
		{"quality", "分享精神", "乐于分享与持续学习的精神", 4},
	},
	"ops_manager": {
		{"knowledge", "电商经营分析", "店铺经营、利润与投入产出分析", 4},
		{"skill", "团队管理", "团队目标分解、辅导与绩效管理", 4},
		{"skill", "运营规划", "年度运营规划、预算与大促节奏安排", 4},
		{"skill", "跨部门协作", "与客服、仓储、设计等部门的协作推进", 4},
		{"quality", "决策与担当", "在不确定中做出决策并承担责任", 4},
	},
	"hr": {
		{"knowledge", "劳动法规", "劳动用工与培训相关法规", 3},
		{"skill", "培训组织", "培训计划编制、组织实施与费用管理", 4},
		{"skill", "绩效考核", "绩效考核方案设计与执行", 3},
		{"quality", "保密与公正", "保密意识与公正公平的态度", 4},
	},
}

// seedCompetencyOrder keeps seeding deterministic (map order is random).
var seedCompetencyOrder = []string{"ops", "ads", "cs", "design", "warehouse", "trainer", "ops_manager", "hr"}

func seedLevels(category, subject string) []string {
	t := levelTemplates[category]
	out := make([]string, MaxLevel)
	for i := range t {
		out[i] = strings.ReplaceAll(t[i], "%s", subject)
	}
	return out
}

// seedCompetencies writes the built-in models for the positions that exist
// and have no competency yet.
func (s *Service) seedCompetencies(ctx context.Context, tx bun.Tx) error {
	now := s.now()
	for _, code := range seedCompetencyOrder {
		pos, err := s.org.PositionByCode(ctx, code)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if n, err := tx.NewSelect().Model((*Competency)(nil)).Where("position_id = ?", pos.ID).Count(ctx); err != nil || n > 0 {
			if err != nil {
				return apperr.Wrap(err, "seed competencies")
			}
			continue
		}
		for i, sc := range seedModels[code] {
			c := Competency{PositionID: pos.ID, Category: sc.category, Name: sc.name, RequiredLevel: sc.required,
				Description: sc.subject, Levels: seedLevels(sc.category, sc.subject), Sort: i + 1, Version: 1, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(&c).Exec(ctx); err != nil {
				return apperr.Wrap(err, "seed competency %s/%s", code, sc.name)
			}
		}
	}
	return nil
}
