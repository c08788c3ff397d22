package specimen

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// wave is one family of guilloche lines: parallel sinusoids, optionally
// bent around a centre (rosette) instead of running straight.
type wave struct {
	angle   float64 // direction of the lines (straight families)
	period  float64 // distance between lines, mm
	amp     float64 // amplitude of the wave, mm
	wavelen float64 // wavelength along the line, mm (petals for rosettes)
	phase   float64
	width   float64 // line width, mm
	col     rgb
	alpha   float64
	rosette bool
	cx, cy  float64 // rosette centre, mm

	sin, cos float64 // of angle, cached by prepare
}

// prepare caches the trigonometry of the family.
func (wv *wave) prepare() { wv.sin, wv.cos = math.Sincos(wv.angle) }

// intensity returns the coverage of the family's lines at (x, y) mm.
func (wv *wave) intensity(x, y, ppm float64) float64 {
	var ph float64
	if wv.rosette {
		dx, dy := x-wv.cx, y-wv.cy
		r := math.Hypot(dx, dy)
		th := math.Atan2(dy, dx)
		ph = (r + wv.amp*fastSin(wv.wavelen*th+wv.phase)*min(1, r/8)) / wv.period
	} else {
		a := wv.cos*x + wv.sin*y
		b := -wv.sin*x + wv.cos*y
		ph = (b + wv.amp*fastSin(2*math.Pi*a/wv.wavelen+wv.phase)) / wv.period
	}
	d := math.Abs(ph-math.Round(ph)) * wv.period
	return clamp01((wv.width/2-d)*ppm + 0.5)
}

// paper is the printed security background of a document.
type paper struct {
	// base colours at the left and right edges, blended along x, with a
	// soft diagonal modulation.
	left, right rgb
	waves       []wave
	// fade lowers the pattern inside a rectangle (the MRZ band of a
	// Latin document keeps a calmer background), mm.
	fadeY0, fadeY1 float64
	fadeAmount     float64
	seed           uint32
}

// paint fills img with the background, at ppm pixels per millimetre.
func (pp *paper) paint(img *image.RGBA, ppm float64) {
	b := img.Bounds()
	wMM := float64(b.Dx()) / ppm
	for i := range pp.waves {
		pp.waves[i].prepare()
	}
	for py := b.Min.Y; py < b.Max.Y; py++ {
		y := (float64(py) + 0.5) / ppm
		for px := b.Min.X; px < b.Max.X; px++ {
			x := (float64(px) + 0.5) / ppm
			t := clamp01(x/wMM + 0.15*math.Sin(y/9+x/23))
			c := mix(pp.left, pp.right, t)
			// Very low-frequency mottling of the print.
			m := 1 + 0.012*(valueNoise(x/6, y/6, pp.seed)-0.5)
			c = c.scale(m)
			fade := 1.0
			if pp.fadeAmount > 0 && y >= pp.fadeY0 && y <= pp.fadeY1 {
				fade = 1 - pp.fadeAmount
			}
			for i := range pp.waves {
				wv := &pp.waves[i]
				a := wv.intensity(x, y, ppm) * wv.alpha * fade
				if a > 0 {
					c = mix(c, wv.col, a)
				}
			}
			o := img.PixOffset(px, py)
			img.Pix[o+0] = uint8(min(255, c[0]))
			img.Pix[o+1] = uint8(min(255, c[1]))
			img.Pix[o+2] = uint8(min(255, c[2]))
			img.Pix[o+3] = 255
		}
	}
}

// jitter returns c with each component moved by up to ±d levels.
func jitter(rng *rand.Rand, c rgb, d float64) rgb {
	for i := range c {
		c[i] = min(255, max(0, c[i]+(rng.Float64()*2-1)*d))
	}
	return c
}

// straightWaves returns n straight guilloche families with random
// parameters around the given colour.
func straightWaves(rng *rand.Rand, n int, col rgb, alpha float64) []wave {
	ws := make([]wave, n)
	base := rng.Float64() * math.Pi
	for i := range ws {
		ws[i] = wave{
			angle:   base + float64(i)*math.Pi/float64(n) + rng.Float64()*0.3,
			period:  0.9 + rng.Float64()*0.9,
			amp:     1.5 + rng.Float64()*4,
			wavelen: 12 + rng.Float64()*30,
			phase:   rng.Float64() * 2 * math.Pi,
			width:   0.09 + rng.Float64()*0.05,
			col:     jitter(rng, col, 12),
			alpha:   alpha * (0.7 + 0.3*rng.Float64()),
		}
	}
	return ws
}

func rosetteWave(rng *rand.Rand, cx, cy float64, col rgb, alpha float64) wave {
	return wave{
		rosette: true, cx: cx, cy: cy,
		period:  0.8 + rng.Float64()*0.5,
		amp:     1.2 + rng.Float64()*2,
		wavelen: float64(6 + rng.IntN(10)),
		phase:   rng.Float64() * 2 * math.Pi,
		width:   0.09,
		col:     col,
		alpha:   alpha,
	}
}

