package quality

import (
	"image"
	"math"
	"slices"
	"sort"

	"gocv.io/x/gocv"
)

// Aspect ratios (long side over short side) of the documents the finder looks for.
const (
	aspectID1 = 85.60 / 53.98 // ID-1 cards: Chinese resident ID, national ID cards, driving licences
	aspectID3 = 125.0 / 88.0  // ID-3: passport data page
)

// findLongSide is the size of the image the finder searches; corners are then refined at working size.
const findLongSide = 640

// grayImage is an 8-bit single-channel image held in Go memory.
type grayImage struct {
	w, h int
	pix  []byte
}

func newGrayImage(m gocv.Mat) grayImage {
	b := m.ToBytes()
	return grayImage{w: m.Cols(), h: m.Rows(), pix: b}
}

// inPlace is newGrayImage without the copy: m's pixels are read in place, so m must outlive the
// grayImage and stay unchanged while it is read.
func inPlace(m gocv.Mat) grayImage {
	pix, err := m.DataPtrUint8()
	if err != nil {
		pix = m.ToBytes()
	}
	return grayImage{w: m.Cols(), h: m.Rows(), pix: pix}
}

// toGray returns the BGR image m in grey levels. The caller closes it.
func toGray(m gocv.Mat) gocv.Mat {
	g := gocv.NewMat()
	gocv.CvtColor(m, &g, gocv.ColorBGRToGray)
	return g
}

func (g grayImage) at(x, y int) float64 {
	if x < 0 || y < 0 || x >= g.w || y >= g.h {
		return 0
	}
	return float64(g.pix[y*g.w+x])
}

// bilinear samples g at a fractional position; ok is false outside the image.
//
// It reads the four neighbours straight from pix (the last column and row stand in for their own
// neighbours): the refinement samples it millions of times per photo.
func (g grayImage) bilinear(p pt) (float64, bool) {
	if !(p.X >= 0 && p.Y >= 0 && p.X <= float64(g.w-1) && p.Y <= float64(g.h-1)) {
		return 0, false
	}
	x0, y0 := int(p.X), int(p.Y)
	fx, fy := p.X-float64(x0), p.Y-float64(y0)
	i, dx, dy := y0*g.w+x0, 0, 0
	if x0+1 < g.w {
		dx = 1
	}
	if y0+1 < g.h {
		dy = g.w
	}
	px := g.pix[i : i+dy+dx+1]
	a, b, c, d := float64(px[0]), float64(px[dx]), float64(px[dy]), float64(px[dy+dx])
	return a*(1-fx)*(1-fy) + b*fx*(1-fy) + c*(1-fx)*fy + d*fx*fy, true
}

// finding is the finder's answer, in working-image pixels.
type finding struct {
	found      bool
	q          quad
	confidence float64
	aspect     float64 // estimated true aspect ratio of the document
	// fullFrame is true when the photo is itself the document: a scan or a tight crop, whose outline
	// is the frame. Such a photo has no background to find the document on.
	fullFrame bool
	// frameCuts is true for a fullFrame finding whose frame does not have the document's shape (see
	// cropShapeTolerance): the frame's edges are not the document's own, and the document goes on
	// beyond some of them.
	frameCuts bool
	// print is the print evidence seen inside the outline (printEvidence), set by chooseDocument.
	print float64
	// held is the confidence of the document chosen with the print of the outlines inside it, when
	// they show more (chooseDocument); locate takes it once the choice is made.
	held float64
	// leaves marks the corners that the finder saw on the frame's border: the document touches or
	// leaves the frame there (for a three-sided outline the frame's edge stands in for its side), so
	// it is cut off at those corners wherever the refinement moved them.
	leaves [4]bool
	// stretch is the factor (x, y) that restores the frame's pixels to square, as the finder read the
	// outline (see finderContext.stretches); {1, 1} for a frame taken as the camera took it, and for
	// every finding found.
	stretch pt
	// flat is true when the frame has a document's aspect ratio (a scan or a tight crop): the page
	// lies flat on the scanner's glass, and its outline is a rectangle in the frame (see flatScore).
	flat bool
	// segmented is true for an outline of the segmenter's region of the document (fromSegMask).
	segmented bool
	// crop is true when the frame has a document's aspect ratio (a scan or a tight crop) and the
	// outline fills most of it: the frame's edges are then the crop's, which a tight crop puts on the
	// document's own edges (see cutoff).
	crop bool
}

// fullFrameTolerance is how close the frame's aspect ratio must be to a document's for a photo without
// a visible outline to be taken as a scan or a tight crop of the document.
const fullFrameTolerance = 0.04

// cropShapeTolerance is how far the aspect ratio of a frame taken as the document may be from the
// document's while its edges are the document's own. A crop at a document's edges keeps the shape of
// its ISO/IEC 7810 size: a passport's page trimmed a millimetre short of its 88 mm, cropped a few
// pixels off its edges, stays within 1.5%. A crop inside the page, cutting some of its sides, need
// not (the JPN scans of the real passport set: 2% narrower than a page). Weak where such a crop cuts
// a page in its own proportions: that one is still taken as whole.
const cropShapeTolerance = 0.015

