package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// cornerNames are the corners in reading order, as reported in Measure.Corners.
var cornerNames = [4]string{"top_left", "top_right", "bottom_right", "bottom_left"}

// cutoff measures the smallest margin between a document corner and the photo's border, as a fraction
// of the photo's shorter side; negative when the corner is outside. Distances are measured with the
// frame's pixels restored to square (stretch, see finding.stretch), where the document has its own
// shape: a rounded corner's reach is a share of its true short side. The document is cut off where
// part of it is outside the image:
//   - at a corner lying outside the frame by more than a rounded corner's allowance (cornerAllowance,
//     which grows with the photo's blur, the document's blur score),
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
// seen[i] tells whether the side from corner i to corner i+1 is seen (sidesSeen), or known for the
// document's own when it lies on the frame's edge (shortSideOnBorder). For a crop (a scan
// or a tight crop whose frame the document fills, finding.crop) only the first applies: its frame's
// edges were put on the document's, and a side there is not seen because nothing lies beyond it,
// as a scan whose frame is the outline (finding.fullFrame) is cut off only when the frame does not
// have the document's shape (finding.frameCuts; the analyzer judges that one).
func cutoff(q quad, leaves, seen, unreached [4]bool, w, h float64, stretch pt, crop bool, blur float64, o Options) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodeCutoff, Threshold: o.MinCornerMargin}
	sx, sy := stretch.X, stretch.Y
	short := math.Min(w*sx, h*sy)
	hs, vs := q.stretched(stretch).sides()
	allowance := cornerAllowance(blur, crop) * math.Min(hs, vs)
	worst := math.Inf(1)
	cut := [4]bool{}
	for i, c := range q {
		px := math.Min(math.Min(c.X*sx, c.Y*sy), math.Min((w-1-c.X)*sx, (h-1-c.Y)*sy))
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

// wholeLength is the least aspect ratio (long over short side, as the finder read it) of the part of
// a document in the frame that is taken for its whole length: within 3% of an ID-1 card's (1.586),
// and longer than any other document's (a passport's data page, ID-3, is 1.42; an open booklet 1.41).
const wholeLength = aspectID1 - 0.05

// maxWholeLength bounds that reading as the finder bounds a four-sided outline's: a longer part is not
// a document's.
const maxWholeLength = 2.1

// shortSideOnBorder returns seen with the side of q lying along the frame's edge (sideOnBorder), and
// the long sides beside it, marked as the document's own when the document cannot go on beyond that
// side: it is one of the short sides, the far short side is seen as the document's edge and so is one
// long side at least (a white card on a white table shows no edge along the other), and the part in
// the frame already has a whole card's length (aspect, from the finder: wholeLength). A card whose
// short side lies on the frame's edge, or within a pixel or two of it, shows no edge there (nothing
// lies beyond it), but a card that went on past the frame would be longer than any document. A long
// side on the border tells nothing by this: cutting a card along its length makes what is left look
// longer.
// stretch restores the frame's pixels to square (see finding.stretch).
func shortSideOnBorder(g grayImage, q quad, seen [4]bool, aspect, paper float64, stretch pt) [4]bool {
	w, h := float64(g.w), float64(g.h)
	if aspect < wholeLength || aspect > maxWholeLength {
		return seen
	}
	unseen, on := -1, 0
	for i, v := range seen {
		if !v && sideOnBorder(q, i, w, h) {
			unseen, on = i, on+1
		}
	}
	if on != 1 || !seen[(unseen+2)%4] || !seen[(unseen+1)%4] && !seen[(unseen+3)%4] {
		return seen
	}
	sq := q.stretched(stretch)
	side := func(i int) float64 { return sq[i].dist(sq[(i+1)%4]) }
	if side(unseen)+side((unseen+2)%4) >= side((unseen+1)%4)+side((unseen+3)%4) {
		return seen // a long side
	}
	// The far short side is the card's own when the long sides end there: a line of the card's design
	// (the edge of its portrait) has them go on beyond it.
	mid := centre(q)
	for _, c := range [2][2]int{{(unseen + 2) % 4, (unseen + 1) % 4}, {(unseen + 3) % 4, unseen}} {
		end, far := q[c[0]], q[c[1]]
		d := end.sub(far)
		if sideScore(g, end.add(d.mul(0.02)), end.add(d.mul(0.2)), mid, paper) >= 0.5 {
			return seen
		}
	}
	seen[unseen] = true
	seen[(unseen+1)%4], seen[(unseen+3)%4] = true, true
	return seen
}

// cornerAllowance is how far outside the frame, as a fraction of the document's shorter side, the
// corner of an outline may lie while the document is whole: the reach of a rounded corner
// (roundingReach) and the error of the outline's corners, which grows with the photo's blur (the
// document's blur score) up to maxCornerError at errorBlur. An outline's corners are where its sides
// meet, outside the card's rounded corners; in a soft photo (GICSD's 192-pixel video frames, blur
// 0.0027 to 0.0105) the sides are fitted to edges a few of the source's pixels wide, and whole cards
// there show corners up to 0.047 past the frame; in a sharp one a corner 0.03 past is cut off. A crop
// (its frame on the document's own edges) keeps the whole allowance: its corners on the frame's edge
// are fitted from sides that the frame cuts short.
func cornerAllowance(blur float64, crop bool) float64 {
	if crop {
		return roundingReach + maxCornerError
	}
	return roundingReach + maxCornerError*math.Min(1, math.Max(0, blur)/errorBlur)
}

const (
	// roundingReach is how far the corner where a card's sides meet lies beyond its rounded corner, as
	// a fraction of its shorter side: ID-1's 3.18 mm radius on a 54 mm side, whose arc lies up to 0.41
	// of the radius inside that point.
	roundingReach = 0.024
	// maxCornerError is the error of an outline's corner in a blurred photo, as a fraction of the
	// document's shorter side, and errorBlur the blur score from which it is counted in full: the
	// default preset's MaxBlur, where a photo is told blurred.
	maxCornerError = 0.026
	errorBlur      = 0.0024
)
