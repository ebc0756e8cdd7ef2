package training

import (
	"github.com/danielgtaylor/huma/v2"
)

const base = "/api/v1/training"

// IDPath is the {id} path parameter (exported: huma binds only exported
// embedded fields).
type IDPath struct {
	ID int64 `path:"id"`
}

// RoundParticipantPath addresses a participant of a round.
type RoundParticipantPath struct {
	ID  int64 `path:"id"`
	PID int64 `path:"pid"`
}

// VersionInput carries the version read, for state changes without other data.
type VersionInput struct {
	Version int `json:"version" doc:"the version read"`
}

type body[T any] struct{ Body T }

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: base + path, Summary: summary, Tags: []string{"training"}, DefaultStatus: status}
}

// Routes registers the training operations.
func (s *Service) Routes(a huma.API) {
	s.competencyRoutes(a)
	s.assessmentRoutes(a)
	s.rateRoutes(a)
	s.problemRoutes(a)
	s.questionnaireRoutes(a)
	s.needRoutes(a)
	s.planRoutes(a)
	s.planItemRoutes(a)
}

// deref turns an optional value into an export cell (nil stays empty).
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
