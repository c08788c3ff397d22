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
//   - at a corner closer to the border than the threshold, or one where the finder saw the document
//     touch or leave the frame (leaves), unless both sides that meet there are seen as the document's
//     own edges (seen): a document that reaches the frame's edge within a few pixels, with its four
//     sides in the image, is whole,
//   - at both ends of a side lying along the frame's edge that is not seen as the document's own edge:
//     the frame's edge, beyond which the document goes on.
//
// seen[i] tells whether the side from corner i to corner i+1 is seen (sidesSeen).
func cutoff(q quad, leaves, seen [4]bool, w, h float64, o Options) precheck.Measure {
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
		case px < -allowance:
			cut[i] = true
		case (d < o.MinCornerMargin || leaves[i]) && !bothSeen:
			cut[i] = true
			worst = math.Min(worst, 0)
		}
	}
	along := borderSideFraction * short
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		on := (a.X < along && b.X < along) || (a.Y < along && b.Y < along) ||
			(a.X > w-1-along && b.X > w-1-along) || (a.Y > h-1-along && b.Y > h-1-along)
		if on && !seen[i] {
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

// sideSeenContrast is the least difference in grey level across a side, between points sideSeenDepth
// inside and outside it, for the side to be seen there; sideSeenShare the share of a side's middle
// where it must be seen.
const (
	sideSeenContrast = 12
	sideSeenShare    = 0.6
)

// sidesSeen tells, for each side of q (working pixels, from corner i to corner i+1), whether it is seen
// as the document's own edge: along most of its middle the grey level changes across it, with both
// points of the comparison inside the frame, and what lies outside it is not the document's paper
// (grey level paper), up to the frame's edge when that is close: a side on the frame's border is not
// seen, nor one found on a line of print inside a document that runs on to the border.
func sidesSeen(g grayImage, q quad, paper float64) [4]bool {
	var out [4]bool
	mid := centre(q)
	depth := math.Max(3, 0.008*float64(min(g.w, g.h)))
	nearBorder := 0.03 * float64(min(g.w, g.h))
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		d := b.sub(a)
		l := math.Hypot(d.X, d.Y)
		if l < 10 {
			continue
		}
		n := pt{-d.Y / l, d.X / l}
		if n.X*(mid.X-a.X)+n.Y*(mid.Y-a.Y) > 0 {
			n = n.mul(-1) // outward
		}
		const steps = 40
		seen, strip, paperLike := 0, 0, 0
		for k := range steps {
			p := a.add(d.mul(0.15 + 0.7*float64(k)/(steps-1)))
			in, ok1 := g.bilinear(p.sub(n.mul(depth)))
			// A side a few pixels from the frame's edge is compared with what lies between it and
			// the edge.
			o := p.add(n.mul(depth))
			o = pt{math.Max(0, math.Min(float64(g.w-1), o.X)), math.Max(0, math.Min(float64(g.h-1), o.Y))}
			out, ok2 := g.bilinear(o)
			ok2 = ok2 && o.dist(p) >= 1
			if ok1 && ok2 && math.Abs(in-out) >= sideSeenContrast && math.Abs(out-paper) >= sideSeenContrast {
				seen++
			}
			// Between a side close to the frame's edge and that edge lies background, not the
			// document's paper between its print.
			n1, p1 := 0, 0
			for o := 1.0; ; o++ {
				v, ok := g.bilinear(p.add(n.mul(o)))
				if !ok {
					strip, paperLike = strip+n1, paperLike+p1 // reached the frame's edge
					break
				}
				if o > nearBorder {
					break // the side is not close to the edge here
				}
				n1++
				if math.Abs(v-paper) < sideSeenContrast {
					p1++
				}
			}
		}
		out[i] = float64(seen) >= sideSeenShare*steps && float64(paperLike) <= 0.1*float64(max(strip, 1))
	}
	return out
}

// borderSideFraction is how close to the frame's edge, as a fraction of the photo's shorter side, both
// ends of a document side must be for that side to be taken for the frame's edge.
const borderSideFraction = 0.012
