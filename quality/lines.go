package quality

import (
	"math"
	"runtime"
	"sort"

	"gocv.io/x/gocv"
)

// Outlines from straight edges. The regions that fromMask outlines merge with the background where it
// is as light as the card (a pale stripe of a tablecloth, the grout between tiles), and a card that
// runs out of the frame leaves no closed region at all. Its sides are still straight edges: the
// finder also builds outlines from the long straight edges in the photo, each side on one of them and
// the frame's edge standing in for a side out of the frame.

// edgeLine is a straight edge: the line fitted to the segments that lie on it, and the stretches of
// the line that they cover.
type edgeLine struct {
	l      line
	origin pt           // a point of l; positions along l are measured from it along dir
	dir    pt           // unit direction of l
	spans  [][2]float64 // covered stretches, sorted and disjoint
	length float64      // covered length
	border bool         // the frame's edge, not an edge in the photo
	ends   bool         // drawn through where two other edges end, not an edge in the photo
}

func (e *edgeLine) pos(p pt) float64 { return p.sub(e.origin).X*e.dir.X + p.sub(e.origin).Y*e.dir.Y }

// covered returns the covered length of the stretch from position a to b of the line.
func (e *edgeLine) covered(a, b float64) float64 {
	if a > b {
		a, b = b, a
	}
	n := 0.0
	for _, s := range e.spans {
		lo, hi := math.Max(a, s[0]), math.Min(b, s[1])
		if hi > lo {
			n += hi - lo
		}
	}
	return n
}

// Straight-edge search, in the finder's pixels (long side findLongSide).
const (
	segMinShare  = 0.06 // shortest segment, as a share of the long side: longer than a character
	segMaxGap    = 4    // gap bridged within a segment
	lineAngleTol = 2.0  // degrees between segments of one edge
	lineDistTol  = 3.0  // pixels between a segment's ends and the edge's line
	// maxEdgeLines is how many of the longest edges are kept. Clutter (a keyboard, ruled paper, a
	// ruler) has many long edges; with 24 a card's side was often not among them (GICSD: frames
	// without a document told 0.83, partial 0.94; with 32, 0.92 and 0.97, each half of the types
	// gaining or holding).
	// The quads tried grow as the fourth power: 32 costs a passport scan about 17 ms more.
	maxEdgeLines = 32
	// minSideCover is the least share of a side's visible part, away from the corners, that its edge
	// must cover for the side to be taken as seen.
	minSideCover = 0.5
)

// houghSegments finds the straight segments of a binary edge map at least segMinShare of long, the
// photo's long side in the edge map's pixels.
func houghSegments(edges gocv.Mat, long int) []segment {
	segs := gocv.NewMat()
	defer segs.Close()
	minLen := float32(segMinShare * float64(long))
	gocv.HoughLinesPWithParams(edges, &segs, 1, math.Pi/360, int(minLen/2), minLen, segMaxGap)
	out := make([]segment, 0, segs.Rows())
	for i := 0; i < segs.Rows(); i++ {
		v := segs.GetVeciAt(i, 0)
		out = append(out, segment{pt{float64(v[0]), float64(v[1])}, pt{float64(v[2]), float64(v[3])}})
	}
	return out
}

