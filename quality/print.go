package quality

import (
	"gocv.io/x/gocv"
)

// printMarks counts the marks on the rectified document that are shaped like printed characters:
// small dark blobs on a lighter ground, a few tenths of a millimetre to a few millimetres high. A
// document carries dozens to hundreds of them; the quadrilaterals that backgrounds make (a tile, a
// plank, a sheet of paper, a check of a tablecloth) carry few.
func printMarks(r *rectified) int {
	src, err := gocv.NewMatFromBytes(r.h, r.w, gocv.MatTypeCV8U, r.gray.pix)
	if err != nil {
		return 0
	}
	defer src.Close()
	bin := gocv.NewMat()
	defer bin.Close()
	gocv.AdaptiveThreshold(src, &bin, 255, gocv.AdaptiveThresholdMean, gocv.ThresholdBinaryInv, 31, 12)
	labels, stats, cents := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer labels.Close()
	defer stats.Close()
	defer cents.Close()
	n := gocv.ConnectedComponentsWithStats(bin, &labels, &stats, &cents)
	minH, maxH := r.h/120, r.h/10 // about 0.45 mm to 5.4 mm on an ID-1 card
	marks := 0
	for i := 1; i < n; i++ {
		w := int(stats.GetIntAt(i, int(gocv.CC_STAT_WIDTH)))
		h := int(stats.GetIntAt(i, int(gocv.CC_STAT_HEIGHT)))
		a := int(stats.GetIntAt(i, int(gocv.CC_STAT_AREA)))
		if h < minH || h > maxH || w > 2*maxH || a < 6 {
			continue
		}
		// Strokes fill a fair part of their box; a thin curve (a vein, a grain line) does not.
		if float64(a) < 0.12*float64(w*h) {
			continue
		}
		marks++
	}
	return marks
}
