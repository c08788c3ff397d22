package specimen

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	xdraw "golang.org/x/image/draw"

	"github.com/docprecheck/docprecheck/layout"
)

// Variant says how a defect is present in a photo.
type Variant string

// Variants. A photo without a variant is clean.
const (
	// Strong is well past the threshold.
	Strong Variant = "strong"
	// Near is just past the threshold, on the failing side.
	Near Variant = "near"
	// Mild is a real imperfection just short of the threshold: the photo
	// must pass.
	Mild Variant = "mild"
)

// PhotoSpec says what one photo of the corpus shows.
type PhotoSpec struct {
	// Index numbers the photo in its corpus, from 1; with Seed it seeds the
	// random stream of the photo.
	Index int
	Seed  int
	// Kind is the document shown; empty for no document.
	Kind layout.Kind
	// Defect is the issue code shown (strong or near) or nearly shown
	// (mild); empty for a clean photo.
	Defect  string
	Variant Variant
	// Background is one of Backgrounds().
	Background string
	// Width and Height are the photo size in pixels.
	Width, Height int
	// Quality is the JPEG quality (88 if zero).
	Quality int
	// Distractors are objects on the surface (see the Distractor names).
	Distractors []string
	// Clutter are things lying under or beside the document (see the
	// Clutter names); they are left out where they find no room.
	Clutter []string
	// Greyscale saves the photo without colour.
	Greyscale bool
	// Soft upscales the photo from a smaller capture when the document is
	// large enough for its detail to stay above the resolution threshold.
	Soft bool
	// Occluder is what covers part of the document of an occluded photo
	// (see the Occluder names); OccludedCorner puts it over a corner
	// rather than across a side.
	Occluder       string
	OccludedCorner bool
}

// FileName returns NNN-<kind>-<defect or clean>[-near|-mild]-<background>.jpg
// with hyphens for underscores, e.g. 017-cn-id-front-glare-near-wood.jpg.
func (s PhotoSpec) FileName() string {
	kind := "none"
	if s.Kind != "" {
		kind = string(s.Kind)
	}
	what := "clean"
	if s.Defect != "" {
		what = s.Defect
		if s.Variant == Near || s.Variant == Mild {
			what += "-" + string(s.Variant)
		}
	}
	h := func(x string) string { return strings.ReplaceAll(x, "_", "-") }
	return fmt.Sprintf("%03d-%s-%s-%s.jpg", s.Index, h(kind), h(what), h(s.Background))
}

// Photo is a rendered photo: the image, its JPEG encoding and its label.
type Photo struct {
	Image *image.RGBA
	JPEG  []byte
	Label Label
}

// ErrSpec is returned, wrapped with details, for a spec that cannot be
// rendered.
var ErrSpec = errors.New("specimen: invalid photo spec")

// errRetry asks RenderPhoto to try again with another random stream.
var errRetry = errors.New("specimen: retry")

// errNoRoom is errRetry for objects that found no place clear of the document.
var errNoRoom = fmt.Errorf("%w: no room for the objects", errRetry)

// RenderPhoto renders the photo described by spec. The result depends only
// on spec: the same spec always gives the same bytes.
func (r *Renderer) RenderPhoto(spec PhotoSpec) (*Photo, error) {
	if spec.Width < 64 || spec.Height < 64 || spec.Index < 0 {
		return nil, fmt.Errorf("%w: size %dx%d", ErrSpec, spec.Width, spec.Height)
	}
	if spec.Kind != "" {
		if _, ok := printFor(spec.Kind); !ok {
			return nil, fmt.Errorf("%w: kind %q", ErrSpec, spec.Kind)
		}
	}
	var err error
	for attempt := range 8 {
		var ph *Photo
		ph, err = r.renderAttempt(spec, attempt)
		if err == nil {
			return ph, nil
		}
		if !errors.Is(err, errRetry) && !errors.Is(err, errPlacement) {
			return nil, err
		}
	}
	if errors.Is(err, errNoRoom) {
		// The objects are scenery: a frame that the document nearly fills has no room for them.
		spec.Distractors = nil
		return r.RenderPhoto(spec)
	}
	return nil, fmt.Errorf("%s: %w", spec.FileName(), err)
}