// straightEdges joins the segments found in an edge map (houghSegments), and the extra ones (from the
// line-segment detector, see lineDetector) at least segMinShare of long, into the photo's long
// straight edges, longest first. long is the photo's long side in the segments' pixels.
func straightEdges(found []segment, long int, extra []segment) []*edgeLine {
	minLen := float32(segMinShare * float64(long))
	type seg struct {
		a, b pt
		l    float64
	}
	ss := make([]seg, 0, len(found)+len(extra))
	for _, e := range found {
		ss = append(ss, seg{e.a, e.b, e.a.dist(e.b)})
	}
	for _, e := range extra {
		if l := e.a.dist(e.b); l >= float64(minLen) {
			ss = append(ss, seg{e.a, e.b, l})
		}
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].l > ss[j].l })

	type group struct {
		l   line
		pts []pt
		ss  []seg
	}
	var gs []*group
	cosTol := math.Cos(lineAngleTol * math.Pi / 180)
	for _, s := range ss {
		d := s.b.sub(s.a).mul(1 / s.l)
		var into *group
		for _, g := range gs {
			if math.Abs(d.X*g.l.b-d.Y*g.l.a) < cosTol { // direction of g is (b, -a)
				continue
			}
			if math.Abs(g.l.dist(s.a)) <= lineDistTol && math.Abs(g.l.dist(s.b)) <= lineDistTol {
				into = g
				break
			}
		}
		if into == nil {
			into = &group{}
			gs = append(gs, into)
		}
		into.ss = append(into.ss, s)
		for t := 0.0; t <= s.l; t += 4 {
			into.pts = append(into.pts, s.a.add(d.mul(t)))
		}
		into.pts = append(into.pts, s.b)
		into.l, _ = fitLine(into.pts)
	}
	var out []*edgeLine
	for _, g := range gs {
		e := &edgeLine{l: g.l, dir: pt{g.l.b, -g.l.a}}
		e.origin = pt{g.l.a * g.l.c, g.l.b * g.l.c}
		for _, s := range g.ss {
			a, b := e.pos(s.a), e.pos(s.b)
			if a > b {
				a, b = b, a
			}
			e.spans = append(e.spans, [2]float64{a, b})
		}
		sort.Slice(e.spans, func(i, j int) bool { return e.spans[i][0] < e.spans[j][0] })
		merged := e.spans[:1]
		for _, s := range e.spans[1:] {
			last := &merged[len(merged)-1]
			if s[0] <= last[1]+segMaxGap {
				last[1] = math.Max(last[1], s[1])
			} else {
				merged = append(merged, s)
			}
		}
		e.spans = merged
		for _, s := range merged {
			e.length += s[1] - s[0]
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].length > out[j].length })
	if len(out) > maxEdgeLines {
		out = out[:maxEdgeLines]
	}
	return out
}

// borderLines are the frame's four edges as lines.
func borderLines(w, h int) []*edgeLine {
	W, H := float64(w-1), float64(h-1)
	mk := func(a, b pt) *edgeLine {
		l, _ := fitLine([]pt{a, b})
		d := b.sub(a).mul(1 / a.dist(b))
		return &edgeLine{l: l, origin: a, dir: d, spans: [][2]float64{{0, a.dist(b)}}, length: a.dist(b), border: true}
	}
	return []*edgeLine{mk(pt{0, 0}, pt{W, 0}), mk(pt{W, 0}, pt{W, H}), mk(pt{0, H}, pt{W, H}), mk(pt{0, 0}, pt{0, H})}
}

// angleBetween is the angle in degrees between two lines, from 0 to 90.
func angleBetween(a, b line) float64 {
	c := math.Abs(a.a*b.a + a.b*b.b)
	return math.Acos(math.Min(1, c)) * 180 / math.Pi
}

// Opposite sides of a document in a photo are near parallel; the steepest perspective that maxFinderTilt
// allows turns them by less than this. Adjacent sides meet at more than minCornerAngle.
const (
	maxOppositeAngle = 30.0
	minCornerAngle   = 45.0
)

