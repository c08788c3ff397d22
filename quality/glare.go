package quality

import (
	"image"
	"image/color"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// glareLevel is the level (0-255) from which a pixel counts as saturated in all three channels.
const glareLevel = 245

// glareSolidity is the share of a saturated region's outline that must itself be saturated: printing
// under a real reflection is washed out, printing on white paper is not.
const glareSolidity = 0.97

// glareMaxElongation is the longest a saturated region may be relative to its width to count as a
// reflection. Lamp and flash reflections are blobs; blank paper between printed lines is a band.
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
		gocv.BitwiseAnd(filled, mask, &both)
		lit := gocv.CountNonZero(both)
		if float64(lit) < glareSolidity*float64(gocv.CountNonZero(filled)) {
			continue
		}
		total += lit
		m.Regions = append(m.Regions, toPhoto(bb))
	}
	m.Score = round3(float64(total) / area)
	m.Failed = m.Score > o.MaxGlare
	return m
}
