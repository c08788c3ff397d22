package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// cornerNames are the corners in reading order, as reported in Measure.Corners.
var cornerNames = [4]string{"top_left", "top_right", "bottom_right", "bottom_left"}

// cutoff measures the smallest margin between a document corner and the photo's border, as a fraction
// of the photo's shorter side; negative when the corner is outside. Corners closer than the threshold
// are named.
func cutoff(q quad, w, h float64, o Options) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodeCutoff, Threshold: o.MinCornerMargin}
	short := math.Min(w, h)
	worst := math.Inf(1)
	for i, c := range q {
		d := math.Min(math.Min(c.X, c.Y), math.Min(w-1-c.X, h-1-c.Y)) / short
		worst = math.Min(worst, d)
		if d < o.MinCornerMargin {
			m.Corners = append(m.Corners, cornerNames[i])
		}
	}
	m.Score = round3(worst)
	m.Failed = len(m.Corners) > 0
	return m
}