// asFullFrame returns the frame as the document when its aspect ratio is that of a document.
func asFullFrame(w, h int) (finding, bool) {
	ar := float64(max(w, h)) / float64(min(w, h))
	for _, want := range []float64{aspectID1, aspectID3} {
		if d := ar/want - 1; d > -fullFrameTolerance && d < fullFrameTolerance {
			W, H := float64(w-1), float64(h-1)
			q := order([4]pt{{0, 0}, {W, 0}, {W, H}, {0, H}})
			return finding{found: true, q: q, confidence: 1 - d*d/(fullFrameTolerance*fullFrameTolerance), aspect: ar, stretch: pt{1, 1}, fullFrame: true,
				frameCuts: math.Abs(d) > cropShapeTolerance}, true
		}
	}
	return finding{}, false
}

type candidate struct {
	q          quad
	confidence float64
	aspect     float64
	leaves     [4]bool // see finding.leaves
	stretch    pt      // see finding.stretch
	segmented  bool    // see finding.segmented
}

// maxCandidates is the number of distinct outlines the finder hands on, best first, for the caller to
// look inside (see chooseDocument).
const maxCandidates = 4

// findDocument looks for card- or page-like quadrilaterals in the BGR working image, its long side
// reduced to target pixels, and returns up to maxCandidates distinct ones, best first by their outline
// alone. The finder treats the frame as the document (a scan) only when no outline reaches
// minConfidence. segs, when not nil, returns the line segments found in work (lineDetector) to add to
// the straight edges; it is called once the finder's own outlines are made, so that the detector can
// run meanwhile. workGray is work in grey levels.
func findDocument(work, workGray gocv.Mat, focal float64, minConfidence float64, target int, segs func() []segment, sm *segMap) []finding {
	long := max(work.Cols(), work.Rows())
	s := float64(target) / float64(long)
	small := gocv.NewMat()
	defer small.Close()
	if s < 1 {
		// Halve with a Gaussian pyramid (fast) while that keeps twice the target, then average down.
		src := work
		for max(src.Cols(), src.Rows()) >= 3*target {
			half := gocv.NewMat()
			defer half.Close()
			gocv.PyrDown(src, &half, image.Point{}, gocv.BorderDefault)
			src = half
		}
		s = float64(target) / float64(max(src.Cols(), src.Rows()))
		gocv.Resize(src, &small, imagePoint(int(float64(src.Cols())*s+0.5), int(float64(src.Rows())*s+0.5)), 0, 0, gocv.InterpolationArea)
		s = float64(small.Cols()) / float64(work.Cols())
	} else {
		s = 1
		work.CopyTo(&small)
	}
	gray := toGray(small)
	defer gray.Close()
	hsv := gocv.NewMat()
	defer hsv.Close()
	gocv.CvtColor(small, &hsv, gocv.ColorBGRToHSV)
	chans := gocv.Split(hsv)
	for i := range chans {
		defer chans[i].Close()
	}
	sat := chans[1]

	support := gocv.NewMat() // edges used to score how well a quad's sides are supported
	defer support.Close()
	blurred := gocv.NewMat()
	defer blurred.Close()
	gocv.GaussianBlur(gray, &blurred, imagePoint(5, 5), 0, 0, gocv.BorderDefault)
	gocv.Canny(blurred, &support, 20, 60)
	w, h := small.Cols(), small.Rows()
	ctx := finderContext{w: w, h: h, focal: focal * s}
	ce := colourEdges(small)
	defer ce.Close()
	// A side is supported by an edge in brightness or in colour.
	gocv.BitwiseOr(support, ce, &support)
	kernel := gocv.GetStructuringElement(gocv.MorphRect, imagePoint(3, 3))
	defer kernel.Close()
	wide := gocv.GetStructuringElement(gocv.MorphRect, imagePoint(5, 5))
	defer wide.Close()
	gocv.Dilate(support, &support, wide) // a hull lies a pixel or two off the edge it follows
	sup := newGrayImage(support)

	ctx.support = sup
	var cands []candidate
	for _, ch := range []gocv.Mat{gray, sat} {
		b := gocv.NewMat()
		gocv.GaussianBlur(ch, &b, imagePoint(5, 5), 0, 0, gocv.BorderDefault)
		// Stretch the contrast so that the edge thresholds mean the same in a dark photo.
		gocv.Normalize(b, &b, 0, 255, gocv.NormMinMax)
		for _, th := range [][2]float32{{15, 45}, {30, 90}, {60, 160}} {
			edges := gocv.NewMat()
			gocv.Canny(b, &edges, th[0], th[1])
			gocv.Dilate(edges, &edges, kernel)
			cands = append(cands, ctx.fromMask(edges)...)
			edges.Close()
		}
		for _, inv := range []bool{false, true} {
			bin := gocv.NewMat()
			typ := gocv.ThresholdBinary | gocv.ThresholdOtsu
			if inv {
				typ = gocv.ThresholdBinaryInv | gocv.ThresholdOtsu
			}
			gocv.Threshold(b, &bin, 0, 255, typ)
			open := gocv.GetStructuringElement(gocv.MorphRect, imagePoint(7, 7))
			gocv.MorphologyEx(bin, &bin, gocv.MorphClose, open)
			gocv.MorphologyEx(bin, &bin, gocv.MorphOpen, open)
			open.Close()
			cands = append(cands, ctx.fromMask(bin)...)
			bin.Close()
		}
		b.Close()
	}
	cands = append(cands, ctx.fromLevels(gray)...)
	if sm != nil {
		// The segmenter's region of the document, outlined like the masks' regions: on soft and
		// cluttered photos it holds the card where no edge or level outlines it whole. Only an outline
		// wholly in the frame is taken: where the document reaches the frame's edge, the map's coarse
		// cells do not tell whether it ends there or goes on, and the finder's own edges decide.
		m := sm.mask(w, h)
		for _, c := range ctx.fromSegMask(m) {
			if !slices.Contains(c.leaves[:], true) {
				c.segmented = true
				cands = append(cands, c)
			}
		}
		m.Close()
	}
	// The finder's own segments are found while the line detector may still be running.
	found := houghSegments(ce, max(w, h))
	var extra []segment
	if segs != nil {
		for _, sg := range segs() {
			extra = append(extra, segment{sg.a.mul(s), sg.b.mul(s)})
		}
	}
	straight := straightEdges(found, max(w, h), extra)
	colour, err := small.DataPtrUint8() // read in place: small outlives the search
	if err != nil {
		colour = small.ToBytes()
	}
	cands = append(cands, ctx.fromLines(straight, bgrImage{w: w, h: h, pix: colour})...)
	_, scan := asFullFrame(w, h)
	flat := scan
	if flat {
		// A scanner projects the page flat on its glass: the page's outline is a rectangle in the
		// frame, its corners right angles. An outline skewed from one is a side drawn on a diagonal
		// of the page's print or on the facing page's edge (see flatScore).
		for i := range cands {
			cands[i].confidence *= flatScore(cands[i].q.squareness())
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].confidence > cands[j].confidence })
	// A photo whose frame has a document's aspect ratio is a scan or a tight crop (phone photos are 4:3,
	// 3:2 or 16:9): unless the best outline, or one convincing enough to be the document, fills most of
	// it, the frame is the document and any quad inside is part of its design (the portrait, a box).
	// A page on a scanner's bed has boxes of print with sharper edges than its own.
	//
	// A page on a scanner's bed, or under its white lid, lies on an even ground: a convincing outline
	// with nothing around it but that ground is the document, however little of the frame it fills (a
	// passport page fills a fifth of an A4 scan, whose 1.414 is ID-3's shape too). Such a frame is not
	// a crop: its edges are the scanner's, not the document's.
	if scan && !fillsFrame(cands, minConfidence, float64(w*h)) {
		if !ctx.onEvenGround(cands, minConfidence) {
			ff, _ := asFullFrame(work.Cols(), work.Rows())
			return []finding{ff}
		}
		scan = false
	}
	if len(cands) == 0 || cands[0].confidence < minConfidence {
		if ff, ok := asFullFrame(work.Cols(), work.Rows()); ok {
			return []finding{ff}
		}
		if len(cands) == 0 {
			return nil
		}
	}
	// The open passport's data page first, then the other distinct outlines.
	own := slices.DeleteFunc(slices.Clone(cands), func(c candidate) bool { return c.segmented })
	if len(own) == 0 {
		own = cands
	}
	picked := []candidate{dataPage(own)}
	distinct := func(c candidate) bool {
		for _, p := range picked {
			if quadOverlap(c.q, p.q) > 0.8 {
				return false
			}
		}
		return true
	}
	for _, c := range cands {
		if len(picked) == maxCandidates {
			break
		}
		if !c.segmented && distinct(c) {
			picked = append(picked, c)
		}
	}
	// The segmenter's outlines come on top of the finder's own: they do not take the place of an
	// outline of the edges' (the page around a region the segmenter marked short of a portrait).
	for _, c := range cands {
		if c.segmented && distinct(c) {
			picked = append(picked, c)
		}
	}

	wg := gocv.NewMat()
	defer wg.Close()
	gocv.GaussianBlur(workGray, &wg, imagePoint(3, 3), 0, 0, gocv.BorderDefault)
	g := inPlace(wg) // wg outlives the refinement
	out := make([]finding, len(picked))
	for i, c := range picked {
		out[i] = finding{found: true, q: refine(g, c.q.scale(1/s)), confidence: c.confidence, aspect: c.aspect, leaves: c.leaves, stretch: c.stretch, crop: scan, flat: flat, segmented: c.segmented}
	}
	return out
}

