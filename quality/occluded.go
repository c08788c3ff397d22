package quality

import (
	"image"
	"math"
	"runtime"
	"sort"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// The occlusion check looks for something lying over the document and reaching in across its
// outline: a finger, a thumb, a hand, a pen. It works on the document warped together with a band of
// the photo around it (occlusionWidth wide, occlusionBand of its height beyond each side), so that it
// can tell an object that crosses the outline from print, which stays inside it.
const (
	occlusionWidth = 400
	// occlusionBand is the band of photo kept around the document, as a fraction of its height.
	occlusionBand = 0.12
	// occlusionMargin is the document's own margin, as a fraction of its height: a card is held by
	// its edges, and fingers on the margin cover nothing. Only what reaches past it counts.
	occlusionMargin = 0.08
	// occlusionCorner is the side of a corner's square, as a fraction of the document's height.
	occlusionCorner = 0.1
	// occlusionObject is the narrowest object counted, as a fraction of the document's height:
	// masks are opened with a disc this wide, which removes print strokes (even a title's) and keeps
	// fingers (about a third of a card's height) and pens (a sixth).
	occlusionObject = 0.05
	// maxSkinPaper: when more of the document than this is skin-coloured, its paper or print is, and
	// skin colour tells nothing.
	maxSkinPaper = 0.3
	// maxBackground is the largest share of the band around the document that an object may fill:
	// one that fills more is the background (a wooden table, a dark desk), not something lying on the
	// document. A hand holding the card may fill more of the band than a pen, hence two limits.
	maxBackgroundSkin = 0.5
	maxBackgroundDark = 0.35
)

// occluded measures how much of the document's print is covered by objects that cross its outline:
// skin-coloured regions (fingers, a hand; YCrCb skin range, off when the document itself is
// skin-coloured or the photo has no colour) and dark regions much darker than the paper (a pen, a
// phone, a dark object). Score is the covered fraction of the print area (the document less its
// margin band); a corner whose square is covered more than MaxCornerCover is named in Corners and
// fails the check too. A printed portrait has skin tones but lies inside the outline and is not
// counted; fingers that stay on the margin are not counted either.
func occluded(work gocv.Mat, q quad, doc *rectified, o Options, photoQ quad) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodeOccluded, Threshold: o.MaxOccluded}
	if work.Empty() || work.Channels() != 3 || work.Type() != gocv.MatTypeCV8UC3 || doc == nil || doc.w == 0 {
		return m
	}
	dw := occlusionWidth
	dh := int(math.Round(float64(dw) * float64(doc.h) / float64(doc.w)))
	band := int(math.Round(occlusionBand * float64(dh)))
	W, H := dw+2*band, dh+2*band
	from := gocv.NewPoint2fVectorFromPoints([]gocv.Point2f{
		{X: float32(q[0].X), Y: float32(q[0].Y)}, {X: float32(q[1].X), Y: float32(q[1].Y)},
		{X: float32(q[2].X), Y: float32(q[2].Y)}, {X: float32(q[3].X), Y: float32(q[3].Y)},
	})
	defer from.Close()
	b0, b1x, b1y := float32(band), float32(band+dw-1), float32(band+dh-1)
	to := gocv.NewPoint2fVectorFromPoints([]gocv.Point2f{{X: b0, Y: b0}, {X: b1x, Y: b0}, {X: b1x, Y: b1y}, {X: b0, Y: b1y}})
	defer to.Close()
	tm := gocv.GetPerspectiveTransform2f(from, to)
	defer tm.Close()
	img := gocv.NewMat()
	defer img.Close()
	gocv.WarpPerspective(work, &img, tm, image.Pt(W, H))
	if img.Empty() || img.Cols() != W || img.Rows() != H {
		return m
	}
	ycc := gocv.NewMat()
	defer ycc.Close()
	gocv.CvtColor(img, &ycc, gocv.ColorBGRToYCrCb)
	px := ycc.ToBytes()

	// Which pixels came from the photo: the warp's inverse maps each back into the frame or not.
	valid := make([]bool, W*H)
	hm := squareToQuad(q)
	fw, fh := float64(work.Cols()-1), float64(work.Rows()-1)
	u0, u1 := float64(-band)/float64(dw-1), float64(W-1-band)/float64(dw-1)
	v0, v1 := float64(-band)/float64(dh-1), float64(H-1-band)/float64(dh-1)
	outer := quad{hm.at(u0, v0), hm.at(u1, v0), hm.at(u1, v1), hm.at(u0, v1)}
	// The denominator of the homography is linear in (u, v): of one sign at the four corners, it is of
	// that sign over the whole area, whose image is then the convex quad outer.
	w := func(u, v float64) float64 { return hm[6]*u + hm[7]*v + hm[8] }
	sameSign := w(u0, v0)*w(u1, v0) > 0 && w(u0, v0)*w(u1, v1) > 0 && w(u0, v0)*w(u0, v1) > 0
	if sameSign && outer.convex() && within(outer, fw, fh) { // the whole warped area is in the frame
		for i := range valid {
			valid[i] = true
		}
	} else {
		for y := range H {
			v := float64(y-band) / float64(dh-1)
			for x := range W {
				p := hm.at(float64(x-band)/float64(dw-1), v)
				valid[y*W+x] = p.X >= 0 && p.Y >= 0 && p.X <= fw && p.Y <= fh
			}
		}
	}
	inDoc := func(x, y int) bool { return x >= band && y >= band && x < band+dw && y < band+dh }

	// Paper brightness: a high percentile of the document's luma.
	var hist [256]int
	nDoc, nSkinDoc := 0, 0
	skin := make([]byte, W*H)
	dark := make([]byte, W*H)
	for y := range H {
		for x := range W {
			i := y*W + x
			if !valid[i] {
				continue
			}
			Y, cr, cb := px[3*i], px[3*i+1], px[3*i+2]
			if Y > 40 && cr >= 138 && cr <= 175 && cb >= 77 && cb <= 127 {
				skin[i] = 255
			}
			if inDoc(x, y) {
				hist[Y]++
				nDoc++
				if skin[i] != 0 {
					nSkinDoc++
				}
			}
		}
	}
	if nDoc == 0 {
		return m
	}
	acc, paper := 0, 255
	for v := range 256 {
		acc += hist[v]
		if acc > nDoc*9/10 {
			paper = v
			break
		}
	}
	darkLevel := byte(math.Min(0.4*float64(paper), 70))
	for i := range dark {
		if valid[i] && px[3*i] < darkLevel {
			dark[i] = 255
		}
	}
	useSkin := float64(nSkinDoc)/float64(nDoc) <= maxSkinPaper

	k := max(3, int(math.Round(occlusionObject*float64(dh))))
	mg := int(math.Round(occlusionMargin * float64(dh)))
	print := image.Rect(band+mg, band+mg, band+dw-mg, band+dh-mg)
	// cover and skinCover: dark and skin-coloured objects that reach into the print; edge: objects
	// that cross the outline but stay in the margin, which count only where they hide a corner.
	cover := make([]bool, W*H)
	skinCover := make([]bool, W*H)
	edge := make([]bool, W*H)
	if useSkin {
		objects(skin, W, H, k, valid, band, dw, dh, print, maxBackgroundSkin, skinCover, edge)
	}
	// A dark region in the margin at a corner is the document's own print (an emblem, a photo's edge)
	// as often as an object: only skin-coloured ones are taken as a fingertip over the corner.
	objects(dark, W, H, k, valid, band, dw, dh, print, maxBackgroundDark, cover, nil)

	// Score: the covered share of the document. A skin-coloured object that reaches into the print
	// (a finger from the side, a copper or brass coin over the edge) covers the margin it lies across
	// as well, so all of it counts, over the whole document. Dark objects count over the print area
	// only: dark clutter beside the document (a keyboard, a cable, a checked tablecloth) is what an
	// outline a little too large takes in, along its edge, and on real phone frames such outlines
	// made the dark cue fire.
	share := func(r image.Rectangle, c []bool) float64 {
		n, k := 0, 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if valid[y*W+x] {
					n++
					if c[y*W+x] {
						k++
					}
				}
			}
		}
		if n == 0 {
			return 0
		}
		return float64(k) / float64(n)
	}
	m.Score = round3(max(share(image.Rect(band, band, band+dw, band+dh), skinCover), share(print, cover)))
	for i, v := range skinCover {
		cover[i] = cover[i] || v
	}
	// Corners: the share of each corner's square that is covered.
	cs := max(2, int(math.Round(occlusionCorner*float64(dh))))
	corners := [4]struct {
		name string
		r    image.Rectangle
	}{
		{"top_left", image.Rect(band, band, band+cs, band+cs)},
		{"top_right", image.Rect(band+dw-cs, band, band+dw, band+cs)},
		{"bottom_right", image.Rect(band+dw-cs, band+dh-cs, band+dw, band+dh)},
		{"bottom_left", image.Rect(band, band+dh-cs, band+cs, band+dh)},
	}
	for _, cr := range corners {
		n, c := 0, 0
		for y := cr.r.Min.Y; y < cr.r.Max.Y; y++ {
			for x := cr.r.Min.X; x < cr.r.Max.X; x++ {
				if valid[y*W+x] {
					n++
					if cover[y*W+x] || edge[y*W+x] {
						c++
					}
				}
			}
		}
		if n > cs*cs/2 && float64(c)/float64(n) > o.MaxCornerCover {
			m.Corners = append(m.Corners, cr.name)
			for y := cr.r.Min.Y; y < cr.r.Max.Y; y++ {
				for x := cr.r.Min.X; x < cr.r.Max.X; x++ {
					cover[y*W+x] = cover[y*W+x] || edge[y*W+x]
				}
			}
		}
	}
	m.Failed = m.Score > o.MaxOccluded || len(m.Corners) > 0
	if m.Failed {
		// Regions: the bounding boxes of the covered parts of the document, in photo pixels.
		sx, sy := float64(doc.w)/float64(dw), float64(doc.h)/float64(dh)
		for _, b := range boxes(cover, W, H, image.Rect(band, band, band+dw, band+dh)) {
			r := image.Rect(int(float64(b.Min.X-band)*sx), int(float64(b.Min.Y-band)*sy),
				int(math.Ceil(float64(b.Max.X-band)*sx)), int(math.Ceil(float64(b.Max.Y-band)*sy)))
			m.Regions = append(m.Regions, doc.toPhoto(r, photoQ))
		}
	}
	return m
}

