package specimen

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Occluder names: what covers part of a document in an occluded photo.
const (
	// OccluderThumb is the thumb of the hand holding the document.
	OccluderThumb = "thumb"
	// OccluderFinger is a finger (sometimes two) of a hand outside the
	// frame, entering across a side or over a corner of a document lying on
	// a surface.
	OccluderFinger = "finger"
	// OccluderPen is a dark pen lying across the document.
	OccluderPen = "pen"
	// OccluderCoin is a coin lying on the document.
	OccluderCoin = "coin"
)

// Ground truth of occluded. The inner area of a document is the document
// less OccludedMarginMM along every side: the margin that cards and passport
// pages keep free of print, where the fingers holding a card rest.
const (
	// OccludedMarginMM is the margin left out of the inner area.
	OccludedMarginMM = 4.0
	// OccludedFail is the least fraction of the inner area covered that is
	// occluded.
	OccludedFail = 0.01
	// OccludedCornerMM is the side of the square at a corner whose cover
	// names the corner.
	OccludedCornerMM = 6.0
	// OccludedCornerFail is the least fraction of a corner's square (the
	// part of it on the document) covered that names the corner occluded.
	OccludedCornerFail = 0.5
)

// occluder is an object over the document, in the document's plane
// (millimetres from its centre).
type occluder struct {
	name   string
	shapes []planeShape
	// sd is the union of the shapes: what covers the document.
	sd func(u, v float64) float64
	// shadowOff is the offset of its shadow in millimetres, shadowSoft the
	// penumbra and shadowStrength its darkening.
	shadowOff, shadowSoft, shadowStrength float64
	// soft is the width of its edges in millimetres: the object lies
	// nearer the camera than the document and is a little out of focus.
	soft float64
}

// bounds returns a box containing every shape.
func (o *occluder) bounds() (u0, v0, u1, v1 float64) {
	u0, v0, u1, v1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, sh := range o.shapes {
		u0, v0, u1, v1 = min(u0, sh.u0), min(v0, sh.v0), max(u1, sh.u1), max(v1, sh.v1)
	}
	return u0, v0, u1, v1
}

// draw paints the occluder's shadow and the occluder, accumulating its
// coverage in cov.
func (o *occluder) draw(img *fimage, h mat3, ps planeSampler, lx, ly float64, cov []float32) {
	u0, v0, u1, v1 := o.bounds()
	castShadow(img, h, ps, o.sd, u0, v0, u1, v1, lx*o.shadowOff, ly*o.shadowOff, o.shadowSoft, o.shadowStrength, nil)
	for _, sh := range o.shapes {
		fillSoft(img, h, ps, sh, cov, o.soft)
	}
}

// fillSoft is fillShape with edges soft mm wide (at least a pixel); soft 0
// anti-aliases over one pixel.
func fillSoft(img *fimage, h mat3, ps planeSampler, sh planeShape, cov []float32, soft float64) {
	x0, y0, x1, y1, ok := pixelBounds(h, img.w, img.h, sh.u0-soft, sh.v0-soft, sh.u1+soft, sh.v1+soft)
	if !ok {
		return
	}
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			u, v, s, good := ps.at(float64(x)+0.5, float64(y)+0.5)
			if !good {
				continue
			}
			d := sh.sd(u, v)
			a := clamp01(0.5 - d*s)
			if soft > 0 {
				a = clamp01(0.5 - d/max(soft, 1/s))
			}
			if a <= 0 {
				continue
			}
			c := sh.col(u, v, d, s)
			i := y*img.w + x
			for k := range 3 {
				img.c[k][i] = float32(lerp(float64(img.c[k][i]), c[k], a))
			}
			if cov != nil {
				cov[i] = float32(max(float64(cov[i]), a))
			}
		}
	}
}

// innerCover returns the fraction of the inner area of a wMM x hMM document
// that the shape covers, sampled every half millimetre.
func innerCover(sd func(u, v float64) float64, wMM, hMM float64) float64 {
	const step = 0.5
	hx, hy := wMM/2-OccludedMarginMM, hMM/2-OccludedMarginMM
	n, in := 0, 0
	for v := -hy + step/2; v < hy; v += step {
		for u := -hx + step/2; u < hx; u += step {
			n++
			if sd(u, v) < 0 {
				in++
			}
		}
	}
	return float64(in) / float64(max(1, n))
}