// Flat pages. squareTolerance is how far from a right angle, in degrees, the corners of a page's
// outline on a scan may lie (a page a little askew on the glass stays a rectangle; its corners
// fitted to rounded or soft edges, a cover's fold not quite straight), and squareWidth the width of
// the Gaussian by which flatScore falls beyond it.
const (
	squareTolerance = 3.0
	squareWidth     = 5.0
)

// flatScore is the share of its confidence an outline on a scan keeps for corners skewed from right
// angles by skew degrees.
func flatScore(skew float64) float64 {
	d := math.Max(0, skew-squareTolerance)
	return math.Exp(-d * d / (2 * squareWidth * squareWidth))
}

// fillsFrame reports whether the best of cands (sorted by confidence), or one at least minConfidence,
// covers most (0.6) of a frame of the given area.
func fillsFrame(cands []candidate, minConfidence, area float64) bool {
	for i, c := range cands {
		if (i == 0 || c.confidence >= minConfidence) && c.q.area() >= 0.6*area {
			return true
		}
	}
	return false
}

// Even ground (onEvenGround): the least area of an outline, as a share of the frame's, and the most
// share of the frame around it, away from its sides by evenGroundBand of the frame's longer side,
// covered by the finder's edges (dilated). A card on an A4 scanner bed fills 0.07 of it. The ground of
// a scan (a lid, a bed, the booklet's cover and facing page beside the page) is covered on a tenth or
// less (0.035 and 0.105 on the passport scans given a white border); a document's own print and design
// around a box of it (the portrait's frame, a block of print in a crop inside the page) on about a
// third (0.36 on the JPN scans). The bound lies between the two.
const (
	evenGroundMinArea = 0.05
	evenGroundBand    = 0.03
	evenGroundEdges   = 0.2
)

