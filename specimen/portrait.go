package specimen

import (
	"image"
	"math"
	"math/rand/v2"
)

// The portrait is a procedurally drawn head and shoulders, made so that a face detector finds it as
// it finds the holder's photo on a real document (a grey silhouette is found by none): an egg-shaped
// head lit from one side, hair, ears, eyes with whites, irises, pupils and lids, brows, a shaded
// nose with nostrils, lips, a neck in the head's shadow and clothed shoulders. It depicts nobody:
// every proportion and colour is drawn from the document's random stream.

// hairColours: black, dark brown, brown, auburn, blond, grey.
var hairColours = []rgb{{22, 19, 18}, {48, 34, 26}, {86, 58, 38}, {118, 58, 32}, {190, 152, 100}, {150, 146, 142}}

// irisColours: dark brown, brown, hazel, blue, green-grey.
var irisColours = []rgb{{46, 30, 20}, {84, 52, 30}, {110, 86, 50}, {70, 100, 132}, {90, 108, 92}}

// clothColours: dark suits, shirts and jumpers.
var clothColours = []rgb{{36, 40, 52}, {28, 28, 30}, {70, 74, 82}, {110, 40, 42}, {46, 70, 110}, {200, 200, 204}, {64, 88, 70}}

// face holds one portrait's proportions and colours, in millimetres relative to the head's centre.
type face struct {
	a, b       float64 // head half height and half width
	chin       float64 // narrowing of the jaw
	roll       float64 // head roll, radians
	skin       rgb
	hair       rgb
	hairStyle  int     // 0 short, 1 covering the ears, 2 long, 3 cropped
	hairline   float64 // fringe height, fraction of a
	part       float64 // side of the parting, -1 to 1
	eyeX, eyeY float64 // eye centres (±eyeX, eyeY)
	eyeW, eyeH float64 // half width and half height of the eye opening
	iris       rgb
	gaze       float64 // horizontal iris offset, fraction of eyeW
	browY      float64
	browT      float64 // brow thickness
	noseY      float64 // nostrils
	mouthY     float64
	mouthW     float64
	lip        rgb
	light      float64 // horizontal light direction, -1 (from the left) to 1
	cloth      rgb
	neckless   bool // a high collar (jumper) instead of an open neck
}

// newFace draws a face's proportions for a head of half height a.
func newFace(rng *rand.Rand, a, tone float64) face {
	f := face{a: a}
	f.b = a * uniform(rng, 0.72, 0.80)
	f.chin = uniform(rng, 0.12, 0.32)
	f.roll = uniform(rng, -0.05, 0.05)
	// The skin is interpolated between two neighbours of the fingers' tones (skinTones).
	t := tone * float64(len(skinTones)-1)
	i := min(int(t), len(skinTones)-2)
	// An identity photo is exposed for the face: darker skin is photographed brighter than it would
	// be under the same light as a lighter one.
	f.skin = jitter(rng, mix(skinTones[i], skinTones[i+1], t-float64(i)).scale(1+0.3*tone), 5)
	// Darker skin goes with dark hair more often; grey and blond hair occur at any tone.
	hi := rng.IntN(len(hairColours))
	if tone > 0.5 && rng.Float64() < 0.7 {
		hi = rng.IntN(2)
	}
	f.hair = jitter(rng, hairColours[hi], 6)
	f.hairStyle = rng.IntN(4)
	f.hairline = uniform(rng, 0.38, 0.52)
	f.part = uniform(rng, -1, 1)
	f.eyeX = f.b * uniform(rng, 0.36, 0.42)
	f.eyeY = -a * uniform(rng, 0.02, 0.10)
	f.eyeW = f.b * uniform(rng, 0.20, 0.25)
	f.eyeH = f.eyeW * uniform(rng, 0.36, 0.46)
	f.iris = jitter(rng, pick(rng, irisColours), 6)
	f.gaze = uniform(rng, -0.12, 0.12)
	f.browY = f.eyeY - a*uniform(rng, 0.17, 0.22)
	f.browT = a * uniform(rng, 0.025, 0.04)
	f.noseY = a * uniform(rng, 0.28, 0.34)
	f.mouthY = a * uniform(rng, 0.50, 0.56)
	f.mouthW = f.b * uniform(rng, 0.30, 0.38)
	f.lip = mix(f.skin, rgb{168, 70, 74}, uniform(rng, 0.25, 0.45)).scale(uniform(rng, 0.80, 0.90))
	f.light = uniform(rng, -1, 1)
	f.cloth = jitter(rng, pick(rng, clothColours), 8)
	f.neckless = rng.Float64() < 0.2
	return f
}