// cornerCover returns, for each corner in quad order, the fraction of its
// OccludedCornerMM square on the document (rounded corners of radius
// cornerMM) that the shape covers.
func cornerCover(sd func(u, v float64) float64, wMM, hMM, cornerMM float64) [4]float64 {
	const step = 0.25
	var out [4]float64
	for i, b := range cornerBoxes(wMM, hMM, OccludedCornerMM) {
		n, in := 0, 0
		for y := b.y0 + step/2; y < b.y1; y += step {
			for x := b.x0 + step/2; x < b.x1; x += step {
				u, v := x-wMM/2, y-hMM/2
				if sdRoundBox(u, v, wMM/2, hMM/2, cornerMM) >= 0 {
					continue
				}
				n++
				if sd(u, v) < 0 {
					in++
				}
			}
		}
		out[i] = float64(in) / float64(max(1, n))
	}
	return out
}

// occludedCorners names the corners whose square the shape covers more than
// OccludedCornerFail.
func occludedCorners(sd func(u, v float64) float64, wMM, hMM, cornerMM float64) []string {
	var out []string
	for i, c := range cornerCover(sd, wMM, hMM, cornerMM) {
		if c > OccludedCornerFail {
			out = append(out, cornerNames[i])
		}
	}
	return out
}

// solveReach returns the t in [lo, hi] at which the increasing measure f
// reaches target, by bisection.
func solveReach(lo, hi float64, f func(t float64) float64, target float64) float64 {
	if f(hi) <= target {
		return hi
	}
	for range 30 {
		mid := (lo + hi) / 2
		if f(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// entry is where an occluder comes onto the document: a point on its
// outline and the direction into it.
type entry struct{ x, y, dx, dy float64 }

// sideEntry draws a point on one of the four sides of a wMM x hMM document,
// away from the corners, and a direction into the document within 25
// degrees of the side's normal.
func sideEntry(rng *rand.Rand, wMM, hMM float64) entry {
	t := uniform(rng, -0.3, 0.3)
	a := deg(uniform(rng, -25, 25))
	var e entry
	switch rng.IntN(4) {
	case 0:
		e = entry{-wMM / 2, t * hMM, 1, 0}
	case 1:
		e = entry{wMM / 2, t * hMM, -1, 0}
	case 2:
		e = entry{t * wMM, -hMM / 2, 0, 1}
	default:
		e = entry{t * wMM, hMM / 2, 0, -1}
	}
	s, c := math.Sincos(a)
	e.dx, e.dy = c*e.dx-s*e.dy, s*e.dx+c*e.dy
	return e
}

// cornerEntry draws a corner of a wMM x hMM document and a direction over
// it towards the document's centre, within 12 degrees of it.
func cornerEntry(rng *rand.Rand, wMM, hMM float64) entry {
	i := rng.IntN(4)
	x, y := []float64{-1, 1, 1, -1}[i]*wMM/2, []float64{-1, -1, 1, 1}[i]*hMM/2
	l := math.Hypot(x, y)
	dx, dy := -x/l, -y/l
	s, c := math.Sincos(deg(uniform(rng, -12, 12)))
	return entry{x, y, c*dx - s*dy, s*dx + c*dy}
}

// fingers returns a finger, and sometimes the next finger beside it, coming
// in along e so that the first finger's tip reaches t millimetres past e's
// point.
func fingers(rng *rand.Rand, skin rgb, e entry, two bool) func(t float64) *occluder {
	rb := uniform(rng, 7.2, 8.6)
	ra := rb + uniform(rng, 1.5, 2.5)
	length := uniform(rng, 150, 190)
	seed := rng.Uint32()
	// The second finger lies beside the first, a little shorter.
	side := 1.0
	if rng.IntN(2) == 0 {
		side = -1
	}
	back := uniform(rng, 5, 14)
	soft := uniform(rng, 0.2, 0.6)
	creases := [2]float64{uniform(rng, 22, 26), uniform(rng, 44, 50)}
	shadowOff := uniform(rng, 3, 7)
	return func(t float64) *occluder {
		o := &occluder{name: OccluderFinger, shadowOff: shadowOff, shadowSoft: 3.5, shadowStrength: 0.35, soft: soft}
		one := func(ox, oy, reach float64) {
			tipX, tipY := ox+e.dx*(reach-rb), oy+e.dy*(reach-rb)
			bx, by := tipX-e.dx*length, tipY-e.dy*length
			sd := func(u, v float64) float64 { return sdTaperedCapsule(u, v, bx, by, tipX, tipY, ra, rb) }
			u0, v0 := min(bx, tipX)-ra-1, min(by, tipY)-ra-1
			u1, v1 := max(bx, tipX)+ra+1, max(by, tipY)+ra+1
			o.shapes = append(o.shapes, planeShape{sd: sd, u0: u0, v0: v0, u1: u1, v1: v1,
				col: func(u, v, d, s float64) rgb {
					// Rounded: lit along the middle, darker at the rims;
					// faint creases across at the knuckles.
					along := (tipX-u)*e.dx + (tipY-v)*e.dy
					c := skin.scale(0.64 + 0.4*math.Sqrt(clamp01(-d/rb)))
					c = c.scale(1 + 0.04*detail(0.8, s)*(valueNoise(u/0.8, v/0.8, seed)-0.5) + 0.05*(valueNoise(u/15, v/15, seed+1)-0.5))
					for _, k := range creases {
						c = c.scale(1 - 0.12*detail(1, s)*smoothstep(1.2, 0, math.Abs(along-k)))
					}
					return c
				}})
			// The nail near the tip, seen from above.
			nx, ny := tipX-e.dx*(0.55*rb), tipY-e.dy*(0.55*rb)
			nail := mix(skin, rgb{236, 204, 196}, 0.55)
			nsd := func(u, v float64) float64 {
				x, y := u-nx, v-ny
				return sdEllipse(x*e.dx+y*e.dy, -x*e.dy+y*e.dx, 0.75*rb, 0.62*rb)
			}
			o.shapes = append(o.shapes, planeShape{sd: nsd, u0: nx - rb, v0: ny - rb, u1: nx + rb, v1: ny + rb,
				col: func(u, v, d, s float64) rgb {
					return nail.scale(0.86 + 0.18*math.Sqrt(clamp01(-d/2)))
				}})
		}
		if two {
			px, py := -e.dy*side*(2*rb+0.6), e.dx*side*(2*rb+0.6)
			one(e.x+px, e.y+py, t-back)
		}
		one(e.x, e.y, t)
		o.sd = func(u, v float64) float64 {
			d := math.Inf(1)
			for _, sh := range o.shapes {
				d = min(d, sh.sd(u, v))
			}
			return d
		}
		return o
	}
}

// coin returns a coin of radius r coming in along e so that its rim
// reaches t millimetres past e's point.
func coin(rng *rand.Rand, e entry) func(t float64) *occluder {
	r := uniform(rng, 9.5, 12.5)
	metal := jitter(rng, pick(rng, []rgb{{192, 192, 186}, {205, 168, 86}, {168, 100, 62}}), 8)
	seed := rng.Uint32()
	la := rng.Float64() * 2 * math.Pi
	lx, ly := math.Cos(la), math.Sin(la)
	return func(t float64) *occluder {
		cx, cy := e.x+e.dx*(t-r), e.y+e.dy*(t-r)
		sd := func(u, v float64) float64 { return sdCircle(u, v, cx, cy, r) }
		sh := planeShape{sd: sd, u0: cx - r - 1, v0: cy - r - 1, u1: cx + r + 1, v1: cy + r + 1,
			col: func(u, v, d, s float64) rgb {
				x, y := (u-cx)/r, (v-cy)/r
				// A brushed face lit from one side, a raised rim and a
				// worn relief.
				c := metal.scale(0.78 + 0.3*(x*lx+y*ly+1)/2)
				rim := smoothstep(1.4, 0.6, -d) * smoothstep(0, 0.4, -d)
				c = c.scale(1 + 0.12*rim - 0.1*smoothstep(0.6, 0, math.Abs(-d-1.6)))
				relief := fbm(u/1.5, v/1.5, 3, seed) - 0.5
				return c.scale(1 + 0.18*detail(1.5, s)*relief*smoothstep(2, 3, -d))
			}}
		return &occluder{name: OccluderCoin, shapes: []planeShape{sh}, sd: sd, shadowOff: 0.8, shadowSoft: 1, shadowStrength: 0.45, soft: 0.1}
	}
}

// pen returns a dark ballpoint pen lying with its axis through (cx, cy) at
// angle a.
func pen(rng *rand.Rand, cx, cy, a float64) *occluder {
	body := jitter(rng, pick(rng, []rgb{{22, 22, 26}, {26, 32, 74}, {38, 38, 42}, {58, 20, 24}}), 4)
	r := uniform(rng, 4.0, 4.8)
	half := uniform(rng, 64, 72)
	local := func(u, v float64) (float64, float64) { return rotate(u-cx, v-cy, a) }
	sd := func(u, v float64) float64 { x, y := local(u, v); return sdCapsule(x, y, -half, 0, half-8, 0, r) }
	tip := func(u, v float64) float64 {
		x, y := local(u, v)
		return sdCapsule(x, y, half-8, 0, half+2, 0, 0.8+max(0, (half+2-x)*0.32))
	}
	clip := func(u, v float64) float64 {
		x, y := local(u, v)
		return sdCapsule(x, y, -half+8, -2.6, -half+40, -2.6, 1.1)
	}
	e := half + 6
	u0, v0, u1, v1 := cx-e, cy-e, cx+e, cy+e
	cyl := func(c rgb, rr float64) func(u, v, dd, s float64) rgb {
		return func(u, v, dd, s float64) rgb {
			_, y := local(u, v)
			return c.scale(0.55 + 0.55*math.Sqrt(clamp01(1-(y/rr)*(y/rr))) + 1.2*smoothstep(0.5, 0, math.Abs(y+1.4)))
		}
	}
	o := &occluder{name: OccluderPen, shadowOff: 3.5, shadowSoft: 2.2, shadowStrength: 0.4, soft: 0.15}
	o.shapes = []planeShape{
		{sd: tip, u0: u0, v0: v0, u1: u1, v1: v1, col: cyl(rgb{170, 170, 172}, 3)},
		{sd: sd, u0: u0, v0: v0, u1: u1, v1: v1, col: cyl(body, r)},
		{sd: clip, u0: u0, v0: v0, u1: u1, v1: v1, col: cyl(rgb{120, 120, 126}, 1.1)},
	}
	o.sd = func(u, v float64) float64 { return min(sd(u, v), tip(u, v)) }
	return o
}

// newOcclusion draws what covers the document of an occluded photo lying
// on a surface (the thumb of a held document is the hand's): a strong or
// near one covers print or a corner, a mild one rests on the margin only,
// clear of every printed box and of the corners. Where a place drawn does not
// allow that (a gap in the print, no margin along a side), another is drawn.
func newOcclusion(rng *rand.Rand, spec PhotoSpec, dp docPrint, pv printVar) *occluder {
	wMM, hMM := dp.wMM, dp.hMM
	skin := jitter(rng, pick(rng, skinTones), 8)
	printed := pv.printedBoxes(dp)
	if spec.Occluder == OccluderPen && spec.Variant != Mild {
		// Across the card; across the MRZ where there is one.
		cx, cy := uniform(rng, -0.15, 0.15)*wMM, uniform(rng, -0.2, 0.2)*hMM
		if m := pv.mrzBox(dp); !m.empty() {
			cx, cy = (m.x0+m.x1)/2-wMM/2+uniform(rng, -0.15, 0.15)*(m.x1-m.x0), m.cy()-hMM/2
		}
		a := deg(uniform(rng, 18, 55))
		if rng.IntN(2) == 0 {
			a = -a
		}
		return pen(rng, cx, cy, a)
	}
	var o *occluder
	for range 16 {
		var build func(t float64) *occluder
		hi := 80.0 // the reach at which the measure stops growing
		switch spec.Occluder {
		case OccluderPen:
			// Along a side, resting on the margin: t is how far it
			// reaches in.
			e := sideEntry(rng, wMM, hMM)
			vertical := math.Abs(e.dx) > math.Abs(e.dy) // on the left or right side
			seed := rng.Uint64()
			build = func(t float64) *occluder {
				const r = 4.4
				if vertical {
					return pen(rand.New(rand.NewPCG(seed, 7)), math.Copysign(wMM/2+r-t, e.x), 0, math.Pi/2)
				}
				return pen(rand.New(rand.NewPCG(seed, 7)), 0, math.Copysign(hMM/2+r-t, e.y), 0)
			}
		case OccluderCoin:
			build = coin(rng, sideEntry(rng, wMM, hMM))
			hi = 25 // the coin lies whole on the document
		default:
			e := sideEntry(rng, wMM, hMM)
			if spec.OccludedCorner {
				e = cornerEntry(rng, wMM, hMM)
			}
			build = fingers(rng, skin, e, spec.Variant == Strong && rng.IntN(2) == 0)
		}
		switch {
		case spec.Variant == Mild:
			// A pen along a side passes its corners: it stays on the
			// margin by reaching in 2 mm at most.
			forbid, want := printed, uniform(rng, 1, 2)
			if spec.Occluder != OccluderPen {
				forbid, want = append(slices.Clone(printed), cornerBoxes(wMM, hMM, thumbCornerMM)...), uniform(rng, 1, 3)
			}
			clear := func(t float64) float64 { return -sdClearance(build(t).sd, forbid, wMM, hMM) }
			o = build(minThumbDepth)
			if clear(minThumbDepth) > -thumbClearMM {
				continue
			}
			// The deepest reach up to the one wanted that keeps clear of
			// the print.
			t := minThumbDepth
			if clear(want) <= -thumbClearMM {
				t = want
			} else {
				lo, hi := minThumbDepth, want
				for range 24 {
					if mid := (lo + hi) / 2; clear(mid) <= -thumbClearMM {
						lo = mid
					} else {
						hi = mid
					}
				}
				t = lo
			}
			return build(t)
		case spec.OccludedCorner:
			target := uniform(rng, 0.97, 1.0)
			if spec.Variant == Near {
				target = uniform(rng, 0.58, 0.72)
			}
			worst := func(t float64) float64 {
				c := cornerCover(build(t).sd, wMM, hMM, dp.cornerMM)
				return slices.Max(c[:])
			}
			t := solveReach(0, 40, worst, target)
			if spec.Variant == Strong {
				t += uniform(rng, 4, 14)
			}
			return build(t)
		default:
			target := uniform(rng, 0.04, 0.12)
			if spec.Variant == Near {
				target = uniform(rng, 0.013, 0.022)
			}
			o = build(solveReach(0, hi, func(t float64) float64 { return innerCover(build(t).sd, wMM, hMM) }, target))
			if _, _, ok := coversBox(o.sd, printed, wMM, hMM); ok {
				return o
			}
		}
	}
	if spec.Variant == Mild && spec.Occluder != OccluderFinger {
		// No margin clear of the print along the sides drawn: a finger
		// finds one more easily.
		spec.Occluder = OccluderFinger
		return newOcclusion(rng, spec, dp, pv)
	}
	// The last one drawn; the photo's truth check asks for another if it
	// is not what the spec says.
	return o
}

// coversBox returns the first point of the boxes (millimetres from the
// document's top-left corner, every 0.25 mm) that the shape covers.
func coversBox(sd func(u, v float64) float64, boxes []rectMM, wMM, hMM float64) (x, y float64, ok bool) {
	for _, b := range boxes {
		for y := b.y0; y <= b.y1; y += 0.25 {
			for x := b.x0; x <= b.x1; x += 0.25 {
				if sd(x-wMM/2, y-hMM/2) < 0 {
					return x, y, true
				}
			}
		}
	}
	return 0, 0, false
}