// onEvenGround reports whether one of the maxCandidates best of cands (sorted by confidence) of at
// least minConfidence and evenGroundMinArea of the frame lies on an even ground: the frame around it,
// from evenGroundBand beyond its sides, covered by the finder's edges (support) on at most
// evenGroundEdges of its area.
func (c finderContext) onEvenGround(cands []candidate, minConfidence float64) bool {
	area := float64(c.w * c.h)
	band := evenGroundBand * float64(max(c.w, c.h))
	tried := 0
	for _, cd := range cands {
		if cd.confidence < minConfidence || tried == maxCandidates {
			break
		}
		if cd.q.area() < evenGroundMinArea*area {
			continue
		}
		tried++
		// The outline grown by band: its corners moved away from its centre along the diagonals.
		mid := centre(cd.q)
		var grown quad
		for i, p := range cd.q {
			d := p.sub(mid)
			grown[i] = p.add(d.mul(band * math.Sqrt2 / math.Max(1, math.Hypot(d.X, d.Y))))
		}
		// Every other pixel each way is looked at: a quarter of the frame's pixels.
		ground, edges := 0, 0
		for y := 0; y < c.h; y += 2 {
			for x := 0; x < c.w; x += 2 {
				if insideQuad(grown, pt{float64(x), float64(y)}) {
					continue
				}
				ground++
				if c.support.at(x, y) > 0 {
					edges++
				}
			}
		}
		if float64(ground) >= evenGroundMinArea*area/4 && float64(edges) <= evenGroundEdges*float64(ground) {
			return true
		}
	}
	return false
}

// quadOverlap approximates the intersection over union of two convex quads by sampling a's area.
func quadOverlap(a, b quad) float64 {
	m := squareToQuad(a)
	const n = 12
	in := 0
	for i := range n {
		for j := range n {
			if insideQuad(b, m.at((float64(i)+0.5)/n, (float64(j)+0.5)/n)) {
				in++
			}
		}
	}
	inter := a.area() * float64(in) / (n * n)
	return inter / math.Max(1e-9, a.area()+b.area()-inter)
}

// minMaskArea is the least share of the frame that a region of the masks (fromMask), and its convex
// hull, must cover to be outlined: an ID-1 card 14% of a 4:3 frame's width covers 0.0165 of it (one
// photographed from too far, which the low-resolution check is for). The hull needed 0.02 before,
// and a card under 15.5% of the width was not outlined by the masks.
const minMaskArea = 0.015

// finderContext holds what scoring a candidate needs.
type finderContext struct {
	w, h    int
	focal   float64
	support grayImage
}

// fromMask turns the outer contours of a binary mask into candidate quads.
//
// Every contour counts, holes included: a document on a busy background (a checked tablecloth, a
// hand) often joins the background's edges on the outside, but the region inside its own outline is
// still a hole of the edge map whose border follows the document's edges.
func (c finderContext) fromMask(mask gocv.Mat) []candidate {
	return c.outlineRegions(mask, gocv.RetrievalList, 0, maskEps)
}

// fromSegMask outlines the regions of the segmenter's mask (segMap.mask) that fill at least
// segSolidity of their convex hull. The mask's outline is smooth, its corners rounded by the map's
// coarse cells, so its hull is approximated by a quad more loosely than the masks' (segEps); refine
// then puts each side on the document's edge.
func (c finderContext) fromSegMask(mask gocv.Mat) []candidate {
	return c.outlineRegions(mask, gocv.RetrievalExternal, segSolidity, segEps)
}

// outlineRegions outlines the contours of mask found with mode that cover at least minMaskArea of
// the frame (fromContour).
func (c finderContext) outlineRegions(mask gocv.Mat, mode gocv.RetrievalMode, minSolidity float64, eps []float64) []candidate {
	contours := gocv.FindContours(mask, mode, gocv.ChainApproxSimple)
	defer contours.Close()
	frame := float64(c.w * c.h)
	var out []candidate
	for i := 0; i < contours.Size(); i++ {
		cv := contours.At(i)
		if gocv.ContourArea(cv) < minMaskArea*frame {
			continue
		}
		if cand, ok := c.fromContour(cv, minMaskArea*frame, minSolidity, eps); ok {
			out = append(out, cand)
		}
	}
	return out
}

