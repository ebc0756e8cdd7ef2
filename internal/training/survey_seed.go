package training

import (
	"context"

	"github.com/uptrace/bun"
)

// DevSurveyCode is the code of the seeded development survey (员工发展需求调研, B1.3).
const DevSurveyCode = "dev_survey"

// devSurvey is the seeded development survey: named (not anonymous) so
// that the skills a person wants raise personal training needs. Skill labels
// repeat competency names of the seeded models, so those needs link to the
// competency of the respondent's position.
func devSurvey() Questionnaire {
	opts := func(pairs ...string) []ItemOption {
		var out []ItemOption
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, ItemOption{Value: pairs[i], Label: pairs[i+1]})
		}
		return out
	}
	return Questionnaire{
		Code: DevSurveyCode, Title: "员工发展需求调研", Purpose: "survey",
		Description: "了解大家的职业规划和培训意愿，用于制定年度培训计划和个人发展安排。选择的“希望提升的技能”会进入培训需求池。",
		Items: []QuestionnaireItem{
			{Kind: KindSingle, Prompt: "未来两到三年的职业目标", Required: true, Options: opts(
				"expert", "成为本岗位的业务专家", "manager", "走向管理岗位", "transfer", "转到其他岗位", "undecided", "暂未确定")},
			{Kind: KindMultiple, Prompt: "未来一年最希望提升的技能（最多选 3 项）", Required: true, MaxChoices: 3, RaisesNeeds: true, Options: opts(
				"platform_rules", "平台规则", "data_analysis", "数据分析", "campaign", "活动策划", "listing_seo", "商品上架与SEO",
				"ads", "直通车/万相台投放", "roi", "ROI 优化", "communication", "沟通技巧", "after_sales", "售后处理",
				"visual", "主图与详情页设计", "video", "短视频制作", "team", "团队管理", "inventory", "库存盘点")},
			{Kind: KindMultiple, Prompt: "喜欢的培训形式", Required: true, Options: opts(
				"lecture", "讲授", "case_study", "案例分析", "practice", "实操演练", "discussion", "小组讨论", "online", "在线学习", "mentoring", "师傅带教")},
			{Kind: KindLikert, Prompt: "过去一年的培训对我的工作有帮助", Required: true},
			{Kind: KindRating, Prompt: "你有多大可能向同事推荐公司的培训？（0-10）"},
			{Kind: KindText, Prompt: "其他希望公司提供的培训或支持"},
		},
	}
}

// seedSurvey adds the development survey as a draft unless its code exists.
func (s *Service) seedSurvey(ctx context.Context, tx bun.Tx) error {
	exists, err := tx.NewSelect().Model((*Questionnaire)(nil)).Where("code = ?", DevSurveyCode).Exists(ctx)
	if err != nil || exists {
		return err
	}
	_, err = s.CreateQuestionnaireTx(ctx, tx, devSurvey())
	return err
}