// stream returns the random stream of one stage of one attempt.
func stream(spec PhotoSpec, attempt, stage int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(spec.Seed), uint64(spec.Index)<<20|uint64(attempt)<<8|uint64(stage)))
}

func (r *Renderer) renderAttempt(spec PhotoSpec, attempt int) (*Photo, error) {
	rng := stream(spec, attempt, 0)
	W, H := spec.Width, spec.Height
	cam := camera{f: 0.85 * float64(max(W, H)), cx: float64(W) / 2, cy: float64(H) / 2}
	hasDoc := spec.Kind != ""
	wMM, hMM, cornerMM := docSize(spec.Kind)
	var dp docPrint
	var pv printVar
	if hasDoc {
		dp, _ = printFor(spec.Kind)
		pv = newPrintVar(stream(spec, attempt, 6), dp)
	}
	pl, err := place(spec, rng, cam, wMM, hMM)
	if err != nil {
		return nil, err
	}
	hp := cam.planeToImage(pl.pose)
	ps := newPlaneSampler(hp)

	lbl := Label{
		File: spec.FileName(), Width: W, Height: H, Kind: spec.Kind,
		Defects: []string{}, Mild: []string{}, Variant: spec.Variant,
		Background: spec.Background, CutCorners: []string{},
	}
	if !hasDoc {
		lbl.Kind = KindNone
	}
	if spec.Defect != "" {
		if spec.Variant == Mild {
			lbl.Mild = append(lbl.Mild, spec.Defect)
		} else {
			lbl.Defects = append(lbl.Defects, spec.Defect)
		}
	}
	pr := &lbl.Params
	pr.FocalPx = round2(cam.f)

	// Light direction on the plane, for cast shadows.
	la := rng.Float64() * 2 * math.Pi
	lx, ly := math.Cos(la), math.Sin(la)

	img := newFImage(W, H)
	lying := spec.Background != BgHand
	if lying {
		paintSurface(img, newTexture(spec.Background, rng), ps, rgb{150, 150, 150})
	} else {
		paintRoom(img, rng)
	}
	if lying && len(spec.Clutter) > 0 {
		pr.Clutter = r.drawClutter(img, hp, ps, stream(spec, attempt, 5), spec.Clutter, hasDoc, wMM, hMM, lx, ly)
	}

	// Distractors lie on the surface, clear of the document.
	for _, name := range spec.Distractors {
		for range 200 {
			// Objects may run off the frame, as they do in real photos.
			x := uniform(rng, 0.02, 0.98) * float64(W)
			y := uniform(rng, 0.02, 0.98) * float64(H)
			u, v, ok := ps.inv.apply(x, y)
			if !ok {
				continue
			}
			d := newDistractor(rng, name, u, v)
			if hasDoc && sdRoundBox(u, v, wMM/2, hMM/2, 0) < d.radius+6 {
				continue
			}
			d.draw(img, hp, ps, lx, ly)
			pr.Distractors = append(pr.Distractors, name)
			break
		}
	}
	if len(pr.Distractors) != len(spec.Distractors) {
		return nil, fmt.Errorf("%w %v", errNoRoom, spec.Distractors)
	}

	vis := make([]float32, W*H)
	var person Person
	if hasDoc {
		person, err = NewPerson(spec.Kind, rng)
		if err != nil {
			return nil, err
		}
		long := pl.long
		ppm := math.Min(24, math.Max(10, math.Ceil(1.1*long/wMM)))
		doc := r.renderDocument(person, ppm, dp, pv, rng)

		var hd *hand
		var palmCov []float32
		var occ *occluder
		if spec.Defect == CodeOccluded && lying {
			occ = newOcclusion(stream(spec, attempt, 8), spec, dp, pv)
		}
		if !lying {
			cover := 0.0
			if spec.Defect == CodeOccluded && spec.Variant != Mild {
				cover = uniform(stream(spec, attempt, 8), 0.04, 0.12)
				if spec.Variant == Near {
					cover = uniform(stream(spec, attempt, 8), 0.013, 0.022)
				}
			}
			hd = newHand(rng, pv.printedBoxes(dp), wMM, hMM, cover)
			palmCov = make([]float32, W*H)
			fillShape(img, hp, ps, hd.wrist, palmCov)
			fillShape(img, hp, ps, hd.palm, palmCov)
		}
		var bk *booklet
		outline := func(u, v float64) float64 { return sdRoundBox(u, v, wMM/2, hMM/2, cornerMM) }
		u0, v0, u1, v1 := -wMM/2, -hMM/2, wMM/2, hMM/2
		if spec.Kind == layout.Passport {
			bk = newBooklet(rng, wMM, hMM)
			outline = bk.outerSD
			u0, v0, u1, v1 = bk.u0, bk.v0, bk.u1, bk.v1
			pr.Booklet = true
		}
		// The drop shadow: thin under a card, deeper under a book; on the
		// hand only when held.
		if lying {
			off, soft := uniform(rng, 0.5, 1.5), uniform(rng, 1, 2.5)
			if bk != nil {
				off, soft = uniform(rng, 2, 4), uniform(rng, 2.5, 5)
			}
			castShadow(img, hp, ps, outline, u0, v0, u1, v1, lx*off, ly*off, soft, uniform(rng, 0.25, 0.42), nil)
		} else {
			off := uniform(rng, 5, 10)
			castShadow(img, hp, ps, outline, u0, v0, u1, v1, lx*off, ly*off, uniform(rng, 3, 6), 0.4, palmCov)
		}
		if bk != nil {
			fillShape(img, hp, ps, bk.cover, nil)
			fillShape(img, hp, ps, bk.facing, nil)
		}
		dw := newDocWarp(doc, ppm, wMM, hMM, hp, pl.q, W, H)
		alpha := dw.composite(img)
		if bk != nil {
			// The page curves down into the fold of the book.
			fold := bk.foldV
			castShadow(img, hp, ps, func(u, v float64) float64 { return max(math.Abs(v-fold)-3, math.Abs(u)-wMM/2-3) },
				-wMM/2-4, fold-8, wMM/2+4, fold+8, 0, 0, 3, uniform(rng, 0.08, 0.16), nil)
		}
		copy(vis, alpha)
		if hd != nil {
			thumbCov := make([]float32, W*H)
			castShadow(img, hp, ps, hd.thumbSD, hd.thumb.u0, hd.thumb.v0, hd.thumb.u1, hd.thumb.v1, lx*2, ly*2, 2.5, 0.35, alpha)
			fillShape(img, hp, ps, hd.thumb, thumbCov)
			fillShape(img, hp, ps, hd.nail, nil)
			for i := range vis {
				vis[i] *= 1 - thumbCov[i]
			}
			pr.Occluder = OccluderThumb
			pr.OccludedFraction = round4(innerCover(hd.thumbSD, wMM, hMM))
			pr.OccludedCorners = occludedCorners(hd.thumbSD, wMM, hMM, cornerMM)
		}
		if occ != nil {
			occCov := make([]float32, W*H)
			occ.draw(img, hp, ps, lx, ly, occCov)
			for i := range vis {
				vis[i] *= 1 - occCov[i]
			}
			pr.Occluder = occ.name
			pr.OccludedFraction = round4(innerCover(occ.sd, wMM, hMM))
			pr.OccludedCorners = occludedCorners(occ.sd, wMM, hMM, cornerMM)
		}
		// Only pixels fully on the document count as document in the
		// measurements.
		for i := range vis {
			if alpha[i] < 0.999 {
				vis[i] = min(vis[i], alpha[i]*0.98)
			}
		}

		lbl.Corners = make([][2]float64, 4)
		for i, c := range pl.q {
			lbl.Corners[i] = [2]float64{round2(c[0]), round2(c[1])}
		}
		lbl.CutCorners = append(lbl.CutCorners, pl.cut...)
		lbl.Fields = person.Fields()
		lbl.Printed = person.Printed()
		lbl.MRZ = person.MRZ
		lbl.Print = pv.label(dp)
		pr.TiltDeg = round2(pl.pose.tilt * 180 / math.Pi)
		pr.TiltAxisDeg = round2(math.Mod(pl.pose.axis*180/math.Pi+360, 360))
		pr.RotationDeg = round2(pl.pose.rot * 180 / math.Pi)
		pr.DocLongPx = round2(pl.long)
		pr.DocShortPx = round2(pl.short)
		pr.FrameFraction = round4(pl.long / float64(W))
		pr.MarginFraction = round4(pl.margin)
		pr.CutFraction = round4(pl.cutFrac)
	}

	pr.IlluminationVariation = round4(illuminate(img, rng, pl.q, 0.12))

	// A soft photo keeps enough detail for the document to stay above the
	// resolution threshold: upscaled at most 3 times, never below 600
	// pixels of real detail along the document.
	if spec.Soft && hasDoc {
		if hi := math.Min(3, pl.long/600); hi >= 1.5 {
			pr.SoftScale = round2(uniform(stream(spec, attempt, 7), 1.5, hi))
			pr.EffectiveDocLongPx = round2(pl.long / pr.SoftScale)
			addMild := func(code string) {
				if !slices.Contains(lbl.Defects, code) && !slices.Contains(lbl.Mild, code) {
					lbl.Mild = append(lbl.Mild, code)
				}
			}
			addMild(CodeBlur)
			if pl.long/pr.SoftScale < minCleanLong {
				addMild(CodeLowResolution)
			}
		}
	}
	pr.Greyscale = spec.Greyscale

	if spec.Defect == CodeShadow && hasDoc {
		sp := shadowSpec{area: uniform(rng, 0.2, 0.6), hard: rng.IntN(2) == 0, shape: pick(rng, []string{"straight", "curved", "phone"})}
		switch spec.Variant {
		case Strong:
			sp.darkening = uniform(rng, 0.5, 0.7)
		case Near:
			sp.darkening = uniform(rng, 0.40, 0.45)
		default:
			sp.darkening = uniform(rng, 0.12, 0.15)
		}
		if sp.hard {
			sp.penumbra = uniform(rng, 0.004, 0.012)
			pr.ShadowEdge = "hard"
		} else {
			sp.penumbra = uniform(rng, 0.05, 0.15)
			pr.ShadowEdge = "soft"
		}
		area := castDefectShadow(img, vis, pl.q, rng, sp)
		pr.ShadowDarkening = round4(sp.darkening)
		pr.ShadowArea = round4(area)
		pr.ShadowShape = sp.shape
		pr.ShadowPenumbra = round4(sp.penumbra)
	}

	// White balance of the camera.
	wb := [3]float32{float32(1 + uniform(rng, -0.04, 0.04)), 1, float32(1 + uniform(rng, -0.05, 0.05))}
	for c := range 3 {
		for i := range img.c[c] {
			img.c[c][i] *= wb[c]
		}
	}

	return r.develop(spec, attempt, rng, img, vis, pl, hp, wMM, hMM, pv.textBoxes(dp, false), &lbl)
}