// Approximating a region's hull by a quad (fromContour): the tolerances tried, as shares of the
// hull's perimeter, for the masks' regions and for the segmenter's; and the least share of its hull
// that a region of the segmenter must fill (a card joined to a sheet beside it does not).
var (
	maskEps     = []float64{0.01, 0.02, 0.03, 0.05}
	segEps      = []float64{0.02, 0.03, 0.05, 0.07, 0.1}
	segSolidity = 0.8
)

// fromContour outlines a contour by the quad of its convex hull, when the hull's area is at least
// minArea and below the frame's, and the contour fills at least minSolidity of it. The hull is
// approximated with each tolerance of epsList in turn, the first giving a quad taken.
func (c finderContext) fromContour(cv gocv.PointVector, minArea, minSolidity float64, epsList []float64) (candidate, bool) {
	hull := gocv.NewMat()
	gocv.ConvexHull(cv, &hull, true, true)
	hv := gocv.NewPointVectorFromMat(hull)
	hull.Close()
	defer hv.Close()
	ha := gocv.ContourArea(hv)
	if ha < minArea || ha > 0.97*float64(c.w*c.h) || gocv.ContourArea(cv) < minSolidity*ha {
		return candidate{}, false
	}
	peri := gocv.ArcLength(hv, true)
	for _, eps := range epsList {
		ap := gocv.ApproxPolyDP(hv, eps*peri, true)
		pts := ap.ToPoints()
		ap.Close()
		if q, three, ok := c.quadFromPolygon(pts); ok {
			return c.score(q, ha, three)
		}
	}
	return candidate{}, false
}

// Bright regions (fromLevels): a card or a page is usually lighter than what it lies on, and on a
// cluttered desk its region at one grey level or another is a solid quadrilateral of its own, where
// Otsu's single level joins it to a white paper or a cable beside it.
var (
	// levelPercentiles are the grey levels, as percentiles of the photo's histogram, at which the
	// photo is cut into light and dark.
	levelPercentiles = []float64{0.35, 0.5, 0.65, 0.8}
	// minSolidity is the least share of its convex hull that a light region must fill: a card's region
	// fills its hull; a card joined to a cable or a paper's corner does not.
	minSolidity = 0.92
)

// fromLevels outlines the solid light regions of the grey finder image at several grey levels.
func (c finderContext) fromLevels(gray gocv.Mat) []candidate {
	b := gocv.NewMat()
	defer b.Close()
	gocv.GaussianBlur(gray, &b, imagePoint(5, 5), 0, 0, gocv.BorderDefault)
	pix := inPlace(b).pix // b outlives the counting
	var hist [256]int
	for _, v := range pix {
		hist[v]++
	}
	fill := gocv.GetStructuringElement(gocv.MorphRect, imagePoint(9, 9)) // print inside the card
	defer fill.Close()
	frame := float64(c.w * c.h)
	var out []candidate
	prev := -1
	for _, pc := range levelPercentiles {
		t, n := 0, 0
		for t < 255 && float64(n+hist[t]) < pc*float64(len(pix)) {
			n += hist[t]
			t++
		}
		if t == prev {
			continue
		}
		prev = t
		bin := gocv.NewMat()
		gocv.Threshold(b, &bin, float32(t), 255, gocv.ThresholdBinary)
		gocv.MorphologyEx(bin, &bin, gocv.MorphClose, fill)
		gocv.MorphologyEx(bin, &bin, gocv.MorphOpen, fill)
		contours := gocv.FindContours(bin, gocv.RetrievalExternal, gocv.ChainApproxSimple)
		bin.Close()
		for i := 0; i < contours.Size(); i++ {
			cv := contours.At(i)
			if gocv.ContourArea(cv) < 0.03*frame {
				continue
			}
			if cand, ok := c.fromContour(cv, 0, minSolidity, maskEps); ok {
				out = append(out, cand)
			}
		}
		contours.Close()
	}
	return out
}

