package quality

import (
	"encoding/binary"
	"math"
	"sort"

	"gocv.io/x/gocv"
)

// markBox is one print mark: its bounding box and its ink (see printMarksRows).
type markBox struct {
	dark       float64
	x, y, w, h int
}

// printMarksRows counts the marks on the rectified document that are shaped like printed characters:
// small dark blobs on a lighter ground, a few tenths of a millimetre to a few millimetres high. A
// document carries dozens to hundreds of them; the quadrilaterals that backgrounds make (a tile, a
// plank, a sheet of paper, a check of a tablecloth) carry few.
//
// It returns the print marks, how many of them sit in rows of text (with at least two
// marks of a similar height beside them on the same line), and the ink of those: the median of how much
// darker than the paper they are (0 as light as the paper, 1 black). Print is ink on paper; the lines
// that wood grain or a fabric's weave break into are faint. stand is the share of the marks in rows
// that stand out from the ground right around them by markContrast: the blobs that the dark streaks of
// grain break into may be as dark as ink against the paper's level (the lightest wood), but hardly
// darker than the streak they lie in.
func printMarksRows(r *rectified) (marks, rows int, ink, stand float64) {
	src, err := gocv.NewMatFromBytes(r.h, r.w, gocv.MatTypeCV8U, r.gray.pix)
	if err != nil {
		return 0, 0, 0, 0
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
	lab, err := labels.DataPtrUint8() // int32 labels, native (little-endian) order, not copied
	if err != nil {
		return 0, 0, 0, 0
	}
	sum := make([]int, n)
	for i := range r.gray.pix {
		l := int(binary.LittleEndian.Uint32(lab[4*i:]))
		if l > 0 && l < n {
			sum[l] += int(r.gray.pix[i])
		}
	}
	// The components' boxes, read in place: one call into OpenCV per value would cost more than the
	// counting itself on a document with thousands of components.
	box, err := stats.DataPtrUint8() // int32 values, native (little-endian) order, not copied
	if err != nil || len(box) < n*5*4 {
		return 0, 0, 0, 0
	}
	stat := func(i int, c gocv.ConnectedComponentsTypes) int {
		return int(int32(binary.LittleEndian.Uint32(box[4*(5*i+int(c)):])))
	}
	st := r.stats()
	paper := math.Max(1, st.percentile(0.9))
	var darks []float64
	minH, maxH := r.h/120, r.h/10 // about 0.45 mm to 5.4 mm on an ID-1 card
	var boxes []markBox
	for i := 1; i < n; i++ {
		w, h, a := stat(i, gocv.CC_STAT_WIDTH), stat(i, gocv.CC_STAT_HEIGHT), stat(i, gocv.CC_STAT_AREA)
		if h < minH || h > maxH || w > 2*maxH || a < 6 {
			continue
		}
		// Strokes fill a fair part of their box; a thin curve (a vein, a grain line) does not.
		if float64(a) < 0.12*float64(w*h) {
			continue
		}
		dark := 1 - float64(sum[i])/float64(a)/paper
		marks++
		boxes = append(boxes, markBox{dark, stat(i, gocv.CC_STAT_LEFT), stat(i, gocv.CC_STAT_TOP), w, h})
	}
	// How far each mark stands out from the ground right around it (a ring half its height wide), as
	// a share of the paper's grey level, from the image's integral (sums over boxes), built for the
	// first mark in a row: most outlines weighed have none.
	W := r.w + 1
	var integ []int32 // at most 255 x 1.2 million pixels
	boxSum := func(x0, y0, x1, y1 int) (sum, n int) {
		if integ == nil {
			integ = make([]int32, W*(r.h+1))
			for y := 0; y < r.h; y++ {
				var row int32
				for x := 0; x < r.w; x++ {
					row += int32(r.gray.pix[y*r.w+x])
					integ[(y+1)*W+x+1] = integ[y*W+x+1] + row
				}
			}
		}
		x0, y0, x1, y1 = max(0, x0), max(0, y0), min(r.w, x1), min(r.h, y1)
		if x1 <= x0 || y1 <= y0 {
			return 0, 0
		}
		return int(integ[y1*W+x1] - integ[y0*W+x1] - integ[y1*W+x0] + integ[y0*W+x0]), (x1 - x0) * (y1 - y0)
	}
	standsOut := func(a markBox) bool {
		m := max(2, a.h/2)
		so, no := boxSum(a.x-m, a.y-m, a.x+a.w+m, a.y+a.h+m)
		si, ni := boxSum(a.x, a.y, a.x+a.w, a.y+a.h)
		if no <= ni {
			return false
		}
		ring := float64(so-si) / float64(no-ni)
		return ring-(1-a.dark)*paper >= markContrast*paper
	}
	standing := 0
	inRows := 0
	for i, a := range boxes {
		ay := 2*a.y + a.h
		near := 0
		for j, b := range boxes {
			if i == j || 2*b.h < a.h || b.h > 2*a.h {
				continue
			}
			by := 2*b.y + b.h
			if abs(by-ay) > a.h*2/3 { // centres within a third of the height
				continue
			}
			gap := max(b.x-(a.x+a.w), a.x-(b.x+b.w))
			if gap > 2*a.h {
				continue
			}
			near++
			if near >= 2 {
				inRows++
				darks = append(darks, a.dark)
				if standsOut(a) {
					standing++
				}
				break
			}
		}
	}
	sort.Float64s(darks)
	med := 0.0
	if len(darks) > 0 {
		med = darks[len(darks)/2]
	}
	if inRows > 0 {
		stand = float64(standing) / float64(inRows)
	}
	return marks, inRows, med, stand
}

// markContrast is how much darker than the ground right around it, as a share of the paper's grey
// level, a mark must be to stand out as ink. The median mark in rows stands out by 0.07 or more on the
// GICSD cards' soft (upscaled) print (0.09 or more on 98 of 100 frames), 0.11 or more on the corpus's
// printed cards, 0.26 or more on the passport scans, and by 0.04 to 0.06 on the corpus's wood grain.
const markContrast = 0.1

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
