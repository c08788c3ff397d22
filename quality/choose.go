package quality

import (
	"math"
	"runtime"
	"sync"

	"gocv.io/x/gocv"
)

// Content evidence. The finder judges outlines by their shape and edges alone, and a plank, a tile or
// the blank facing page of a passport can have a document's shape. What a document has and they do
// not is print: small marks of a similar height standing side by side in lines (printMarksRows).
const (
	// rowsForPrint is the number of marks in lines from which an outline is taken to hold print. The
	// clean documents of the seed-1 corpus show 34 or more; a strongly blurred one shows almost none.
	rowsForPrint = 30
	// noPrintWeight is the share of its outline's confidence that an outline without any print keeps
	// when it runs out of the frame (its marks then decide, see minPrintMarks).
	noPrintWeight = 0.55
	// contentWeight is that share for an outline in the frame that holds dark content on a light
	// ground (contentEvidence): a card whose print a strong blur has wiped out (the blur check then
	// says why). The seed-1 corpus gives the same results for any value from 0.55 to 0.85; 0.7 is the
	// middle of that range, not a fit.
	contentWeight = 0.7
	// emptyWeight is that share for an outline in the frame that holds neither print nor dark content:
	// an even surface (a tile, a plank, a sheet of paper) outlined as sharply as a card is not one.
	emptyWeight = 0.4
	// minRowShare is the least share of marks in lines for those lines to count as print: wood grain
	// and coarse textures break into hundreds of marks of which a few line up by chance.
	minRowShare = 0.15
	// blankPrint is the print evidence below which an outline is blank, and bookletPrint the least
	// print evidence of an outline around a blank page for it to be taken as an open passport's booklet.
	blankPrint   = 0.05
	bookletPrint = 0.25
	// samePrint is the share of the most print that an outline holding all of it shows: print is
	// counted on the rectified outline, and the same characters are counted a little differently at
	// different scales.
	samePrint = 0.9
	// printBoost is how far full print raises an outline's confidence towards 1.
	printBoost = 0.4
	// unseenSideCost is the share of its rank that an outline loses for each side not seen as the
	// document's own edge (sidesSeen), when the outlines are ranked.
	unseenSideCost = 0.15
	// sureOutline is a confidence that only an outline whose sides are found along most of their
	// length, holding print, reaches.
	sureOutline = 0.9
	// underConfidence is the least confidence, as a share of an outline's in the frame, of an outline
	// inside it whose sides are seen better for the outer one to be taken as the surface under it.
	underConfidence = 0.8
)

// Ink of print (see printMarksRows). Chosen on the seed-1 corpus: the lines in sharp documents have
// 0.37 or more, the lines that wood grain makes 0.23 or less. Blur spreads the ink and lowers it
// (0.21 to 0.29 on blurred documents), so a blurred document is found by its outline alone.
const (
	inkFaint = 0.25
	inkPrint = 0.35
)

// Dark content (contentEvidence): the share of a document's pixels darker than 0.6 of its paper. The
// portrait, the lines of text and the MRZ keep their darkness when a blur wipes out the shapes of the
// characters: 0.027 to 0.081 of the blurred documents of the seed-1 corpus; the tiles and planks in
// the frame there have none. A dark pattern (a checked tablecloth, a plank's grain) covers far more.
const (
	contentMin  = 0.005 // from none ...
	contentFull = 0.02  // ... to full evidence
	contentMax  = 0.3   // from full evidence ...
	contentNone = 0.45  // ... to none: a dark pattern, not dark content on a light ground
	contentDark = 0.6   // darker than this share of the paper's grey level
)

// contentEvidence is 1 for an outline holding dark content on a light ground, as a document does
// even when its print is too blurred to be seen as characters, and 0 for an even surface or a dark
// pattern. It is weak evidence: a stain on a tile is dark content too.
func contentEvidence(st docStats) float64 {
	paper := st.percentile(0.9)
	if st.total == 0 || paper <= 0 {
		return 0
	}
	lim := int(math.Ceil(contentDark*paper)) - 1
	n := 0
	for v := 0; v <= lim && v < 256; v++ {
		n += st.hist[v]
	}
	d := float64(n) / float64(st.total)
	ramp := func(v, a, b float64) float64 { return math.Max(0, math.Min(1, (v-a)/(b-a))) }
	return ramp(d, contentMin, contentFull) * (1 - ramp(d, contentMax, contentNone))
}