// fromLines builds candidate outlines from pairs of near-parallel straight edges crossing another
// such pair. A side out of the frame is the frame's edge (at most one). Every side seen in the photo
// must be covered by its edge for at least minSideCover of its visible part.
func (c finderContext) fromLines(es []*edgeLine, img bgrImage) []candidate {
	all := append(append([]*edgeLine(nil), es...), borderLines(c.w, c.h)...)
	mid := pt{float64(c.w) / 2, float64(c.h) / 2}
	type pair struct{ i, j int }
	var pairs []pair
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if all[i].border && all[j].border {
				continue
			}
			if angleBetween(all[i].l, all[j].l) > maxOppositeAngle {
				continue
			}
			// Far enough apart to be a document's opposite sides.
			foot := mid.sub(pt{all[i].l.a, all[i].l.b}.mul(all[i].l.dist(mid)))
			if math.Abs(all[j].l.dist(foot)) < 0.08*float64(max(c.w, c.h)) {
				continue
			}
			pairs = append(pairs, pair{i, j})
		}
	}
	// The pairs of pairs are tried in two runs side by side, each over a stretch of the pairs holding
	// about half of the combinations (the first pairs pair with more); their outlines are joined in
	// the order one run would give.
	quads := func(from, to int) []candidate {
		var out []candidate
		for pi := from; pi < to; pi++ {
			p := pairs[pi]
			for _, r := range pairs[pi+1:] {
				if p.i == r.i || p.i == r.j || p.j == r.i || p.j == r.j {
					continue
				}
				if angleBetween(all[p.i].l, all[r.i].l) < minCornerAngle {
					continue
				}
				nb := 0
				for _, k := range []int{p.i, p.j, r.i, r.j} {
					if all[k].border {
						nb++
					}
				}
				if nb > 1 {
					continue
				}
				// Sides in order around the quad: p.i, r.i, p.j, r.j.
				sides := [4]*edgeLine{all[p.i], all[r.i], all[p.j], all[r.j]}
				if cand, ok := c.lineQuad(sides, nb == 1, img); ok {
					out = append(out, cand)
				}
			}
		}
		return out
	}
	n := len(pairs)
	split := int(float64(n) * (1 - math.Sqrt(0.5)))
	var out []candidate
	if runtime.GOMAXPROCS(0) > 1 && split > 0 {
		second := make(chan []candidate, 1)
		go func() { second <- quads(split, n) }()
		out = quads(0, split)
		out = append(out, <-second...)
	} else {
		out = quads(0, n)
	}
	// A side against a background as light as the card (white keys, a page) may leave no straight
	// edge at all. The document's other two sides along it still end where it runs: a fourth side is
	// drawn through the ends of two opposite edges, from the edge that crosses both.
	long := float64(max(c.w, c.h))
	for _, p := range pairs {
		if all[p.i].border || all[p.j].border || angleBetween(all[p.i].l, all[p.j].l) > drawnSideAngle {
			continue
		}
		for k, e := range all {
			if e.border || k == p.i || k == p.j || angleBetween(all[p.i].l, e.l) < minCornerAngle {
				continue
			}
			a, ok1 := endFrom(all[p.i], e, 0.04*long)
			b, ok2 := endFrom(all[p.j], e, 0.04*long)
			if !ok1 || !ok2 || a.dist(b) < 0.08*long {
				continue
			}
			l, _ := fitLine([]pt{a, b})
			far := &edgeLine{l: l, origin: a, dir: b.sub(a).mul(1 / a.dist(b)), ends: true}
			if angleBetween(e.l, l) > drawnSideAngle {
				continue
			}
			sides := [4]*edgeLine{all[p.i], e, all[p.j], far}
			if cand, ok := c.lineQuad(sides, false, img); ok {
				cand.confidence *= endsWeight
				out = append(out, cand)
			}
		}
	}
	// A card on a page or a desk as light as it may show no straight edge along either short side,
	// while its long sides' edges, against what lies beyond them, end at its corners: both short
	// sides are drawn through the ends of two near-parallel edges' runs.
	for _, p := range pairs {
		ei, ej := all[p.i], all[p.j]
		if ei.border || ej.border || angleBetween(ei.l, ej.l) > drawnSideAngle {
			continue
		}
		gap := 0.04 * long
		rjs := ej.runs(gap)
		for _, ri := range ei.runs(gap) {
			if ri[1]-ri[0] < 0.08*long {
				continue
			}
			for _, rj := range rjs {
				if rj[1]-rj[0] < 0.08*long {
					continue
				}
				// The corners lie where the edges end, or up to a rounded corner's reach beyond.
				for _, ext := range []float64{0, roundedShare} {
					if cand, ok := c.endsQuad(ei, ej, ri, rj, ext, img); ok {
						out = append(out, cand)
					}
				}
			}
		}
	}
	return out
}

