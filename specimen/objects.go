package specimen

import (
	"math"
	"math/rand/v2"
	"slices"
)

// planeShape is an object lying on (or held in) the document's plane,
// described by a signed distance in millimetres and a colour function.
type planeShape struct {
	// sd is the signed distance (mm, negative inside).
	sd func(u, v float64) float64
	// col is the colour at (u, v) given the signed distance d.
	col func(u, v, d, s float64) rgb
	// bound is a millimetre box that contains the shape.
	u0, v0, u1, v1 float64
}

// pixelBounds projects the millimetre box of a shape to a pixel rectangle,
// clipped to the image. ok is false when nothing is visible.
func pixelBounds(h mat3, w, hgt int, u0, v0, u1, v1 float64) (x0, y0, x1, y1 int, ok bool) {
	fx0, fy0 := math.Inf(1), math.Inf(1)
	fx1, fy1 := math.Inf(-1), math.Inf(-1)
	const n = 6
	for i := 0; i <= n; i++ {
		for j := 0; j <= n; j++ {
			if i != 0 && i != n && j != 0 && j != n {
				continue
			}
			u := u0 + (u1-u0)*float64(i)/n
			v := v0 + (v1-v0)*float64(j)/n
			x, y, good := h.apply(u, v)
			if !good {
				// Part of the box is behind the camera: take the whole frame.
				return 0, 0, w, hgt, true
			}
			fx0, fy0 = min(fx0, x), min(fy0, y)
			fx1, fy1 = max(fx1, x), max(fy1, y)
		}
	}
	x0 = max(0, int(math.Floor(fx0))-2)
	y0 = max(0, int(math.Floor(fy0))-2)
	x1 = min(w, int(math.Ceil(fx1))+2)
	y1 = min(hgt, int(math.Ceil(fy1))+2)
	return x0, y0, x1, y1, x0 < x1 && y0 < y1
}

// fillShape paints a plane shape into img, anti-aliased. If cov is not nil
// the coverage is also accumulated there.
func fillShape(img *fimage, h mat3, ps planeSampler, sh planeShape, cov []float32) {
	fillSoft(img, h, ps, sh, cov, 0)
}

// castShadow darkens img under the soft shadow of a shape offset by (du, dv)
// mm, with a penumbra of soft mm and the given strength. If only is not nil,
// pixels are darkened in proportion to it (a shadow falling on one object).
func castShadow(img *fimage, h mat3, ps planeSampler, sd func(u, v float64) float64, u0, v0, u1, v1, du, dv, soft, strength float64, only []float32) {
	x0, y0, x1, y1, ok := pixelBounds(h, img.w, img.h, u0+du-soft, v0+dv-soft, u1+du+soft, v1+dv+soft)
	if !ok {
		return
	}
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			u, v, _, good := ps.at(float64(x)+0.5, float64(y)+0.5)
			if !good {
				continue
			}
			m := smoothstep(soft, -soft, sd(u-du, v-dv)) * strength
			i := y*img.w + x
			if only != nil {
				m *= float64(only[i])
			}
			if m <= 0 {
				continue
			}
			f := float32(1 - m)
			img.c[0][i] *= f
			img.c[1][i] *= f
			img.c[2][i] *= f
		}
	}
}

// skinTones are base skin colours, light to dark.
var skinTones = []rgb{{232, 190, 160}, {222, 172, 136}, {200, 150, 110}, {170, 120, 84}, {128, 86, 60}, {96, 64, 46}}

// hand is a hand holding the document: the palm and wrist below one edge
// (the fingers are hidden behind the document) and the thumb over that
// edge.
type hand struct {
	palm, wrist, thumb, nail planeShape
	thumbSD                  func(u, v float64) float64
}

// sdTaperedCapsule is the distance to a capsule from a (radius ra) to b
// (radius rb), after Inigo Quilez's uneven capsule.
func sdTaperedCapsule(x, y, ax, ay, bx, by, ra, rb float64) float64 {
	h := math.Hypot(bx-ax, by-ay)
	// Local frame: origin at a, y along a->b.
	dx, dy := (bx-ax)/h, (by-ay)/h
	px, py := x-ax, y-ay
	ly := px*dx + py*dy
	lx := math.Abs(-px*dy + py*dx)
	b := (ra - rb) / h
	a := math.Sqrt(1 - b*b)
	k := -b*lx + a*ly
	if k < 0 {
		return math.Hypot(lx, ly) - ra
	}
	if k > a*h {
		return math.Hypot(lx, ly-h) - rb
	}
	return a*lx + b*ly - ra
}