// develop turns the scene into the final JPEG: exposure, glare, blur, noise
// and compression, repeated with corrected settings until the measured
// exposure and glare fall in the range the spec asks for.
func (r *Renderer) develop(spec PhotoSpec, attempt int, rng *rand.Rand, scene *fimage, vis []float32, pl placement, hp mat3, wMM, hMM float64, texts []rectMM, lbl *Label) (*Photo, error) {
	W, H := scene.w, scene.h
	pr := &lbl.Params
	hasDoc := spec.Kind != ""
	quality := spec.Quality
	if quality == 0 {
		quality = 88
	}
	pr.JPEGQuality = quality

	// Exposure target.
	target := uniform(rng, 175, 220)
	var clipTarget, printTarget float64
	switch {
	case spec.Defect == CodeTooDark && spec.Variant == Strong:
		target = uniform(rng, 20, 45)
	case spec.Defect == CodeTooDark && spec.Variant == Near:
		target = uniform(rng, 55, 64)
	case spec.Defect == CodeTooDark && spec.Variant == Mild:
		target = uniform(rng, 106, 119)
	// Over-exposure clips the paper and, through the lens's veiling flare
	// and the camera's highlight roll-off, lifts the print towards white:
	// the print's lightness is what decides (WashFail). A mild photo's
	// paper is clipped too, its print left dark: white paper is not
	// over-exposure.
	case spec.Defect == CodeTooBright && spec.Variant == Strong:
		clipTarget = uniform(rng, 0.55, 0.9)
		printTarget = 255 * uniform(rng, 0.6, 0.75)
	case spec.Defect == CodeTooBright && spec.Variant == Near:
		clipTarget = uniform(rng, 0.25, 0.5)
		printTarget = 255 * uniform(rng, WashFail+0.02, WashFail+0.05)
	case spec.Defect == CodeTooBright && spec.Variant == Mild:
		clipTarget = uniform(rng, 0.15, 0.35)
	}
	var gain float64
	clipQ := clipTarget
	if hasDoc {
		if clipTarget > 0 {
			gain = 256 / docLumaQuantile(scene, vis, 1-clipTarget, true)
		} else {
			gain = target / docLumaQuantile(scene, vis, 0.9, false)
		}
	} else {
		// Without a document the camera exposes for the whole scene.
		all := make([]float32, W*H)
		for i := range all {
			all[i] = 1
		}
		gain = uniform(rng, 105, 140) / docLumaQuantile(scene, all, 0.5, false)
	}

	// Noise, amplified in the dark as a camera raising its gain does.
	// Most phones keep noise low in good light; a few show more.
	noise := 1.5 + 2*math.Pow(rng.Float64(), 3)
	if spec.Defect == CodeTooDark && spec.Variant != Mild {
		noise *= 1 + 1.6*(1-target/200)
	}
	pr.NoiseSigma = round2(noise)

	// Blur: the camera's own, plus focus or shake for blur photos.
	camSigma := uniform(rng, 0.4, 0.8)
	sigma := camSigma
	docH := pl.short
	var motionLen, motionAngle float64
	if spec.Defect == CodeBlur && hasDoc {
		motion := rng.IntN(2) == 0
		if motion {
			var ratio float64
			switch spec.Variant {
			case Strong:
				ratio = uniform(rng, 0.05, 0.08)
			case Near:
				ratio = uniform(rng, 0.034, 0.037)
			default:
				ratio = uniform(rng, 0.008, 0.012)
			}
			motionLen = ratio * docH
			motionAngle = rng.Float64() * math.Pi
			pr.MotionLength = round2(motionLen)
			pr.MotionRatio = round4(ratio)
			pr.MotionAngleDeg = round2(motionAngle * 180 / math.Pi)
		} else {
			var ratio float64
			switch spec.Variant {
			case Strong:
				ratio = uniform(rng, 0.012, 0.02)
			case Near:
				ratio = uniform(rng, 0.0084, 0.009)
			default:
				ratio = uniform(rng, 0.0025, 0.0035)
			}
			sigma = math.Max(camSigma, ratio*docH)
		}
	}
	// A soft photo was captured smaller and upscaled: its softness counts
	// as blur, about half a small pixel.
	soft := pr.SoftScale
	labelSigma := sigma
	if soft > 1 {
		labelSigma = math.Hypot(sigma, 0.5*soft)
	}
	pr.BlurSigma = round2(labelSigma)
	if hasDoc {
		pr.BlurSigmaRatio = round4(labelSigma / docH)
	}

	// Glare patches over text fields.
	var patches []glarePatch
	var glareTarget float64
	if spec.Defect == CodeGlare && hasDoc {
		switch spec.Variant {
		case Strong:
			glareTarget = uniform(rng, 0.09, 0.19)
		case Near:
			glareTarget = uniform(rng, 0.042, 0.048)
		default:
			glareTarget = uniform(rng, 0.009, 0.014)
		}
		patches = glarePatches(rng, hp, pl, wMM, hMM, texts, glareTarget)
		pr.GlarePatches = len(patches)
	}

	k := 1.0     // glare scale
	flare := 0.0 // share of the way to white the veiling flare lifts every pixel
	var out *image.RGBA
	var jpg []byte
	var m measurement
	// Blur is linear: without glare (which saturates before the blur) the
	// scene is blurred once and only scaled on each pass.
	var blurred *fimage
	if len(patches) == 0 {
		blurred = scene.clone()
		blurred.blur(sigma)
		if motionLen > 0 {
			blurred.motionBlur(motionLen, motionAngle)
		}
	}
	iters := 6
	if printTarget > 0 {
		iters = 12 // two settings to find: the gain and the flare
	}
	for iter := range iters {
		src := scene
		if blurred != nil {
			src = blurred
		}
		work := newFImage(W, H)
		for c := range 3 {
			for i, v := range src.c[c] {
				work.c[c][i] = v * float32(gain)
			}
		}
		if blurred == nil {
			applyGlare(work, vis, patches, k)
			work.blur(sigma)
			if motionLen > 0 {
				work.motionBlur(motionLen, motionAngle)
			}
		}
		if flare > 0 {
			f := float32(flare)
			for c := range 3 {
				for i, v := range work.c[c] {
					work.c[c][i] = v + f*(255-min(v, 255))
				}
			}
		}
		if soft > 1 {
			out = softCapture(work, soft, stream(spec, attempt, 16+iter), noise)
		} else {
			work.addNoise(stream(spec, attempt, 16+iter), noise, 0.45)
			out = work.toRGBA()
		}
		if spec.Greyscale {
			toGrey(out)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: quality}); err != nil {
			return nil, err
		}
		jpg = buf.Bytes()
		if !hasDoc {
			break
		}
		dec, err := jpeg.Decode(bytes.NewReader(jpg))
		if err != nil {
			return nil, err
		}
		rgbaDec := image.NewRGBA(dec.Bounds())
		draw.Draw(rgbaDec, rgbaDec.Bounds(), dec, dec.Bounds().Min, draw.Src)
		m = measure(rgbaDec, vis)
		ok := true
		switch {
		case clipTarget > 0:
			if math.Abs(m.saturated-clipTarget) > 0.02 {
				ok = false
				clipQ = min(0.99, max(0.05, clipQ+clipTarget-m.saturated))
				gain = 256 / docLumaQuantile(scene, vis, 1-clipQ, true)
			}
			if printTarget > 0 && math.Abs(m.p1-printTarget) > 3 {
				ok = false
				// m.p1 = p0 + flare*(255-p0): find the print's level without the
				// flare, then the flare that lifts it to the target.
				p0 := (m.p1 - 255*flare) / (1 - flare)
				flare = min(0.9, max(0, (printTarget-p0)/math.Max(255-p0, 1)))
			}
		case len(patches) > 0:
			if m.saturated < glareTarget*0.93 || m.saturated > glareTarget*1.07 {
				ok = false
				k *= math.Sqrt(glareTarget / math.Max(m.saturated, 1e-4))
			}
		}
		if clipTarget == 0 && len(patches) == 0 && math.Abs(m.p90-target) > 4 {
			ok = false
			gain *= target / math.Max(m.p90, 1)
		}
		if ok {
			break
		}
	}
	pr.Gain = round4(gain)
	if hasDoc {
		pr.PaperP90 = round2(m.p90)
		pr.SaturatedFraction = round4(m.saturated)
		if len(patches) > 0 {
			pr.GlareFraction = round4(m.saturated)
		}
		pr.PrintLightness = round4(m.p1 / 255)
		if spec.Defect == CodeTooBright {
			pr.ClippedFraction = round4(m.saturated)
			pr.Flare = round4(flare)
		}
		if err := checkTruth(spec, lbl); err != nil {
			return nil, fmt.Errorf("%w: %v", errRetry, err)
		}
	}
	return &Photo{Image: out, JPEG: jpg, Label: *lbl}, nil
}

