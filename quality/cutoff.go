package quality

import (
	"math"
	"slices"

	"github.com/docprecheck/docprecheck/precheck"
)

// cornerNames are the corners in reading order, as reported in Measure.Corners.
var cornerNames = [4]string{"top_left", "top_right", "bottom_right", "bottom_left"}

// cutoff measures the smallest margin between a document corner and the photo's border, as a fraction
// of the photo's shorter side; negative when the corner is outside. Corners closer than the threshold
// are named, and so are the corners where the finder saw the document leave the frame (leaves).
func cutoff(q quad, leaves [4]bool, w, h float64, o Options) precheck.Measure {
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
	// A side lying along the frame's edge is the frame's, not the document's: the document goes on
	// beyond it, and the two corners found there are where it leaves the photo.
	along := borderSideFraction * short
	cut := [4]bool{}
	for _, c := range m.Corners {
		cut[slices.Index(cornerNames[:], c)] = true
	}
	for i, l := range leaves {
		if l {
			cut[i] = true
			worst = math.Min(worst, 0)
		}
	}
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		on := (a.X < along && b.X < along) || (a.Y < along && b.Y < along) ||
			(a.X > w-1-along && b.X > w-1-along) || (a.Y > h-1-along && b.Y > h-1-along)
		if on {
			cut[i], cut[(i+1)%4] = true, true
			worst = math.Min(worst, 0)
		}
	}
	m.Corners = m.Corners[:0]
	for i, c := range cut {
		if c {
			m.Corners = append(m.Corners, cornerNames[i])
		}
	}
	if len(m.Corners) == 0 {
		m.Corners = nil
	}
	m.Score = round3(worst)
	m.Failed = len(m.Corners) > 0
	return m
}

// borderSideFraction is how close to the frame's edge, as a fraction of the photo's shorter side, both
// ends of a document side must be for that side to be taken for the frame's edge.
const borderSideFraction = 0.012