// fillSDF paints colour col over img wherever the signed distance function
// sd (millimetres, negative inside) is inside, anti-aliased, within the
// millimetre rectangle (x0, y0)-(x1, y1). shade, if not nil, scales the
// colour by a factor depending on the position.
func fillSDF(img *image.RGBA, ppm float64, x0, y0, x1, y1 float64, sd func(x, y float64) float64, col rgb, shade func(x, y float64) float64) {
	b := img.Bounds()
	px0 := max(b.Min.X, int(math.Floor(x0*ppm)))
	py0 := max(b.Min.Y, int(math.Floor(y0*ppm)))
	px1 := min(b.Max.X, int(math.Ceil(x1*ppm)))
	py1 := min(b.Max.Y, int(math.Ceil(y1*ppm)))
	for py := py0; py < py1; py++ {
		y := (float64(py) + 0.5) / ppm
		for px := px0; px < px1; px++ {
			x := (float64(px) + 0.5) / ppm
			a := coverage(sd(x, y) * ppm)
			if a <= 0 {
				continue
			}
			c := col
			if shade != nil {
				c = c.scale(shade(x, y))
			}
			o := img.PixOffset(px, py)
			for i := range 3 {
				img.Pix[o+i] = uint8(min(255, max(0, lerp(float64(img.Pix[o+i]), c[i], a))))
			}
		}
	}
}

// drawEmblem paints a red and gold roundel placeholder centred at (cx, cy)
// with radius r, in millimetres.
func drawEmblem(img *image.RGBA, ppm float64, cx, cy, r float64) {
	red := rgb{196, 36, 34}
	gold := rgb{222, 172, 58}
	box := func(k float64) (float64, float64, float64, float64) { return cx - k, cy - k, cx + k, cy + k }
	x0, y0, x1, y1 := box(r + 0.5)
	fillSDF(img, ppm, x0, y0, x1, y1, func(x, y float64) float64 { return sdCircle(x, y, cx, cy, r) }, gold, nil)
	fillSDF(img, ppm, x0, y0, x1, y1, func(x, y float64) float64 { return sdCircle(x, y, cx, cy, 0.9*r) }, red, nil)
	fillSDF(img, ppm, x0, y0, x1, y1, func(x, y float64) float64 {
		return math.Abs(sdCircle(x, y, cx, cy, 0.72*r)) - 0.05*r
	}, gold, nil)
	// Radial rays between the rings.
	fillSDF(img, ppm, x0, y0, x1, y1, func(x, y float64) float64 {
		dx, dy := x-cx, y-cy
		rr := math.Hypot(dx, dy)
		th := math.Atan2(dy, dx)
		ray := math.Abs(math.Sin(12*th)) * rr * 0.5
		return max(ray-0.035*r, math.Max(0.3*r-rr, rr-0.62*r))
	}, gold, nil)
	fillSDF(img, ppm, x0, y0, x1, y1, func(x, y float64) float64 { return sdCircle(x, y, cx, cy, 0.22*r) }, gold, nil)
	fillSDF(img, ppm, x0, y0, x1, y1, func(x, y float64) float64 { return sdCircle(x, y, cx, cy, 0.14*r) }, red, nil)
}

// cardFinish makes the corners of a card transparent outside the rounded
// outline (radius rMM) and darkens a thin rim where the card's edge shows.
func cardFinish(img *image.RGBA, ppm, rMM, rimMM, rimDark float64) {
	b := img.Bounds()
	hx := float64(b.Dx()) / ppm / 2
	hy := float64(b.Dy()) / ppm / 2
	band := int(math.Ceil(max(rMM, rimMM)*ppm)) + 2
	for py := b.Min.Y; py < b.Max.Y; py++ {
		nearY := py < b.Min.Y+band || py >= b.Max.Y-band
		for px := b.Min.X; px < b.Max.X; px++ {
			if !nearY && px >= b.Min.X+band && px < b.Max.X-band {
				continue
			}
			x := (float64(px)+0.5)/ppm - hx
			y := (float64(py)+0.5)/ppm - hy
			d := sdRoundBox(x, y, hx, hy, rMM)
			a := coverage(d * ppm)
			rim := 1 - rimDark*smoothstep(-rimMM, 0, d)
			o := img.PixOffset(px, py)
			for i := range 3 {
				img.Pix[o+i] = uint8(float64(img.Pix[o+i]) * rim * a)
			}
			img.Pix[o+3] = uint8(255 * a)
		}
	}
}

func rgba(c rgb) color.RGBA { return color.RGBA{uint8(c[0]), uint8(c[1]), uint8(c[2]), 255} }