// glarePatches places one or two reflections over printed text (boxes in
// millimetres on the document) so that together they saturate about target
// of the document.
func glarePatches(rng *rand.Rand, hp mat3, pl placement, wMM, hMM float64, texts []rectMM, target float64) []glarePatch {
	docArea := pl.q.area()
	n := 1
	if rng.IntN(5) < 2 {
		n = 2
	}
	shares := []float64{1}
	if n == 2 {
		s := uniform(rng, 0.55, 0.75)
		shares = []float64{s, 1 - s}
	}
	var ps []glarePatch
	used := map[int]bool{}
	for i := range n {
		k := rng.IntN(len(texts))
		for used[k] && len(texts) > 1 {
			k = rng.IntN(len(texts))
		}
		used[k] = true
		b := texts[k]
		// Document millimetres from the top-left corner to plane
		// millimetres from the centre.
		u := (b.x0+b.x1)/2 - wMM/2 + uniform(rng, -0.1, 0.1)*(b.x1-b.x0)
		v := (b.y0+b.y1)/2 - hMM/2 + uniform(rng, -0.3, 0.3)*(b.y1-b.y0)
		cx, cy, _ := hp.apply(u, v)
		fall := uniform(rng, 0.5, 1.0)
		ratio := uniform(rng, 1.2, 2.8)
		// The saturated region reaches about r = 1 + 1.2 fall; size the
		// core so that its area is the share of the target.
		rs := 1 + 1.2*fall
		ab := shares[i] * target * docArea / (math.Pi * rs * rs)
		bb := math.Sqrt(ab / ratio)
		ps = append(ps, glarePatch{cx: cx, cy: cy, a: bb * ratio, b: bb, angle: rng.Float64() * math.Pi, fall: fall})
	}
	return ps
}

