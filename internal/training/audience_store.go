package training

import (
	"context"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// Owners of audience rows in training_audiences.
const (
	ownerNeed          = "need"
	ownerPlanItem      = "plan_item"
	ownerQuestionnaire = "questionnaire"
	ownerRound         = "round"
)

type audienceRow struct {
	bun.BaseModel `bun:"table:training_audiences"`
	Owner         string `bun:"owner,pk"`
	OwnerID       int64  `bun:"owner_id,pk"`
	Kind          string `bun:"kind,pk"`
	RefID         int64  `bun:"ref_id,pk"`
}

// saveAudience replaces the audience of owner id.
func saveAudience(ctx context.Context, tx bun.IDB, owner string, id int64, a Audience) error {
	if err := deleteAudience(ctx, tx, owner, id); err != nil {
		return err
	}
	var rows []audienceRow
	add := func(kind string, ids []int64) {
		for _, ref := range ids {
			rows = append(rows, audienceRow{Owner: owner, OwnerID: id, Kind: kind, RefID: ref})
		}
	}
	a = a.normalise()
	add("employee", a.EmployeeIDs)
	add("position", a.PositionIDs)
	add("department", a.DepartmentIDs)
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return apperr.Wrap(err, "save %s audience", owner)
}

func deleteAudience(ctx context.Context, tx bun.IDB, owner string, id int64) error {
	_, err := tx.NewDelete().Model((*audienceRow)(nil)).Where("owner = ?", owner).Where("owner_id = ?", id).Exec(ctx)
	return apperr.Wrap(err, "delete %s audience", owner)
}

// loadAudiences returns the audiences of the given owners; every id gets an
// entry (empty lists when it has none).
func loadAudiences(ctx context.Context, idb bun.IDB, owner string, ids []int64) (map[int64]Audience, error) {
	out := make(map[int64]Audience, len(ids))
	for _, id := range ids {
		out[id] = Audience{}.normalise()
	}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []audienceRow
	err := idb.NewSelect().Model(&rows).Where("owner = ?", owner).Where("owner_id IN (?)", bun.In(ids)).
		OrderExpr("owner_id, kind, ref_id").Scan(ctx)
	if err != nil {
		return nil, apperr.Wrap(err, "load %s audiences", owner)
	}
	for _, r := range rows {
		a := out[r.OwnerID]
		switch r.Kind {
		case "employee":
			a.EmployeeIDs = append(a.EmployeeIDs, r.RefID)
		case "position":
			a.PositionIDs = append(a.PositionIDs, r.RefID)
		case "department":
			a.DepartmentIDs = append(a.DepartmentIDs, r.RefID)
		}
		out[r.OwnerID] = a
	}
	return out, nil
}

// inScopeSQL is the condition "owner row <alias>.id has an audience person or
// department the scoped caller sees"; emps and depts are the caller's visible
// sets (never empty: callers pass a sentinel).
const inScopeSQL = `EXISTS (SELECT 1 FROM training_audiences AS ta WHERE ta.owner = ? AND ta.owner_id = ?
	AND ((ta.kind = 'employee' AND ta.ref_id IN (?)) OR (ta.kind = 'department' AND ta.ref_id IN (?))))`

// nonEmpty returns ids, or a list holding only the impossible id 0 so that
// IN (...) stays valid SQL and matches nothing.
func nonEmpty(ids []int64) []int64 {
	if len(ids) == 0 {
		return []int64{0}
	}
	return ids
}
