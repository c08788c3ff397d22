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
// uses). It compares the edges after two known Gaussian blurs, a fine one f that removes most sensor
// noise and a wider one b: the squared gradient across an edge of blur s falls as 1/sqrt(s^2 + f^2)
// and 1/sqrt(s^2 + b^2), so their ratio R gives s^2 = (R^2 b^2 - f^2) / (1 - R^2). It is measured on
// edges above the noise, binned by orientation, after the document's brightness is normalised, so it
// depends little on content, exposure and noise. Motion blur widens edges across the motion only and
// counts for less than the same length of focus blur; a long motion is still told apart because the
// edges across it are measured, however faint, as long as they stand above the noise.
func blur(r *rectified, st docStats, o Options) precheck.Measure {
	return blurMeasure(blurScore(r, st), o)
}

func blurMeasure(score float64, o Options) precheck.Measure {
	return precheck.Measure{
		Code: precheck.CodeBlur, Score: round4(score), Threshold: o.MaxBlur, Failed: score > o.MaxBlur,
	}
}

// extraBlur is the known Gaussian blur, in canonical pixels, applied to measure the edges.
const extraBlur = 2.0

// fineBlur is the small Gaussian blur, in canonical pixels, that removes most sensor noise from the
// image the edges are compared with.
const fineBlur = 1.0

// blurMinGradient is the smallest gradient (grey levels per pixel, after normalising the paper to 200)
// at which an edge is measured, whatever the noise. It is low so that widely blurred edges, whose
// gradient is spread thin, still count; the extra blur has already removed most of the sensor noise,
// and blurNoiseFactor raises it in a noisy photo.
const blurMinGradient = 1

func blurScore(r *rectified, st docStats) float64 {
	s, ok := blurSigma(r, st)
	if !ok {
		return 1 // no edge at all: nothing legible
	}
	return s / float64(r.h)
}

// blurSigma estimates the blur of r's edges in pixels; ok is false when r has too few edges to tell.
func blurSigma(r *rectified, st docStats) (sigma float64, ok bool) {
	p90 := math.Max(st.percentile(0.90), 16)
	gain := 200 / p90
	src, err := gocv.NewMatFromBytes(r.h, r.w, gocv.MatTypeCV8U, r.gray.pix)
	if err != nil {
		return 0, false
	}
	defer src.Close()
	norm := gocv.NewMat()
	defer norm.Close()
	src.ConvertToWithParams(&norm, gocv.MatTypeCV32F, float32(gain), 0)
	fine := gocv.NewMat()
	defer fine.Close()
	gocv.GaussianBlur(norm, &fine, imagePoint(0, 0), fineBlur, fineBlur, gocv.BorderReplicate)
	soft := gocv.NewMat()
	defer soft.Close()
	gocv.GaussianBlur(norm, &soft, imagePoint(0, 0), extraBlur, extraBlur, gocv.BorderReplicate)

	a, _ := fine.DataPtrFloat32()
	b, _ := soft.DataPtrFloat32()
	w, h := r.w, r.h
	// Edges are binned by orientation: motion blur widens only the edges across the motion, so the
	// score is the widest orientation's estimate. A long motion leaves the edges across it with a
	// faint gradient, so the gradient threshold is as low as the noise allows: a few times the median
	// gradient of the document, most of which is plain paper.
	const bins = 8
	minGrad := math.Max(blurMinGradient, blurNoiseFactor*medianGradient(b, r))
	var sumA, sumB [bins]float64
	var count [bins]int
	for y := 2; y < h-2; y++ {
		for x := 2; x < w-2; x++ {
			i := y*w + x
			if !r.inside[i] || !r.inside[i-2*w-2] || !r.inside[i+2*w+2] {
				continue
			}
			bx, by := sobel(b, i, w)
			if bx*bx+by*by < minGrad*minGrad {
				continue
			}
			ax, ay := sobel(a, i, w)
			ang := math.Atan2(by, bx)
			if ang < 0 {
				ang += math.Pi
			}
			k := int(ang/(math.Pi/bins)+0.5) % bins
			sumA[k] += ax*ax + ay*ay
			sumB[k] += bx*bx + by*by
			count[k]++
		}
	}
	worst, any := 0.0, false
	for k := range bins {
		// sumB/sumA = sqrt(s^2 + f^2) / sqrt(s^2 + b^2) for an edge of blur s, f = fineBlur, b = extraBlur.
		// A further blur never steepens an edge: a bin whose gradients grow with it holds no edge but
		// the spill of the wider blur beside the edges of another orientation (a few straight lines in
		// a photo with little else).
		if count[k] < 200 || sumA[k] == 0 || sumB[k] >= sumA[k] {
			continue
		}
		any = true
		ratio := math.Min(sumB[k]/sumA[k], 0.999)
		s2 := (ratio*ratio*extraBlur*extraBlur - fineBlur*fineBlur) / (1 - ratio*ratio)
		worst = math.Max(worst, math.Sqrt(math.Max(0, s2)))
	}
	return worst, any
}

