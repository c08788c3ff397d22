package quality

import (
	"math"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// blurMeasure is the blur check of a score from blurScore (or, without a document, frameBlur).
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

// blurScore measures focus and motion blur on the rectified document (never on the background), at the
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
func blurScore(r *rectified, st docStats) float64 {
	s, ok := blurSigma(r, st, true)
	if !ok {
		return 1 // no edge at all: nothing legible
	}
	return s / float64(r.h)
}

// blurSigma estimates the blur of r's edges in pixels; ok is false when r has too few edges to tell.
// With motion, a linear motion blur is also estimated (motionSigma) and the larger is returned.
func blurSigma(r *rectified, st docStats, motion bool) (sigma float64, ok bool) {
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
	if motion && any {
		worst = math.Max(worst, motionSigma(a, r))
	}
	return worst, any
}

// Motion blur. A shake during the exposure averages the document along a line of length L: a thin
// stroke becomes a faint band with steep ends, so the edges' widths (above) hardly change while the
// text is smeared illegibly. The derivative of the image along the motion is then the difference of two
// copies of the sharp document L apart, divided by L: its autocorrelation along the motion dips
// deeply at the lag L. motionSigma finds the direction in which the document has least gradient (the
// structure tensor's weaker eigenvector), and the lag of the deepest dip of the autocorrelation of the
// derivative along it.
const (
	// motionAnisotropy is the ratio of the structure tensor's eigenvalues below which a motion is
	// looked for: print has strokes in every direction, and a document without motion blur shows 0.66
	// or more on the seed-1 corpus, one with a motion longer than 3% of its height 0.39 or less.
	motionAnisotropy = 0.6
	// motionDip is the depth, relative to the autocorrelation at lag 0, of a dip that shows a motion.
	motionDip = 0.15
	// motionMaxLag is the longest motion looked for, as a share of the document's height.
	motionMaxLag = 0.15
	// motionScale converts a motion's equivalent standard deviation, L / sqrt(12), into the units of
	// the edge-width estimate above, which reports about 0.3 of a Gaussian blur's standard deviation
	// near the threshold (0.0024 of the height against the 0.008 from which the corpus generator
	// labels a photo blurred). With it a motion of 3% of the height, the generator's threshold for
	// motion, scores about the threshold.
	motionScale = 0.3
)

// motionSigma estimates the linear motion blur of a (a fine-blurred, brightness-normalised copy of
// r) and returns it as an equivalent edge blur in pixels (0 when there is no motion to see).
func motionSigma(a []float32, r *rectified) float64 {
	w, h := r.w, r.h
	valid := func(i int) bool { return r.inside[i] && r.inside[i-2*w-2] && r.inside[i+2*w+2] }
	var jxx, jyy, jxy float64
	for y := 2; y < h-2; y++ {
		for x := 2; x < w-2; x++ {
			if i := y*w + x; valid(i) {
				dx, dy := sobel(a, i, w)
				jxx += dx * dx
				jyy += dy * dy
				jxy += dx * dy
			}
		}
	}
	tr, det := jxx+jyy, jxx*jyy-jxy*jxy
	disc := math.Sqrt(math.Max(0, tr*tr/4-det))
	l1, l2 := tr/2+disc, tr/2-disc
	if l1 <= 0 || l2/l1 > motionAnisotropy {
		return 0
	}
	// The motion runs along the eigenvector of the weaker eigenvalue.
	mx, my := jxy, l2-jxx
	if math.Abs(jxx-l2) < math.Abs(jyy-l2) {
		mx, my = l2-jyy, jxy
	}
	n := math.Hypot(mx, my)
	if n == 0 {
		return 0
	}
	mx, my = mx/n, my/n
	// The derivative along the motion, and where it is measured.
	d := make([]float32, len(a))
	ok := make([]bool, len(a))
	for y := 2; y < h-2; y++ {
		for x := 2; x < w-2; x++ {
			if i := y*w + x; valid(i) {
				dx, dy := sobel(a, i, w)
				d[i], ok[i] = float32(dx*mx+dy*my), true
			}
		}
	}
	corr := func(lag int) float64 {
		ox, oy := int(math.Round(float64(lag)*mx)), int(math.Round(float64(lag)*my))
		sum := 0.0
		for y := 2; y < h-2; y += 2 {
			yy := y + oy
			if yy < 2 || yy >= h-2 {
				continue
			}
			for x := 2; x < w-2; x += 2 {
				xx := x + ox
				if xx < 2 || xx >= w-2 {
					continue
				}
				i, j := y*w+x, yy*w+xx
				if ok[i] && ok[j] {
					sum += float64(d[i]) * float64(d[j])
				}
			}
		}
		return sum
	}
	r0 := corr(0)
	if r0 <= 0 {
		return 0
	}
	best, lag := 0.0, 0
	for l := 2; l <= int(motionMaxLag*float64(h)); l++ {
		if c := corr(l) / r0; c < best {
			best, lag = c, l
		}
	}
	if best > -motionDip {
		return 0
	}
	return motionScale * float64(lag) / math.Sqrt(12)
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
// the photo has edges enough to tell (an empty sheet of paper). g is the photo in grey levels.
func frameBlur(g gocv.Mat) (score float64, ok bool) {
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
			if sigma, ok := blurSigma(t, t.stats(), false); ok {
				best = math.Min(best, sigma)
			}
		}
	}
	if math.IsInf(best, 1) {
		return 0, false
	}
	return best / short, true
}