// thumbPlacing is where the thumb of a hand holding the document lies: the
// side of the hand (0 left, 1 right, 2 bottom), the position along that side
// (a fraction of its length from its middle), the way the thumb leans, how
// far its tip's centre lies inside the edge, the offsets of its base and tip
// along the edge and the radius of its tip, in millimetres.
type thumbPlacing struct {
	side                              int
	t0, lean, inside, baseT, tipT, rb float64
}

// axis returns the thumb's base and tip on a wMM x hMM document, and the
// point of the edge it is placed at.
func (p thumbPlacing) axis(wMM, hMM float64) (bx, by, tipX, tipY, ex, ey float64) {
	nx, ny, tx, ty, edge, along := handSide(p.side, wMM, hMM)
	ex, ey = nx*edge+tx*p.t0*along, ny*edge+ty*p.t0*along
	at := func(n, t float64) (float64, float64) { return ex + nx*n + tx*t*p.lean, ey + ny*n + ty*t*p.lean }
	bx, by = at(14, p.baseT)
	tipX, tipY = at(-p.inside, p.tipT)
	return bx, by, tipX, tipY, ex, ey
}

// sd returns the thumb's signed distance on a wMM x hMM document.
func (p thumbPlacing) sd(wMM, hMM float64) func(u, v float64) float64 {
	bx, by, tipX, tipY, _, _ := p.axis(wMM, hMM)
	rb := p.rb
	return func(u, v float64) float64 { return sdTaperedCapsule(u, v, bx, by, tipX, tipY, thumbRadius, rb) }
}

// drawThumbPlacing draws a thumb's side, position and shape, not yet how far
// it reaches in.
func drawThumbPlacing(rng *rand.Rand) thumbPlacing {
	p := thumbPlacing{side: rng.IntN(3)}
	// Position along the edge, away from the corners.
	p.t0 = (rng.Float64()*2 - 1) * 0.25
	p.lean = 1.0 // the thumb leans towards +t or -t
	if rng.IntN(2) == 0 {
		p.lean = -1
	}
	p.baseT, p.tipT = 20+rng.Float64()*6, rng.Float64()*6-2
	p.rb = 8.6 + rng.Float64()*0.8
	return p
}

// newHand places a hand on one edge of a wMM x hMM document centred on the
// origin. With cover zero the thumb rests on the document's margin only: it
// keeps clear of every printed box (millimetres from the document's top-left
// corner: text, portrait, emblem, MRZ) and of the corners, reaching 1.2 to
// 3.5 mm in where the print leaves room (0.4 mm at least). With cover above
// zero the thumb reaches over the print until it covers that fraction of the
// document's inner area (see innerCover).
func newHand(rng *rand.Rand, boxes []rectMM, wMM, hMM, cover float64) *hand {
	skin := jitter(rng, pick(rng, skinTones), 8)
	var best thumbPlacing
	if cover > 0 {
		best = drawThumbPlacing(rng)
		best.inside = solveReach(-best.rb, 45, func(in float64) float64 {
			q := best
			q.inside = in
			return innerCover(q.sd(wMM, hMM), wMM, hMM)
		}, cover)
	} else {
		best = marginThumb(rng, boxes, wMM, hMM)
	}
	return buildHand(rng, skin, best, wMM, hMM)
}

// marginThumb finds a thumb that rests on the margin of the document only.
func marginThumb(rng *rand.Rand, boxes []rectMM, wMM, hMM float64) thumbPlacing {
	forbid := append(slices.Clone(boxes), cornerBoxes(wMM, hMM, thumbCornerMM)...)
	want := uniform(rng, 1.2, 3.5)
	var best thumbPlacing
	bestDepth, bestClear := math.Inf(-1), math.Inf(-1)
	for range maxThumbTries {
		p := drawThumbPlacing(rng)
		clear := func(in float64) float64 {
			q := p
			q.inside = in
			return sdClearance(q.sd(wMM, hMM), forbid, wMM, hMM)
		}
		lo := minThumbDepth - p.rb
		if c := clear(lo); c < thumbClearMM {
			if bestDepth == math.Inf(-1) && c > bestClear {
				p.inside = lo
				best, bestClear = p, c
			}
			continue
		}
		p.inside = lo
		hi := want - p.rb
		if clear(hi) >= thumbClearMM {
			p.inside = hi
		} else {
			for range 24 {
				mid := (lo + hi) / 2
				if clear(mid) >= thumbClearMM {
					lo = mid
				} else {
					hi = mid
				}
			}
			p.inside = lo
		}
		if d := p.inside + p.rb; d > bestDepth {
			best, bestDepth = p, d
		}
		if bestDepth >= want-0.05 {
			break
		}
	}
	return best
}

