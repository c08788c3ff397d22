package quality

import (
	"image"
	"math"
	"sync"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// rectified is the document warped to its canonical size, with a mask of the pixels that came from
// inside the photo (a document cut off by the frame has pixels that did not).
type rectified struct {
	color  gocv.Mat // BGR
	gray   grayImage
	inside []bool
	w, h   int
	st     *docStats // counted on first use
}

func (r *rectified) close() { r.color.Close() }

// rectify warps the document bounded by q (working pixels) to canonicalWidth, with the height given by
// the nearest standard aspect ratio. The region is first reduced by area averaging when it is larger
// than the canonical size, so that the measures see the same detail whatever the photo's resolution.
func rectify(work gocv.Mat, q quad, aspect float64) *rectified {
	ar := aspectID1
	if math.Abs(aspect-aspectID3) < math.Abs(aspect-aspectID1) {
		ar = aspectID3
	}
	cw, ch := canonicalWidth, int(math.Round(canonicalWidth/ar))

	s := float64(canonicalWidth) / q.longSide()
	if s >= 0.9 {
		return warp(work, q, cw, ch)
	}
	// Reduce only the document's bounding box, by area averaging, before warping.
	minX, minY, maxX, maxY := q[0].X, q[0].Y, q[0].X, q[0].Y
	for _, c := range q[1:] {
		minX, minY = math.Min(minX, c.X), math.Min(minY, c.Y)
		maxX, maxY = math.Max(maxX, c.X), math.Max(maxY, c.Y)
	}
	box := image.Rect(int(minX)-2, int(minY)-2, int(maxX)+3, int(maxY)+3).Intersect(image.Rect(0, 0, work.Cols(), work.Rows()))
	if box.Dx() < 8 || box.Dy() < 8 {
		return warp(work, q, cw, ch)
	}
	roi := work.Region(box)
	defer roi.Close()
	small := gocv.NewMat()
	defer small.Close()
	sw, sh := max(1, int(float64(box.Dx())*s+0.5)), max(1, int(float64(box.Dy())*s+0.5))
	gocv.Resize(roi, &small, imagePoint(sw, sh), 0, 0, gocv.InterpolationArea)
	sx, sy := float64(sw)/float64(box.Dx()), float64(sh)/float64(box.Dy())
	var sq quad
	for i, c := range q {
		sq[i] = pt{(c.X - float64(box.Min.X)) * sx, (c.Y - float64(box.Min.Y)) * sy}
	}
	return warp(small, sq, cw, ch)
}

// halfFrame is the working image reduced to half its size by area averaging, made on first use and
// shared by the outlines rectified from it (rectifyFrom) in both of the finder's passes. Safe for
// concurrent use; close it once no outline is being rectified.
type halfFrame struct {
	work gocv.Mat
	once sync.Once
	m    gocv.Mat
	made bool
}

func (h *halfFrame) get() gocv.Mat {
	h.once.Do(func() {
		h.m, h.made = gocv.NewMat(), true
		gocv.Resize(h.work, &h.m, imagePoint(h.work.Cols()/2, h.work.Rows()/2), 0, 0, gocv.InterpolationArea)
	})
	return h.m
}

func (h *halfFrame) close() {
	if h.made {
		h.m.Close()
	}
}

// rectifyFrom is rectify, reducing an outline to be reduced by half or more from half instead of from
// work: the outlines of a full-resolution scan are each reduced to a quarter or less of their pixels,
// and reducing the frame once first costs less than reducing each outline's box from it.
func rectifyFrom(work gocv.Mat, half *halfFrame, q quad, aspect float64) *rectified {
	if float64(canonicalWidth)/q.longSide() > 0.5 {
		return rectify(work, q, aspect)
	}
	m := half.get()
	sx, sy := float64(m.Cols())/float64(work.Cols()), float64(m.Rows())/float64(work.Rows())
	var hq quad
	for i, c := range q {
		hq[i] = pt{c.X * sx, c.Y * sy}
	}
	return rectify(m, hq, aspect)
}

func warp(src gocv.Mat, q quad, cw, ch int) *rectified {
	from := gocv.NewPoint2fVectorFromPoints([]gocv.Point2f{
		{X: float32(q[0].X), Y: float32(q[0].Y)}, {X: float32(q[1].X), Y: float32(q[1].Y)},
		{X: float32(q[2].X), Y: float32(q[2].Y)}, {X: float32(q[3].X), Y: float32(q[3].Y)},
	})
	defer from.Close()
	to := gocv.NewPoint2fVectorFromPoints([]gocv.Point2f{
		{X: 0, Y: 0}, {X: float32(cw - 1), Y: 0}, {X: float32(cw - 1), Y: float32(ch - 1)}, {X: 0, Y: float32(ch - 1)},
	})
	defer to.Close()
	m := gocv.GetPerspectiveTransform2f(from, to)
	defer m.Close()
	out := gocv.NewMat()
	gocv.WarpPerspective(src, &out, m, imagePoint(cw, ch))
	g := gocv.NewMat()
	defer g.Close()
	gocv.CvtColor(out, &g, gocv.ColorBGRToGray)
	r := &rectified{color: out, gray: newGrayImage(g), w: cw, h: ch}
	// Which canonical pixels map to a point inside the source image.
	r.inside = make([]bool, cw*ch)
	W, H := float64(src.Cols()-1), float64(src.Rows()-1)
	if within(q, W, H) { // a convex quad inside the image: every pixel came from the photo
		for i := range r.inside {
			r.inside[i] = true
		}
		return r
	}
	hm := squareToQuad(q)
	for y := 0; y < ch; y++ {
		v := float64(y) / float64(ch-1)
		for x := 0; x < cw; x++ {
			p := hm.at(float64(x)/float64(cw-1), v)
			r.inside[y*cw+x] = p.X >= 0 && p.Y >= 0 && p.X <= W && p.Y <= H
		}
	}
	return r
}

// within reports whether every corner of q lies in [0, w] x [0, h].
func within(q quad, w, h float64) bool {
	for _, c := range q {
		if c.X < 0 || c.Y < 0 || c.X > w || c.Y > h {
			return false
		}
	}
	return true
}

// docStats summarises the brightness of the document's visible pixels.
type docStats struct {
	hist  [256]int
	total int
}

// stats returns the brightness histogram of the document's visible pixels, counted once.
func (r *rectified) stats() docStats {
	if r.st != nil {
		return *r.st
	}
	s := r.histogram(0)
	r.st = &s
	return s
}

// innerStats is stats over the document without a band along its sides (a thirtieth of its height):
// the rounded corners and the outline's last pixels show the background, which is not print.
func (r *rectified) innerStats() docStats {
	return r.histogram(max(1, r.h/30))
}

// histogram counts the grey levels of the visible pixels at least inset pixels from every side.
func (r *rectified) histogram(inset int) docStats {
	var s docStats
	for y := inset; y < r.h-inset; y++ {
		for x := inset; x < r.w-inset; x++ {
			if i := y*r.w + x; r.inside[i] {
				s.hist[r.gray.pix[i]]++
				s.total++
			}
		}
	}
	return s
}

// frameStats summarises the whole photo, in grey levels g, used when no document was found.
func frameStats(g gocv.Mat) docStats {
	var s docStats
	for _, v := range g.ToBytes() {
		s.hist[v]++
		s.total++
	}
	return s
}

// percentile returns the grey level below which fraction p of the pixels lie.
func (s docStats) percentile(p float64) float64 {
	if s.total == 0 {
		return 0
	}
	target := int(p * float64(s.total))
	acc := 0
	for v, n := range s.hist {
		acc += n
		if acc > target {
			return float64(v)
		}
	}
	return 255
}

// fractionAtLeast returns the fraction of pixels at or above level v.
func (s docStats) fractionAtLeast(v int) float64 {
	if s.total == 0 {
		return 0
	}
	n := 0
	for i := v; i < 256; i++ {
		n += s.hist[i]
	}
	return float64(n) / float64(s.total)
}

// toPhoto maps a rectangle of the canonical document to the bounding box of its image in the photo.
func (r *rectified) toPhoto(rc image.Rectangle, photoQ quad) precheck.Rect {
	hm := squareToQuad(photoQ)
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range []image.Point{rc.Min, {rc.Max.X, rc.Min.Y}, rc.Max, {rc.Min.X, rc.Max.Y}} {
		p := hm.at(float64(c.X)/float64(r.w), float64(c.Y)/float64(r.h))
		minX, minY = math.Min(minX, p.X), math.Min(minY, p.Y)
		maxX, maxY = math.Max(maxX, p.X), math.Max(maxY, p.Y)
	}
	return precheck.Rect{X: int(minX), Y: int(minY), W: int(maxX - minX + 0.5), H: int(maxY - minY + 0.5)}
}