// printEvidence is 0 for an outline showing no print and 1 for one showing the lines of print of a
// document. Marks of which fewer than minRowShare stand in rows are not print, however many rows they
// make: a keyboard's keys, grain or a weave, whose rows line up by chance among hundreds of marks.
// Soft print counts only for an outline in the frame (inFrame, see mostlyInFrame): one running out of
// it is as often grain or a pattern, and needs inked print. Marks count as print only as far as they
// stand out from their ground: stand is the share of those in rows that do (printMarksRows).
func printEvidence(marks, rows int, ink, stand float64, inFrame bool) float64 {
	r := float64(rows)
	if marks > 0 && r < minRowShare*float64(marks) {
		r = 0
	}
	inked := math.Max(0, math.Min(1, (ink-inkFaint)/(inkPrint-inkFaint)))
	// Soft print (a defocused or upscaled photo) spreads its ink and looks faint, but still stands in
	// lines: when most marks sit in rows, as on a document and not on grain or weave, the rows count.
	if marks > 0 && inFrame {
		share := float64(rows) / float64(marks)
		inked = math.Max(inked, softPrintWeight*math.Max(0, math.Min(1, (share-softRowShareMin)/(softRowShareFull-softRowShareMin))))
	}
	// Print stands out from the paper right around it; the blobs that grain breaks into hardly stand
	// out from the streak they lie in, however dark the streak (see printMarksRows).
	stands := math.Max(0, math.Min(1, (stand-standNone)/(standFull-standNone)))
	return math.Min(1, r/rowsForPrint) * inked * stands
}

// The share of the marks in rows that stand out from their ground (printMarksRows) from which they are
// print: none at standNone, full from standFull. Measured on the outlines chosen with print (one run):
// passport scans 0.66 or more, the corpus's documents 0.53 or more, GICSD's whole cards 0.21 or more
// (0.31 for 98 of 100) but for one frame blurred by a fast motion (0.08, found on its outline alone);
// the corpus's wooden desk without a document 0.01 to 0.08 on its boards' outlines.
const (
	standNone = 0.1
	standFull = 0.2
)

// Soft print (printEvidence): from softRowShareMin to softRowShareFull of the marks in rows, print
// evidence up to softPrintWeight whatever the ink. Grain and weave put few of their marks in rows (see
// minRowShare).
const (
	softRowShareMin  = 0.25
	softRowShareFull = 0.45
	softPrintWeight  = 0.6
)

// locate finds the document in the BGR working image and returns it rectified (nil when there is
// none). A badly blurred photo has edges too soft to be found convincingly at the usual size; when
// neither the best outline nor the choice is convincing, the search is repeated at half that size,
// where the same blur spans half as many pixels, and the more convincing of the two choices is kept.
//
// lines, when not nil, adds the segments it finds to the straight edges of both searches; its model
// sees the photo at its own size, so it runs once, beside the finder's own edge search (the two take
// about as long, and a photo is checked sooner on a second core). gray is work in grey levels.
func locate(work, gray gocv.Mat, focal, minConfidence float64, lines *lineDetector, seg *docSegmenter) (finding, *rectified) {
	var segs func() []segment
	if lines != nil {
		found := make(chan []segment, 1)
		go func() {
			// A failed detection leaves the finder with its own edges, as without the model.
			s, _ := lines.detect(work, 0)
			found <- s
		}()
		var got []segment
		done := false
		segs = func() []segment {
			if !done {
				got, done = <-found, true
			}
			return got
		}
		defer segs() // the detector reads work: it must be done before work may be closed
	}
	half := &halfFrame{work: work}
	defer half.close()
	// A failed segmentation leaves the finder as without the model.
	sm, _ := seg.segment(gray)
	fs := findDocument(work, gray, focal, minConfidence, findLongSide, segs, sm)
	weakOutline := len(fs) == 0 || fs[0].confidence < minConfidence
	f, doc := chooseDocument(work, gray, half, fs)
	if f.fullFrame || (doc != nil && f.confidence >= minConfidence && !weakOutline) {
		return f.withHeld(), doc
	}
	g, gdoc := chooseDocument(work, gray, half, findDocument(work, gray, focal, minConfidence, findLongSide/2, segs, sm))
	// An outline running out of the frame that only shows at half size is as often a plank or a pen
	// as a document: it is taken only when it shows print. One with a corner just over the frame's
	// edge is not running out of it (see mostlyInFrame).
	trusted := gdoc != nil && !g.fullFrame
	if trusted && !mostlyInFrame(g.q, work.Cols(), work.Rows()) {
		trusted = g.print >= 0.5
	}
	if trusted && (doc == nil || g.confidence > f.confidence) {
		if doc != nil {
			doc.close()
		}
		return g.withHeld(), gdoc
	}
	if gdoc != nil {
		gdoc.close()
	}
	return f.withHeld(), doc
}

