package specimen

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
)

// fimage is a planar RGB float image. Values are 8-bit levels (0..255) but
// may go outside that range until the photo is quantised: a specular
// highlight, for one, is brighter than the sensor can record.
type fimage struct {
	w, h int
	c    [3][]float32
}

func newFImage(w, h int) *fimage {
	m := &fimage{w: w, h: h}
	for i := range m.c {
		m.c[i] = make([]float32, w*h)
	}
	return m
}

// toRGBA clips and rounds the image to 8 bits.
func (m *fimage) toRGBA() *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, m.w, m.h))
	for i := 0; i < m.w*m.h; i++ {
		o := out.Pix[4*i : 4*i+4 : 4*i+4]
		o[0] = clip8(m.c[0][i])
		o[1] = clip8(m.c[1][i])
		o[2] = clip8(m.c[2][i])
		o[3] = 255
	}
	return out
}

func clip8(v float32) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}

func clamp01(v float64) float64 { return min(1, max(0, v)) }

// smoothstep is the cubic Hermite step from 0 at e0 to 1 at e1.
func smoothstep(e0, e1, x float64) float64 {
	t := clamp01((x - e0) / (e1 - e0))
	return t * t * (3 - 2*t)
}

func lerp(a, b, t float64) float64 { return a + (b-a)*t }

// luma is the Rec. 601 luminance of an RGB triple.
func luma(r, g, b float32) float32 { return 0.299*r + 0.587*g + 0.114*b }

// gaussKernel returns a normalised 1-D gaussian kernel of radius ceil(3σ).
func gaussKernel(sigma float64) []float32 {
	r := int(math.Ceil(3 * sigma))
	if r < 1 {
		r = 1
	}
	k := make([]float32, 2*r+1)
	var sum float64
	for i := -r; i <= r; i++ {
		v := math.Exp(-float64(i*i) / (2 * sigma * sigma))
		k[i+r] = float32(v)
		sum += v
	}
	for i := range k {
		k[i] = float32(float64(k[i]) / sum)
	}
	return k
}

// blurPlane blurs one plane with a gaussian of the given sigma, in place.
// Small sigmas use an exact separable kernel; large ones three box passes,
// whose result is within a few percent of a gaussian.
func blurPlane(p []float32, w, h int, sigma float64, tmp []float32) {
	if sigma <= 0.05 {
		return
	}
	if sigma < 3 {
		k := gaussKernel(sigma)
		convRows(p, tmp, w, h, k)
		convCols(tmp, p, w, h, k)
		return
	}
	for _, r := range boxesForGauss(sigma, 3) {
		boxRows(p, tmp, w, h, r)
		boxCols(tmp, p, w, h, r)
	}
}

// boxesForGauss returns n box radii whose successive application
// approximates a gaussian of the given sigma.
func boxesForGauss(sigma float64, n int) []int {
	wIdeal := math.Sqrt(12*sigma*sigma/float64(n) + 1)
	wl := int(math.Floor(wIdeal))
	if wl%2 == 0 {
		wl--
	}
	wu := wl + 2
	mIdeal := (12*sigma*sigma - float64(n*wl*wl) - 4*float64(n*wl) - 3*float64(n)) / (-4*float64(wl) - 4)
	m := int(math.Round(mIdeal))
	r := make([]int, n)
	for i := range r {
		if i < m {
			r[i] = (wl - 1) / 2
		} else {
			r[i] = (wu - 1) / 2
		}
	}
	return r
}

func convRows(src, dst []float32, w, h int, k []float32) {
	r := len(k) / 2
	for y := range h {
		row := src[y*w : (y+1)*w]
		out := dst[y*w : (y+1)*w]
		for x := range w {
			var s float32
			if x >= r && x < w-r {
				seg := row[x-r : x+r+1]
				for i, kv := range k {
					s += seg[i] * kv
				}
			} else {
				for i, kv := range k {
					xx := min(w-1, max(0, x+i-r))
					s += row[xx] * kv
				}
			}
			out[x] = s
		}
	}
}

