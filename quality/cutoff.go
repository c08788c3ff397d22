package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// cornerNames are the corners in reading order, as reported in Measure.Corners.
var cornerNames = [4]string{"top_left", "top_right", "bottom_right", "bottom_left"}

// cutoff measures the smallest margin between a document corner and the photo's border, as a fraction
// of the photo's shorter side; negative when the corner is outside. The document is cut off where part
// of it is outside the image:
//   - at a corner lying outside the frame by more than a rounded corner's allowance (cornerAllowance),
//     unless the document is not seen reaching the frame's edge there (unreached, see reachesFrame):
//     that corner is an outline's extrapolation past a whole document's own, and is judged as a
//     corner on the border by the rule below,
//   - at a corner closer to the border than the threshold, or one where the finder saw the document
//     touch or leave the frame (leaves), unless both sides that meet there are seen as the document's
//     own edges (seen): a document that reaches the frame's edge within a few pixels, with its four
//     sides in the image, is whole,
//   - at both ends of a side lying along the frame's edge that is not seen as the document's own edge:
//     the frame's edge, beyond which the document goes on.
//
// seen[i] tells whether the side from corner i to corner i+1 is seen (sidesSeen). For a crop (a scan
// or a tight crop whose frame the document fills, finding.crop) only the first applies: its frame's
// edges were put on the document's, and a side there is not seen because nothing lies beyond it,
// as a scan whose frame is the outline (finding.fullFrame) is cut off only when the frame does not
// have the document's shape (finding.frameCuts; the analyzer judges that one).
func cutoff(q quad, leaves, seen, unreached [4]bool, w, h float64, crop bool, o Options) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodeCutoff, Threshold: o.MinCornerMargin}
	short := math.Min(w, h)
	hs, vs := q.sides()
	allowance := cornerAllowance * math.Min(hs, vs)
	worst := math.Inf(1)
	cut := [4]bool{}
	for i, c := range q {
		px := math.Min(math.Min(c.X, c.Y), math.Min(w-1-c.X, h-1-c.Y))
		d := px / short
		worst = math.Min(worst, d)
		bothSeen := seen[i] && seen[(i+3)%4]
		switch {
		case px < -allowance && !unreached[i]:
			cut[i] = true
		case crop:
		case (d < o.MinCornerMargin || leaves[i]) && !bothSeen:
			cut[i] = true
			worst = math.Min(worst, 0)
		}
	}
	for i := range 4 {
		on := sideOnBorder(q, i, w, h)
		if on && !seen[i] && !crop {
			cut[i], cut[(i+1)%4] = true, true
			worst = math.Min(worst, 0)
		}
	}
	for i, c := range cut {
		if c {
			m.Corners = append(m.Corners, cornerNames[i])
		}
	}
	m.Score = round3(worst)
	m.Failed = len(m.Corners) > 0
	return m
}

// cornerAllowance is how far outside the frame, as a fraction of the document's shorter side, the
// corner of an outline may lie while the document is whole: an outline's corners are where its sides
// meet, outside the rounded corners of a card (ID-1: a 3.18 mm radius on a 54 mm side, whose arc lies
// up to 0.41 of the radius inside that point, 0.024 of the side).
const cornerAllowance = 0.05
