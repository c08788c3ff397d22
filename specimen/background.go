package specimen

import (
	"math"
	"math/rand/v2"
)

// Background names, as they appear in file names and labels.
const (
	// BgWood is a wooden table: planks with grain.
	BgWood = "wood"
	// BgCloth is woven fabric with folds.
	BgCloth = "cloth"
	// BgTablecloth is a tablecloth with high-contrast checks, stripes or
	// flowers.
	BgTablecloth = "tablecloth"
	// BgTiles is floor tiles with grout lines.
	BgTiles = "tiles"
	// BgPaper is a white sheet: a pale document on it has low contrast.
	BgPaper = "paper"
	// BgDesk is a dark desk.
	BgDesk = "desk"
	// BgHand is the document held in a hand in front of an out-of-focus
	// room.
	BgHand = "hand"
)

// Backgrounds lists every background in a fixed order.
func Backgrounds() []string {
	return []string{BgWood, BgCloth, BgTablecloth, BgTiles, BgPaper, BgDesk, BgHand}
}

// planeSampler maps photo pixels to millimetres on the plane the document
// lies on (centred on the document).
type planeSampler struct {
	inv mat3    // image -> plane
	det float64 // determinant of inv
}

func newPlaneSampler(h mat3) planeSampler {
	inv := h.inverse()
	return planeSampler{inv: inv, det: inv.det()}
}

// at returns the plane point under pixel centre (x, y) and the local scale
// in pixels per millimetre (the square root of the homography's area
// scale); ok is false beyond the horizon.
func (ps planeSampler) at(x, y float64) (u, v, s float64, ok bool) {
	m := ps.inv
	w := m[6]*x + m[7]*y + m[8]
	if w <= 1e-12 {
		return 0, 0, 0, false
	}
	u = (m[0]*x + m[1]*y + m[2]) / w
	v = (m[3]*x + m[4]*y + m[5]) / w
	// The Jacobian determinant of a homography is det(m) / w^3.
	det := math.Abs(ps.det) / (w * w * w)
	return u, v, 1 / math.Sqrt(max(det, 1e-12)), true
}

// texture is a surface pattern in plane millimetres. at is given the local
// scale s (pixels per millimetre) so that detail finer than a pixel fades to
// its average instead of aliasing.
type texture interface {
	at(u, v, s float64) rgb
}

// detail returns the contrast to keep for a feature of the given size (mm)
// at scale s: 1 when it spans several pixels, 0 below about a pixel.
func detail(sizeMM, s float64) float64 { return smoothstep(1.2, 3.5, sizeMM*s) }

// lineCov is the coverage of a line of half-width hw (mm) at distance d (mm)
// from its centre, for pixels of 1/s mm.
func lineCov(d, hw, s float64) float64 {
	return min(clamp01((hw-d)*s+0.5), 2*hw*s)
}

// band is 1 in the first half of each period and 0 in the second, with
// anti-aliased edges.
func band(x, period, s float64) float64 {
	f := x/period - math.Floor(x/period)
	d := min(f, math.Abs(f-0.5), 1-f) * period
	e := min(0.5, d*s)
	if f < 0.5 {
		return 0.5 + e
	}
	return 0.5 - e
}

type woodTex struct {
	ca, sa, plank, period, joint float64
	base                         rgb
	seed                         uint32
}

func newWood(rng *rand.Rand) *woodTex {
	bases := []rgb{{176, 124, 76}, {120, 78, 48}, {200, 164, 118}, {150, 96, 60}, {96, 62, 42}}
	a := rng.Float64() * math.Pi
	return &woodTex{
		ca: math.Cos(a), sa: math.Sin(a),
		plank:  90 + rng.Float64()*70,
		period: 2 + rng.Float64()*3,
		joint:  500 + rng.Float64()*700,
		base:   jitter(rng, pick(rng, bases), 12),
		seed:   rng.Uint32(),
	}
}