func convCols(src, dst []float32, w, h int, k []float32) {
	r := len(k) / 2
	acc := make([]float32, w)
	for y := range h {
		clear(acc)
		for i, kv := range k {
			yy := min(h-1, max(0, y+i-r))
			row := src[yy*w : (yy+1)*w]
			for x := range acc {
				acc[x] += row[x] * kv
			}
		}
		copy(dst[y*w:(y+1)*w], acc)
	}
}

func boxRows(src, dst []float32, w, h, r int) {
	inv := 1 / float32(2*r+1)
	for y := range h {
		row := src[y*w : (y+1)*w]
		out := dst[y*w : (y+1)*w]
		var s float32
		for i := -r; i <= r; i++ {
			s += row[min(w-1, max(0, i))]
		}
		for x := range w {
			out[x] = s * inv
			s += row[min(w-1, x+r+1)] - row[max(0, x-r)]
		}
	}
}

func boxCols(src, dst []float32, w, h, r int) {
	inv := 1 / float32(2*r+1)
	acc := make([]float32, w)
	for i := -r; i <= r; i++ {
		row := src[min(h-1, max(0, i))*w:]
		for x := range w {
			acc[x] += row[x]
		}
	}
	for y := range h {
		out := dst[y*w : (y+1)*w]
		for x := range w {
			out[x] = acc[x] * inv
		}
		add := src[min(h-1, y+r+1)*w:]
		sub := src[max(0, y-r)*w:]
		for x := range w {
			acc[x] += add[x] - sub[x]
		}
	}
}

// blur blurs every channel of m.
func (m *fimage) blur(sigma float64) {
	if sigma <= 0.05 {
		return
	}
	tmp := make([]float32, m.w*m.h)
	for i := range m.c {
		blurPlane(m.c[i], m.w, m.h, sigma, tmp)
	}
}

// motionBlur averages each pixel along a segment of the given length (px)
// and direction (radians), as a camera moving in a straight line during the
// exposure does.
func (m *fimage) motionBlur(length, angle float64) {
	dx, dy := math.Cos(angle), math.Sin(angle)
	if math.Abs(dy) > math.Abs(dx) {
		// Mostly vertical: blur the transpose along a mostly horizontal line.
		t := m.transpose()
		t.motionBlurH(length, dy, dx)
		*m = *t.transpose()
		return
	}
	m.motionBlurH(length, dx, dy)
}

// motionBlurH blurs along (dx, dy) with |dx| >= |dy|: each sample of the
// kernel is a fixed shift of whole rows, so the inner loop runs along rows.
func (m *fimage) motionBlurH(length, dx, dy float64) {
	n := int(math.Ceil(length)) + 1
	w, h := m.w, m.h
	inv := 1 / float32(n)
	for c := range m.c {
		src := m.c[c]
		dst := make([]float32, len(src))
		for k := range n {
			t := -length/2 + length*float64(k)/float64(n-1)
			ox, oy := t*dx, t*dy
			ix, iy := int(math.Floor(ox)), int(math.Floor(oy))
			fx, fy := float32(ox-float64(ix)), float32(oy-float64(iy))
			w00 := (1 - fx) * (1 - fy) * inv
			w10 := fx * (1 - fy) * inv
			w01 := (1 - fx) * fy * inv
			w11 := fx * fy * inv
			for y := range h {
				r0 := src[min(h-1, max(0, y+iy))*w:]
				r1 := src[min(h-1, max(0, y+iy+1))*w:]
				out := dst[y*w : (y+1)*w]
				// Fast middle where x+ix and x+ix+1 are inside the row.
				x0 := max(0, -ix)
				x1 := min(w, w-ix-1)
				for x := 0; x < x0 && x < w; x++ {
					a, b := min(w-1, max(0, x+ix)), min(w-1, max(0, x+ix+1))
					out[x] += w00*r0[a] + w10*r0[b] + w01*r1[a] + w11*r1[b]
				}
				if x1 > x0 {
					a0 := r0[x0+ix : x1+ix+1]
					a1 := r1[x0+ix : x1+ix+1]
					o := out[x0:x1]
					for i := range o {
						o[i] += w00*a0[i] + w10*a0[i+1] + w01*a1[i] + w11*a1[i+1]
					}
				}
				for x := max(x0, x1); x < w; x++ {
					a, b := min(w-1, max(0, x+ix)), min(w-1, max(0, x+ix+1))
					out[x] += w00*r0[a] + w10*r0[b] + w01*r1[a] + w11*r1[b]
				}
			}
		}
		m.c[c] = dst
	}
}