// quadFromPolygon returns a quad from a convex polygon: either four vertices, or a polygon cut by the
// photo's border, whose real sides (those not joining two border points) are extended to meet.
//
// When a whole side is out of the frame, three real sides remain; the frame's edge where the document
// leaves it stands in for the fourth, and threeSided is true: its corners there lie on the border and
// its aspect ratio says nothing about the document's.
func (c finderContext) quadFromPolygon(p []image.Point) (q quad, threeSided, ok bool) {
	n := len(p)
	if n < 4 || n > 8 {
		return quad{}, false, false
	}
	onBorder := func(q image.Point) bool { return c.onBorder(pt{float64(q.X), float64(q.Y)}) }
	if n == 4 {
		var v [4]pt
		for i, q := range p {
			v[i] = pt{float64(q.X), float64(q.Y)}
		}
		// A side lying along the frame's edge is where the document leaves the frame, not one of its
		// sides: the quad is three-sided, as below. With two such sides, only two of the outline's
		// are the object's own (a plank or a stripe across the frame, a corner of the table): a
		// document is seen by at least three.
		border := 0
		for i := range 4 {
			if c.alongBorder(p[i], p[(i+1)%4]) {
				border++
			}
		}
		if border > 1 {
			return quad{}, false, false
		}
		return order(v), border == 1, true
	}
	// Collect the real sides: edges that do not join two border points.
	type seg struct{ a, b pt }
	var real []seg
	for i := range n {
		a, b := p[i], p[(i+1)%n]
		if onBorder(a) && onBorder(b) {
			continue
		}
		real = append(real, seg{pt{float64(a.X), float64(a.Y)}, pt{float64(b.X), float64(b.Y)}})
	}
	// Merge nearly collinear neighbours.
	for merged := true; merged && len(real) > 4; {
		merged = false
		for i := range real {
			j := (i + 1) % len(real)
			d1, d2 := real[i].b.sub(real[i].a), real[j].b.sub(real[j].a)
			cos := (d1.X*d2.X + d1.Y*d2.Y) / (math.Hypot(d1.X, d1.Y) * math.Hypot(d2.X, d2.Y))
			if cos > math.Cos(12*math.Pi/180) && real[i].b.dist(real[j].a) < 2 {
				real[i] = seg{real[i].a, real[j].b}
				real = append(real[:j], real[j+1:]...)
				merged = true
				break
			}
		}
	}
	if len(real) == 3 && n > 3 {
		for i := range 3 {
			j := (i + 1) % 3
			if real[i].b.dist(real[j].a) > 2 { // the gap along the frame's edge
				chord := seg{real[i].b, real[j].a}
				real = append(real[:i+1], append([]seg{chord}, real[i+1:]...)...)
				threeSided = true
				break
			}
		}
	}
	if len(real) != 4 || len(real) == n {
		return quad{}, false, false
	}
	var v [4]pt
	for i := range 4 {
		l1, ok1 := fitLine([]pt{real[i].a, real[i].b})
		l2, ok2 := fitLine([]pt{real[(i+1)%4].a, real[(i+1)%4].b})
		x, ok := intersect(l1, l2)
		if !ok1 || !ok2 || !ok {
			return quad{}, false, false
		}
		// A corner extrapolated absurdly far is not a document corner.
		if x.X < -float64(c.w) || x.Y < -float64(c.h) || x.X > 2*float64(c.w) || x.Y > 2*float64(c.h) {
			return quad{}, false, false
		}
		v[i] = x
	}
	return order(v), threeSided, true
}

// borderMargin is how close to the frame's edge, in the finder's pixels, a point lies on the border.
const borderMargin = 3

// onBorder reports whether p lies on the frame's border or outside the frame.
func (c finderContext) onBorder(p pt) bool {
	const m = borderMargin
	return p.X <= m || p.Y <= m || p.X >= float64(c.w-1-m) || p.Y >= float64(c.h-1-m)
}

// alongBorder reports whether a and b lie on the same edge of the frame.
func (c finderContext) alongBorder(a, b image.Point) bool {
	const m = borderMargin
	return (a.X <= m && b.X <= m) || (a.Y <= m && b.Y <= m) ||
		(a.X >= c.w-1-m && b.X >= c.w-1-m) || (a.Y >= c.h-1-m && b.Y >= c.h-1-m)
}

// stretches are the ways the frame's pixels may have been stretched since the camera took it, as the
// factors that restore them (x, y). A camera's frame is 4:3, 3:2 or 16:9 and its pixels square; a
// square frame is a crop or a frame resized to a square (a thumbnail, an upload resized by an app or
// a dataset), whose documents then look squashed along one axis. For a square frame the finder also
// reads each outline as if the frame had been 4:3 or 16:9 either way, and keeps the reading closest
// to a document's shape.
func (c finderContext) stretches() []pt {
	if c.w != c.h {
		return []pt{{1, 1}}
	}
	return []pt{{1, 1}, {16.0 / 9, 1}, {1, 16.0 / 9}, {4.0 / 3, 1}, {1, 4.0 / 3}}
}

// maxFinderTilt is the steepest angle, in degrees, between a document and the image plane that an
// outline may imply; the tilted check's thresholds (25 to 42 degrees) lie well below it.
const maxFinderTilt = 65.0

