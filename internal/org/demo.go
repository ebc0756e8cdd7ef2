package org

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/iam"
	"ecomops/internal/platform/apperr"
)

// DemoPassword is the password of every demo login. Demo data only: the
// demo refuses a database that already holds business data.
const DemoPassword = "Demo@2026pass"

// DemoLogin is a demo account printed on the console.
type DemoLogin struct{ Username, Role, Name string }

// DemoCompany is what LoadDemo created, for later modules' demo loaders.
type DemoCompany struct {
	Logins      []DemoLogin
	Departments map[string]int64 // by name
	Shops       map[string]int64 // by code
	Employees   map[string]int64 // by employee no.
}

type demoPerson struct {
	no, name, dept, pos, login, role string
	manager                          string
	shops                            []string
}

// demoPeople: about 25 employees across the positions, with one login per
// seed role (and a few more learners).
var demoPeople = []demoPerson{
	{"E001", "周建国", "运营部", "ops_manager", "manager", "ops_manager", "", []string{"TM01", "JD01", "DY01", "PDD01"}},
	{"E002", "李娜", "天猫组", "ops", "ops1", "ops", "E001", []string{"TM01"}},
	{"E003", "王磊", "天猫组", "ads", "ads1", "ads", "E001", []string{"TM01"}},
	{"E004", "张敏", "天猫组", "design", "", "", "E001", []string{"TM01"}},
	{"E005", "刘洋", "京东组", "ops", "ops2", "ops", "E001", []string{"JD01"}},
	{"E006", "陈静", "京东组", "ads", "", "", "E001", []string{"JD01"}},
	{"E007", "杨帆", "抖音组", "ops", "ops3", "ops", "E001", []string{"DY01", "PDD01"}},
	{"E008", "赵丽", "抖音组", "ads", "", "", "E001", []string{"DY01"}},
	{"E009", "黄晓明", "抖音组", "design", "", "", "E001", nil},
	{"E010", "吴芳", "客服部", "cs", "cs1", "cs", "", []string{"TM01", "JD01"}},
	{"E011", "徐强", "客服部", "cs", "", "", "E010", []string{"DY01", "PDD01"}},
	{"E012", "孙婷", "客服部", "cs", "", "", "E010", []string{"TM01"}},
	{"E013", "马超", "仓储物流部", "warehouse", "wh1", "warehouse", "", []string{"TM01", "JD01", "DY01", "PDD01"}},
	{"E014", "朱琳", "仓储物流部", "warehouse", "", "", "E013", nil},
	{"E015", "胡斌", "仓储物流部", "warehouse", "", "", "E013", nil},
	{"E016", "郭晶", "人事培训部", "hr", "hradmin", "hr", "", nil},
	{"E017", "林涛", "人事培训部", "trainer", "trainer", "trainer", "E016", nil},
	{"E018", "何雪", "天猫组", "ops", "learner1", "learner", "E001", []string{"TM01"}},
	{"E019", "高峰", "京东组", "ops", "learner2", "learner", "E001", []string{"JD01"}},
	{"E020", "罗敏", "抖音组", "ops", "", "", "E001", []string{"DY01"}},
	{"E021", "郑凯", "天猫组", "cs", "", "", "E010", []string{"TM01"}},
	{"E022", "梁燕", "京东组", "design", "", "", "E001", nil},
	{"E023", "谢雨", "客服部", "cs", "", "", "E010", nil},
	{"E024", "宋佳", "人事培训部", "trainer", "", "", "E016", nil},
	{"E025", "韩冰", "运营部", "ops", "", "", "E001", []string{"PDD01"}},
}

var demoShops = []Shop{
	{Code: "TM01", Platform: "tmall", Name: "优选家居天猫旗舰店", Positioning: "中高端家居日用，主打品质与设计"},
	{Code: "JD01", Platform: "jd", Name: "优选家居京东自营店", Positioning: "家居日用爆款，强调物流时效"},
	{Code: "DY01", Platform: "douyin", Name: "优选家居抖音小店", Positioning: "直播带货，年轻家庭客群"},
	{Code: "PDD01", Platform: "pdd", Name: "优选家居拼多多店", Positioning: "性价比款与清仓款"},
}