// transpose returns the image mirrored about its diagonal.
func (m *fimage) transpose() *fimage {
	t := newFImage(m.h, m.w)
	for c := range m.c {
		for y := range m.h {
			for x := range m.w {
				t.c[c][x*m.h+y] = m.c[c][y*m.w+x]
			}
		}
	}
	return t
}

// clone returns a copy of m.
func (m *fimage) clone() *fimage {
	n := &fimage{w: m.w, h: m.h}
	for c := range m.c {
		n.c[c] = slices.Clone(m.c[c])
	}
	return n
}

// bilinear samples plane p at (x, y), clamping at the border.
func bilinear(p []float32, w, h int, x, y float32) float32 {
	if x < 0 {
		x = 0
	}
	if y < 0 {
		y = 0
	}
	if x > float32(w-1) {
		x = float32(w - 1)
	}
	if y > float32(h-1) {
		y = float32(h - 1)
	}
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
	fx, fy := x-float32(x0), y-float32(y0)
	a := p[y0*w+x0] + (p[y0*w+x1]-p[y0*w+x0])*fx
	b := p[y1*w+x0] + (p[y1*w+x1]-p[y1*w+x0])*fx
	return a + (b-a)*fy
}

// addNoise adds sensor noise of sigma levels: a luminance component and a
// chroma component chroma times as strong. The noise is slightly correlated
// between neighbouring pixels, as demosaicing and a phone's noise reduction
// leave it; sigma is the per-pixel standard deviation after that.
func (m *fimage) addNoise(rng *rand.Rand, sigma, chroma float64) {
	const corr = 1.0
	// A gaussian of this sigma keeps sum(k^2) of the white noise's power;
	// rescale so that the per-pixel sigma is the one asked for.
	k := gaussKernel(corr)
	var k2 float64
	for _, v := range k {
		k2 += float64(v) * float64(v)
	}
	// Separable filtering scales the standard deviation by sum(k^2).
	norm := 1 / k2
	field := func(w, h int, s float64) []float32 {
		p := make([]float32, w*h)
		for i := range p {
			p[i] = float32(rng.NormFloat64())
		}
		tmp := make([]float32, w*h)
		convRows(p, tmp, w, h, k)
		convCols(tmp, p, w, h, k)
		f := float32(s * norm)
		for i := range p {
			p[i] *= f
		}
		return p
	}
	l := field(m.w, m.h, sigma)
	// Chroma noise is coarser: the sensor's colour filter and the
	// camera's chroma denoising leave it at half resolution.
	hw, hh := (m.w+1)/2, (m.h+1)/2
	cr := field(hw, hh, sigma*chroma)
	cb := field(hw, hh, sigma*chroma)
	for y := range m.h {
		for x := range m.w {
			i := y*m.w + x
			j := (y/2)*hw + x/2
			m.c[0][i] += l[i] + cr[j]
			m.c[1][i] += l[i] - 0.3*(cr[j]+cb[j])
			m.c[2][i] += l[i] + cb[j]
		}
	}
}

