package specimen

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
)

// errPlacement reports that no placement met the constraints of a spec; the
// caller retries with another random stream.
var errPlacement = errors.New("specimen: no placement found")

// placement is where the document lies in a photo.
type placement struct {
	pose        pose
	q           quad
	long, short float64
	margin      float64
	cutFrac     float64
	cut         []string
}

func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }

func deg(d float64) float64 { return d * math.Pi / 180 }

// solvePose finds the translation that shows the document with its long
// side targetLong pixels long, centred on (cx, cy).
func solvePose(cam camera, wMM, hMM, rot, tilt, axis, targetLong, cx, cy float64) (pose, quad, bool) {
	z := cam.f * wMM / targetLong
	p := pose{rot: rot, tilt: tilt, axis: axis, t: [3]float64{(cx - cam.cx) * z / cam.f, (cy - cam.cy) * z / cam.f, z}}
	var q quad
	for range 12 {
		// Keep every corner well in front of the camera.
		for _, c := range [][2]float64{{-wMM / 2, -hMM / 2}, {wMM / 2, -hMM / 2}, {wMM / 2, hMM / 2}, {-wMM / 2, hMM / 2}} {
			if p.depth(c[0], c[1]) < 0.25*p.t[2] {
				return p, q, false
			}
		}
		var ok bool
		q, ok = corners(cam.planeToImage(p), wMM, hMM)
		if !ok {
			return p, q, false
		}
		long, _ := q.sides()
		p.t[2] *= long / targetLong
		p.t[0] *= long / targetLong
		p.t[1] *= long / targetLong
		qx, qy := q.centre()
		p.t[0] += (cx - qx) * p.t[2] / cam.f
		p.t[1] += (cy - qy) * p.t[2] / cam.f
	}
	q, ok := corners(cam.planeToImage(p), wMM, hMM)
	return p, q, ok
}

// shift moves the document so that its image moves by about (dx, dy) px.
func shift(cam camera, p pose, dx, dy float64) pose {
	p.t[0] += dx * p.t[2] / cam.f
	p.t[1] += dy * p.t[2] / cam.f
	return p
}

// frameSide is one edge of the frame: its outward normal along x or y and
// the coordinate of the edge.
type frameSide struct {
	axis int     // 0 x, 1 y
	sign float64 // +1 for right/bottom, -1 for left/top
	edge float64
}

// out returns how far p lies beyond the side (negative inside).
func (fs frameSide) out(p [2]float64) float64 {
	return fs.sign * (p[fs.axis] - fs.edge)
}

func sides(w, h int) [4]frameSide {
	return [4]frameSide{{0, -1, 0}, {0, 1, float64(w)}, {1, -1, 0}, {1, 1, float64(h)}}
}

// place chooses the pose of the document for spec.
func place(spec PhotoSpec, rng *rand.Rand, cam camera, wMM, hMM float64) (placement, error) {
	W, H := spec.Width, spec.Height
	tilt := uniform(rng, 0, 12)
	switch {
	case spec.Defect == CodeTilted && spec.Variant == Strong:
		tilt = uniform(rng, 48, 58)
	case spec.Defect == CodeTilted && spec.Variant == Near:
		tilt = uniform(rng, 40, 43)
	case spec.Defect == CodeTilted && spec.Variant == Mild:
		tilt = uniform(rng, 24, 27)
	}
	axis := rng.Float64() * 2 * math.Pi

	targetLong := func() float64 {
		if spec.Defect == CodeLowResolution {
			switch spec.Variant {
			case Strong:
				return uniform(rng, 280, 450)
			case Near:
				return uniform(rng, 520, 560)
			default:
				return uniform(rng, 720, 820)
			}
		}
		if spec.Kind == "" {
			return uniform(rng, 0.4, 0.6) * float64(W)
		}
		lo, hi := max(0.35, minCleanLong/float64(W)), 0.8
		if len(spec.Distractors) > 0 {
			// Leave room for the other objects.
			hi = min(hi, max(lo+0.05, 0.55))
		}
		if lo > hi {
			lo = hi
		}
		return uniform(rng, lo, hi) * float64(W)
	}

	cutting := spec.Defect == CodeCutoff && spec.Variant != Mild
	for range 600 {
		rot := deg(uniform(rng, -20, 20))
		long := targetLong()
		cx := uniform(rng, 0.3, 0.7) * float64(W)
		cy := uniform(rng, 0.3, 0.7) * float64(H)
		p, q, ok := solvePose(cam, wMM, hMM, rot, deg(tilt), axis, long, cx, cy)
		if !ok {
			continue
		}
		switch {
		case cutting:
			p, q, ok = placeCut(spec, rng, cam, p, wMM, hMM)
		case spec.Defect == CodeCutoff && spec.Variant == Mild:
			p, q, ok = placeMargin(rng, cam, p, wMM, hMM, W, H)
		default:
			ok = q.margin(W, H) >= 0.05
		}
		if !ok {
			continue
		}
		pl := placement{pose: p, q: q}
		pl.long, pl.short = q.sides()
		pl.margin = q.margin(W, H)
		for i := range 4 {
			if o := q.outside(i, W, H); o > 0 {
				pl.cut = append(pl.cut, cornerNames[i])
				pl.cutFrac = max(pl.cutFrac, o/pl.long)
			}
		}
		if (len(pl.cut) > 0) != cutting {
			continue
		}
		return pl, nil
	}
	return placement{}, errPlacement
}