// drawPortrait paints a portrait in the millimetre rectangle (x0, y0)-(x1, y1) on a plain photo
// background bg.
func drawPortrait(img *image.RGBA, ppm float64, x0, y0, x1, y1 float64, bg rgb, rng *rand.Rand) {
	// Three draws from the document's stream, as the silhouette this portrait replaced made: the rest
	// of the stream, and with it every other photo of a corpus seed, stays as it was. The third seeds
	// the face's own stream.
	shift, tone, seed := rng.Float64(), rng.Float64(), rng.Float64()
	fr := rand.New(rand.NewPCG(math.Float64bits(seed), 0x6a09e667f3bcc908))
	w, h := x1-x0, y1-y0
	// ICAO 9303 part 9 (and the Chinese card's photo rules) want the head, chin to crown, at 70-80 %
	// of the photo's height; the head's ellipse leaves the hair above it.
	a := h * uniform(fr, 0.40, 0.42)
	f := newFace(fr, a, tone)
	cx := x0 + w*(0.48+0.04*shift)
	cy := y0 + h*0.05 + a*1.05
	pix := 1 / ppm
	b := img.Bounds()
	px0, py0 := max(b.Min.X, int(math.Floor(x0*ppm))), max(b.Min.Y, int(math.Floor(y0*ppm)))
	px1, py1 := min(b.Max.X, int(math.Ceil(x1*ppm))), min(b.Max.Y, int(math.Ceil(y1*ppm)))
	hairSeed := uint32(fr.Uint64())
	for py := py0; py < py1; py++ {
		y := (float64(py) + 0.5) / ppm
		for px := px0; px < px1; px++ {
			x := (float64(px) + 0.5) / ppm
			box := coverage(sdRoundBox(x-(x0+x1)/2, y-(y0+y1)/2, w/2, h/2, 0.3) * ppm)
			if box <= 0 {
				continue
			}
			c := bg.scale(1 - 0.06*(y-y0)/h)
			c = f.shade(c, x-cx, y-cy, y1-cy, w, pix, hairSeed)
			o := img.PixOffset(px, py)
			for i := range 3 {
				img.Pix[o+i] = uint8(min(255, max(0, lerp(float64(img.Pix[o+i]), c[i], box))))
			}
		}
	}
}

// soft is the coverage of a signed distance d with an edge e wide.
func soft(d, e float64) float64 { return smoothstep(e, -e, d) }