// score rates a quad as a document: its true aspect ratio (through the camera model), how much of its
// outline lies on edges, and its size; it marks the corners that lie on the frame's border (leaves).
func (c finderContext) score(q quad, hullArea float64, threeSided bool) (candidate, bool) {
	if !q.convex() {
		return candidate{}, false
	}
	// The true aspect ratio through the assumed camera, or the plain ratio of the sides when the
	// camera's focal length differs from the assumed one: whichever is closer to a document's, under
	// each way the frame's pixels may have been stretched (see stretches).
	//
	// An outline whose perspective says the document would be turned more than maxFinderTilt away
	// from the camera is a block of text, a shadow's edge or a pattern: a card that steep is
	// unreadable and not what anyone photographs to upload. The corners of a three-sided outline on
	// the frame's edge are not the document's, so its perspective says nothing.
	aspect, da, stretch := 0.0, math.Inf(1), pt{1, 1}
	for _, st := range c.stretches() {
		sq := q.stretched(st)
		W, H := float64(c.w)*st.X, float64(c.h)*st.Y
		f := c.focal * math.Max(W, H) / float64(max(c.w, c.h))
		mid := pt{W / 2, H / 2}
		if !threeSided && tiltDegrees(sq, f, mid) > maxFinderTilt {
			continue
		}
		h, v := sq.sides()
		plain := math.Max(h, v) / math.Max(1e-9, math.Min(h, v))
		a := trueAspect(sq, f, mid)
		d := docAspectDistance(a)
		if dp := docAspectDistance(plain); dp < d {
			a, d = plain, dp
		}
		if d < da {
			aspect, da, stretch = a, d, st
		}
	}
	if math.IsInf(da, 1) {
		return candidate{}, false
	}
	var aspectScore float64
	switch {
	case threeSided:
		// Only part of the document is in the frame: its shape cannot be checked, only bounded.
		if aspect > 4 {
			return candidate{}, false
		}
		aspectScore = 0.7
	case aspect < 1.15 || aspect > 2.1:
		return candidate{}, false
	default:
		aspectScore = math.Exp(-(da * da) / (2 * 0.1 * 0.1))
	}

	// Edge support along the visible parts of the four sides.
	// A side may lie a few pixels off its edge: the polygon's vertices sit on the rounded corners'
	// arcs, not on the virtual sharp corners, so each sample looks a little across the side.
	const across = 6
	hits, total := 0, 0
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		d := b.sub(a)
		l := math.Hypot(d.X, d.Y)
		if l == 0 {
			return candidate{}, false
		}
		n := pt{-d.Y / l, d.X / l}
		for t := 0.05; t <= 0.95; t += 0.01 {
			p := a.add(d.mul(t))
			x, y := int(p.X+0.5), int(p.Y+0.5)
			if x < 2 || y < 2 || x >= c.w-2 || y >= c.h-2 {
				continue
			}
			total++
			if c.edgeNear(p, n, across) {
				hits++
			}
		}
	}
	if total < 100 {
		return candidate{}, false
	}
	supportScore := float64(hits) / float64(total)
	frame := float64(c.w * c.h)
	areaFrac := q.area() / frame
	if areaFrac > 1.5 {
		return candidate{}, false
	}
	sizeScore := math.Min(1, math.Sqrt(areaFrac/0.25))
	fill := math.Min(hullArea, q.area()) / math.Max(hullArea, q.area())
	// A quad whose corners were extrapolated far outside the frame is more often the background (a
	// tile, a plank) than a cut-off document: weigh it by the share of it that is visible.
	vis := c.visible(q)
	conf := aspectScore * supportScore * (0.5 + 0.5*sizeScore) * fill * vis * vis
	if stretch != (pt{1, 1}) {
		// Which pair of sides is the document's width is told in the frame as the camera took it.
		for i, v := range order(q.stretched(stretch)) {
			q[i] = pt{v.X / stretch.X, v.Y / stretch.Y}
		}
	}
	cand := candidate{q: q, confidence: conf, aspect: aspect, stretch: stretch}
	for i, v := range q {
		cand.leaves[i] = c.onBorder(v)
	}
	return cand, true
}

// trueAspect estimates the document's real aspect ratio (long over short) by back-projecting the quad
// onto the plane that its vanishing points define, for a pinhole camera of focal length f.
func trueAspect(q quad, f float64, c pt) float64 {
	ray := func(p pt) [3]float64 { return [3]float64{(p.X - c.X) / f, (p.Y - c.Y) / f, 1} }
	cr := func(a, b [3]float64) [3]float64 {
		return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
	}
	r := [4][3]float64{ray(q[0]), ray(q[1]), ray(q[2]), ray(q[3])}
	d1 := cr(cr(r[0], r[1]), cr(r[3], r[2]))
	d2 := cr(cr(r[0], r[3]), cr(r[1], r[2]))
	n := cr(d1, d2)
	var X [4][3]float64
	for i := range 4 {
		dot := n[0]*r[i][0] + n[1]*r[i][1] + n[2]*r[i][2]
		if dot == 0 {
			h, v := q.sides()
			return math.Max(h, v) / math.Max(1e-9, math.Min(h, v))
		}
		for k := range 3 {
			X[i][k] = r[i][k] / dot
		}
	}
	d := func(a, b [3]float64) float64 {
		return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
	}
	hz := (d(X[0], X[1]) + d(X[3], X[2])) / 2
	vt := (d(X[1], X[2]) + d(X[0], X[3])) / 2
	if hz == 0 || vt == 0 || math.IsNaN(hz) || math.IsNaN(vt) {
		return 0
	}
	return math.Max(hz, vt) / math.Min(hz, vt)
}

