package assessment

import (
	"context"

	"ecomops/internal/learning"
	"ecomops/internal/platform/apperr"
)

// References into other modules are checked through their services when
// they are wired (see Service); a lookup that fails for another reason than
// not_found is reported as a field error too, naming the id, so a bad
// reference never reaches the database silently.

// checkCompetencies checks competency ids against the training module.
func (s *Service) checkCompetencies(ctx context.Context, v *apperr.Validation, loc string, ids []int64) {
	if s.Training == nil {
		return
	}
	for _, id := range ids {
		if _, err := s.Training.Competency(systemCtx(ctx), id); err != nil {
			v.Reject(loc, apperr.Missing(id), "competency %d does not exist", id)
		}
	}
}

// checkCourse checks a course id against the learning module.
func (s *Service) checkCourse(ctx context.Context, v *apperr.Validation, loc string, id int64) {
	if s.Learning == nil {
		return
	}
	if _, err := s.Learning.Course(systemCtx(ctx), id); err != nil {
		v.Reject(loc, apperr.Missing(id), "course %d does not exist", id)
	}
}

// checkSession checks a session id against the learning module and returns
// the session (zero when learning is not wired).
func (s *Service) checkSession(ctx context.Context, v *apperr.Validation, loc string, id int64) learning.Session {
	if s.Learning == nil {
		return learning.Session{}
	}
	x, err := s.Learning.Session(systemCtx(ctx), id)
	if err != nil {
		v.Reject(loc, apperr.Missing(id), "session %d does not exist", id)
	}
	return x
}

// session loads a session. Errors: invalid (learning not wired), not_found.
func (s *Service) session(ctx context.Context, id int64) (learning.Session, error) {
	if s.Learning == nil {
		return learning.Session{}, needs("learning")
	}
	return s.Learning.Session(systemCtx(ctx), id)
}

// attendees returns the employees present at a session, in the caller's
// data scope (learning filters enrolments by scope).
func (s *Service) attendees(ctx context.Context, sessionID int64) ([]learning.Enrolment, error) {
	if s.Learning == nil {
		return nil, needs("learning")
	}
	items, _, err := s.Learning.ListEnrolments(ctx, sessionID, learning.EnrolmentFilter{Status: "enrolled"})
	return items, err
}
