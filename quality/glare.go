package quality

import (
	"image"
	"image/color"
	"math"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// glareLevel is the level (0-255) from which a pixel counts as saturated in all three channels.
const glareLevel = 245

// glareSolidity is the share of a saturated region's outline that must itself be saturated: printing
// under a real reflection is washed out, printing on white paper is not.
const glareSolidity = 0.97

// glareMaxElongation is the longest a saturated region may be relative to its width to count as a
// reflection. Lamp and flash reflections are blobs; blank paper between printed lines is a band, and so
// is a white ground taken in with the document (a scanner's lid round a page): it lines two sides or
// more and bends round the document's corners, so its least rectangle is the document's and its
// length is measured along itself (elongation). A reflection's streak that lines one side, where the
// outline is the card's own edge, is still glare.
const glareMaxElongation = 5

// glare measures the fraction of the document's area covered by specular patches: connected regions
// where all three channels are saturated, larger than a speck. The regions are reported in photo
// pixels so that the message and the annotation can say where they are.
func glare(r *rectified, o Options, toPhoto func(image.Rectangle) precheck.Rect) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodeGlare, Threshold: o.MaxGlare}
	ch := gocv.Split(r.color)
	defer func() {
		for i := range ch {
			ch[i].Close()
		}
	}()
	lo := gocv.NewMat()
	defer lo.Close()
	gocv.Min(ch[0], ch[1], &lo)
	gocv.Min(lo, ch[2], &lo)
	mask := gocv.NewMat()
	defer mask.Close()
	gocv.Threshold(lo, &mask, glareLevel-1, 255, gocv.ThresholdBinary)
	k := gocv.GetStructuringElement(gocv.MorphRect, imagePoint(3, 3))
	defer k.Close()
	gocv.MorphologyEx(mask, &mask, gocv.MorphOpen, k)

	// A glare patch is solid: the reflection washes out the printing under it. White paper with
	// printing on it (a scan, a white card) is saturated too, but full of holes where the text is.
	contours := gocv.FindContours(mask, gocv.RetrievalExternal, gocv.ChainApproxSimple)
	defer contours.Close()
	area := float64(r.w * r.h)
	minArea := 0.0005 * area
	total := 0
	filled := gocv.NewMatWithSize(r.h, r.w, gocv.MatTypeCV8U)
	defer filled.Close()
	both := gocv.NewMat()
	defer both.Close()
	for i := 0; i < contours.Size(); i++ {
		c := contours.At(i)
		a := gocv.ContourArea(c)
		if a < minArea {
			continue
		}
		bb := gocv.BoundingRect(c)
		if rr := gocv.MinAreaRect(c); min(rr.Width, rr.Height) == 0 || max(rr.Width, rr.Height) > glareMaxElongation*min(rr.Width, rr.Height) {
			continue // a long thin white band is blank paper between printed lines, not a reflection
		}
		filled.SetTo(gocv.NewScalar(0, 0, 0, 0))
		gocv.DrawContours(&filled, contours, i, color.RGBA{255, 255, 255, 0}, -1)
		drawn := gocv.CountNonZero(filled)
		if sidesLined(filled) >= 2 && elongation(filled, a, drawn) > glareMaxElongation {
			continue // a band along the document's edges, round its corners: white ground taken in with it
		}
		gocv.BitwiseAnd(filled, mask, &both)
		lit := gocv.CountNonZero(both)
		if float64(lit) < glareSolidity*float64(drawn) {
			continue
		}
		total += lit
		m.Regions = append(m.Regions, toPhoto(bb))
	}
	m.Score = round3(float64(total) / area)
	m.Failed = m.Score > o.MaxGlare
	return m
}

// elongation is the length of the region drawn in mask (area pixels, n of them set) over its width:
// four times the mean distance of its pixels from its outline (a band's mean distance is a quarter of
// its width), its length its area over that width. A band's is its length over its width however it
// bends and however its width varies; a disc's is 1.8.
func elongation(mask gocv.Mat, area float64, n int) float64 {
	dist := gocv.NewMat()
	defer dist.Close()
	labels := gocv.NewMat()
	defer labels.Close()
	gocv.DistanceTransform(mask, &dist, &labels, gocv.DistL2, gocv.DistanceMask5, gocv.DistanceLabelCComp)
	sum := dist.Sum().Val1
	if n == 0 || sum == 0 {
		return math.Inf(1)
	}
	width := 4 * sum / float64(n)
	return area / (width * width)
}

// sidesLined is the number of the mask's sides along at least half of which the region drawn in it
// lies, looked for on the line 1% of the mask's shorter side in from each (the outermost pixels are
// the warp's, blended with what lies beyond).
func sidesLined(mask gocv.Mat) int {
	w, h := mask.Cols(), mask.Rows()
	d := max(3, min(w, h)/100)
	if 2*d >= min(w, h) {
		return 0
	}
	n := 0
	for _, r := range []image.Rectangle{image.Rect(0, d, w, d+1), image.Rect(w-1-d, 0, w-d, h), image.Rect(0, h-1-d, w, h-d), image.Rect(d, 0, d+1, h)} {
		side := mask.Region(r)
		if 2*gocv.CountNonZero(side) >= r.Dx()*r.Dy() {
			n++
		}
		side.Close()
	}
	return n
}
