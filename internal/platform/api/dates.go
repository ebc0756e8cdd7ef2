package api

import (
	"time"

	"ecomops/internal/platform/apperr"
)

// Range parses a from/to filter pair. A bare date YYYY-MM-DD is a business
// date in loc: from is its start, to includes the whole day. RFC 3339
// instants are taken as they are. Zero times mean an open end.
func Range(from, to string, loc *time.Location) (time.Time, time.Time, error) {
	var f, t time.Time
	var err error
	if from != "" {
		if f, err = parseInstant(from, loc, false); err != nil {
			return f, t, apperr.Reject("query.from", apperr.Format("date"), "%v", err)
		}
	}
	if to != "" {
		if t, err = parseInstant(to, loc, true); err != nil {
			return f, t, apperr.Reject("query.to", apperr.Format("date"), "%v", err)
		}
	}
	if !f.IsZero() && !t.IsZero() && t.Before(f) {
		return f, t, apperr.Reject("query.to", apperr.BeforeStart(), "to is before from")
	}
	return f, t, nil
}

func parseInstant(s string, loc *time.Location, endOfDay bool) (time.Time, error) {
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		if endOfDay {
			d = d.AddDate(0, 0, 1)
		}
		return d.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, apperr.New(apperr.Invalid, "%q is neither YYYY-MM-DD nor an RFC 3339 time", s)
	}
	return t.UTC(), nil
}
