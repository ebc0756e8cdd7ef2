package training

import (
	"context"
	"slices"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// HeatmapQuery chooses the rows of the gap heat map.
type HeatmapQuery struct {
	By string `query:"by" enum:"department,position," doc:"rows: department (default) or position"`
}

// Heatmap is the gap heat map of a round: rows (departments or positions)
// by competencies. Each cell counts the assessed ratings, those whose gap
// reaches the threshold, and the average shortfall, where a level above the
// requirement counts as 0 so that one person's surplus does not hide
// another's gap. Before the round closes gaps are provisional (HR's agreed
// level or else the manager's rating). Only participants in the caller's
// data scope are counted.
type Heatmap struct {
	Round        RoundRef     `json:"round"`
	By           string       `json:"by"`
	Threshold    int          `json:"threshold"`
	Rows         []HeatRow    `json:"rows"`
	Competencies []HeatColumn `json:"competencies"`
	Cells        []HeatCell   `json:"cells"`
}

// HeatRow is a department or position.
type HeatRow struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	People int    `json:"people"`
	HeatStats
}

// HeatColumn is a competency with its totals over all rows.
type HeatColumn struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Category     string `json:"category"`
	PositionID   int64  `json:"position_id"`
	PositionName string `json:"position_name"`
	HeatStats
}

// HeatCell is one row x competency.
type HeatCell struct {
	RowID        int64 `json:"row_id"`
	CompetencyID int64 `json:"competency_id"`
	HeatStats
}

// HeatStats are the figures of a cell, row or column.
type HeatStats struct {
	Assessed     int     `json:"assessed" doc:"ratings with an agreed (or provisional) level"`
	WithGap      int     `json:"with_gap" doc:"of those, gap >= threshold"`
	ShortfallSum int     `json:"shortfall_sum" doc:"sum of max(gap, 0)"`
	AvgGap       float64 `json:"avg_gap" doc:"shortfall_sum / assessed"`
}

func (h *HeatStats) add(gap, threshold int) {
	h.Assessed++
	if gap >= threshold {
		h.WithGap++
	}
	h.ShortfallSum += max(gap, 0)
	h.AvgGap = float64(h.ShortfallSum) / float64(h.Assessed)
}

// RoundHeatmap builds the heat map. Errors: not_found, invalid.
func (s *Service) RoundHeatmap(ctx context.Context, roundID int64, q HeatmapQuery) (Heatmap, error) {
	if q.By == "" {
		q.By = "department"
	}
	if q.By != "department" && q.By != "position" {
		return Heatmap{}, apperr.Reject("query.by", apperr.OneOf("department", "position"), "rows are by department or position")
	}
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Heatmap{}, err
	}
	threshold, err := s.roundThreshold(ctx, r)
	if err != nil {
		return Heatmap{}, err
	}
	var ps []Participant
	if err := auth.Filter(ctx, s.db.R.NewSelect().Model(&ps).Where("ap.round_id = ?", roundID), "ap.employee_id", auth.EmployeeSet).
		OrderExpr("ap.id").Scan(ctx); err != nil {
		return Heatmap{}, apperr.Wrap(err, "load participants")
	}
	pids := make([]int64, len(ps))
	for i := range ps {
		pids[i] = ps[i].ID
	}
	ratings, err := s.loadRatings(ctx, s.db.R, pids)
	if err != nil {
		return Heatmap{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return Heatmap{}, err
	}
	h := Heatmap{Round: RoundRef{ID: r.ID, Name: r.Name, Status: r.Status, DueDate: r.DueDate}, By: q.By, Threshold: threshold,
		Rows: []HeatRow{}, Competencies: []HeatColumn{}, Cells: []HeatCell{}}
	rows, cols, cells := map[int64]*HeatRow{}, map[int64]*HeatColumn{}, map[[2]int64]*HeatCell{}
	var rowOrder, colOrder []int64
	for _, p := range ps {
		rowID, rowName := p.DepartmentID, dir.deptName(p.DepartmentID)
		if q.By == "position" {
			rowID, rowName = p.PositionID, dir.positionName(p.PositionID)
		}
		row := rows[rowID]
		if row == nil {
			row = &HeatRow{ID: rowID, Name: rowName}
			rows[rowID] = row
			rowOrder = append(rowOrder, rowID)
		}
		row.People++
		for _, x := range ratings[p.ID] {
			col := cols[x.CompetencyID]
			if col == nil {
				col = &HeatColumn{ID: x.CompetencyID, Name: x.CompetencyName, Category: x.Category, PositionID: p.PositionID, PositionName: dir.positionName(p.PositionID)}
				cols[x.CompetencyID] = col
				colOrder = append(colOrder, x.CompetencyID)
			}
			key := [2]int64{rowID, x.CompetencyID}
			cell := cells[key]
			if cell == nil {
				cell = &HeatCell{RowID: rowID, CompetencyID: x.CompetencyID}
				cells[key] = cell
			}
			g := effectiveGap(r, x)
			if g == nil {
				continue
			}
			cell.add(*g, threshold)
			row.add(*g, threshold)
			col.add(*g, threshold)
		}
	}
	slices.Sort(rowOrder)
	for _, id := range rowOrder {
		h.Rows = append(h.Rows, *rows[id])
	}
	for _, id := range colOrder {
		h.Competencies = append(h.Competencies, *cols[id])
	}
	for _, rid := range rowOrder {
		for _, cid := range colOrder {
			if c := cells[[2]int64{rid, cid}]; c != nil {
				h.Cells = append(h.Cells, *c)
			}
		}
	}
	return h, nil
}