// refine moves each side of q onto the strongest edge near it, fitting a line to edge points sampled
// along the side away from the (possibly rounded) corners, and intersects the lines.
func refine(g grayImage, q quad) quad {
	long := q.longSide()
	reach := math.Max(4, 0.015*long)
	var lines [4]line
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		dir := b.sub(a)
		ln := math.Hypot(dir.X, dir.Y)
		if ln < 10 {
			return q
		}
		dir = dir.mul(1 / ln)
		nrm := pt{-dir.Y, dir.X}
		var pts []pt
		steps := int(ln / 3)
		for k := 0; k <= steps; k++ {
			t := 0.08 + 0.84*float64(k)/float64(max(steps, 1))
			base := a.add(b.sub(a).mul(t))
			bestG, bestO := 0.0, 0.0
			prev, okPrev := g.bilinear(base.add(nrm.mul(-reach - 1)))
			for o := -reach; o <= reach; o += 0.5 {
				cur, ok := g.bilinear(base.add(nrm.mul(o)))
				if ok && okPrev {
					if d := math.Abs(cur - prev); d > bestG {
						bestG, bestO = d, o-0.25
					}
				}
				prev, okPrev = cur, ok
			}
			if bestG >= 6 { // ignore places without a visible edge (occluded, low contrast)
				pts = append(pts, base.add(nrm.mul(bestO)))
			}
		}
		l, ok := fitLine(pts)
		if !ok || len(pts) < 8 {
			l, _ = fitLine([]pt{a, b})
			lines[i] = l
			continue
		}
		for range 3 { // drop outliers (a thumb, a pattern line) and refit
			res := make([]float64, len(pts))
			for j, p := range pts {
				res[j] = math.Abs(l.dist(p))
			}
			sorted := append([]float64(nil), res...)
			sort.Float64s(sorted)
			lim := math.Max(1.0, 2.5*sorted[len(sorted)/2])
			var keep []pt
			for j, p := range pts {
				if res[j] <= lim {
					keep = append(keep, p)
				}
			}
			if len(keep) < 8 {
				break
			}
			pts = keep
			l, _ = fitLine(pts)
		}
		lines[i] = l
	}
	var out quad
	for i := range 4 {
		x, ok := intersect(lines[(i+3)%4], lines[i])
		if !ok || x.dist(q[i]) > 0.04*long {
			return q
		}
		out[i] = x
	}
	return out
}

// docAspectDistance is how far an aspect ratio is from the nearest document aspect ratio.
func docAspectDistance(a float64) float64 {
	return math.Min(math.Abs(a-aspectID1), math.Abs(a-aspectID3))
}

// dataPage picks the document among the sorted candidates. An open passport shows two pages of the
// ID-3 size stacked into a booklet whose own outline has nearly the same aspect ratio (176 x 125 mm
// against 125 x 88 mm). When the best outline is page-shaped and a confident candidate of the same
// shape covers about half of it, that half is the data page.
func dataPage(cands []candidate) candidate {
	best := cands[0]
	for _, c := range cands[1:] {
		if c.confidence >= 0.6*best.confidence && pageOfBooklet(best.q, best.aspect, c.q, c.aspect) {
			return c
		}
	}
	return best
}

// pageOfBooklet reports whether the outline page (of aspect ratio pageAspect) is one of the two pages
// of an open passport whose outline is book (of aspect ratio bookAspect): both page-shaped, the page
// about half of the book and inside it.
func pageOfBooklet(book quad, bookAspect float64, page quad, pageAspect float64) bool {
	if math.Abs(bookAspect-aspectID3) > math.Abs(bookAspect-aspectID1) {
		return false
	}
	r := page.area() / book.area()
	if r < 0.38 || r > 0.62 || math.Abs(pageAspect-aspectID3) > 0.12 || !insideQuad(book, centre(page)) {
		return false
	}
	// The two pages share a long side of the booklet's outline: the half's long side is the
	// booklet's short side.
	bh, bv := book.sides()
	ph, pv := page.sides()
	if math.Abs(math.Max(ph, pv)/math.Min(bh, bv)-1) > 0.12 {
		return false
	}
	// and two of its corners: an inner box of a page (the portrait's frame beside the text) has the
	// shape of half of it without sharing its corners.
	shared := 0
	for _, p := range page {
		for _, b := range book {
			if p.dist(b) <= 0.04*book.longSide() {
				shared++
				break
			}
		}
	}
	return shared >= 2
}

func centre(q quad) pt {
	return pt{(q[0].X + q[1].X + q[2].X + q[3].X) / 4, (q[0].Y + q[1].Y + q[2].Y + q[3].Y) / 4}
}

// insideQuad reports whether p lies inside the convex quad q.
func insideQuad(q quad, p pt) bool {
	sign := 0.0
	for i := range 4 {
		c := q[(i+1)%4].sub(q[i]).cross(p.sub(q[i]))
		if sign == 0 {
			sign = c
		} else if (c > 0) != (sign > 0) {
			return false
		}
	}
	return true
}

// visible is the share of q's area inside the frame.
func (c finderContext) visible(q quad) float64 {
	m := squareToQuad(q)
	const n = 16
	in := 0
	for i := range n {
		for j := range n {
			p := m.at((float64(i)+0.5)/n, (float64(j)+0.5)/n)
			if p.X >= 0 && p.Y >= 0 && p.X < float64(c.w) && p.Y < float64(c.h) {
				in++
			}
		}
	}
	return float64(in) / (n * n)
}

// visibleSides counts the sides of q of which at least a quarter lies inside the w x h frame, off its
// border. A document is seen by at least three of its sides: two parallel lines running out of the
// frame (the edges of a plank, a stripe) are not evidence of one.
func visibleSides(q quad, w, h float64) int {
	const m = 3
	n := 0
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		in := 0
		for k := range 20 {
			p := a.add(b.sub(a).mul((float64(k) + 0.5) / 20))
			if p.X > m && p.Y > m && p.X < w-1-m && p.Y < h-1-m {
				in++
			}
		}
		if in >= 5 {
			n++
		}
	}
	return n
}