// checkTruth verifies that the measured photo is on the intended side of
// every threshold, so that a label never contradicts its photo.
func checkTruth(spec PhotoSpec, l *Label) error {
	p := l.Params
	fails := spec.Variant == Strong || spec.Variant == Near
	bad := func(format string, a ...any) error { return fmt.Errorf(format, a...) }
	// Every photo: the exposure and saturation must only show the defect
	// the spec asks for.
	if spec.Defect != CodeTooDark && p.PaperP90 <= DarkFail+15 {
		return bad("paper p90 %.1f too dark", p.PaperP90)
	}
	if spec.Defect != CodeGlare && spec.Defect != CodeTooBright && p.SaturatedFraction > 0.01 {
		return bad("saturated %.4f without glare", p.SaturatedFraction)
	}
	want := []string{}
	if fails {
		want = append(want, spec.Defect)
	}
	if got := PhysicalDefects(*l); !slices.Equal(got, want) {
		return bad("parameters show %v, spec wants %v", got, want)
	}
	if spec.Defect != CodeOccluded && (p.OccludedFraction > 0 || len(p.OccludedCorners) > 0) {
		return bad("occluded %.4f %v without occlusion", p.OccludedFraction, p.OccludedCorners)
	}
	switch spec.Defect {
	case CodeOccluded:
		if spec.Variant == Mild && (p.OccludedFraction > 0 || len(p.OccludedCorners) > 0) {
			return bad("occluded mild covers %.4f %v", p.OccludedFraction, p.OccludedCorners)
		}
		if spec.Variant == Near && !spec.OccludedCorner && p.OccludedFraction > 0.03 {
			return bad("occluded near covers %.4f", p.OccludedFraction)
		}
	case CodeTooDark:
		if fails != (p.PaperP90 <= DarkFail) {
			return bad("too_dark %s with p90 %.1f", spec.Variant, p.PaperP90)
		}
		if spec.Variant == Mild && (p.PaperP90 < 100 || p.PaperP90 > 125) {
			return bad("too_dark mild with p90 %.1f", p.PaperP90)
		}
	case CodeTooBright:
		w := Washout(p)
		if fails != (w >= WashFail) {
			return bad("too_bright %s washed out %.3f", spec.Variant, w)
		}
		if spec.Variant == Near && w > WashFail+0.07 {
			return bad("too_bright near washed out %.3f", w)
		}
		if spec.Variant == Mild && (p.ClippedFraction < 0.1 || w > WashFail-0.1) {
			return bad("too_bright mild with %.3f clipped, washed out %.3f", p.ClippedFraction, w)
		}
	case CodeGlare:
		if fails != (p.GlareFraction >= GlareFail) {
			return bad("glare %s with %.4f", spec.Variant, p.GlareFraction)
		}
		if spec.Variant == Near && p.GlareFraction > 0.055 {
			return bad("glare near with %.4f", p.GlareFraction)
		}
		if spec.Variant == Mild && p.GlareFraction < 0.006 {
			return bad("glare mild with %.4f", p.GlareFraction)
		}
	}
	if spec.Defect != CodeTooBright && spec.Defect != CodeTooDark && spec.Defect != CodeGlare && (p.PaperP90 < 165 || p.PaperP90 > 230) {
		return bad("paper p90 %.1f out of range", p.PaperP90)
	}
	return nil
}

