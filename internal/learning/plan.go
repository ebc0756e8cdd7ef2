package learning

import (
	"context"

	"ecomops/internal/platform/apperr"
)

// checkPlanItem validates a plan item id against the training plan when the
// link is wired; without it the id is kept as given (see Service.Plan).
func (s *Service) checkPlanItem(ctx context.Context, id int64) error {
	if s.Plan == nil {
		return nil
	}
	if _, err := s.Plan.PlanItem(ctx, id); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return apperr.New(apperr.Invalid, "plan item %d does not exist", id)
		}
		return err
	}
	return nil
}

// markDelivered tells the training plan that an item was delivered on a
// business date. Without the link it does nothing; the session keeps its
// delivered_at, so nothing is lost when the link is wired later.
func (s *Service) markDelivered(ctx context.Context, id *int64, on string) error {
	if s.Plan == nil || id == nil {
		return nil
	}
	return s.Plan.MarkDelivered(ctx, *id, on)
}