// shade returns the colour at (dx, dy) mm from the head's centre over the background c; bottom is
// the photo's lower edge and w its width, relative to the same centre; pix is a pixel in mm.
func (f face) shade(c rgb, dx, dy, bottom, w, pix float64, hairSeed uint32) rgb {
	a, b := f.a, f.b
	e := max(pix, 0.03*a) // edges are soft, as in a printed photograph
	u, v := rotate(dx, dy, f.roll)

	// Long hair falls behind the head onto the shoulders.
	if f.hairStyle == 2 {
		d := sdRoundBox(u, v-0.35*a, 1.22*b, 1.25*a, 0.9*b)
		if k := soft(d, 2*e); k > 0 {
			c = mix(c, f.hairTexture(u, v, hairSeed).scale(0.8), k)
		}
	}
	// Shoulders and clothes, lit from the same side as the face, with an open collar (a V of skin)
	// unless the neck is covered.
	sy := a * 1.2
	vtip := sy + 0.45*a
	vee := max(math.Abs(dx)-0.5*(vtip-dy), max(dy-vtip, sy-0.1*a-dy))
	if f.neckless {
		vee = 1
	}
	if d := max(sdEllipse(dx, dy-(bottom+0.3*a), 0.66*w+0.3*a, bottom+0.3*a-sy), -vee); d < e {
		k := soft(d, e)
		lit := 0.85 + 0.12*f.light*clamp01(math.Abs(dx)/(0.6*w))*sign(dx) - 0.08*clamp01((dy-sy)/(bottom-sy))
		c = mix(c, f.cloth.scale(lit), k)
	}
	// The neck widens a little towards the shoulders; the jaw shades its top.
	neckW := 0.40 * b * (1 + 0.25*clamp01((dy-0.9*a)/(0.5*a)))
	neck := max(math.Abs(u)-neckW, max(0.6*a-dy, dy-sy-0.05*a))
	neck = min(neck, max(vee, 0.9*a-dy))
	if k := soft(neck, e); k > 0 {
		jaw := smoothstep(1.25*a, 0.85*a, dy)
		side := 0.06 * f.light * u / neckW
		c = mix(c, f.skin.scale(0.84-0.18*jaw+side), k)
	}
	// Ears, at eye height.
	for _, s := range [2]float64{-1, 1} {
		ex, ey := s*0.97*b, f.eyeY+0.18*a
		d := sdEllipse(u-ex, v-ey, 0.13*b, 0.24*a)
		if k := soft(d, e); k > 0 {
			inner := soft(sdEllipse(u-ex*1.02, v-ey, 0.06*b, 0.14*a), 2*e)
			lit := 0.88 + 0.08*f.light*s
			c = mix(c, f.skin.scale(lit*(1-0.15*inner)), k)
		}
	}
	// The head: an ellipse narrowed towards the chin.
	jaw := 1 + f.chin*math.Pow(max(0, v/a), 2)
	ue := u * jaw
	dHead := sdEllipse(ue, v, b, a)
	if k := soft(dHead, e); k > 0 {
		c = mix(c, f.skinAt(ue, u, v), k)
	}
	// Hair over the top of the head, down to the temples; cropped hair is thin and lets skin through.
	if k := soft(f.hairDist(u, v), e); k > 0 {
		if f.hairStyle == 3 {
			k *= 0.75
		}
		c = mix(c, f.hairTexture(u, v, hairSeed), k)
	}
	return c
}