// PhysicalDefects returns the issue codes whose physical parameters in l are
// on the failing side of the thresholds, in DefectCodes order. For a label
// written by this package it equals l.Defects.
func PhysicalDefects(l Label) []string {
	p := l.Params
	out := []string{}
	if l.Kind == KindNone {
		return append(out, CodeNoDocument)
	}
	for _, code := range DefectCodes() {
		var fail bool
		switch code {
		case CodeBlur:
			fail = p.BlurSigmaRatio >= BlurSigmaFail || p.MotionRatio >= MotionFail
		case CodeGlare:
			fail = p.GlareFraction >= GlareFail
		case CodeShadow:
			fail = p.ShadowDarkening >= ShadowFail
		case CodeTooDark:
			fail = p.PaperP90 <= DarkFail
		case CodeTooBright:
			fail = Washout(p) >= WashFail
		case CodeLowResolution:
			fail = p.DocLongPx <= LowResFail || p.DocLongPx <= FarFail*float64(max(l.Width, l.Height))
		case CodeTilted:
			fail = p.TiltDeg >= TiltFail
		case CodeCutoff:
			fail = len(l.CutCorners) > 0
		case CodeOccluded:
			fail = p.OccludedFraction >= OccludedFail || len(p.OccludedCorners) > 0
		}
		if fail {
			out = append(out, code)
		}
	}
	return out
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
func round4(v float64) float64 { return math.Round(v*10000) / 10000 }

// softCapture is the photo of a camera that captured the scene 1/s the size
// and upscaled it: the scene is filtered down, the sensor noise added at the
// small size, and the result enlarged with a bicubic (Catmull-Rom) filter.
func softCapture(m *fimage, s float64, rng *rand.Rand, noise float64) *image.RGBA {
	big := m.toRGBA()
	sw := max(1, int(math.Round(float64(m.w)/s)))
	sh := max(1, int(math.Round(float64(m.h)/s)))
	small := image.NewRGBA(image.Rect(0, 0, sw, sh))
	xdraw.BiLinear.Scale(small, small.Bounds(), big, big.Bounds(), xdraw.Src, nil)
	f := newFImage(sw, sh)
	for i := range sw * sh {
		for c := range 3 {
			f.c[c][i] = float32(small.Pix[4*i+c])
		}
	}
	f.addNoise(rng, noise, 0.45)
	small = f.toRGBA()
	out := image.NewRGBA(image.Rect(0, 0, m.w, m.h))
	xdraw.CatmullRom.Scale(out, out.Bounds(), small, small.Bounds(), xdraw.Src, nil)
	return out
}

// toGrey replaces every pixel of img by its Rec. 601 luminance.
func toGrey(img *image.RGBA) {
	p := img.Pix
	for i := 0; i+3 < len(p); i += 4 {
		y := clip8(luma(float32(p[i]), float32(p[i+1]), float32(p[i+2])))
		p[i], p[i+1], p[i+2] = y, y, y
	}
}
