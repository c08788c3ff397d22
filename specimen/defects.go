package specimen

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
)

// Issue codes, the same strings as package precheck reports.
const (
	CodeNoDocument    = "no_document"
	CodeCutoff        = "cutoff"
	CodeBlur          = "blur"
	CodeGlare         = "glare"
	CodeShadow        = "shadow"
	CodeTooDark       = "too_dark"
	CodeTooBright     = "too_bright"
	CodeLowResolution = "low_resolution"
	CodeTilted        = "tilted"
	CodeOccluded      = "occluded"
)

// DefectCodes lists the photo-quality codes the corpus covers, in a fixed
// order.
func DefectCodes() []string {
	return []string{CodeBlur, CodeGlare, CodeShadow, CodeTooDark, CodeTooBright, CodeLowResolution, CodeTilted, CodeCutoff, CodeNoDocument, CodeOccluded}
}

// Thresholds of the ground truth. A photo has a defect when its physical
// parameter is on the failing side of these values.
const (
	// BlurSigmaFail is the least gaussian sigma / doc_h that is blur.
	BlurSigmaFail = 0.008
	// MotionFail is the least motion-blur length / doc_h that is blur.
	MotionFail = 0.03
	// GlareFail is the least fraction of the document at 250 or more in
	// all channels that is glare.
	GlareFail = 0.03
	// ShadowFail is the least darkening (1 - shaded/lit) that is a shadow.
	ShadowFail = 0.40
	// DarkFail is the largest 90th percentile luminance of the document
	// that is too dark.
	DarkFail = 65
	// WashFail is the least Washout that is too bright: the darkest print
	// lifted past the middle grey on a document whose paper is clipped.
	WashFail = 0.50
	// LowResFail is the longest document side, in pixels, that is too low
	// a resolution.
	LowResFail = 560
	// FarFail is the longest document side, as a fraction of the photo's
	// longer side, that was photographed from too far: low_resolution
	// however many pixels a large photo gives it (the checker asks for a
	// quarter; a clean document fills 0.35 of the photo's width or more).
	FarFail = 0.2
	// TiltFail is the least tilt of the document plane, in degrees, that
	// is tilted.
	TiltFail = 40
)

// minCleanLong is the smallest long side of the document in a photo
// without a resolution problem, well above the mild range (720-820 px).
const minCleanLong = 860

// illuminate multiplies the image by a soft light gradient across the
// document and a vignette, with at most maxVar relative variation across
// the document. It returns the variation reached.
func illuminate(img *fimage, rng *rand.Rand, q quad, maxVar float64) float64 {
	long, _ := q.sides()
	qx, qy := q.centre()
	ga := rng.Float64() * 2 * math.Pi
	gx, gy := math.Cos(ga), math.Sin(ga)
	g := uniform(rng, 0.02, maxVar)
	vig := uniform(rng, 0.08, 0.25)
	cx, cy := float64(img.w)/2, float64(img.h)/2
	r2 := cx*cx + cy*cy
	light := func(x, y float64) float64 {
		l := 1 + g*((x-qx)*gx+(y-qy)*gy)/long
		return l * (1 - vig*((x-cx)*(x-cx)+(y-cy)*(y-cy))/r2)
	}
	variation := func() float64 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range append(q[:], [2]float64{qx, qy}) {
			l := light(c[0], c[1])
			lo, hi = min(lo, l), max(hi, l)
		}
		return (hi - lo) / hi
	}
	for range 20 {
		if variation() <= maxVar {
			break
		}
		g *= 0.8
		vig *= 0.8
	}
	for y := range img.h {
		for x := range img.w {
			f := float32(light(float64(x)+0.5, float64(y)+0.5))
			i := y*img.w + x
			img.c[0][i] *= f
			img.c[1][i] *= f
			img.c[2][i] *= f
		}
	}
	return variation()
}

// docSamples returns pixel centres of the visible document (every step-th
// pixel in each direction).
func docSamples(vis []float32, w, h, step int) [][2]float64 {
	var pts [][2]float64
	for y := 0; y < h; y += step {
		for x := 0; x < w; x += step {
			if vis[y*w+x] >= 0.99 {
				pts = append(pts, [2]float64{float64(x) + 0.5, float64(y) + 0.5})
			}
		}
	}
	return pts
}

// shadowSpec describes a cast shadow over part of the document.
type shadowSpec struct {
	darkening float64 // 1 - shaded/lit
	area      float64 // target fraction of the document in shade
	hard      bool
	shape     string  // "straight", "curved", "phone"
	penumbra  float64 // fraction of doc width
}