// onTrustedOutline returns occ unfailed, without its corners and regions, when the document's outline
// is doubtful: a corner out of the frame (cut failed) or a steep angle (tilt failed). On the real phone
// frames of gicsd-dev nearly every occlusion reported on a visible document came from an outline
// that cut through the document or ran into the background beside it, so that the document's own
// print, or the clutter beside it, seemed to cross it. Such a photo is retaken for its cutoff or tilt
// anyway, and the next one is judged. The score is kept.
func onTrustedOutline(occ, cut, tilt precheck.Measure) precheck.Measure {
	if cut.Failed || tilt.Failed {
		occ.Failed, occ.Corners, occ.Regions = false, nil, nil
	}
	return occ
}

// objects opens mask (W x H, 0 or 255) with a disc k pixels wide, labels what is left and marks in
// cover the pixels inside the document of every region that crosses the document's outline and
// reaches into its print: present in the band around the document and in print, and filling no
// more than maxBackground of the band (else it is the background). A region that crosses the outline
// but stays within the document's margin is a finger holding the card, or the edge of a passport's
// cover or of the table along a side that the outline took in: it is marked in edge instead (when
// edge is not nil), which counts only where it hides most of a corner (a fingertip over the corner,
// inside the frame).
func objects(mask []byte, W, H, k int, valid []bool, band, dw, dh int, print image.Rectangle, maxBackground float64, cover, edge []bool) {
	mm, err := gocv.NewMatFromBytes(H, W, gocv.MatTypeCV8UC1, mask)
	if err != nil {
		return
	}
	defer mm.Close()
	opened := gocv.NewMat()
	defer opened.Close()
	kernel := gocv.GetStructuringElement(gocv.MorphEllipse, image.Pt(k, k))
	defer kernel.Close()
	gocv.MorphologyEx(mm, &opened, gocv.MorphOpen, kernel)
	runtime.KeepAlive(mask) // mm points into mask
	if opened.Empty() {
		return
	}
	open := opened.ToBytes()
	inDoc := func(x, y int) bool { return x >= band && y >= band && x < band+dw && y < band+dh }
	ring := 0
	for y := range H {
		for x := range W {
			if valid[y*W+x] && !inDoc(x, y) {
				ring++
			}
		}
	}
	if ring == 0 {
		return
	}
	labels := make([]int32, W*H)
	var stack []int
	next := int32(0)
	for start := range open {
		if open[start] == 0 || labels[start] != 0 || !valid[start] {
			continue
		}
		next++
		labels[start] = next
		stack = append(stack[:0], start)
		members := []int{}
		out, in, deep := 0, 0, 0
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			members = append(members, i)
			x, y := i%W, i/W
			if inDoc(x, y) {
				in++
				if (image.Point{x, y}).In(print) {
					deep++
				}
			} else {
				out++
			}
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				nx, ny := x+d[0], y+d[1]
				if nx < 0 || ny < 0 || nx >= W || ny >= H {
					continue
				}
				j := ny*W + nx
				if open[j] != 0 && labels[j] == 0 && valid[j] {
					labels[j] = next
					stack = append(stack, j)
				}
			}
		}
		if out < k*k/2 || in < k*k/2 || float64(out) > maxBackground*float64(ring) {
			continue
		}
		mark := cover
		if deep < k*k/2 {
			if edge == nil {
				continue
			}
			mark = edge
		}
		for _, i := range members {
			if inDoc(i%W, i/W) {
				mark[i] = true
			}
		}
	}
}

// boxes returns the bounding boxes of the 4-connected regions of cover inside r, largest first.
func boxes(cover []bool, W, H int, r image.Rectangle) []image.Rectangle {
	seen := make([]bool, W*H)
	var out []image.Rectangle
	var stack []int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			s := y*W + x
			if !cover[s] || seen[s] {
				continue
			}
			seen[s] = true
			b := image.Rect(x, y, x+1, y+1)
			stack = append(stack[:0], s)
			for len(stack) > 0 {
				i := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				px, py := i%W, i/W
				b = b.Union(image.Rect(px, py, px+1, py+1))
				for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					nx, ny := px+d[0], py+d[1]
					if !(image.Point{nx, ny}).In(r) {
						continue
					}
					j := ny*W + nx
					if cover[j] && !seen[j] {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Dx()*out[i].Dy() > out[j].Dx()*out[j].Dy()
	})
	return out
}
