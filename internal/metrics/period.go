package metrics

import (
	"time"

	"ecomops/internal/platform/apperr"
)

// maxPeriodDays bounds one query (ten years), so a typo cannot ask for a
// per-day series of centuries.
const maxPeriodDays = 3660

// Period is an inclusive range of business dates.
type Period struct {
	From string `json:"from" doc:"first business date, YYYY-MM-DD"`
	To   string `json:"to" doc:"last business date, YYYY-MM-DD (inclusive)"`
	Days int    `json:"days"`
}

// parsePeriod validates from and to (YYYY-MM-DD, to not before from).
func parsePeriod(from, to string) (Period, error) {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return Period{}, apperr.Reject("query.from", apperr.Format("date"), "from must be a date YYYY-MM-DD")
	}
	t, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return Period{}, apperr.Reject("query.to", apperr.Format("date"), "to must be a date YYYY-MM-DD")
	}
	if t.Before(f) {
		return Period{}, apperr.Reject("query.to", apperr.BeforeStart(), "to is before from")
	}
	p := newPeriod(f, t)
	if p.Days > maxPeriodDays {
		return Period{}, apperr.Reject("query.to", apperr.Because("period_too_long", apperr.P{"max": maxPeriodDays}), "a period may span at most %d days", maxPeriodDays)
	}
	return p, nil
}

func newPeriod(f, t time.Time) Period {
	return Period{From: f.Format(time.DateOnly), To: t.Format(time.DateOnly), Days: int(t.Sub(f).Hours()/24) + 1}
}

func (p Period) bounds() (time.Time, time.Time) {
	f, _ := time.Parse(time.DateOnly, p.From)
	t, _ := time.Parse(time.DateOnly, p.To)
	return f, t
}

// Previous is the period of equal length ending the day before (环比).
func (p Period) Previous() Period {
	f, _ := p.bounds()
	return newPeriod(f.AddDate(0, 0, -p.Days), f.AddDate(0, 0, -1))
}

// LastYear is the same calendar dates one year earlier (同比); 29 February
// becomes 28 February.
func (p Period) LastYear() Period {
	f, t := p.bounds()
	return newPeriod(yearBefore(f), yearBefore(t))
}

func yearBefore(d time.Time) time.Time {
	y := time.Date(d.Year()-1, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	if y.Month() != d.Month() { // 29 Feb rolled into March
		y = time.Date(d.Year()-1, d.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return y
}

// dates lists every date of the period.
func (p Period) dates() []string {
	f, t := p.bounds()
	out := make([]string, 0, p.Days)
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// instants returns the period's UTC bounds in loc: [start of From, start of
// the day after To).
func (p Period) instants(loc *time.Location) (time.Time, time.Time) {
	f, t := p.bounds()
	start := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	end := time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
	return start.UTC(), end.UTC()
}

// split cuts the period into its whole calendar months and the leftover
// days before and after them, for tables kept per day and per month.
func (p Period) split() (head, tail *Period, months []string) {
	f, t := p.bounds()
	first := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !first.Equal(f) {
		first = first.AddDate(0, 1, 0)
	}
	for m := first; !m.AddDate(0, 1, -1).After(t); m = m.AddDate(0, 1, 0) {
		months = append(months, m.Format("2006-01"))
	}
	if len(months) == 0 {
		return &p, nil, nil
	}
	if first.After(f) {
		h := newPeriod(f, first.AddDate(0, 0, -1))
		head = &h
	}
	afterLast := first.AddDate(0, len(months), 0)
	if !afterLast.After(t) {
		tl := newPeriod(afterLast, t)
		tail = &tl
	}
	return head, tail, months
}

// monthEnd returns the last date of date's month.
func monthEnd(date string) string {
	d, _ := time.Parse(time.DateOnly, date)
	return time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// monthsBetween lists the months strictly between months a and b (YYYY-MM).
func monthsBetween(a, b string) []string {
	ma, _ := time.Parse("2006-01", a)
	mb, _ := time.Parse("2006-01", b)
	var out []string
	for m := ma.AddDate(0, 1, 0); m.Before(mb); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}