// HasBusinessData reports whether the organisation holds any employee or shop.
func (s *Service) HasBusinessData(ctx context.Context) (bool, error) {
	for _, m := range []any{(*Employee)(nil), (*Shop)(nil)} {
		ok, err := s.db.R.NewSelect().Model(m).Exists(ctx)
		if err != nil || ok {
			return ok, apperr.Wrap(err, "check data")
		}
	}
	return false, nil
}

// LoadDemo creates the demo company in one transaction (all or nothing).
// admin is created by the caller with the built-in admin role.
func (s *Service) LoadDemo(ctx context.Context, rng *rand.Rand) (DemoCompany, error) {
	dc := DemoCompany{Departments: map[string]int64{}, Shops: map[string]int64{}, Employees: map[string]int64{}}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		tree := []struct{ name, parent, code string }{
			{"运营部", "", "OPS"}, {"天猫组", "运营部", "OPS-TM"}, {"京东组", "运营部", "OPS-JD"}, {"抖音组", "运营部", "OPS-DY"},
			{"客服部", "", "CS"}, {"仓储物流部", "", "WH"}, {"人事培训部", "", "HR"},
		}
		for i, d := range tree {
			dep := Department{Name: d.name, Code: d.code, Sort: i + 1, Status: "active", Version: 1, CreatedAt: now, UpdatedAt: now}
			if d.parent != "" {
				pid := dc.Departments[d.parent]
				dep.ParentID = &pid
			}
			if _, err := tx.NewInsert().Model(&dep).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo department")
			}
			dc.Departments[d.name] = dep.ID
		}
		for _, sh := range demoShops {
			sh.Currency, sh.Timezone, sh.ShipWithinHours, sh.Status, sh.Version, sh.CreatedAt, sh.UpdatedAt = "CNY", "Asia/Shanghai", DefaultShipWithinHours, "active", 1, now, now
			if _, err := tx.NewInsert().Model(&sh).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo shop")
			}
			dc.Shops[sh.Code] = sh.ID
		}
		for _, p := range demoPeople {
			pos, err := s.PositionByCode(ctx, p.pos)
			if err != nil {
				return err
			}
			e := Employee{EmployeeNo: p.no, Name: p.name, DepartmentID: dc.Departments[p.dept], PositionID: &pos.ID,
				Phone: fmt.Sprintf("13%d%08d", 5+rng.IntN(5), rng.IntN(100000000)), Email: fmt.Sprintf("%s@example.com", strings.ToLower(p.no)),
				HireDate: fmt.Sprintf("20%02d-%02d-%02d", 19+rng.IntN(7), 1+rng.IntN(12), 1+rng.IntN(28)),
				Status:   "active", Version: 1, CreatedAt: now, UpdatedAt: now}
			if p.manager != "" {
				m := dc.Employees[p.manager]
				e.ManagerID = &m
			}
			if p.login != "" {
				ids, err := s.iam.RoleIDs(ctx, p.role)
				if err != nil {
					return err
				}
				u, err := s.iam.SaveLogin(ctx, tx, 0, iam.Login{Username: p.login, Name: p.name, Password: DemoPassword, RoleIDs: ids, Enabled: true})
				if err != nil {
					return err
				}
				e.UserID = &u.ID
				dc.Logins = append(dc.Logins, DemoLogin{Username: p.login, Role: p.role, Name: p.name})
			}
			if _, err := tx.NewInsert().Model(&e).Returning("id").Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo employee")
			}
			dc.Employees[p.no] = e.ID
			for _, code := range p.shops {
				if _, err := tx.NewInsert().Model(&shopStaff{ShopID: dc.Shops[code], EmployeeID: e.ID}).Exec(ctx); err != nil {
					return apperr.Wrap(err, "demo shop staff")
				}
			}
		}
		heads := map[string]string{"运营部": "E001", "客服部": "E010", "仓储物流部": "E013", "人事培训部": "E016"}
		for dept, no := range heads {
			if _, err := tx.NewUpdate().Model((*Department)(nil)).Set("leader_id = ?", dc.Employees[no]).Where("id = ?", dc.Departments[dept]).Exec(ctx); err != nil {
				return apperr.Wrap(err, "demo department head")
			}
		}
		return nil
	})
	return dc, err
}