// Placement of a thumb on the margin.
const (
	// maxThumbTries bounds the placements tried for a thumb on the margin.
	maxThumbTries = 24
	// thumbClearMM is the least distance between a thumb on the margin and
	// any print.
	thumbClearMM = 0.6
	// minThumbDepth is how far a thumb on the margin reaches in at least,
	// in millimetres.
	minThumbDepth = 0.4
	// thumbCornerMM is the side of the square at each corner that a thumb
	// on the margin keeps clear of.
	thumbCornerMM = 9.0
	// thumbRadius is the radius of the thumb at its base, in millimetres.
	thumbRadius = 11.5
)

// buildHand draws the palm, the wrist, the thumb and its nail of a hand
// whose thumb lies at p.
func buildHand(rng *rand.Rand, skin rgb, p thumbPlacing, wMM, hMM float64) *hand {
	nx, ny, tx, ty, _, _ := handSide(p.side, wMM, hMM)
	bx, by, tipX, tipY, ex, ey := p.axis(wMM, hMM)
	lean, rb := p.lean, p.rb
	seed := rng.Uint32()
	at := func(n, t float64) (float64, float64) { return ex + nx*n + tx*t*lean, ey + ny*n + ty*t*lean }

	// Palm: a rounded block just beyond the edge, the fingers behind the
	// document; the wrist leaves the frame.
	pcx, pcy := at(36, -6)
	palmSD := func(u, v float64) float64 {
		x, y := u-pcx, v-pcy
		return sdRoundBox(x*tx+y*ty, x*nx+y*ny, 44, 40, 26)
	}
	wx, wy := at(280, -30)
	wristSD := func(u, v float64) float64 { return sdCapsule(u, v, pcx, pcy, wx, wy, 31) }

	// Thumb: from the side of the palm over the edge, tapering to the tip.
	thumbSD := p.sd(wMM, hMM)

	grain := func(u, v, s float64) float64 {
		return 1 + 0.04*detail(0.8, s)*(valueNoise(u/0.8, v/0.8, seed)-0.5) + 0.05*(valueNoise(u/15, v/15, seed+1)-0.5)
	}
	shade := func(depth, radius float64) float64 {
		return 0.66 + 0.38*math.Sqrt(clamp01(depth/radius))
	}
	h := &hand{thumbSD: thumbSD}
	h.palm = planeShape{sd: palmSD, u0: pcx - 70, v0: pcy - 70, u1: pcx + 70, v1: pcy + 70,
		col: func(u, v, d, s float64) rgb {
			// Darker towards the wrist, rounded at the rim.
			x, y := u-pcx, v-pcy
			n := (x*nx + y*ny) / 40
			return skin.scale(shade(-d, 22) * (1 - 0.1*clamp01(n)) * grain(u, v, s))
		}}
	h.wrist = planeShape{sd: wristSD,
		u0: min(pcx, wx) - 34, v0: min(pcy, wy) - 34, u1: max(pcx, wx) + 34, v1: max(pcy, wy) + 34,
		col: func(u, v, d, s float64) rgb { return skin.scale(0.92 * shade(-d, 31) * grain(u, v, s)) }}
	h.thumb = planeShape{sd: thumbSD,
		u0: min(bx, tipX) - 14, v0: min(by, tipY) - 14, u1: max(bx, tipX) + 14, v1: max(by, tipY) + 14,
		col: func(u, v, d, s float64) rgb {
			// Lit along the middle, with a crease shadow where it leaves
			// the palm.
			c := skin.scale(1.04 * shade(-d, 9) * grain(u, v, s))
			crease := smoothstep(4, 0, palmSD(u, v)+2) * smoothstep(-6, -1, d)
			return c.scale(1 - 0.2*crease)
		}}
	dx, dy := tipX-bx, tipY-by
	l := math.Hypot(dx, dy)
	dx, dy = dx/l, dy/l
	nx0, ny0 := tipX-dx*3.5, tipY-dy*3.5
	nailSD := func(u, v float64) float64 {
		x, y := u-nx0, v-ny0
		a := x*dx + y*dy
		b := -x*dy + y*dx
		return sdEllipse(a, b, 6, 0.6*rb)
	}
	nail := mix(skin, rgb{240, 206, 198}, 0.5)
	h.nail = planeShape{sd: nailSD, u0: nx0 - 9, v0: ny0 - 9, u1: nx0 + 9, v1: ny0 + 9,
		col: func(u, v, d, s float64) rgb {
			return nail.scale(0.88 + 0.16*math.Sqrt(clamp01(-d/2.5)))
		}}
	return h
}