func (t *woodTex) at(u, v, s float64) rgb {
	a := t.ca*u + t.sa*v
	b := -t.sa*u + t.ca*v
	pi := math.Floor(b / t.plank)
	hb := hash2(int32(pi), 7, t.seed)
	ap := a + hb*t.joint
	ji := math.Floor(ap / t.joint)
	hj := hash2(int32(pi), int32(ji), t.seed+1)
	col := t.base.scale(0.84 + 0.3*hj)
	g := fbm(a/260+hj*10, (b+pi*31)/11, 3, t.seed+2)
	ring := 0.5 + 0.5*math.Sin(2*math.Pi*(b+18*g+hj*50)/t.period)
	ring = ring * ring * ring
	f := 1 - 0.2*detail(t.period/2, s)*ring - 0.22*(g-0.5)
	fine := valueNoise(a/25, b/0.7, t.seed+3) - 0.5
	f += 0.035 * detail(0.7, s) * fine
	db := min(b-pi*t.plank, (pi+1)*t.plank-b)
	da := min(ap-ji*t.joint, (ji+1)*t.joint-ap)
	f *= 1 - 0.5*lineCov(min(db, da), 0.35, s)
	return col.scale(f)
}

type clothTex struct {
	ca, sa, period float64
	base           rgb
	seed           uint32
}

func newCloth(rng *rand.Rand) *clothTex {
	bases := []rgb{{62, 84, 128}, {120, 120, 126}, {96, 110, 70}, {128, 40, 50}, {196, 184, 160}, {70, 70, 76}}
	a := rng.Float64() * math.Pi
	return &clothTex{ca: math.Cos(a), sa: math.Sin(a), period: 1.1 + rng.Float64()*1.4, base: jitter(rng, pick(rng, bases), 10), seed: rng.Uint32()}
}

// weave returns the brightness factor of a plain weave of the given thread
// period around 1, with the given contrast.
func weave(a, b, period, contrast, s float64) float64 {
	k := detail(period/2, s)
	if k == 0 {
		return 1
	}
	ia, ib := math.Floor(a/period), math.Floor(b/period)
	var th float64
	if (int64(ia)+int64(ib))&1 == 0 {
		th = math.Cos(math.Pi * (a/period - ia - 0.5))
	} else {
		th = math.Cos(math.Pi * (b/period - ib - 0.5))
	}
	return 1 + k*contrast*(th-0.64)
}

// folds is the soft shading of fabric lying loosely, around 1.
func folds(u, v float64, seed uint32) float64 {
	return 1 + 0.22*(fbm(u/70, v/70, 3, seed)-0.5)
}

func (t *clothTex) at(u, v, s float64) rgb {
	a := t.ca*u + t.sa*v
	b := -t.sa*u + t.ca*v
	slub := 1 + 0.05*detail(1.5, s)*(valueNoise(a/12, b/1.5, t.seed+9)-0.5)
	return t.base.scale(weave(a, b, t.period, 0.14, s) * folds(u, v, t.seed) * slub)
}

type tableclothTex struct {
	style         int // 0 checks, 1 stripes, 2 flowers
	ca, sa, cell  float64
	a, b, c       rgb
	stripeWidths  []float64
	stripeColours []rgb
	seed          uint32
}

func newTablecloth(rng *rand.Rand) *tableclothTex {
	ang := rng.Float64() * math.Pi
	t := &tableclothTex{style: rng.IntN(3), ca: math.Cos(ang), sa: math.Sin(ang), seed: rng.Uint32()}
	strong := []rgb{{190, 30, 40}, {30, 60, 160}, {20, 110, 60}, {20, 20, 24}, {230, 120, 20}, {120, 40, 140}}
	switch t.style {
	case 0:
		t.cell = 8 + rng.Float64()*14
		t.a = rgb{244, 242, 236}
		t.b = jitter(rng, pick(rng, strong), 10)
	case 1:
		n := 3 + rng.IntN(3)
		for range n {
			t.stripeWidths = append(t.stripeWidths, 5+rng.Float64()*18)
			c := pick(rng, strong)
			if rng.IntN(2) == 0 {
				c = rgb{240, 236, 226}
			}
			t.stripeColours = append(t.stripeColours, jitter(rng, c, 15))
		}
		for _, w := range t.stripeWidths {
			t.cell += w
		}
	default:
		t.cell = 32 + rng.Float64()*20
		bgs := []rgb{{28, 36, 80}, {245, 242, 232}, {30, 90, 60}, {200, 40, 50}}
		t.a = pick(rng, bgs)
		t.b = jitter(rng, pick(rng, []rgb{{235, 60, 80}, {250, 250, 245}, {250, 200, 40}, {240, 140, 190}, {80, 120, 230}}), 10)
		t.c = rgb{250, 210, 60}
	}
	return t
}

