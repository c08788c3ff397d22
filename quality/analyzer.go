package quality

import (
	"context"
	"image"
	"math"
	"time"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// Canonical size of the rectified document on which the checks measure: blur, glare, shadow and
// exposure are measured relative to the document, whatever the size of the photo.
const canonicalWidth = 800

// focalFactor is the assumed focal length of a phone's main camera, as a multiple of the photo's
// longer side (about a 26 mm equivalent lens). Tilt and true aspect ratio are estimated with it.
const focalFactor = 0.85

// Analyzer measures the quality of document photos. An Analyzer is safe for concurrent use; it holds
// its resolved options, a pool of the embedded document segmenter's networks unless the models are
// turned off, and, when a model directory is configured, pools of face-detector and (when the
// directory holds LineModelFile) line-detector networks; Close releases them.
type Analyzer struct {
	opts  Options
	face  *faceDetector // nil: no portrait measure
	lines *lineDetector // nil: the finder's own straight edges only
	seg   *docSegmenter // nil: the models were turned off
	off   bool          // the models were turned off (ModelsOff)
}

// New returns an Analyzer with the given options; zero fields take the preset's values. The error
// wraps ErrFaceModel when the model directory (Options.ModelDir or $DOCPRECHECK_MODELS) lacks the
// expected face model, and ErrLineModel when it holds a line-segment detector that is not the
// expected one (the detector is optional: without it the finder uses its own edges).
func New(opts Options) (*Analyzer, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	dir, named, off := resolveModelDir(o.ModelDir)
	a := &Analyzer{opts: o, off: off}
	if !off {
		a.seg = newDocSegmenter(docSegModel)
	}
	if dir != "" {
		if a.face, err = newFaceDetector(dir, named); err != nil {
			return nil, err
		}
		if a.lines, err = newLineDetector(dir); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Close releases the face-detector, line-detector and segmenter networks. The Analyzer stays usable (networks are loaded again
// on demand); Close is for the end of its use.
func (a *Analyzer) Close() error {
	if a.face != nil {
		a.face.close()
	}
	if a.lines != nil {
		a.lines.close()
	}
	if a.seg != nil {
		a.seg.close()
	}
	return nil
}

// Options returns the resolved thresholds in use.
func (a *Analyzer) Options() Options { return a.opts }

// LineDetector reports whether the Analyzer found the line-segment detector (LineModelFile) in its
// model directory. Without it the finder uses its own edges, which find fewer of the cards in clutter.
func (a *Analyzer) LineDetector() bool { return a.lines != nil }

// ModelsOff reports whether the models were turned off (Options.ModelDir, or $DOCPRECHECK_MODELS when
// that is empty, set to ModelsOff) rather than not found: a program that tells its user about missing
// models says nothing when they were turned off.
func (a *Analyzer) ModelsOff() bool { return a.off }

// Photo is a decoded and measured photo. It holds a native image: Close it when done.
// A Photo is not safe for concurrent use.
type Photo struct {
	work    gocv.Mat
	scale   float64
	quality precheck.Quality
	corners quad // working pixels; valid when quality.Corners != nil
	aspect  float64
}

// Quality returns the measures.
func (p *Photo) Quality() precheck.Quality { return p.quality }

// Close releases the decoded image. It is safe to call more than once.
func (p *Photo) Close() error {
	if !p.work.Empty() || p.work.Ptr() != nil {
		p.work.Close()
		p.work = gocv.Mat{}
	}
	return nil
}

// Mat returns the decoded BGR image at working resolution. It stays owned by p: do not close it.
func (p *Photo) Mat() gocv.Mat { return p.work }

// Scale returns the number of photo pixels per working pixel.
func (p *Photo) Scale() float64 { return p.scale }

// Corners returns the document's corners in working pixels and whether a document was found.
func (p *Photo) Corners() ([4]image.Point, bool) {
	var out [4]image.Point
	for i, c := range p.corners {
		out[i] = image.Pt(int(math.Round(c.X)), int(math.Round(c.Y)))
	}
	return out, p.quality.Corners != nil
}

// CornersF returns the document's corners in working pixels as floating-point [x, y] pairs.
func (p *Photo) CornersF() [4][2]float64 {
	var out [4][2]float64
	for i, c := range p.corners {
		out[i] = [2]float64{c.X, c.Y}
	}
	return out
}

// Aspect returns the estimated long-over-short aspect ratio of the document.
func (p *Photo) Aspect() float64 { return p.aspect }

// Analyze decodes data and measures it. The error wraps a photo.Err* sentinel when data cannot be
// evaluated (empty, not an image, truncated, too large or too small) or is ctx.Err() when ctx ended.
func (a *Analyzer) Analyze(ctx context.Context, data []byte) (precheck.Photo, error) {
	p, err := a.analyze(ctx, data)
	if err != nil {
		return nil, err // not a nil *Photo in a non-nil interface
	}
	return p, nil
}

func (a *Analyzer) analyze(ctx context.Context, data []byte) (*Photo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t0 := time.Now()
	d, err := decode(data, a.opts.Limits)
	if err != nil {
		return nil, err
	}
	p := &Photo{work: d.mat, scale: d.scale}
	p.quality.Width, p.quality.Height = d.width, d.height
	t1 := time.Now()
	p.quality.DecodeMS = ms(t1.Sub(t0))
	if err := ctx.Err(); err != nil {
		p.Close()
		return nil, err
	}
	a.measure(p)
	p.quality.QualityMS = ms(time.Since(t1))
	return p, nil
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())/10) / 100 }

// measure runs every check on p and fills p.quality.
func (a *Analyzer) measure(p *Photo) {
	o := a.opts
	W, H := float64(p.quality.Width), float64(p.quality.Height)
	focal := focalFactor * math.Max(W, H) / p.scale
	// The finder, the choice of the document and the sides' check all read the grey levels of the
	// whole working image: converted once here.
	gray := toGray(p.work)
	defer gray.Close()
	f, doc := locate(p.work, gray, focal, o.MinDocumentScore, a.lines, a.seg)
	if doc != nil {
		defer doc.close()
	}
	noDoc := noDocument(f, o)
	if noDoc.Failed {
		p.quality.Measures = append(p.quality.Measures, noDoc)
		// Without a document, exposure is judged on the whole photo so that a black photo says "too
		// dark", and focus on its sharpest part so that a photo too blurred for the card's outline to be
		// found says "blurred" (frameBlur); an even surface with no edges is not judged.
		st := frameStats(gray)
		p.quality.Measures = append(p.quality.Measures, tooDark(st, o), tooBright(st, st, o))
		if score, ok := frameBlur(gray); ok {
			p.quality.Measures = append(p.quality.Measures, blurMeasure(score, o))
		}
		return
	}
	p.corners = f.q
	p.aspect = f.aspect
	photoQ := f.q.scale(p.scale)
	var pq precheck.Quad
	for i, c := range photoQ {
		pq[i] = precheck.Point{round1(c.X), round1(c.Y)}
	}
	p.quality.Corners = &pq

	st := doc.stats()
	toPhoto := func(r image.Rectangle) precheck.Rect { return doc.toPhoto(r, photoQ) }
	// The portrait's network runs beside the other checks: they only read the rectified document,
	// and a photo is measured sooner on a second core.
	var portrait chan precheck.Measure
	if a.face != nil {
		portrait = make(chan precheck.Measure, 1)
		go func() { portrait <- a.face.portrait(doc, o, toPhoto) }()
	}
	g, paper := inPlace(gray), st.percentile(0.9)
	var unreached [4]bool
	for i, r := range reachesFrame(g, f.q, paper) {
		unreached[i] = !r
	}
	blurred := blurScore(doc, st)
	seen := sidesSeen(g, f.q, paper)
	if !f.crop {
		seen = shortSideOnBorder(g, f.q, seen, f.aspect, paper, f.stretch)
	}
	cut := cutoff(photoQ, f.leaves, seen, unreached, W, H, f.stretch, f.crop, blurred, o)
	if f.fullFrame {
		// A scan or a tight crop: the frame is the outline. Its margin is nil; it cuts the document
		// only when it does not have the document's shape (which of its edges is not known).
		cut = precheck.Measure{Code: precheck.CodeCutoff, Threshold: o.MinCornerMargin, Failed: f.frameCuts}
	}
	bright := tooBright(st, doc.innerStats(), o)
	gl := glare(doc, o, toPhoto)
	if bright.Failed {
		gl.Failed = false // an over-exposed document is one problem, not two
	}
	tl := tilted(photoQ, W, H, f.stretch, o)
	p.quality.Measures = append(p.quality.Measures,
		noDoc,
		cut,
		blurMeasure(blurred, o),
		gl,
		shadow(doc, o, toPhoto),
		tooDark(st, o),
		bright,
		lowResolution(photoQ, W, H, o),
		tl,
		onTrustedOutline(occluded(p.work, f.q, doc, o, photoQ), cut, tl),
	)
	if portrait != nil {
		p.quality.Measures = append(p.quality.Measures, <-portrait)
	}
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// inFrame reports whether p lies inside the w x h frame, off its border.
func inFrame(p pt, w, h float64) bool { return inFrameBy(p, w, h, 1) }

// inFrameBy reports whether p lies inside the w x h frame at least margin pixels from its edge.
func inFrameBy(p pt, w, h, margin float64) bool {
	return p.X >= margin && p.Y >= margin && p.X <= w-1-margin && p.Y <= h-1-margin
}

// minPrintMarks is the number of character-like marks (printMarksRows) from which an outline that runs
// out of the frame is taken for a document. Chosen on the seed-1 corpus: cut-off cards show 47 or
// more, the backgrounds' outlines (tiles, tablecloth, paper, planks) mostly fewer than 40.
const minPrintMarks = 40

// outside reports whether a corner of q lies outside the w x h frame or on its border.
func outside(q quad, w, h float64) bool {
	for _, c := range q {
		if !inFrame(c, w, h) {
			return true
		}
	}
	return false
}