// handSide returns, for a hand on side (0 left, 1 right, 2 bottom) of a wMM
// x hMM document, the outward normal, the direction along the edge, the
// distance from the centre to the edge and the edge's length.
func handSide(side int, wMM, hMM float64) (nx, ny, tx, ty, edge, along float64) {
	switch side {
	case 0:
		return -1, 0, 0, 1, wMM / 2, hMM
	case 1:
		return 1, 0, 0, 1, wMM / 2, hMM
	default:
		return 0, 1, 1, 0, hMM / 2, wMM
	}
}

// sdClearance returns the least signed distance of a shape over the boxes
// (millimetres from the document's top-left corner, sampled every 0.5 mm);
// it is negative when the shape covers part of one.
func sdClearance(sd func(u, v float64) float64, boxes []rectMM, wMM, hMM float64) float64 {
	clear := math.Inf(1)
	for _, b := range boxes {
		if b.empty() {
			continue
		}
		for y := b.y0; y <= b.y1+1e-9; y += 0.5 {
			for x := b.x0; x <= b.x1+1e-9; x += 0.5 {
				clear = math.Min(clear, sd(x-wMM/2, y-hMM/2))
			}
		}
	}
	return clear
}

// cornerBoxes returns the squares of side mm at the corners of a wMM x hMM
// document, in millimetres from its top-left corner.
func cornerBoxes(wMM, hMM, mm float64) []rectMM {
	return []rectMM{{0, 0, mm, mm}, {wMM - mm, 0, wMM, mm}, {wMM - mm, hMM - mm, wMM, hMM}, {0, hMM - mm, mm, hMM}}
}

// booklet is the open passport book around a TD3 data page: the cover's
// edge around the pages and the facing page above the data page.
type booklet struct {
	cover, facing  planeShape
	outerSD        func(u, v float64) float64
	foldV          float64 // v of the fold between the pages
	u0, v0, u1, v1 float64
}

func newBooklet(rng *rand.Rand, wMM, hMM float64) *booklet {
	covers := []rgb{{112, 28, 38}, {30, 42, 86}, {26, 62, 46}, {34, 32, 34}, {86, 26, 54}}
	cover := jitter(rng, pick(rng, covers), 8)
	const m, gap = 2.5, 1.2
	hw := wMM/2 + m
	top := -hMM/2 - gap - hMM - m
	bottom := hMM/2 + m
	cy := (top + bottom) / 2
	hh := (bottom - top) / 2
	outer := func(u, v float64) float64 { return sdRoundBox(u, v-cy, hw, hh, 4) }
	b := &booklet{outerSD: outer, foldV: -hMM/2 - gap/2, u0: -hw, v0: top, u1: hw, v1: bottom}
	b.cover = planeShape{sd: outer, u0: -hw - 1, v0: top - 1, u1: hw + 1, v1: bottom + 1,
		col: func(u, v, d, s float64) rgb { return cover.scale(0.85 + 0.15*smoothstep(0, -3, d)) }}
	pageTop := -hMM/2 - gap - hMM
	pageCY := pageTop + hMM/2
	pageSD := func(u, v float64) float64 { return sdRoundBox(u, v-pageCY, wMM/2, hMM/2, 1) }
	tint := jitter(rng, rgb{236, 234, 226}, 5)
	seed := rng.Uint32()
	period := 1.2 + rng.Float64()
	b.facing = planeShape{sd: pageSD, u0: -wMM / 2, v0: pageTop, u1: wMM / 2, v1: pageTop + hMM,
		col: func(u, v, d, s float64) rgb {
			ph := (v + 3*math.Sin(u/9+float64(seed%7))) / period
			line := lineCov(math.Abs(ph-math.Round(ph))*period, 0.05, s) * detail(period, s)
			c := mix(tint, rgb{190, 200, 214}, 0.35*line)
			// The page curves down into the fold.
			fold := -hMM/2 - gap/2
			return c.scale(1 - 0.22*smoothstep(7, 0, fold-v))
		}}
	return b
}