// skinAt returns the face's colour at (u, v), u the head's own horizontal coordinate, ue the same
// widened by the jaw's narrowing.
func (f face) skinAt(ue, u, v float64) rgb {
	a, b := f.a, f.b
	// Lambert on an ellipsoid under a studio's even light: mostly from the front, a little from one
	// side.
	nx, ny := ue/b, v/a
	nz := math.Sqrt(max(0, 1-nx*nx-ny*ny))
	lit := 0.75 + 0.22*nz + 0.08*f.light*nx
	c := f.skin.scale(lit)
	// A soft sheen where the face turns to the light (forehead, nose, cheekbones), stronger on darker
	// skin as in photographs, and the shadow the hair casts on the forehead.
	sheen := 0.10 * soft(sdEllipse(u-0.15*f.light*b, v+0.45*a, 0.35*b, 0.16*a), 0.12*a)
	sheen += 0.12 * soft(sdCapsule(u, v, 0, f.eyeY+0.05*a, 0, f.noseY-0.08*a, 0.05*b), 0.05*a)
	for _, s := range [2]float64{-1, 1} {
		sheen += 0.08 * soft(sdEllipse(u-s*0.45*b, v-f.eyeY-0.2*a, 0.16*b, 0.08*a), 0.08*a)
	}
	c = mix(c, rgb{250, 236, 226}, sheen*(1.5-f.skin[0]/255))
	dark := func(t float64) { c = c.scale(1 - t) }
	// Eye sockets and the shadow under the brows.
	for _, s := range [2]float64{-1, 1} {
		dark(0.24 * soft(sdEllipse(u-s*f.eyeX, v-f.eyeY+0.04*a, 1.5*f.eyeW, 2.6*f.eyeH), 0.08*a))
	}
	// Nose: a shaded side of the bridge, a lit tip, wings, nostrils and its shadow below.
	side := -sign(f.light)
	if side == 0 {
		side = 1
	}
	bridge := sdCapsule(u, v, side*0.09*b, f.eyeY+0.05*a, side*0.13*b, f.noseY-0.06*a, 0.03*b)
	dark(0.16 * soft(bridge, 0.05*a))
	c = mix(c, f.skin.scale(1.08), 0.35*soft(sdEllipse(u, v-f.noseY+0.07*a, 0.1*b, 0.06*a), 0.04*a))
	for _, s := range [2]float64{-1, 1} {
		dark(0.12 * soft(sdEllipse(u-s*0.15*b, v-f.noseY+0.02*a, 0.07*b, 0.06*a), 0.03*a))
		dark(0.55 * soft(sdEllipse(u-s*0.085*b, v-f.noseY, 0.055*b, 0.025*a), 0.012*a))
	}
	dark(0.12 * soft(sdEllipse(u, v-f.noseY-0.07*a, 0.16*b, 0.04*a), 0.04*a))
	// Cheeks.
	for _, s := range [2]float64{-1, 1} {
		k := 0.12 * soft(sdEllipse(u-s*0.5*b, v-f.noseY+0.02*a, 0.2*b, 0.12*a), 0.1*a)
		c = mix(c, rgb{210, 110, 110}.scale(lit), k)
	}
	// Mouth: upper and lower lip, the line between them, and the shadow under the lower lip.
	mw := f.mouthW
	mu := (u / mw)
	upper := sdEllipse(u, v-f.mouthY+0.035*a, mw, 0.045*a)
	lower := sdEllipse(u, v-f.mouthY-0.035*a, 0.85*mw, 0.06*a)
	if k := soft(min(upper, lower), 0.012*a); k > 0 {
		lc := f.lip.scale(lit)
		if upper < lower {
			lc = lc.scale(0.9)
		}
		c = mix(c, lc, k)
	}
	line := math.Abs(v-f.mouthY+0.01*a*(1-mu*mu)) - 0.008*a
	if math.Abs(u) < mw {
		c = c.scale(1 - 0.6*soft(line, 0.008*a)*clamp01((1-math.Abs(mu))*4))
	}
	dark(0.12 * soft(sdEllipse(u, v-f.mouthY-0.13*a, 0.5*mw, 0.035*a), 0.04*a))
	// Brows: thick arcs, tapering outwards.
	for _, s := range [2]float64{-1, 1} {
		t := (s*u - f.eyeX + 0.05*b) / (1.25 * f.eyeW)
		if math.Abs(t) > 1.4 {
			continue
		}
		yb := f.browY - 0.06*a*(1-t*t)
		th := f.browT * (1 - 0.45*clamp01(t))
		d := max(math.Abs(v-yb)-th, math.Abs(t)*1.25*f.eyeW-1.25*f.eyeW)
		c = mix(c, mix(f.hair.scale(0.8), c, 0.25), soft(d, 0.01*a))
	}
	// Eyes.
	for _, s := range [2]float64{-1, 1} {
		c = f.eye(c, u-s*f.eyeX, v-f.eyeY, lit)
	}
	return c
}