func (t *tableclothTex) at(u, v, s float64) rgb {
	a := t.ca*u + t.sa*v
	b := -t.sa*u + t.ca*v
	var col rgb
	switch t.style {
	case 0:
		h := band(a, 2*t.cell, s)
		w := band(b, 2*t.cell, s)
		// Gingham: the colour where both stripes cross, half where one does.
		col = mix(t.a, t.b, (h+w)/2)
	case 1:
		x := b - math.Floor(b/t.cell)*t.cell
		col = t.stripeColours[len(t.stripeColours)-1]
		acc := 0.0
		for i, w := range t.stripeWidths {
			if x < acc+w {
				col = t.stripeColours[i]
				// Anti-alias the edge with the previous stripe.
				prev := t.stripeColours[(i+len(t.stripeColours)-1)%len(t.stripeColours)]
				col = mix(prev, col, clamp01((x-acc)*s+0.5))
				break
			}
			acc += w
		}
	default:
		col = t.a
		ci, cj := math.Floor(a/t.cell), math.Floor(b/t.cell)
		for di := -1.0; di <= 1; di++ {
			for dj := -1.0; dj <= 1; dj++ {
				i, j := int32(ci+di), int32(cj+dj)
				cx := (float64(i) + 0.2 + 0.6*hash2(i, j, t.seed)) * t.cell
				cy := (float64(j) + 0.2 + 0.6*hash2(i, j, t.seed+1)) * t.cell
				r := t.cell * (0.22 + 0.12*hash2(i, j, t.seed+2))
				dx, dy := a-cx, b-cy
				d := math.Hypot(dx, dy)
				if d > r*1.1 {
					continue
				}
				th := math.Atan2(dy, dx) + 6*hash2(i, j, t.seed+3)
				petal := r * (0.5 + 0.5*math.Abs(math.Cos(2.5*th)))
				col = mix(col, t.b, clamp01((petal-d)*s+0.5))
				col = mix(col, t.c, clamp01((0.28*r-d)*s+0.5))
			}
		}
	}
	return col.scale(weave(a, b, 0.8, 0.09, s) * folds(u, v, t.seed+5))
}

type tilesTex struct {
	size, grout float64
	ca, sa      float64
	base, mortr rgb
	marble      bool
	seed        uint32
}

func newTiles(rng *rand.Rand) *tilesTex {
	bases := []rgb{{214, 204, 186}, {170, 170, 172}, {236, 234, 230}, {184, 108, 78}, {120, 116, 110}}
	a := rng.Float64() * math.Pi / 2
	t := &tilesTex{
		size: 150 + rng.Float64()*150, grout: 2.5 + rng.Float64()*3.5,
		ca: math.Cos(a), sa: math.Sin(a),
		base: jitter(rng, pick(rng, bases), 10), marble: rng.IntN(2) == 0, seed: rng.Uint32(),
	}
	t.mortr = mix(t.base, rgb{150, 146, 140}, 0.7)
	if rng.IntN(2) == 0 {
		t.mortr = mix(t.base, rgb{235, 235, 230}, 0.6)
	}
	return t
}