// fastSin is a sine accurate to about 1e-4, for patterns.
func fastSin(x float64) float64 {
	const twoPi = 2 * math.Pi
	x -= twoPi * math.Floor(x/twoPi+0.5) // [-pi, pi]
	// Fold into [-pi/2, pi/2].
	if x > math.Pi/2 {
		x = math.Pi - x
	} else if x < -math.Pi/2 {
		x = -math.Pi - x
	}
	x2 := x * x
	return x * (1 - x2*(1.0/6-x2*(1.0/120-x2*(1.0/5040-x2/362880))))
}

// hash2 hashes integer lattice coordinates with a seed to [0, 1).
func hash2(x, y int32, seed uint32) float64 {
	h := uint32(x)*0x8da6b343 ^ uint32(y)*0xd8163841 ^ seed*0xcb1ab31f
	h ^= h >> 13
	h *= 0x5bd1e995
	h ^= h >> 15
	return float64(h&0xffffff) / float64(1<<24)
}

// valueNoise is smooth value noise in [0, 1) with unit lattice spacing.
func valueNoise(x, y float64, seed uint32) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int32(fx), int32(fy)
	tx, ty := x-fx, y-fy
	tx = tx * tx * (3 - 2*tx)
	ty = ty * ty * (3 - 2*ty)
	a := hash2(ix, iy, seed)
	b := hash2(ix+1, iy, seed)
	c := hash2(ix, iy+1, seed)
	d := hash2(ix+1, iy+1, seed)
	return lerp(lerp(a, b, tx), lerp(c, d, tx), ty)
}

// fbm sums octaves of value noise, each twice the frequency and half the
// amplitude of the previous; the result is roughly in [0, 1).
func fbm(x, y float64, octaves int, seed uint32) float64 {
	var s, amp, norm float64 = 0, 1, 0
	for o := range octaves {
		s += amp * valueNoise(x, y, seed+uint32(o)*7919)
		norm += amp
		amp *= 0.5
		x, y = x*2.03+17.1, y*2.03-5.3
	}
	return s / norm
}

// rgb is a colour with float components in 8-bit levels.
type rgb [3]float64

func (c rgb) scale(f float64) rgb { return rgb{c[0] * f, c[1] * f, c[2] * f} }

func mix(a, b rgb, t float64) rgb {
	return rgb{lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)}
}

// coverage converts a signed distance in pixels (negative inside) to an
// anti-aliased coverage.
func coverage(dPx float64) float64 { return clamp01(0.5 - dPx) }

// Signed distance functions, negative inside.

func sdCircle(x, y, cx, cy, r float64) float64 { return math.Hypot(x-cx, y-cy) - r }

// sdEllipse approximates the signed distance to an axis-aligned ellipse
// (exact on the axes, good enough for anti-aliasing and soft edges).
func sdEllipse(x, y, rx, ry float64) float64 {
	k := math.Hypot(x/rx, y/ry)
	if k == 0 {
		return -min(rx, ry)
	}
	g := math.Hypot(x/(rx*rx), y/(ry*ry))
	return k * (k - 1) / g
}

// sdCapsule is the distance to the segment a-b minus radius r.
func sdCapsule(x, y, ax, ay, bx, by, r float64) float64 {
	px, py := x-ax, y-ay
	vx, vy := bx-ax, by-ay
	t := clamp01((px*vx + py*vy) / (vx*vx + vy*vy))
	return math.Hypot(px-vx*t, py-vy*t) - r
}

// sdRoundBox is the distance to a box of half-size (hx, hy) centred at the
// origin with corner radius r.
func sdRoundBox(x, y, hx, hy, r float64) float64 {
	qx := math.Abs(x) - hx + r
	qy := math.Abs(y) - hy + r
	return math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r
}

// rotate rotates (x, y) by -a (into a frame rotated by a).
func rotate(x, y, a float64) (float64, float64) {
	s, c := math.Sincos(a)
	return c*x + s*y, -s*x + c*y
}
