package quality

import (
	"math"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// blur measures focus and motion blur on the rectified document (never on the background), at the
// document's canonical size, so that a 12 MP and a 1 MP photo of the same sharp card score alike.
//
// The score is the share of edge contrast that survives a further slight Gaussian blur (sigma 1.5 px
// at canonical size): a sharp edge loses much of its gradient when blurred again, an already blurred
// edge loses little. It is measured only where edges are strong after blurring, and after the
// document's brightness is normalised, so it depends little on content, exposure and noise.
func blur(r *rectified, o Options) precheck.Measure {
	score := blurScore(r)
	return precheck.Measure{
		Code: precheck.CodeBlur, Score: round3(score), Threshold: o.MaxBlur, Failed: score > o.MaxBlur,
	}
}

func blurScore(r *rectified) float64 {
	st := r.stats()
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
	gocv.GaussianBlur(norm, &soft, imagePoint(0, 0), 1.5, 1.5, gocv.BorderReplicate)

	a, _ := norm.DataPtrFloat32()
	b, _ := soft.DataPtrFloat32()
	w, h := r.w, r.h
	var sumA, sumB float64
	for y := 2; y < h-2; y++ {
		for x := 2; x < w-2; x++ {
			i := y*w + x
			if !r.inside[i] || !r.inside[i-2*w-2] || !r.inside[i+2*w+2] {
				continue
			}
			gb := grad(b, i, w)
			if gb < 12 {
				continue
			}
			sumA += grad(a, i, w)
			sumB += gb
		}
	}
	if sumA == 0 {
		return 1 // no edge at all: nothing legible
	}
	return sumB / sumA
}

// grad is the Sobel gradient magnitude at index i of a w-wide float image.
func grad(p []float32, i, w int) float64 {
	gx := float64(p[i-w+1] + 2*p[i+1] + p[i+w+1] - p[i-w-1] - 2*p[i-1] - p[i+w-1])
	gy := float64(p[i+w-1] + 2*p[i+w] + p[i+w+1] - p[i-w-1] - 2*p[i-w] - p[i-w+1])
	return math.Hypot(gx, gy) / 8
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