func (t *tilesTex) at(u, v, s float64) rgb {
	a := t.ca*u + t.sa*v
	b := -t.sa*u + t.ca*v
	i, j := math.Floor(a/t.size), math.Floor(b/t.size)
	h := hash2(int32(i), int32(j), t.seed)
	col := t.base.scale(0.93 + 0.12*h)
	if t.marble {
		w := math.Abs(math.Sin((a*0.8+b*0.45)/11 + 5*fbm(a/70, b/70, 3, t.seed+uint32(h*100))))
		col = col.scale(1 - 0.18*detail(1, s)*smoothstep(0.08, 0, w))
		col = col.scale(1 + 0.05*(fbm(a/30, b/30, 2, t.seed+7)-0.5))
	} else {
		col = col.scale(1 + 0.04*detail(1, s)*(valueNoise(a/1.5, b/1.5, t.seed+3)-0.5))
	}
	da := math.Abs(a - math.Round(a/t.size)*t.size)
	db := math.Abs(b - math.Round(b/t.size)*t.size)
	g := lineCov(min(da, db), t.grout/2, s)
	return mix(col, t.mortr, g)
}

type deskTex struct {
	base rgb
	seed uint32
}

func newDesk(rng *rand.Rand) *deskTex {
	bases := []rgb{{44, 42, 40}, {58, 50, 44}, {36, 38, 44}, {64, 60, 56}, {30, 30, 30}}
	return &deskTex{base: jitter(rng, pick(rng, bases), 6), seed: rng.Uint32()}
}

func (t *deskTex) at(u, v, s float64) rgb {
	f := 1 + 0.08*(fbm(u/180, v/180, 2, t.seed)-0.5)
	f += 0.06 * detail(0.5, s) * (valueNoise(u/0.5, v/0.5, t.seed+1) - 0.5)
	return t.base.scale(f)
}

// paperTex is a white sheet (or a large pad covering the whole frame) on a
// table.
type paperTex struct {
	ca, sa, hw, hh, cx, cy float64
	white                  rgb
	table                  texture
	seed                   uint32
}

func newPaper(rng *rand.Rand) *paperTex {
	a := (rng.Float64()*2 - 1) * 0.35
	t := &paperTex{
		ca: math.Cos(a), sa: math.Sin(a),
		white: jitter(rng, rgb{240, 240, 236}, 4),
		seed:  rng.Uint32(),
	}
	if rng.IntN(2) == 0 {
		t.hw, t.hh = 105, 148.5 // A4
	} else {
		t.hw, t.hh = 210, 148.5 // A3 landscape
	}
	t.cx = (rng.Float64()*2 - 1) * (t.hw - 60)
	t.cy = (rng.Float64()*2 - 1) * (t.hh - 60)
	if rng.IntN(2) == 0 {
		t.table = newDesk(rng)
	} else {
		t.table = newWood(rng)
	}
	return t
}

func (t *paperTex) at(u, v, s float64) rgb {
	x, y := u-t.cx, v-t.cy
	a := t.ca*x + t.sa*y
	b := -t.sa*x + t.ca*y
	d := sdRoundBox(a, b, t.hw, t.hh, 0.5)
	sheet := t.white.scale(1 + 0.015*(fbm(u/40, v/40, 2, t.seed)-0.5) + 0.02*detail(0.3, s)*(valueNoise(u/0.3, v/0.3, t.seed+1)-0.5))
	if d < -2 {
		return sheet
	}
	table := t.table.at(u, v, s)
	// The sheet's thin shadow on the table.
	table = table.scale(1 - 0.25*smoothstep(2.5, 0, d))
	return mix(table, sheet, clamp01(0.5-d*s))
}

// newTexture returns the surface texture of a background lying flat.
func newTexture(name string, rng *rand.Rand) texture {
	switch name {
	case BgWood:
		return newWood(rng)
	case BgCloth:
		return newCloth(rng)
	case BgTablecloth:
		return newTablecloth(rng)
	case BgTiles:
		return newTiles(rng)
	case BgPaper:
		return newPaper(rng)
	}
	return newDesk(rng)
}