// withHeld returns f with the confidence it has with the print of the outlines inside it, when that
// is higher (finding.held).
func (f finding) withHeld() finding {
	f.confidence = math.Max(f.confidence, f.held)
	return f
}

// chooseDocument picks the document among the finder's outlines and returns it rectified (nil when
// there is none). Each outline's confidence is weighed by the print seen inside it; an outline seen by
// fewer than three of its sides, or running out of the frame without print, is discounted. gray is
// work in grey levels, half work at half size (rectifyFrom).
func chooseDocument(work, grayMat gocv.Mat, half *halfFrame, fs []finding) (finding, *rectified) {
	if len(fs) == 0 {
		return finding{}, nil
	}
	if fs[0].fullFrame {
		return fs[0], rectify(work, fs[0].q, fs[0].aspect)
	}
	W, H := float64(work.Cols()), float64(work.Rows())
	margin := borderMargin * math.Max(W, H) / findLongSide // the finder's borderMargin, in working pixels
	type scored struct {
		f    finding
		doc  *rectified
		rows int
		seen int // sides seen as the document's own edges (sidesSeen)
		// weighed gives the outline's confidence for a print evidence (see weigh).
		weighed func(e float64) float64
	}
	var all []scored
	gray := inPlace(grayMat) // grayMat outlives the choice

	// weigh looks inside one outline. The outlines are weighed each on its own goroutine, as many at
	// once as there are cores: rectifying a page-sized outline of a full-resolution scan is the
	// costliest step of the choice, and the outlines do not depend on each other.
	weigh := func(f finding) scored {
		doc := rectifyFrom(work, half, f.q, f.aspect)
		// An outline with one side not seen as the document's edge has that side looked for again.
		paper := doc.stats().percentile(0.9)
		sides := sidesSeen(gray, f.q, paper)
		unseen, n := 0, 0
		for i, v := range sides {
			if !v {
				unseen, n = i, n+1
			}
		}
		// A side on the frame's edge is looked for too: it is not seen when the document goes on
		// beyond the frame (the cutoff check judges that), but also when the finder put it on the
		// frame's edge for want of the card's own side, which the search then finds inside (skipping
		// such sides told two more GICSD whole-card frames cut off).
		if n == 1 {
			// On a scan the page lies flat: its outline stays a rectangle.
			if q, ok := completeSide(gray, f.q, unseen, paper, f.stretch); ok && (!f.flat || q.squareness() <= squareTolerance) {
				// The side's corners are now where the document's own side meets its neighbours: the
				// finder's corners they replace lay on the frame's border when that side had been put
				// on what lies beyond the card up to the frame's edge, and whether the document leaves
				// the frame there is told by where the new corners lie.
				for _, k := range []int{unseen, (unseen + 1) % 4} {
					f.leaves[k] = !inFrameBy(q[k], W, H, margin)
				}
				f.q = q
				doc.close()
				doc = rectifyFrom(work, half, f.q, f.aspect)
			}
		}
		// Print and outline are two pieces of evidence: an outline weakened by a shadow or a thumb
		// across its edges is still a document when it is full of print.
		out := outside(f.q, W, H)
		marks, rows, ink, stand := printMarksRows(doc)
		e := printEvidence(marks, rows, ink, stand, mostlyInFrame(f.q, work.Cols(), work.Rows()))
		f.print = e
		w := noPrintWeight
		if !out {
			w = emptyWeight + (contentWeight-emptyWeight)*contentEvidence(doc.stats())
		}
		outline := f.confidence
		weighed := func(e float64) float64 {
			p := outline * (w + (1-w)*e)
			c := p + (1-p)*printBoost*e
			// An outline that runs out of the frame is as often a tile or a plank as a cut-off card;
			// it counts as a document only when its visible part shows print.
			if out {
				c *= math.Min(1, float64(marks)/minPrintMarks)
			}
			return c
		}
		f.confidence = weighed(e)
		seen := 0
		for _, v := range sidesSeen(gray, f.q, doc.stats().percentile(0.9)) {
			if v {
				seen++
			}
		}
		return scored{f, doc, rows, seen, weighed}
	}
	weighed := make([]*scored, len(fs))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range fs {
		if visibleSides(f.q, W, H) < 3 {
			continue
		}
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			c := weigh(f)
			weighed[i] = &c
			<-slots
		}()
	}
	wg.Wait()
	for _, c := range weighed {
		if c != nil {
			all = append(all, *c)
		}
	}
	if len(all) == 0 {
		return finding{}, nil
	}
	// An outline runs out of the frame when it has a corner beyond the frame's edge or a side along it
	// (onBorder), unless its four sides are seen as the document's own edges and its corners lie within
	// the finder's margin of the frame: a card that reaches the frame's edge has its refined corners a
	// pixel or two past it. Such an outline takes part in the print comparison below.
	runsOut := func(c scored) bool {
		if !onBorder(c.f.q, W, H) {
			return false
		}
		if c.seen < 4 {
			return true
		}
		for _, p := range c.f.q {
			if !inFrameBy(p, W, H, -margin) {
				return true
			}
		}
		return false
	}
	// An outline in the frame holds all the print of the outlines inside it. Print is counted on each
	// outline rectified to its own size, where a box of it shows its small print larger and counts
	// more marks than the whole document does (a passport's data block twice its page's): the whole
	// takes the most counted inside it.
	holds := func(c, d scored) bool { // d lies inside c
		return d.f.q.area() < c.f.q.area() && insideQuad(c.f.q, centre(d.f.q))
	}
	// heldPrint is the most print evidence of an outline in the frame and of those inside it wholly in
	// the frame: the chosen document's confidence takes it below.
	held := make([]int, len(all))
	heldPrint := make([]float64, len(all))
	for i, c := range all {
		held[i], heldPrint[i] = c.rows, c.f.print
		if runsOut(c) {
			continue
		}
		for _, d := range all {
			if holds(c, d) {
				held[i] = max(held[i], d.rows)
				if !runsOut(d) {
					heldPrint[i] = math.Max(heldPrint[i], d.f.print)
				}
			}
		}
	}
	for i := range all {
		all[i].rows = held[i]
	}
	// An outline the frame cuts that holds one wholly inside the frame, with print and sides found
	// along most of their length, is the sheet or the surface under the document (which may have print
	// of its own); so is an outline in the frame holding one whose sides are seen as edges where its
	// own are not. A cut-off card holds outlines of its own too (a block of print, the portrait's
	// frame), but their sides are not edges as long as the card's.
	under := func(c scored) bool {
		if !runsOut(c) {
			// Seen as edges, at least two sides more: a printed page under a card, a hand's edge joined
			// to the card's outline. A box of a document's own (the portrait's frame, a data block)
			// has the document's paper around it and is not seen as an edge.
			for _, d := range all {
				if holds(c, d) && d.seen >= c.seen+2 && d.rows >= rowsForPrint &&
					d.f.confidence >= underConfidence*c.f.confidence {
					return true
				}
			}
			return false
		}
		for _, d := range all {
			if !runsOut(d) && d.f.confidence >= max(c.f.confidence, sureOutline) &&
				d.rows >= rowsForPrint && insideQuad(c.f.q, centre(d.f.q)) {
				return true
			}
		}
		return false
	}
	// Among outlines with print, the one holding the most of it is the whole document; an inner box
	// (the portrait's frame, the MRZ band, a half of the card) holds only part of it. An outline that
	// runs out of the frame, or lies along its edge, is not preferred for holding more print than one
	// wholly inside it: the more may be a patterned background's (a tablecloth's weave breaks into rows
	// of marks too) or a printed sheet's under the card. Nor is one under another (under).
	maxRows := 0
	for _, c := range all {
		if !runsOut(c) && !under(c) {
			maxRows = max(maxRows, c.rows)
		}
	}
	if maxRows < rowsForPrint {
		for _, c := range all {
			maxRows = max(maxRows, c.rows)
		}
	}
	// An outline one of whose sides is not seen as an edge with the document inside it (a side on an
	// object's edge beyond the card, or on the frame's edge) is ranked below one whose four sides are
	// seen: in clutter, a card's outline is often joined to a cable or a keyboard's edge.
	rank := func(c scored) float64 {
		if under(c) {
			return 0
		}
		r := c.f.confidence * (1 - unseenSideCost*float64(4-c.seen))
		if maxRows < rowsForPrint {
			return r
		}
		return r * math.Min(1, float64(c.rows)/(samePrint*float64(maxRows)))
	}
	best := 0
	for i, c := range all {
		if rank(c) > rank(all[best]) {
			best = i
		}
	}
	// An open passport: the booklet's outline holds the data page and the facing page, each about half
	// of it and of the same shape; the data page is the half with the print.
	b := all[best]
	for i, c := range all {
		if i != best && pageOfBooklet(b.f.q, b.f.aspect, c.f.q, c.f.aspect) && c.rows >= rowsForPrint && c.rows*2 >= b.rows {
			all[i].f.confidence = math.Max(c.f.confidence, b.f.confidence)
			best = i
			break
		}
	}
	// A blank page is the facing page of an open passport whose booklet, holding the data page's
	// print, was outlined too: the booklet is the document (its data page was not outlined alone).
	// The segmenter marks the document, never a booklet around it: its outline is not one.
	if all[best].f.print < blankPrint {
		for i, c := range all {
			if !c.f.segmented && c.f.print >= bookletPrint && c.f.q.area() > all[best].f.q.area() && insideQuad(c.f.q, centre(all[best].f.q)) {
				best = i
				break
			}
		}
	}
	// The document chosen in the frame holds the print of the outlines inside it, wholly in the frame,
	// for its confidence too (held): a card far from the camera shows its print too small to be counted
	// on the whole, where its boxes of print, rectified to their own size, show it. It is taken only
	// once the choice is made (see locate): an outline around the card and what lies beside it would
	// otherwise win with the card's print.
	if c := all[best]; heldPrint[best] > c.f.print {
		all[best].f.held = c.weighed(heldPrint[best])
	}
	for i := range all {
		if i != best {
			all[i].doc.close()
		}
	}
	return all[best].f, all[best].doc
}

// inFrameShare is the share of an outline's area inside the frame from which it is taken as lying in
// the frame, not running out of it (mostlyInFrame).
const inFrameShare = 0.9

// mostlyInFrame reports whether at least inFrameShare of q's area lies inside the w x h frame. A
// card that reaches the frame's edge, or whose outline has a corner extrapolated a little past it
// (a side put on a line just beyond the card's own), is still seen nearly whole, its print with it;
// a plank, a stripe or a pen running across the frame leaves much of its outline outside.
func mostlyInFrame(q quad, w, h int) bool {
	return finderContext{w: w, h: h}.visible(q) >= inFrameShare
}