// castDefectShadow darkens the part of the photo in the shadow of an
// object between the light and the document; the shadow reaches the
// background too. It returns the fraction of the document in shade.
func castDefectShadow(img *fimage, vis []float32, q quad, rng *rand.Rand, sp shadowSpec) float64 {
	long, _ := q.sides()
	qx, qy := q.centre()
	pen := sp.penumbra * long
	na := rng.Float64() * 2 * math.Pi
	nx, ny := math.Cos(na), math.Sin(na)
	var sd func(x, y, t float64) float64 // signed distance, px; t moves the shadow along n
	switch sp.shape {
	case "curved":
		r := uniform(rng, 0.6, 1.1) * long
		sd = func(x, y, t float64) float64 {
			cx, cy := qx+nx*t, qy+ny*t
			return math.Hypot(x-cx, y-cy) - r
		}
	case "phone":
		hw, hh := uniform(rng, 0.32, 0.42)*long, uniform(rng, 0.7, 0.9)*long
		rot := rng.Float64() * math.Pi
		sd = func(x, y, t float64) float64 {
			a, b := rotate(x-(qx+nx*t), y-(qy+ny*t), rot)
			return sdRoundBox(a, b, hw, hh, 0.12*hw)
		}
	default:
		sd = func(x, y, t float64) float64 { return (x-qx)*nx + (y-qy)*ny - t }
	}
	pts := docSamples(vis, img.w, img.h, 3)
	frac := func(t float64) float64 {
		n := 0
		for _, p := range pts {
			if sd(p[0], p[1], t) < 0 {
				n++
			}
		}
		return float64(n) / float64(max(1, len(pts)))
	}
	// The shaded fraction falls as t grows for the half-plane, and as the
	// blob moves away for the others; search t in [0, 3 long].
	lo, hi := -2*long, 3*long
	if sp.shape != "straight" {
		lo = 0
	}
	for range 40 {
		mid := (lo + hi) / 2
		f := frac(mid)
		if sp.shape == "straight" {
			if f < sp.area {
				lo = mid
			} else {
				hi = mid
			}
		} else {
			if f > sp.area {
				lo = mid
			} else {
				hi = mid
			}
		}
	}
	t := (lo + hi) / 2
	d := float32(sp.darkening)
	for y := range img.h {
		for x := range img.w {
			m := float32(smoothstep(pen/2, -pen/2, sd(float64(x)+0.5, float64(y)+0.5, t)))
			if m <= 0 {
				continue
			}
			f := 1 - d*m
			i := y*img.w + x
			img.c[0][i] *= f
			img.c[1][i] *= f
			img.c[2][i] *= f
		}
	}
	return frac(t)
}

// glarePatch is an elliptical specular reflection, in photo pixels.
type glarePatch struct {
	cx, cy, a, b, angle, fall float64
}

// applyGlare blends the image towards a level above saturation inside the
// patches, scaled by k, on the visible document only (the reflection is on
// its glossy surface).
func applyGlare(img *fimage, vis []float32, patches []glarePatch, k float64) {
	const peak = 255 * 1.9
	for _, p := range patches {
		a, b := p.a*k, p.b*k
		ext := max(a, b) * (1 + 3*p.fall)
		x0, y0 := max(0, int(p.cx-ext)), max(0, int(p.cy-ext))
		x1, y1 := min(img.w, int(p.cx+ext)+1), min(img.h, int(p.cy+ext)+1)
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				i := y*img.w + x
				v := vis[i]
				if v <= 0 {
					continue
				}
				u, w := rotate(float64(x)+0.5-p.cx, float64(y)+0.5-p.cy, p.angle)
				r := math.Hypot(u/a, w/b)
				wt := 1.0
				if r > 1 {
					e := (r - 1) / p.fall
					wt = math.Exp(-e * e)
				}
				wt *= float64(v)
				if wt < 1e-3 {
					continue
				}
				for c := range 3 {
					img.c[c][i] += float32((peak - float64(img.c[c][i])) * wt)
				}
			}
		}
	}
}

// Washout is how far over-exposure lifted the print towards white: the
// lightness (0-1) of the darkest print (the 1st percentile of the visible
// document's luminance), counted in full once a tenth of the document is
// clipped and in proportion below that, since print lightened without the
// paper reaching white is haze or blur, not over-exposure.
func Washout(p Params) float64 {
	return p.PrintLightness * min(1, p.SaturatedFraction/0.1)
}

// measurement is what a photo shows over its visible document.
type measurement struct {
	p1        float64 // 1st percentile luminance: the darkest print
	p90       float64 // 90th percentile luminance
	saturated float64 // fraction at >= 250 in all channels
}

// measure reads the 8-bit photo over the visible document.
func measure(img *image.RGBA, vis []float32) measurement {
	var lum []float32
	sat := 0
	w := img.Bounds().Dx()
	for i, v := range vis {
		if v < 0.99 {
			continue
		}
		x, y := i%w, i/w
		o := img.PixOffset(x, y)
		r, g, b := img.Pix[o], img.Pix[o+1], img.Pix[o+2]
		lum = append(lum, luma(float32(r), float32(g), float32(b)))
		if r >= 250 && g >= 250 && b >= 250 {
			sat++
		}
	}
	if len(lum) == 0 {
		return measurement{}
	}
	slices.Sort(lum)
	return measurement{
		p1:        float64(lum[int(0.01*float64(len(lum)-1))]),
		p90:       float64(lum[int(0.9*float64(len(lum)-1))]),
		saturated: float64(sat) / float64(len(lum)),
	}
}

// docLumaQuantile returns the q-quantile of a channel statistic of the
// visible document in a float image: luminance, or the smallest channel
// when minChannel is set (the one that clips last). It counts a histogram
// of 1/16-level bins.
func docLumaQuantile(img *fimage, vis []float32, q float64, minChannel bool) float64 {
	const bins, scale = 1 << 14, 16
	hist := make([]int, bins)
	n := 0
	for i, v := range vis {
		if v < 0.99 {
			continue
		}
		r, g, b := img.c[0][i], img.c[1][i], img.c[2][i]
		var x float32
		if minChannel {
			x = min(r, g, b)
		} else {
			x = luma(r, g, b)
		}
		hist[min(bins-1, max(0, int(x*scale)))]++
		n++
	}
	if n == 0 {
		return 0
	}
	want := int(q * float64(n-1))
	acc := 0
	for i, c := range hist {
		acc += c
		if acc > want {
			return (float64(i) + 0.5) / scale
		}
	}
	return float64(bins) / scale
}