// paintSurface fills img with the texture seen through the camera. Beyond
// the horizon of the plane it paints the far colour. Photos above four
// megapixels are painted at half resolution and enlarged: the texture's
// finest detail is faded below a few pixels anyway.
func paintSurface(img *fimage, tex texture, ps planeSampler, far rgb) {
	if img.w*img.h <= 4_000_000 {
		paintSurfaceAt(img, tex, ps, far, 1)
		return
	}
	small := newFImage((img.w+1)/2, (img.h+1)/2)
	paintSurfaceAt(small, tex, ps, far, 2)
	for y := range img.h {
		sy := (float32(y)+0.5)/2 - 0.5
		for x := range img.w {
			sx := (float32(x)+0.5)/2 - 0.5
			i := y*img.w + x
			for c := range 3 {
				img.c[c][i] = bilinear(small.c[c], small.w, small.h, sx, sy)
			}
		}
	}
}

// paintSurfaceAt paints img whose pixels are step photo pixels wide.
func paintSurfaceAt(img *fimage, tex texture, ps planeSampler, far rgb, step float64) {
	for y := range img.h {
		for x := range img.w {
			u, v, s, ok := ps.at((float64(x)+0.5)*step, (float64(y)+0.5)*step)
			s /= step
			c := far
			if ok && s > 0.02 {
				c = tex.at(u, v, s)
			} else if ok {
				c = mix(far, tex.at(u, v, 0.02), clamp01((s-0.005)/0.015))
			}
			i := y*img.w + x
			img.c[0][i] = float32(c[0])
			img.c[1][i] = float32(c[1])
			img.c[2][i] = float32(c[2])
		}
	}
}

// paintRoom fills img with an out-of-focus room, seen behind a document
// held in the hand: a wall, perhaps a window, furniture and a floor, all
// blurred by the shallow depth of field.
func paintRoom(img *fimage, rng *rand.Rand) {
	const k = 24
	sw, sh := img.w/k+2, img.h/k+2
	small := newFImage(sw, sh)
	wall := jitter(rng, pick(rng, []rgb{{196, 188, 172}, {170, 176, 180}, {214, 206, 196}, {150, 140, 124}, {120, 130, 140}}), 12)
	floor := jitter(rng, pick(rng, []rgb{{110, 80, 56}, {90, 86, 82}, {150, 130, 100}}), 10)
	horizon := 0.55 + rng.Float64()*0.35
	for y := range sh {
		for x := range sw {
			fy := float64(y) / float64(sh)
			c := wall.scale(1.08 - 0.25*fy)
			if fy > horizon {
				c = floor.scale(0.9 + 0.2*fy)
			}
			i := y*sw + x
			small.c[0][i], small.c[1][i], small.c[2][i] = float32(c[0]), float32(c[1]), float32(c[2])
		}
	}
	// Furniture, pictures and perhaps a bright window.
	n := 2 + rng.IntN(4)
	for i := range n {
		x0 := rng.IntN(sw)
		y0 := rng.IntN(sh)
		w := 2 + rng.IntN(sw/2+1)
		h := 2 + rng.IntN(sh/2+1)
		c := jitter(rng, pick(rng, []rgb{{60, 44, 34}, {40, 40, 46}, {150, 60, 50}, {70, 100, 120}, {200, 190, 160}}), 20)
		if i == 0 && rng.IntN(2) == 0 {
			c = rgb{242, 244, 248}
		}
		for y := y0; y < min(sh, y0+h); y++ {
			for x := x0; x < min(sw, x0+w); x++ {
				j := y*sw + x
				small.c[0][j], small.c[1][j], small.c[2][j] = float32(c[0]), float32(c[1]), float32(c[2])
			}
		}
	}
	small.blur(1.6)
	for y := range img.h {
		sy := (float32(y)+0.5)/k - 0.5
		for x := range img.w {
			sx := (float32(x)+0.5)/k - 0.5
			i := y*img.w + x
			for c := range 3 {
				img.c[c][i] = bilinear(small.c[c], sw, sh, sx, sy)
			}
		}
	}
}