// runs returns the covered stretches of e joined across gaps up to maxGap.
func (e *edgeLine) runs(maxGap float64) [][2]float64 {
	var out [][2]float64
	for _, s := range e.spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1]+maxGap {
			out[n-1][1] = math.Max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// endsQuad outlines a document between the run ri of ei and the run rj of ej, two near-parallel edges,
// its other two sides drawn through the runs' ends, moved out by beyond of the runs' lengths (see
// fromLines). The runs must face each other along most of their length, and neither edge may go on
// past its run's ends: a document's side ends at its corners.
func (c finderContext) endsQuad(ei, ej *edgeLine, ri, rj [2]float64, beyond float64, img bgrImage) (candidate, bool) {
	long := float64(max(c.w, c.h))
	ext := func(e *edgeLine, r [2]float64) (pt, pt) {
		d := beyond * (r[1] - r[0])
		return e.origin.add(e.dir.mul(r[0] - d)), e.origin.add(e.dir.mul(r[1] + d))
	}
	a0, a1 := ext(ei, ri)
	b0, b1 := ext(ej, rj)
	// Where rj's ends fall along ei.
	p0, p1 := ei.pos(ej.origin.add(ej.dir.mul(rj[0]))), ei.pos(ej.origin.add(ej.dir.mul(rj[1])))
	if p0 > p1 {
		b0, b1, p0, p1 = b1, b0, p1, p0
	}
	lo, hi := math.Max(ri[0], p0), math.Min(ri[1], p1)
	if hi-lo < endsOverlap*math.Max(ri[1]-ri[0], p1-p0) {
		return candidate{}, false
	}
	for _, r := range []struct {
		e      *edgeLine
		lo, hi float64
	}{{ei, ri[0], ri[1]}, {ej, rj[0], rj[1]}} {
		past := math.Max(0.04*long, 0.15*(r.hi-r.lo))
		if r.e.covered(r.lo-past, r.lo-0.5) > 0 || r.e.covered(r.hi+0.5, r.hi+past) > 0 {
			return candidate{}, false
		}
	}
	if a0.dist(b0) < 0.08*long || a1.dist(b1) < 0.08*long {
		return candidate{}, false
	}
	drawn := func(a, b pt) *edgeLine {
		l, _ := fitLine([]pt{a, b})
		return &edgeLine{l: l, origin: a, dir: b.sub(a).mul(1 / a.dist(b)), ends: true}
	}
	left, right := drawn(a0, b0), drawn(a1, b1)
	if angleBetween(left.l, right.l) > drawnSideAngle || angleBetween(ei.l, left.l) < minCornerAngle || angleBetween(ei.l, right.l) < minCornerAngle {
		return candidate{}, false
	}
	cand, ok := c.lineQuad([4]*edgeLine{ei, right, ej, left}, false, img)
	if !ok {
		return candidate{}, false
	}
	cand.confidence *= endsWeight * endsWeight
	return cand, true
}

// roundedShare is how far beyond the end of a side's straight edge its corner may lie, as a share of
// the edge's length: ID-1's 3.18 mm corner radius is 3.7% of its 85.6 mm side, and the segments found
// along an edge may fade before its curve or run on into it.
const roundedShare = 0.03

// endsOverlap is the least share of the longer of two runs that the shorter must face for both ends
// of a document to be drawn through theirs (endsQuad).
const endsOverlap = 0.7

// supported is the share of the side from a to b, away from its corners, along which the finder's edge
// map (dilated) has an edge within a few pixels.
func (c finderContext) supported(a, b pt) float64 {
	d := b.sub(a)
	l := math.Hypot(d.X, d.Y)
	if l == 0 {
		return 0
	}
	n := pt{-d.Y / l, d.X / l}
	hits, total := 0, 0
	for t := 0.1; t <= 0.9; t += 0.02 {
		p := a.add(d.mul(t))
		if p.X < 0 || p.Y < 0 || p.X > float64(c.w-1) || p.Y > float64(c.h-1) {
			continue
		}
		total++
		if c.edgeNear(p, n, 3) {
			hits++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(hits) / float64(total)
}

// edgeNear reports whether the finder's edge map has an edge within across pixels of p along n (a
// unit vector across a side).
func (c finderContext) edgeNear(p, n pt, across int) bool {
	for o := -across; o <= across; o++ {
		s := p.add(n.mul(float64(o)))
		if c.support.at(int(s.X+0.5), int(s.Y+0.5)) > 0 {
			return true
		}
	}
	return false
}

// inwards returns the side from a to b (side i of the quad v) moved inside the quad by a twentieth of
// the neighbouring side's length, at least 6 pixels: along a document's margin.
func inwards(a, b pt, v [4]pt, i int) (pt, pt) {
	n := inward(a, b, centre(quad(v)))
	off := math.Max(6, 0.05*v[(i+1)%4].dist(v[(i+2)%4]))
	return a.add(n.mul(off)), b.add(n.mul(off))
}

// endsContrast is how much larger a share of a side drawn through where edges end (fromLines) must
// be found on the edge map than of the same line moved inwards (inwards).
const endsContrast = 0.15

// drawnSideAngle bounds the angle in degrees between a side not seen as a straight edge (drawn through
// where two edges end, or looked for again by completeSide) and the side opposite it, and between the
// two edges whose ends draw a side: a document seen at an angle the tilted check passes turns opposite
// sides by less.
const drawnSideAngle = 15.0

// endsWeight is the share of its confidence that an outline keeps when one of its sides is drawn
// through where two edges end (fromLines) rather than seen as an edge.
const endsWeight = 0.8

// endFrom returns the far end of the covered stretch of e that starts at its crossing with the edge
// from. The spans of e are joined into runs across gaps up to maxGap (print or a reflection breaks an
// edge); the run must begin at the crossing, or short of it by at most maxGap or 0.3 of its length (a
// thumb over the corner), and its other end is the one returned, provided e does not go on beyond it
// within that much (a page's or a keyboard's edge broken by the card lying across it).
func endFrom(e, from *edgeLine, maxGap float64) (pt, bool) {
	x, ok := intersect(e.l, from.l)
	if !ok || len(e.spans) == 0 {
		return pt{}, false
	}
	t := e.pos(x)
	// beyond tells whether e covers any of the stretch from a to b.
	beyond := func(a, b float64) bool { return e.covered(a, b) > 0 }
	try := func(lo, hi float64) (float64, bool) {
		slack := math.Max(maxGap, 0.3*(hi-lo))
		switch {
		case t >= lo-slack && t <= lo+maxGap && hi-t >= 2*maxGap && !beyond(hi+0.5, hi+slack):
			return hi, true
		case t <= hi+slack && t >= hi-maxGap && t-lo >= 2*maxGap && !beyond(lo-slack, lo-0.5):
			return lo, true
		}
		return 0, false
	}
	for _, r := range e.runs(maxGap) {
		if end, ok := try(r[0], r[1]); ok {
			return e.origin.add(e.dir.mul(end)), true
		}
	}
	return pt{}, false
}

// lineQuad turns four lines, in order around a quad, into a candidate when the quad looks like a
// document's outline: at least two corners in the frame, every side seen in the frame covered by its
// edge, the sides that meet the frame's edge running into it, and paper of one colour inside each side
// and at a margin's depth. Each end of a side whose edge runs on past the corner lowers the confidence.
func (c finderContext) lineQuad(sides [4]*edgeLine, threeSided bool, img bgrImage) (candidate, bool) {
	var v [4]pt
	for i := range 4 {
		x, ok := intersect(sides[i].l, sides[(i+1)%4].l)
		if !ok || x.X < -float64(c.w) || x.Y < -float64(c.h) || x.X > 2*float64(c.w) || x.Y > 2*float64(c.h) {
			return candidate{}, false
		}
		v[(i+1)%4] = x // corner between side i and side i+1 starts side i+1
	}
	q := quad(v)
	if !q.convex() {
		return candidate{}, false
	}
	// Of a document, at least two corners are in the frame: an outline of lines that all run out of
	// it is a pattern's (a document that large is not what anyone photographs to upload).
	inFrame := 0
	for _, p := range v {
		if !c.onBorder(p) {
			inFrame++
		}
	}
	if inFrame < 2 {
		return candidate{}, false
	}
	W, H := float64(c.w), float64(c.h)
	for i := range 4 {
		e := sides[i]
		a, b := v[i], v[(i+1)%4]
		if e.border {
			continue
		}
		if e.ends {
			// Not a straight edge, but edges must still be found along most of it, and far fewer a
			// little way inside it (a document's margin): in a texture (wood grain, a weave) edges
			// are found everywhere.
			sup := c.supported(a, b)
			if sup < minSideCover || sup-c.supported(inwards(a, b, v, i)) < endsContrast {
				return candidate{}, false
			}
			continue
		}
		// The visible part of the side, away from the (rounded) corners.
		const n = 40
		in, cov := e.coverage(a, b, 0.08, 0.92, n, W, H)
		if float64(in) < 0.25*n || float64(cov) < minSideCover*float64(in) {
			return candidate{}, false
		}
		// A document that leaves the frame is seen up to the frame's edge: the sides that meet the
		// frame there run into it (a card whose fourth side is hidden under a thumb does not).
		if sides[(i+3)%4].border {
			if in, cov := e.coverage(a, b, 0, 0.15, 10, W, H); cov*2 <= in {
				return candidate{}, false
			}
		}
		if sides[(i+1)%4].border {
			if in, cov := e.coverage(a, b, 0.85, 1, 10, W, H); cov*2 <= in {
				return candidate{}, false
			}
		}
	}
	// Along the inside of each side lies the document's paper, of one colour (a shadow darkens it
	// but keeps its colour), and it runs a little way in before any print (a margin). The lines of a
	// checked cloth or a tiled floor have blocks of other colours along them; a block of print
	// outlined by the ends of its lines has print right inside.
	mid := centre(q)
	h, vv := q.sides()
	margin := math.Max(evenDepth+2, marginShare*math.Min(h, vv))
	for i := range 4 {
		if sides[i].border {
			continue
		}
		if !img.evenAlong(v[i], v[(i+1)%4], mid, evenDepth) || !img.evenAlong(v[i], v[(i+1)%4], mid, margin) {
			return candidate{}, false
		}
	}
	// A side of a document ends at its corners; a line of a tiled floor, a stripe or a line of text
	// runs on past them.
	runs := 0
	for i := range 4 {
		e := sides[i]
		if e.border {
			continue
		}
		a, b := v[i], v[(i+1)%4]
		for _, end := range [2][2]pt{{a, b}, {b, a}} {
			if e.runsOn(end[0], end[1], W, H) {
				runs++
			}
		}
	}
	q = order(v)
	cand, ok := c.score(q, q.area(), threeSided)
	if !ok {
		return candidate{}, false
	}
	cand.confidence *= math.Pow(runOnWeight, float64(runs))
	return cand, true
}

// colourEdges is the union of the Canny edges of the BGR image's three channels: a card may differ
// from its background in colour more than in brightness (a bluish card on a pink cloth).
func colourEdges(bgr gocv.Mat) gocv.Mat {
	out := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(0, 0, 0, 0), bgr.Rows(), bgr.Cols(), gocv.MatTypeCV8U)
	chans := gocv.Split(bgr)
	e := gocv.NewMat()
	defer e.Close()
	for _, ch := range chans {
		gocv.GaussianBlur(ch, &ch, imagePoint(5, 5), 0, 0, gocv.BorderDefault)
		gocv.Canny(ch, &e, 20, 60)
		gocv.BitwiseOr(out, e, &out)
		ch.Close()
	}
	return out
}

// runOnWeight is the share of its confidence that an outline keeps for each end of a side whose edge
// runs on past the corner (edgeLine.runsOn).
const runOnWeight = 0.8

// runOnCover is the share of the stretch past a corner that an edge must cover to run on: the
// straight segments found along an edge leave gaps.
const runOnCover = 0.4

// runsOn reports whether the edge continues past the corner end of the side from far to end: it
// covers more than runOnCover of the stretch beyond the corner from 3% to 15% of the side's length,
// or of the stretch from 5% to 25%, within the frame. The stretches start a little past the corner:
// where lines cross (the grout of a tiled floor), neither has an edge; the longer one bridges the
// gaps that the straight segments found along an edge leave, the shorter one sees a side of a box on
// a document run on to the document's corner close by.
func (e *edgeLine) runsOn(end, far pt, w, h float64) bool {
	d := end.sub(far)
	l := math.Hypot(d.X, d.Y)
	u := d.mul(1 / l)
	for _, s := range [2][2]float64{{0.03, 0.15}, {0.05, 0.25}} {
		in, cov := e.coverage(end.add(u.mul(s[0]*l)), end.add(u.mul(s[1]*l)), 0, 1, 10, w, h)
		if in >= 5 && float64(cov) > runOnCover*float64(in) {
			return true
		}
	}
	return false
}

// bgrImage is an 8-bit BGR image held in Go memory.
type bgrImage struct {
	w, h int
	pix  []byte
}

// colour returns the colour at (x, y): its brightness (the sum of its channels) and its shares of
// blue and green.
func (g bgrImage) colour(x, y int) (sum, b, gr float64) {
	x, y = max(0, min(g.w-1, x)), max(0, min(g.h-1, y))
	i := 3 * (y*g.w + x)
	sum = float64(g.pix[i]) + float64(g.pix[i+1]) + float64(g.pix[i+2])
	if sum == 0 {
		return 0, 1.0 / 3, 1.0 / 3
	}
	return sum, float64(g.pix[i]) / sum, float64(g.pix[i+1]) / sum
}

// Evenness of the inside of a side (evenAlong).
const (
	evenDepth    = 3    // pixels inside the side
	marginShare  = 0.02 // of the document's shorter side: its margin, which holds no print
	minChromaSum = 60   // darker pixels have no reliable colour
	chromaTol    = 0.05 // colour share difference within one paper
	// A shadow across a document darkens part of a side; a checked pattern's black and white
	// squares differ far more.
	minBrightness = 0.45 // of the side's median
	maxBrightness = 1.8
	maxUneven     = 0.25 // share of the side's samples of another colour or brightness
)

// evenAlong reports whether the line depth pixels inside the side from a to b (towards mid) is of one
// colour: at most maxUneven of it differs in colour or brightness from most of it.
func (g bgrImage) evenAlong(a, b, mid pt, depth float64) bool {
	d := b.sub(a)
	n := inward(a, b, mid)
	// At most 41 samples: room for them on the stack (the finder calls this for every outline it
	// builds from straight edges).
	ss, bs, gs := make([]float64, 0, 48), make([]float64, 0, 48), make([]float64, 0, 48)
	for t := 0.1; t <= 0.9; t += 0.02 {
		p := a.add(d.mul(t)).add(n.mul(depth))
		if p.X < 0 || p.Y < 0 || p.X > float64(g.w-1) || p.Y > float64(g.h-1) {
			continue
		}
		s, cb, cg := g.colour(int(p.X+0.5), int(p.Y+0.5))
		ss, bs, gs = append(ss, s), append(bs, cb), append(gs, cg)
	}
	if len(ss) < 8 {
		return true // too little in the frame to tell
	}
	if even(ss, bs, gs) {
		return true
	}
	// A shadow darkens one stretch of the side, which is then judged on the rest of it; a pattern's
	// dark squares or stripes alternate with its light ones.
	lit, ok := shadowed(ss)
	if !ok {
		return false
	}
	k := 0
	for i := range ss {
		if ss[i] >= lit {
			ss[k], bs[k], gs[k] = ss[i], bs[i], gs[i]
			k++
		}
	}
	return even(ss[:k], bs[:k], gs[:k])
}

// even reports whether at most maxUneven of the samples of a side's inside (brightness ss, shares of
// blue bs and green gs) differ in brightness or colour from most of them, or, on paper printed in a
// sweep of colour (the iridescent ground of many ID cards and passport pages), from the colour that
// changes steadily along the side. A checked or striped pattern's colours alternate: no steady
// change fits them.
func even(ss, bs, gs []float64) bool {
	ms := median(ss)
	most := maxUneven * float64(len(ss))
	if float64(uneven(ss, bs, gs, ms, median(bs), 0, median(gs), 0)) <= most {
		return true
	}
	b0, b1, g0, g1, ok := sweep(ss, bs, gs)
	return ok && float64(uneven(ss, bs, gs, ms, b0, b1, g0, g1)) <= most
}

// uneven counts the samples of a side's inside (as in even) off the paper: in brightness, against
// the side's median ms, or in colour, against the shares of blue b0+b1*i and green g0+g1*i at sample i.
func uneven(ss, bs, gs []float64, ms, b0, b1, g0, g1 float64) int {
	n := 0
	for i := range ss {
		switch {
		case ss[i] < minBrightness*ms || ss[i] > maxBrightness*ms:
			n++
		case ss[i] >= minChromaSum && ms >= minChromaSum &&
			math.Abs(bs[i]-b0-b1*float64(i))+math.Abs(gs[i]-g0-g1*float64(i)) > chromaTol:
			n++
		}
	}
	return n
}

// sweep fits the shares of blue and green along a side's inside (as in even) with straight lines,
// b0+b1*i and g0+g1*i at sample i, by least squares over the samples bright enough to have a colour;
// ok is false when fewer than a fifth of them are.
func sweep(ss, bs, gs []float64) (b0, b1, g0, g1 float64, ok bool) {
	var n, si, sii, sb, sib, sg, sig float64
	for i, s := range ss {
		if s < minChromaSum {
			continue
		}
		f := float64(i)
		n, si, sii = n+1, si+f, sii+f*f
		sb, sib, sg, sig = sb+bs[i], sib+f*bs[i], sg+gs[i], sig+f*gs[i]
	}
	d := n*sii - si*si
	if n < 0.2*float64(len(ss)) || d == 0 {
		return 0, 0, 0, 0, false
	}
	b1, g1 = (n*sib-si*sb)/d, (n*sig-si*sg)/d
	return (sb - b1*si) / n, b1, (sg - g1*si) / n, g1, true
}

// shadowed reports whether the brightness samples ss along a side's inside show a shadow: those darker
// than minBrightness of the brightest (its 90th percentile) lie in one stretch (gaps of a sample
// allowed), none darker than shadowFloor of it, with at least minLit samples outside it. lit is the
// least brightness of the samples outside it.
func shadowed(ss []float64) (lit float64, ok bool) {
	top := kth(ss, int(0.9*float64(len(ss))))
	lit = minBrightness * top
	runs, n, last := 0, 0, -3
	for i, s := range ss {
		if s >= lit {
			n++
			continue
		}
		if s < shadowFloor*top {
			return 0, false
		}
		if i > last+2 {
			runs++
		}
		last = i
	}
	return lit, runs == 1 && n >= minLit
}

// Shadows along a side (shadowed): shadowFloor is the darkest share of the paper's brightness that a
// shadow leaves (a strong shadow over a white card keeps a fifth of its light, a black object or
// background less), and minLit the least number of samples outside it.
const (
	shadowFloor = 0.2
	minLit      = 8
)

// median returns the element of v at index len(v)/2 once sorted, v holding no NaN. It selects that
// element (Hoare's selection) in a copy of v instead of sorting it: same value, a fraction of the work.
func median(v []float64) float64 { return kth(v, len(v)/2) }

// kth returns the element of v at index k once sorted, v holding no NaN, selected as median does.
func kth(v []float64, k int) float64 {
	var buf [48]float64
	s := append(buf[:0], v...)
	lo, hi := 0, len(s)-1
	for lo < hi {
		pivot := s[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for s[i] < pivot {
				i++
			}
			for s[j] > pivot {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return s[k]
		}
	}
	return s[k]
}

// coverage samples n points of the stretch from t0 to t1 of the side from a to b that lies on e and
// returns how many lie in the w x h frame and how many of those e covers.
func (e *edgeLine) coverage(a, b pt, t0, t1 float64, n int, w, h float64) (in, cov int) {
	pa, pb := e.pos(a), e.pos(b)
	step := math.Abs(pb-pa) * (t1 - t0) / float64(n)
	for k := range n {
		t := t0 + (t1-t0)*(float64(k)+0.5)/float64(n)
		p := a.add(b.sub(a).mul(t))
		if p.X < 0 || p.Y < 0 || p.X > w-1 || p.Y > h-1 {
			continue
		}
		in++
		s := pa + (pb-pa)*t
		if e.covered(s-step/2, s+step/2) > 0.5*step {
			cov++
		}
	}
	return in, cov
}
