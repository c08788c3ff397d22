package quality

import (
	"math"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// blur measures focus and motion blur on the rectified document (never on the background), at the
// document's canonical size, so that a 12 MP and a 1 MP photo of the same sharp card score alike.
//
// The score estimates the width of the document's edges: the standard deviation of the blur they show,
// as a fraction of the document's height (the unit a label "blurred with sigma = 0.8% of the card"
// uses). It comes from how much edge energy survives a further known Gaussian blur: for an edge
// blurred by s, blurring again by b keeps a share R = s / sqrt(s^2 + b^2) of the squared gradient, so
// s = b R / sqrt(1 - R^2). It is measured where edges are strong, after the document's brightness is
// normalised, so it depends little on content, exposure and noise. Motion blur widens edges across
// the motion only and counts for less than the same length of focus blur.
func blur(r *rectified, st docStats, o Options) precheck.Measure {
	score := blurScore(r, st)
	return precheck.Measure{
		Code: precheck.CodeBlur, Score: round4(score), Threshold: o.MaxBlur, Failed: score > o.MaxBlur,
	}
}

// extraBlur is the known Gaussian blur, in canonical pixels, applied to measure the edges.
const extraBlur = 1.5

// blurMinGradient is the smallest gradient (grey levels per pixel, after normalising the paper to 200)
// at which an edge is measured. It is low so that widely blurred edges, whose gradient is spread thin,
// still count; the extra blur has already removed most of the sensor noise.
const blurMinGradient = 3

func blurScore(r *rectified, st docStats) float64 {
	p90 := math.Max(st.percentile(0.90), 16)
	gain := 200 / p90
	src, err := gocv.NewMatFromBytes(r.h, r.w, gocv.MatTypeCV8U, r.gray.pix)
	if err != nil {
		return 0
	}
	defer src.Close()
	norm := gocv.NewMat()
	defer norm.Close()
	src.ConvertToWithParams(&norm, gocv.MatTypeCV32F, float32(gain), 0)
	soft := gocv.NewMat()
	defer soft.Close()
	gocv.GaussianBlur(norm, &soft, imagePoint(0, 0), extraBlur, extraBlur, gocv.BorderReplicate)

	a, _ := norm.DataPtrFloat32()
	b, _ := soft.DataPtrFloat32()
	w, h := r.w, r.h
	// Edges are binned by orientation: motion blur widens only the edges across the motion, so the
	// score is the widest orientation's estimate.
	const bins = 4
	var sumA, sumB [bins]float64
	var count [bins]int
	for y := 2; y < h-2; y++ {
		for x := 2; x < w-2; x++ {
			i := y*w + x
			if !r.inside[i] || !r.inside[i-2*w-2] || !r.inside[i+2*w+2] {
				continue
			}
			bx, by := sobel(b, i, w)
			gb := math.Hypot(bx, by)
			if gb < blurMinGradient {
				continue
			}
			ax, ay := sobel(a, i, w)
			ang := math.Atan2(by, bx)
			if ang < 0 {
				ang += math.Pi
			}
			k := int(ang/(math.Pi/bins)+0.5) % bins
			sumA[k] += ax*ax + ay*ay
			sumB[k] += gb * gb
			count[k]++
		}
	}
	worst, any := 0.0, false
	for k := range bins {
		if count[k] < 200 || sumA[k] == 0 {
			continue
		}
		any = true
		ratio := math.Min(sumB[k]/sumA[k], 0.999)
		worst = math.Max(worst, extraBlur*ratio/math.Sqrt(1-ratio*ratio))
	}
	if !any {
		return 1 // no edge at all: nothing legible
	}
	return worst / float64(h)
}

// sobel is the Sobel gradient at index i of a w-wide float image.
func sobel(p []float32, i, w int) (gx, gy float64) {
	gx = float64(p[i-w+1]+2*p[i+1]+p[i+w+1]-p[i-w-1]-2*p[i-1]-p[i+w-1]) / 8
	gy = float64(p[i+w-1]+2*p[i+w]+p[i+w+1]-p[i-w-1]-2*p[i-w]-p[i-w+1]) / 8
	return gx, gy
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
func round4(v float64) float64 { return math.Round(v*10000) / 10000 }
