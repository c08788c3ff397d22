package quality

import "math"

// The sides of an outline seen in the photo: whether each is the document's own edge (for cutoff
// and for ranking outlines), and a side looked for again when it is not.

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
		n := inward(a, b, mid).mul(-1) // outward
		const steps = 40
		seen, strip, paperLike := 0, 0, 0
		for k := range steps {
			p := a.add(d.mul(0.15 + 0.7*float64(k)/(steps-1)))
			// A side a few pixels from the frame's edge is compared with what lies between it and
			// the edge.
			if edgeAt(g, p, n, depth, paper) {
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

// sideOnBorder reports whether the side of q from corner i to corner i+1 lies along the edge of the
// w x h frame: both its ends within borderSideFraction of the frame's shorter side from that edge.
func sideOnBorder(q quad, i int, w, h float64) bool {
	along := borderSideFraction * math.Min(w, h)
	a, b := q[i], q[(i+1)%4]
	return (a.X < along && b.X < along) || (a.Y < along && b.Y < along) ||
		(a.X > w-1-along && b.X > w-1-along) || (a.Y > h-1-along && b.Y > h-1-along)
}

// onBorder reports whether q runs out of the w x h frame or has a side along its edge: a region the
// frame cuts, such as the sheet of paper or the desk under a card.
func onBorder(q quad, w, h float64) bool {
	if outside(q, w, h) {
		return true
	}
	for i := range 4 {
		if sideOnBorder(q, i, w, h) {
			return true
		}
	}
	return false
}

// sideScore is the share of the stretch from a to b (working pixels) seen as a document's edge, its
// inside towards mid: the grey level changes across it, and what lies outside is not paper.
func sideScore(g grayImage, a, b, mid pt, paper float64) float64 {
	d := b.sub(a)
	l := math.Hypot(d.X, d.Y)
	if l < 10 {
		return 0
	}
	n := inward(a, b, mid).mul(-1) // outward
	depth := math.Max(3, 0.008*float64(min(g.w, g.h)))
	const steps = 30
	seen := 0
	for k := range steps {
		p := a.add(d.mul(0.1 + 0.8*float64(k)/(steps-1)))
		if edgeAt(g, p, n, depth, paper) {
			seen++
		}
	}
	return float64(seen) / steps
}

// completedAspect is how far the ratio of a completed outline's sides may lie from a document's
// (docAspectDistance). With 0.25, and no bound on the side's angle, a side found across the card
// (from a corner to the far end of its portrait) passed; GICSD whole-card frames 48 to 43 missed with
// both bounds (and the corners' flags set again, see chooseDocument), partial frames 63 to 62 told.
const completedAspect = 0.12

// completeSide looks again for the side of q from corner i to corner i+1, when the other three sides
// are seen and it is not: in clutter, that side is often put on an object's edge beyond the card (a
// ruler, a cable), and its two corners then slide out along the neighbouring sides. The side is
// searched between the opposite side and a little beyond where it was, its corners on the lines of
// the neighbouring sides; among the positions seen as the document's edge the outermost is taken (the
// lines of print inside a card are edges too), provided the outline keeps a document's shape: the
// side within drawnSideAngle of the opposite one, the sides' ratio within completedAspect of a
// document's. stretch restores the frame's pixels to square for that shape.
func completeSide(g grayImage, q quad, i int, paper float64, stretch pt) (quad, bool) {
	prev, next := q[(i+3)%4], q[(i+2)%4] // the far ends of the neighbouring sides
	mid := centre(q)
	type pos struct{ s, u, score float64 }
	var ps []pos
	best := 0.0
	for s := 0.3; s <= 1.15; s += 0.025 {
		a := prev.add(q[i].sub(prev).mul(s))
		for u := 0.3; u <= 1.15; u += 0.025 {
			b := next.add(q[(i+1)%4].sub(next).mul(u))
			sc := sideScore(g, a, b, mid, paper)
			if sc >= sideSeenShare {
				ps = append(ps, pos{s, u, sc})
				best = math.Max(best, sc)
			}
		}
	}
	found, out := false, q
	far := 0.0
	for _, p := range ps {
		if p.score < 0.8*best || p.s+p.u <= far {
			continue
		}
		c := q
		c[i] = prev.add(q[i].sub(prev).mul(p.s))
		c[(i+1)%4] = next.add(q[(i+1)%4].sub(next).mul(p.u))
		if !c.convex() || sideAngle(c[i], c[(i+1)%4], c[(i+2)%4], c[(i+3)%4]) > drawnSideAngle {
			continue
		}
		h, v := c.stretched(stretch).sides()
		if docAspectDistance(math.Max(h, v)/math.Max(1e-9, math.Min(h, v))) > completedAspect {
			continue
		}
		found, out, far = true, c, p.s+p.u
	}
	return out, found
}

// edgeAt tells whether the document's edge is seen at p, n pointing out of the document: the grey
// level depth pixels inside and outside differ, and the outside is not the document's paper (grey
// level paper). Outside the frame, the sample is taken at the frame's edge, a pixel at least from p.
func edgeAt(g grayImage, p, n pt, depth, paper float64) bool {
	in, ok1 := g.bilinear(p.sub(n.mul(depth)))
	o := p.add(n.mul(depth))
	o = pt{math.Max(0, math.Min(float64(g.w-1), o.X)), math.Max(0, math.Min(float64(g.h-1), o.Y))}
	out, ok2 := g.bilinear(o)
	return ok1 && ok2 && o.dist(p) >= 1 && math.Abs(in-out) >= sideSeenContrast && math.Abs(out-paper) >= sideSeenContrast
}

// reachesFrame tells, for each corner of q (working pixels) lying outside the frame of g, whether the
// document is seen reaching the frame's edge there: along at least one of the two sides meeting at
// the corner, the stretch just inside the frame (reachStretch of the side) is seen as the document's
// edge (sideScore, paper the document's grey level). A document that the frame cuts shows its sides
// up to the frame's edge; an outline whose corner was extrapolated past a whole card's own (a side
// put on a thumb's or an object's edge that runs on beyond the card) shows there only what lies
// around the card. Corners inside the frame are reported reached.
func reachesFrame(g grayImage, q quad, paper float64) [4]bool {
	var out [4]bool
	w, h := float64(g.w), float64(g.h)
	mid := centre(q)
	for i, c := range q {
		if inFrame(c, w, h) {
			out[i] = true
			continue
		}
		for _, nb := range []pt{q[(i+1)%4], q[(i+3)%4]} {
			// Where the side enters the frame, walking from the corner.
			d := nb.sub(c)
			t0 := -1.0
			for t := 0.0; t <= 1; t += 0.01 {
				if inFrame(c.add(d.mul(t)), w, h) {
					t0 = t
					break
				}
			}
			if t0 < 0 || t0 > 1-reachStretch {
				continue
			}
			if sideScore(g, c.add(d.mul(t0)), c.add(d.mul(t0+reachStretch)), mid, paper) >= sideSeenShare {
				out[i] = true
				break
			}
		}
	}
	return out
}

// reachStretch is the share of a side, from where it enters the frame, in which the document's edge
// is looked for (reachesFrame).
const reachStretch = 0.15

// sideAngle is the angle in degrees between the lines through a, b and through c, d, from 0 to 90.
func sideAngle(a, b, c, d pt) float64 {
	l1, _ := fitLine([]pt{a, b})
	l2, _ := fitLine([]pt{c, d})
	return angleBetween(l1, l2)
}
