package assessment

import (
	"github.com/danielgtaylor/huma/v2"
)

const base = "/api/v1/assessment"

// IDPath is the {id} path parameter (exported: huma binds only exported
// embedded fields).
type IDPath struct {
	ID int64 `path:"id"`
}

// VersionInput carries the version read, for state changes without other data.
type VersionInput struct {
	Version int `json:"version" doc:"the version read"`
}

type body[T any] struct{ Body T }

func op(id, method, path, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: base + path, Summary: summary, Tags: []string{"assessment"}, DefaultStatus: status}
}

// Routes registers the evaluation operations (docs/API.md, "Evaluation").
func (s *Service) Routes(a huma.API) {
	s.questionRoutes(a)
	s.paperRoutes(a)
	s.examRoutes(a)
	s.takeRoutes(a)
	s.gradingRoutes(a)
	s.sessionRoutes(a)
	s.ratingRoutes(a)
	s.reportRoutes(a)
}

// deref turns an optional value into an export cell (nil stays empty).
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