// distractor is an everyday object that is not a document: a coaster, a
// sticky note, a pen or a mug seen from above.
type distractor struct {
	name       string
	shapes     []planeShape
	shadowSD   func(u, v float64) float64
	shadowOff  float64 // mm
	shadowSoft float64
	radius     float64 // for placement
}

// Distractor names.
const (
	// DistractorCoaster is a round cork or printed coaster.
	DistractorCoaster = "coaster"
	// DistractorNote is a square sticky note with a few written lines.
	DistractorNote = "sticky_note"
	// DistractorPen is a ballpoint pen.
	DistractorPen = "pen"
	// DistractorMug is a mug seen from above.
	DistractorMug = "mug"
)

func newDistractor(rng *rand.Rand, name string, cx, cy float64) *distractor {
	rot := rng.Float64() * 2 * math.Pi
	local := func(u, v float64) (float64, float64) { return rotate(u-cx, v-cy, rot) }
	box := func(ext float64) (float64, float64, float64, float64) { return cx - ext, cy - ext, cx + ext, cy + ext }
	d := &distractor{name: name}
	switch name {
	case DistractorCoaster:
		r := 45 + rng.Float64()*7
		cork := rng.IntN(2) == 0
		base := rgb{186, 142, 92}
		if !cork {
			base = jitter(rng, pick(rng, []rgb{{40, 60, 90}, {150, 40, 40}, {60, 60, 60}}), 10)
		}
		seed := rng.Uint32()
		sd := func(u, v float64) float64 { return sdCircle(u, v, cx, cy, r) }
		u0, v0, u1, v1 := box(r + 2)
		d.shapes = []planeShape{{sd: sd, u0: u0, v0: v0, u1: u1, v1: v1, col: func(u, v, dd, s float64) rgb {
			c := base
			if cork {
				c = c.scale(1 + 0.3*detail(0.6, s)*(valueNoise(u/0.6, v/0.6, seed)-0.5))
			} else {
				ring := math.Abs(math.Sin(math.Hypot(u-cx, v-cy) / 3))
				c = mix(c, rgb{230, 220, 200}, 0.5*detail(2, s)*smoothstep(0.15, 0, ring))
			}
			return c.scale(0.85 + 0.15*smoothstep(0, -2, dd))
		}}}
		d.shadowSD, d.shadowOff, d.shadowSoft, d.radius = sd, 1.5, 2, r
	case DistractorNote:
		colr := jitter(rng, pick(rng, []rgb{{250, 234, 110}, {250, 176, 204}, {160, 212, 240}, {176, 230, 150}}), 8)
		ink := rgb{30, 40, 110}
		seed := float64(rng.IntN(1000))
		sd := func(u, v float64) float64 { a, b := local(u, v); return sdRoundBox(a, b, 38, 38, 0.8) }
		u0, v0, u1, v1 := box(56)
		d.shapes = []planeShape{{sd: sd, u0: u0, v0: v0, u1: u1, v1: v1, col: func(u, v, dd, s float64) rgb {
			a, b := local(u, v)
			// The free end curls up and catches more light.
			c := colr.scale(0.96 + 0.08*smoothstep(-38, 38, b))
			// A few handwritten-looking lines.
			for k := range 3 {
				ly := -18 + 14*float64(k)
				if a < -30 || a > 30-10*float64(k) || math.Abs(b-ly) > 4 {
					continue
				}
				word := math.Sin(a/4.3+seed+float64(k)) > -0.7
				if !word {
					continue
				}
				y := ly + 1.6*math.Sin(a*1.7+seed*float64(k+1))*math.Sin(a*0.37)
				c = mix(c, ink, lineCov(math.Abs(b-y), 0.3, s))
			}
			return c
		}}}
		d.shadowSD, d.shadowOff, d.shadowSoft, d.radius = sd, 1.2, 1.5, 54
	case DistractorPen:
		body := jitter(rng, pick(rng, []rgb{{30, 50, 140}, {20, 20, 24}, {170, 30, 30}, {190, 190, 196}}), 10)
		sd := func(u, v float64) float64 { a, b := local(u, v); return sdCapsule(a, b, -68, 0, 62, 0, 4.6) }
		tip := func(u, v float64) float64 {
			a, b := local(u, v)
			return sdCapsule(a, b, 62, 0, 72, 0, 1.2+max(0, (72-a)*0.3))
		}
		clip := func(u, v float64) float64 { a, b := local(u, v); return sdCapsule(a, b, -60, -3, -25, -3, 1.2) }
		u0, v0, u1, v1 := box(80)
		cyl := func(c rgb, r float64) func(u, v, dd, s float64) rgb {
			return func(u, v, dd, s float64) rgb {
				_, b := local(u, v)
				return c.scale(0.6 + 0.6*math.Sqrt(clamp01(1-(b/r)*(b/r))) + 0.25*smoothstep(0.5, 0, math.Abs(b+1.5)))
			}
		}
		d.shapes = []planeShape{
			{sd: tip, u0: u0, v0: v0, u1: u1, v1: v1, col: cyl(rgb{170, 170, 172}, 3)},
			{sd: sd, u0: u0, v0: v0, u1: u1, v1: v1, col: cyl(body, 4.6)},
			{sd: clip, u0: u0, v0: v0, u1: u1, v1: v1, col: cyl(rgb{205, 205, 210}, 4.6)},
		}
		d.shadowSD, d.shadowOff, d.shadowSoft, d.radius = sd, 4, 2.5, 75
	default: // mug
		rOut := 42 + rng.Float64()*4
		rIn := rOut - 4
		glaze := jitter(rng, pick(rng, []rgb{{240, 240, 236}, {30, 70, 140}, {200, 60, 40}, {60, 60, 60}}), 8)
		coffee := rgb{60, 34, 20}
		empty := rng.IntN(3) == 0
		outer := func(u, v float64) float64 { return sdCircle(u, v, cx, cy, rOut) }
		handle := func(u, v float64) float64 {
			a, b := local(u, v)
			return math.Abs(sdEllipse(a-rOut-4, b, 13, 11)) - 3.2
		}
		inner := func(u, v float64) float64 { return sdCircle(u, v, cx, cy, rIn) }
		liquid := func(u, v float64) float64 { return sdCircle(u, v, cx, cy, rIn-3) }
		u0, v0, u1, v1 := box(rOut + 30)
		d.shapes = []planeShape{
			{sd: handle, u0: u0, v0: v0, u1: u1, v1: v1, col: func(u, v, dd, s float64) rgb { return glaze.scale(0.8 + 0.2*smoothstep(0, -3, dd)) }},
			{sd: outer, u0: u0, v0: v0, u1: u1, v1: v1, col: func(u, v, dd, s float64) rgb { return glaze.scale(0.85 + 0.2*smoothstep(0, -2, dd)) }},
			{sd: inner, u0: u0, v0: v0, u1: u1, v1: v1, col: func(u, v, dd, s float64) rgb {
				// The inner wall: shaded on one side.
				a, _ := local(u, v)
				return glaze.scale(0.55 + 0.35*smoothstep(-rIn, rIn, a))
			}},
		}
		if !empty {
			d.shapes = append(d.shapes, planeShape{sd: liquid, u0: u0, v0: v0, u1: u1, v1: v1, col: func(u, v, dd, s float64) rgb {
				a, b := local(u, v)
				hl := smoothstep(6, 0, math.Hypot(a+rIn*0.35, b+rIn*0.3))
				return mix(coffee, rgb{210, 190, 170}, 0.6*hl)
			}})
		}
		d.shadowSD = func(u, v float64) float64 { return min(outer(u, v), handle(u, v)) }
		d.shadowOff, d.shadowSoft, d.radius = 14, 8, rOut+20
	}
	return d
}

// draw paints the distractor with its shadow, lit from the direction
// (lx, ly).
func (d *distractor) draw(img *fimage, h mat3, ps planeSampler, lx, ly float64) {
	if len(d.shapes) == 0 {
		return
	}
	s0 := d.shapes[0]
	u0, v0, u1, v1 := s0.u0, s0.v0, s0.u1, s0.v1
	for _, sh := range d.shapes[1:] {
		u0, v0, u1, v1 = min(u0, sh.u0), min(v0, sh.v0), max(u1, sh.u1), max(v1, sh.v1)
	}
	castShadow(img, h, ps, d.shadowSD, u0, v0, u1, v1, lx*d.shadowOff, ly*d.shadowOff, d.shadowSoft, 0.4, nil)
	for _, sh := range d.shapes {
		fillShape(img, h, ps, sh, nil)
	}
}
