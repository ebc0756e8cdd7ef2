package training

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// ItemStatusChange moves a plan item of an approved plan.
type ItemStatusChange struct {
	Status        string `json:"status" enum:"planned,scheduled,delivered,cancelled"`
	DeliveredDate string `json:"delivered_date,omitempty" doc:"YYYY-MM-DD, for delivered; default today (company time zone); not in the future"`
	Version       int    `json:"version,omitempty" doc:"the version read; 0 skips the check (module calls)"`
}

// SetPlanItemStatus changes an item's status (itemTransitionAllowed) while
// its plan is approved. Delivering sets the delivered date and makes the
// linked needs met; cancelling returns them to open unless another item
// addresses them. The learning module calls this when it schedules a session
// from the item and when the session is held. Errors: invalid, not_found,
// conflict.
func (s *Service) SetPlanItemStatus(ctx context.Context, id int64, ch ItemStatusChange) (PlanItem, error) {
	var out PlanItem
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.SetPlanItemStatusTx(ctx, tx, id, ch)
		return err
	})
	return out, err
}

// MarkItemDelivered records that an item was delivered on date (YYYY-MM-DD;
// "" for today). Delivering an item that is already delivered changes
// nothing, so a retried call is harmless. Errors: as SetPlanItemStatus.
func (s *Service) MarkItemDelivered(ctx context.Context, id int64, date string) (PlanItem, error) {
	cur, err := s.PlanItem(ctx, id)
	if err != nil || cur.Status == ItemDelivered {
		return cur, err
	}
	return s.SetPlanItemStatus(ctx, id, ItemStatusChange{Status: ItemDelivered, DeliveredDate: date})
}

// SetPlanItemStatusTx is SetPlanItemStatus inside the caller's transaction.
func (s *Service) SetPlanItemStatusTx(ctx context.Context, tx bun.IDB, id int64, ch ItemStatusChange) (PlanItem, error) {
	ctx, err := s.withDirectory(ctx)
	if err != nil {
		return PlanItem{}, err
	}
	cur, err := s.planItem(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	p, err := s.plan(ctx, tx, cur.PlanID)
	if err != nil {
		return cur, err
	}
	if p.Status != PlanApproved {
		return cur, apperr.Refuse(apperr.Invalid, apperr.Because("plan_not_approved", apperr.P{"year": p.Year, "status": p.Status}), "the %d plan is %s; items are executed once it is approved", p.Year, p.Status)
	}
	if err := itemTransitionAllowed(cur.Status, ch.Status); err != nil {
		return cur, err
	}
	today := s.today(ctx)
	next := cur
	next.Status, next.DeliveredDate, next.UpdatedAt = ch.Status, "", s.now()
	if ch.Status == ItemDelivered {
		next.DeliveredDate = ch.DeliveredDate
		if next.DeliveredDate == "" {
			next.DeliveredDate = today
		}
		if _, err := time.Parse(time.DateOnly, next.DeliveredDate); err != nil {
			return cur, apperr.Reject("body.delivered_date", apperr.Format("date"), "must be YYYY-MM-DD")
		}
		if next.DeliveredDate > today {
			return cur, apperr.Reject("body.delivered_date", apperr.InFuture(), "%s is in the future", next.DeliveredDate)
		}
	}
	version := ch.Version
	if version == 0 {
		version = cur.Version
	}
	if err := db.UpdateVersioned(ctx, tx, &next, "plan item", id, version, "status", "delivered_date", "updated_at"); err != nil {
		return cur, err
	}
	if err := refreshNeedStatus(ctx, tx, cur.NeedIDs, next.UpdatedAt); err != nil {
		return cur, err
	}
	out, err := s.planItem(ctx, tx, id)
	if err != nil {
		return out, err
	}
	trail.Change(ctx, "training_plan_item", id, map[string]any{"status": cur.Status, "delivered_date": cur.DeliveredDate},
		map[string]any{"status": out.Status, "delivered_date": out.DeliveredDate})
	return out, nil
}