// placeMargin moves the document so that its nearest corner is 2-4% of the
// frame size from the frame edge, all corners inside.
func placeMargin(rng *rand.Rand, cam camera, p pose, wMM, hMM float64, W, H int) (pose, quad, bool) {
	target := uniform(rng, 0.02, 0.04)
	dims := [2]float64{float64(W), float64(H)}
	// Push towards a random side until the margin there is the target.
	fs := sides(W, H)[rng.IntN(4)]
	var q quad
	for range 6 {
		var ok bool
		q, ok = corners(cam.planeToImage(p), wMM, hMM)
		if !ok {
			return p, q, false
		}
		worst := math.Inf(-1)
		for _, c := range q {
			worst = max(worst, fs.out(c))
		}
		// worst is -margin*dim; move so it becomes -target*dim.
		d := (-target*dims[fs.axis] - worst) * fs.sign
		if fs.axis == 0 {
			p = shift(cam, p, d, 0)
		} else {
			p = shift(cam, p, 0, d)
		}
	}
	q, ok := corners(cam.planeToImage(p), wMM, hMM)
	if !ok {
		return p, q, false
	}
	m := q.margin(W, H)
	return p, q, math.Abs(m-target) < 0.002
}

// placeCut moves the document off one side of the frame so that one corner
// (near and some strong photos) or the two corners of one edge (other strong
// photos) lie outside.
func placeCut(spec PhotoSpec, rng *rand.Rand, cam camera, p pose, wMM, hMM float64) (pose, quad, bool) {
	W, H := spec.Width, spec.Height
	q, ok := corners(cam.planeToImage(p), wMM, hMM)
	if !ok {
		return p, q, false
	}
	long, _ := q.sides()
	fs := sides(W, H)[rng.IntN(4)]
	two := spec.Variant == Strong && rng.IntN(2) == 0
	var target float64
	switch {
	case spec.Variant == Near:
		target = uniform(rng, 0.012, 0.02) * long
	default:
		target = uniform(rng, 0.05, 0.25) * long
	}
	order := func(q quad) []float64 {
		o := make([]float64, 4)
		for i, c := range q {
			o[i] = fs.out(c)
		}
		s := slices.Clone(o)
		slices.Sort(s)
		slices.Reverse(s)
		return s
	}
	s := order(q)
	if two {
		// The two corners of one edge both leave: their difference must be
		// small enough that the inner one is out by at least 2%.
		if s[0]-s[1] > target-0.02*long {
			return p, q, false
		}
	} else if s[0]-s[1] < target+0.02*long {
		// One corner only: the next one must stay inside by 2%.
		return p, q, false
	}
	for range 6 {
		q, ok = corners(cam.planeToImage(p), wMM, hMM)
		if !ok {
			return p, q, false
		}
		s = order(q)
		d := (target - s[0]) * fs.sign
		if fs.axis == 0 {
			p = shift(cam, p, d, 0)
		} else {
			p = shift(cam, p, 0, d)
		}
	}
	q, ok = corners(cam.planeToImage(p), wMM, hMM)
	if !ok {
		return p, q, false
	}
	s = order(q)
	if math.Abs(s[0]-target) > 0.003*long {
		return p, q, false
	}
	want := 1
	if two {
		want = 2
	}
	// Exactly the wanted corners out, the others inside by 1% of the
	// document on every side.
	n := 0
	for i := range 4 {
		if q.outside(i, W, H) > 0 {
			n++
		}
	}
	if n != want {
		return p, q, false
	}
	for _, c := range q {
		for _, other := range sides(W, H) {
			if other == fs {
				continue
			}
			if other.out(c) > -0.01*long {
				return p, q, false
			}
		}
	}
	if two && s[1] < 0.02*long {
		return p, q, false
	}
	if s[want] > -0.01*long {
		return p, q, false
	}
	return p, q, true
}