// blurNoiseFactor times the median gradient of the document is the least gradient measured: below
// it, the paper's noise and texture would outweigh the faint edges of a long motion.
const blurNoiseFactor = 4

// medianGradient returns the median Sobel gradient magnitude of p over the document's visible pixels.
func medianGradient(p []float32, r *rectified) float64 {
	const step, top = 0.05, 400 // histogram of magnitudes up to 20 grey levels per pixel
	var hist [top + 1]int
	n := 0
	w := r.w
	for y := 2; y < r.h-2; y += 2 {
		for x := 2; x < w-2; x += 2 {
			i := y*w + x
			if !r.inside[i] {
				continue
			}
			gx, gy := sobel(p, i, w)
			hist[min(top, int(math.Hypot(gx, gy)/step))]++
			n++
		}
	}
	acc := 0
	for k, c := range hist {
		acc += c
		if 2*acc >= n {
			return float64(k) * step
		}
	}
	return 0
}

// sobel is the Sobel gradient at index i of a w-wide float image.
func sobel(p []float32, i, w int) (gx, gy float64) {
	gx = float64(p[i-w+1]+2*p[i+1]+p[i+w+1]-p[i-w-1]-2*p[i-1]-p[i+w-1]) / 8
	gy = float64(p[i+w-1]+2*p[i+w]+p[i+w+1]-p[i-w-1]-2*p[i-w]-p[i-w+1]) / 8
	return gx, gy
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
func round4(v float64) float64 { return math.Round(v*10000) / 10000 }

// frameBlur measures blur on the whole photo, for a photo in which no document was found: a strongly
// blurred card has edges too soft to be outlined, and "hold the camera steady" is then the advice the
// user needs. The score is the blur of the sharpest part of the photo (a defocused or shaken photo is
// blurred everywhere; a sharp card on a background out of focus is not) as a fraction of the photo's
// shorter side: a document in the frame is at most that tall, so the score never exceeds what the
// document itself would score, and the blur threshold applies unchanged. ok is false when no part of
// the photo has edges enough to tell (an empty sheet of paper).
func frameBlur(work gocv.Mat) (score float64, ok bool) {
	g := gocv.NewMat()
	defer g.Close()
	gocv.CvtColor(work, &g, gocv.ColorBGRToGray)
	// The shorter side at the height of a canonical ID-1 card: a card as tall as the photo is measured
	// at the scale of the rectified document.
	short := float64(min(g.Cols(), g.Rows()))
	s := math.Round(canonicalWidth/aspectID1) / short
	small := gocv.NewMat()
	defer small.Close()
	if s < 1 {
		gocv.Resize(g, &small, imagePoint(0, 0), s, s, gocv.InterpolationArea)
	} else {
		s = 1
		g.CopyTo(&small)
	}
	img := newGrayImage(small)
	short *= s
	// Overlapping tiles of half the photo's width and height, a quarter apart.
	tw, th := img.w/2, img.h/2
	if tw < 16 || th < 16 {
		return 0, false
	}
	best := math.Inf(1)
	for ty := 0; ty+th <= img.h; ty += max(1, th/2) {
		for tx := 0; tx+tw <= img.w; tx += max(1, tw/2) {
			t := &rectified{w: tw, h: th, gray: grayImage{w: tw, h: th, pix: make([]byte, tw*th)}, inside: make([]bool, tw*th)}
			for y := range th {
				copy(t.gray.pix[y*tw:(y+1)*tw], img.pix[(ty+y)*img.w+tx:])
			}
			for i := range t.inside {
				t.inside[i] = true
			}
			if sigma, ok := blurSigma(t, t.stats()); ok {
				best = math.Min(best, sigma)
			}
		}
	}
	if math.IsInf(best, 1) {
		return 0, false
	}
	return best / short, true
}