// eye paints one eye centred at (0, 0): the white, the iris, the pupil, a catch light, the upper lid
// with its lashes and the crease above it.
func (f face) eye(c rgb, x, y, lit float64) rgb {
	ew, eh := f.eyeW, f.eyeH
	if math.Abs(x) > 2*ew || math.Abs(y) > 4*eh {
		return c
	}
	// The opening is a lens: the intersection of two circles through its corners.
	r := (ew*ew + eh*eh) / (2 * eh)
	lens := max(math.Hypot(x, y-(r-eh)), math.Hypot(x, y+(r-eh))) - r
	e := 0.06 * eh
	// The crease of the upper lid.
	crease := math.Abs(math.Hypot(x, y+0.5*eh-(r-eh)-0.0)-r-0.0) - 0.05*eh
	if y < -0.6*eh {
		c = c.scale(1 - 0.18*soft(crease, 0.15*eh)*clamp01(1-math.Abs(x)/ew))
	}
	if k := soft(lens, e); k > 0 {
		white := rgb{236, 232, 226}.scale(0.85 + 0.1*lit)
		ir := 1.05 * eh
		ix := f.gaze * ew
		di := math.Hypot(x-ix, y+0.1*eh) - ir
		in := soft(di, e)
		// The iris: darker at its rim, radial streaks.
		rr := math.Hypot(x-ix, y+0.1*eh) / ir
		ic := f.iris.scale(0.75 + 0.35*(1-rr) + 0.08*math.Sin(14*math.Atan2(y, x-ix)))
		col := mix(white, ic, in)
		col = mix(col, rgb{12, 10, 10}, soft(math.Hypot(x-ix, y+0.1*eh)-0.42*ir, e))
		col = mix(col, rgb{250, 250, 250}, soft(math.Hypot(x-ix+0.3*ir, y+0.1*eh+0.35*ir)-0.16*ir, e))
		// The lid's shadow on the eye's top.
		col = col.scale(1 - 0.3*smoothstep(-0.2*eh, -0.9*eh, y))
		c = mix(c, col, k)
	}
	// Upper lid line and lashes: the upper arc, thicker in the middle and outer half.
	upper := math.Abs(math.Hypot(x, y-(r-eh))-r) - 0.2*eh*(1-0.5*math.Abs(x)/ew)
	if y < 0.2*eh && math.Abs(x) < 1.08*ew {
		c = mix(c, rgb{24, 18, 16}, 0.9*soft(upper, e))
	}
	// Lower lid: a faint line.
	lower := math.Abs(math.Hypot(x, y+(r-eh))-r) - 0.04*eh
	if y > 0 && math.Abs(x) < ew {
		c = c.scale(1 - 0.25*soft(lower, e))
	}
	return c
}

// hairDist is the signed distance to the hair lying over the head: a cap slightly larger than the
// head, cut by the hairline of the forehead and the temples. Hair covering the ears comes down
// beside the face.
func (f face) hairDist(u, v float64) float64 {
	a, b := f.a, f.b
	thick := 0.10
	if f.hairStyle == 3 {
		thick = 0.025
	}
	capD := sdEllipse(u, v+0.03*a, b*(1+thick), a*(1+thick))
	// The hairline: high over the forehead with a swept fringe, coming down smoothly at the temples
	// (to above the ears, or beside the face for longer hair).
	sweep := 0.06 * a * f.part * u / b
	low := f.eyeY - 0.12*a
	switch f.hairStyle {
	case 1:
		low = 0.3 * a
	case 2:
		low = 0.5 * a
	}
	t := smoothstep(0.45*b, 0.98*b, math.Abs(u))
	line := lerp(-f.hairline*a+sweep, low, t*t)
	hair := max(capD, v-line)
	return hair
}

// hairTexture returns the hair's colour at (u, v): strands running down from the parting, and a
// sheen where the light falls on the crown.
func (f face) hairTexture(u, v float64, seed uint32) rgb {
	a, b := f.a, f.b
	ang := math.Atan2(u-f.part*0.3*b, v+1.2*a)
	strands := valueNoise(ang*60, v/a*3, seed)
	sheen := 0.25 * soft(sdEllipse(u+0.3*f.light*b, v+0.75*a, 0.35*b, 0.12*a), 0.1*a)
	k := 0.82 + 0.3*strands
	c := f.hair.scale(k)
	return mix(c, rgb{235, 230, 225}, sheen*clamp01(f.hair[0]/255+0.3))
}

// sign returns -1, 0 or 1.
func sign(x float64) float64 {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
