package system

// builtinDicts are created at first start (and added when missing later);
// administrators may add values and relabel them, not delete the types.
var builtinDicts = []struct {
	Type, Name, NameEN string
	Data               []DictData
}{
	{"shop_platform", "店铺平台", "Shop platform", []DictData{
		{Value: "taobao", Label: "淘宝", LabelEN: "Taobao", Colour: "warning"},
		{Value: "tmall", Label: "天猫", LabelEN: "Tmall", Colour: "danger"},
		{Value: "jd", Label: "京东", LabelEN: "JD", Colour: "danger"},
		{Value: "pdd", Label: "拼多多", LabelEN: "Pinduoduo", Colour: "warning"},
		{Value: "douyin", Label: "抖音", LabelEN: "Douyin", Colour: "primary"},
		{Value: "kuaishou", Label: "快手", LabelEN: "Kuaishou", Colour: "primary"},
		{Value: "other", Label: "其他", LabelEN: "Other", Colour: "info"},
	}},
	{"common_status", "通用状态", "Status", []DictData{
		{Value: "active", Label: "正常", LabelEN: "Active", Colour: "success"},
		{Value: "disabled", Label: "停用", LabelEN: "Disabled", Colour: "info"},
	}},
	{"employee_status", "员工状态", "Employee status", []DictData{
		{Value: "active", Label: "在职", LabelEN: "Active", Colour: "success"},
		{Value: "probation", Label: "试用期", LabelEN: "Probation", Colour: "warning"},
		{Value: "leave", Label: "休假", LabelEN: "On leave", Colour: "info"},
		{Value: "left", Label: "离职", LabelEN: "Left", Colour: "danger"},
	}},
	{"data_scope", "数据范围", "Data scope", []DictData{
		{Value: "all", Label: "全部数据", LabelEN: "All data"},
		{Value: "dept_and_below", Label: "本部门及以下", LabelEN: "Department and below"},
		{Value: "dept", Label: "本部门", LabelEN: "Own department"},
		{Value: "shops", Label: "负责的店铺", LabelEN: "Assigned shops"},
		{Value: "self", Label: "仅本人", LabelEN: "Self only"},
	}},
	{"currency", "币种", "Currency", []DictData{
		{Value: "CNY", Label: "人民币", LabelEN: "Chinese yuan"},
		{Value: "USD", Label: "美元", LabelEN: "US dollar"},
		{Value: "HKD", Label: "港币", LabelEN: "Hong Kong dollar"},
	}},
}
