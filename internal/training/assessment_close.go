package training

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// CloseRound ends an open round: each rating's agreed level becomes HR's
// agreed level or else the manager's rating (unrated competencies stay
// unassessed), gap = required - agreed is stored, and every gap at or over
// the gap-threshold setting becomes a training need (GenerateGapNeeds).
// Errors: not_found, invalid (not open), conflict.
func (s *Service) CloseRound(ctx context.Context, id int64, version int) (Round, error) {
	var out Round
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.round(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != RoundOpen {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_open", apperr.P{"name": cur.Name, "status": cur.Status}), "round %q is %s; only an open round can be closed", cur.Name, cur.Status)
		}
		st, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		cur.Status, cur.ClosedAt, cur.UpdatedAt, cur.GapThreshold = RoundClosed, &now, now, st.GapThreshold
		if err := db.UpdateVersioned(ctx, tx, &cur, "assessment round", id, version, "status", "closed_at", "updated_at", "gap_threshold"); err != nil {
			return err
		}
		if err := fixAgreedLevels(ctx, tx, id); err != nil {
			return err
		}
		n, err := s.generateGapNeeds(ctx, tx, cur)
		if err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model((*Round)(nil)).Set("needs_created = needs_created + ?", n).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "count needs")
		}
		if out, err = s.round(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "assessment_round", id, map[string]any{"status": RoundOpen}, map[string]any{"status": RoundClosed, "gap_threshold": st.GapThreshold, "needs_created": n})
		return nil
	})
	return out, err
}

// fixAgreedLevels stores agreed = coalesce(agreed, manager) and the gap of
// every rating of the round.
func fixAgreedLevels(ctx context.Context, tx bun.IDB, roundID int64) error {
	sub := tx.NewSelect().Model((*Participant)(nil)).Column("id").Where("round_id = ?", roundID)
	if _, err := tx.NewUpdate().Model((*Rating)(nil)).
		Set("agreed_level = COALESCE(agreed_level, manager_level)").
		Where("participant_id IN (?)", sub).Exec(ctx); err != nil {
		return apperr.Wrap(err, "fix agreed levels")
	}
	_, err := tx.NewUpdate().Model((*Rating)(nil)).
		Set("gap = CASE WHEN agreed_level IS NULL THEN NULL ELSE required_level - agreed_level END").
		Where("participant_id IN (?)", sub).Exec(ctx)
	return apperr.Wrap(err, "compute gaps")
}

// GenerateGapNeeds turns the closed round's gaps at or over its threshold
// into competency_gap needs: one per person and competency, for that person,
// high priority from a gap of 2. It is idempotent (keyed
// gap:<round>:<employee>:<competency>), so running it again creates only
// what is missing. Returns the number created. Errors: not_found, invalid
// (round not closed).
func (s *Service) GenerateGapNeeds(ctx context.Context, roundID int64) (int, error) {
	var n int
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.round(ctx, tx, roundID)
		if err != nil {
			return err
		}
		if r.Status != RoundClosed {
			return apperr.Refuse(apperr.Invalid, apperr.Because("round_not_closed", apperr.P{"name": r.Name, "status": r.Status}), "round %q is %s; needs come from closed rounds", r.Name, r.Status)
		}
		n, err = s.generateGapNeeds(ctx, tx, r)
		return err
	})
	return n, err
}

func (s *Service) generateGapNeeds(ctx context.Context, tx bun.IDB, r Round) (int, error) {
	var gaps []struct {
		EmployeeID   int64  `bun:"employee_id"`
		CompetencyID int64  `bun:"competency_id"`
		Name         string `bun:"name"`
		Required     int    `bun:"required_level"`
		Agreed       int    `bun:"agreed_level"`
		Gap          int    `bun:"gap"`
	}
	err := tx.NewSelect().Model((*Rating)(nil)).
		ColumnExpr("ap.employee_id, ar.competency_id, c.name, ar.required_level, ar.agreed_level, ar.gap").
		Join("JOIN assessment_participants AS ap ON ap.id = ar.participant_id").
		Join("JOIN competencies AS c ON c.id = ar.competency_id").
		Where("ap.round_id = ?", r.ID).Where("ar.gap >= ?", r.GapThreshold).
		OrderExpr("ap.employee_id, c.sort, c.id").Scan(ctx, &gaps)
	if err != nil {
		return 0, apperr.Wrap(err, "load gaps")
	}
	created := 0
	for _, g := range gaps {
		rid, cid := r.ID, g.CompetencyID
		need := Need{Source: SourceGap, SourceID: &rid, CompetencyID: &cid, Topic: g.Name, Priority: gapPriority(g.Gap),
			Description: fmt.Sprintf("评估「%s」：要求 %d 级，评定 %d 级，差距 %d", r.Name, g.Required, g.Agreed, g.Gap)}
		ok, err := s.insertGeneratedNeed(ctx, tx, need, fmt.Sprintf("gap:%d:%d:%d", r.ID, g.EmployeeID, g.CompetencyID), Audience{EmployeeIDs: []int64{g.EmployeeID}})
		if err != nil {
			return 0, err
		}
		if ok {
			created++
		}
	}
	return created, nil
}
