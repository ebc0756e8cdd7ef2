package app

import (
	"context"
	"math/rand/v2"
	"slices"

	"ecomops/internal/iam"
	"ecomops/internal/org"
)

// trainingGrants are the training permissions of the built-in roles (admin
// gets every permission from the catalogue): HR runs the whole module;
// trainers read it, build the plan and run questionnaires; operations
// managers rate their reports, record business problems and ask for
// training; everyone rates themself and answers questionnaires.
var trainingGrants = map[string][]string{
	RoleHR: {"training:competency:read", "training:competency:update",
		"training:assessment:read", "training:assessment:manage", "training:assessment:rate",
		"training:problem:read", "training:problem:update",
		"training:survey:read", "training:survey:manage", "training:survey:answer",
		"training:need:read", "training:need:update",
		"training:plan:read", "training:plan:update", "training:plan:approve"},
	RoleTrainer: {"training:competency:read", "training:assessment:read", "training:problem:read", "training:survey:read",
		"training:need:read", "training:plan:read", "training:plan:update", "training:survey:manage"},
	RoleManager: {"training:competency:read", "training:assessment:read", "training:problem:read", "training:problem:update",
		"training:need:read", "training:need:update", "training:plan:read"},
}

// trainingForEveryone is granted to every built-in role.
var trainingForEveryone = []string{"training:assessment:rate", "training:survey:answer"}

// withTrainingGrants adds the training permissions to the seed roles.
func withTrainingGrants(roles []iam.SeedRole) []iam.SeedRole {
	for i := range roles {
		if roles[i].Code == RoleAdmin {
			continue
		}
		perms := append(slices.Clone(roles[i].Permissions), trainingGrants[roles[i].Code]...)
		perms = append(perms, trainingForEveryone...)
		slices.Sort(perms)
		roles[i].Permissions = slices.Compact(perms)
	}
	return roles
}

// trainingMenu is the training branch of the sidebar. Each entry needs the
// lowest permission of its page: "assessments" and "surveys" open for
// everyone (their own sheets and questionnaires), the UI shows management
// tabs to holders of training:assessment:read / training:survey:read.
func trainingMenu() iam.MenuItem {
	return iam.MenuItem{Key: "training", Path: "/training", Icon: "Reading", Children: []iam.MenuItem{
		{Key: "competencies", Path: "/training/competencies", Perm: "training:competency:read"},
		{Key: "assessments", Path: "/training/assessments", Perm: "training:assessment:rate"},
		{Key: "problems", Path: "/training/problems", Perm: "training:problem:read"},
		{Key: "surveys", Path: "/training/surveys", Perm: "training:survey:answer"},
		{Key: "needs", Path: "/training/needs", Perm: "training:need:read"},
		{Key: "plans", Path: "/training/plans", Perm: "training:plan:read"},
	}}
}

func init() {
	RegisterDemo(DemoLoader{Name: "training", Load: func(ctx context.Context, a *App, dc *org.DemoCompany, rng *rand.Rand) error {
		return a.Training.LoadDemo(ctx, dc, rng)
	}})
}
