package ocr

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// rectMM is a rectangle on the document in millimetres from its top-left corner.
type rectMM struct{ x0, y0, x1, y1 float64 }

func (r rectMM) w() float64 { return r.x1 - r.x0 }
func (r rectMM) h() float64 { return r.y1 - r.y0 }

// boxMM converts a layout box, padded by pad millimetres on every side and clipped to the document,
// to millimetres.
func boxMM(l layout.Layout, b layout.Box, pad float64) rectMM {
	x0, y0, x1, y1 := l.MM(b)
	return rectMM{
		math.Max(0, x0-pad), math.Max(0, y0-pad),
		math.Min(l.WidthMM, x1+pad), math.Min(l.HeightMM, y1+pad),
	}
}

// docGeom places a document of a given layout on the working image.
type docGeom struct {
	l     layout.Layout
	unit  quality.Homography // unit square (document) -> working pixels
	scale float64            // photo pixels per working pixel
}

func newDocGeom(l layout.Layout, corners [4][2]float64, scale float64) docGeom {
	return docGeom{l: l, unit: quality.SquareToQuad(corners), scale: scale}
}

// rotated returns the geometry of the same document turned half a turn: what the corner finder took
// as the top-left corner is the bottom-right one.
func rotated(corners [4][2]float64) [4][2]float64 {
	return [4][2]float64{corners[2], corners[3], corners[0], corners[1]}
}

// photoQuad returns the corners of r in photo pixels, top-left first as the document reads.
func (g docGeom) photoQuad(r rectMM) precheck.Quad {
	var q precheck.Quad
	for i, c := range [4][2]float64{{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}} {
		x, y := g.unit.Apply(c[0]/g.l.WidthMM, c[1]/g.l.HeightMM)
		q[i] = precheck.Point{math.Round(x*g.scale*10) / 10, math.Round(y*g.scale*10) / 10}
	}
	return q
}

// grayCrop is an 8-bit grey image held in Go memory.
type grayCrop struct {
	w, h int
	pix  []byte
}

// pgm encodes the crop as a binary PGM, which Leptonica reads without decompression.
func (c grayCrop) pgm() []byte {
	b := make([]byte, 0, len(c.pix)+20)
	b = fmt.Appendf(b, "P5\n%d %d\n255\n", c.w, c.h)
	return append(b, c.pix...)
}

// cut warps the region r of the document out of the BGR working image at ppm pixels per millimetre
// and returns it in grey, or in BGR when bgr is set (then pix holds 3 bytes per pixel). Pixels
// outside the photo repeat its border.
func (g docGeom) cut(work gocv.Mat, r rectMM, ppm float64, bgr bool) (grayCrop, error) {
	return g.cutXY(work, r, ppm, ppm, bgr)
}

// cutXY is cut with different resolutions across (ppmX) and down (ppmY) the document.
func (g docGeom) cutXY(work gocv.Mat, r rectMM, ppmX, ppmY float64, bgr bool) (grayCrop, error) {
	if work.Empty() || work.Channels() != 3 || work.Type() != gocv.MatTypeCV8UC3 {
		return grayCrop{}, fmt.Errorf("%w: working image is not 8-bit BGR", ErrPhoto)
	}
	w, h := int(math.Round(r.w()*ppmX)), int(math.Round(r.h()*ppmY))
	if w < 4 || h < 4 || w > 8000 || h > 8000 {
		return grayCrop{}, fmt.Errorf("ocr: crop of %dx%d px out of range", w, h)
	}
	// Destination pixel (i, j) has its centre at millimetre (x0 + (i+0.5)/ppmX, y0 + (j+0.5)/ppmY).
	toUnit := quality.Homography{
		1 / (ppmX * g.l.WidthMM), 0, (r.x0 + 0.5/ppmX) / g.l.WidthMM,
		0, 1 / (ppmY * g.l.HeightMM), (r.y0 + 0.5/ppmY) / g.l.HeightMM,
		0, 0, 1,
	}
	m := g.unit.Mul(toUnit)
	mat := doubleMat(3, m[:])
	defer mat.Close()
	out := gocv.NewMat()
	defer out.Close()
	gocv.WarpPerspectiveWithParams(work, &out, mat, image.Pt(w, h), gocv.InterpolationLinear|gocv.WarpInverseMap,
		gocv.BorderReplicate, color.RGBA{})
	if out.Empty() {
		return grayCrop{}, fmt.Errorf("ocr: warp produced no image")
	}
	if bgr {
		return grayCrop{w: w, h: h, pix: out.ToBytes()}, nil
	}
	gray := gocv.NewMat()
	defer gray.Close()
	gocv.CvtColor(out, &gray, gocv.ColorBGRToGray)
	return grayCrop{w: w, h: h, pix: gray.ToBytes()}, nil
}

// doubleMat returns a rows x (len(v)/rows) matrix of float64 holding v row by row, as OpenCV's warps
// take their transforms. The caller closes it.
func doubleMat(rows int, v []float64) gocv.Mat {
	cols := len(v) / rows
	m := gocv.NewMatWithSize(rows, cols, gocv.MatTypeCV64FC1)
	for i, x := range v {
		m.SetDoubleAt(i/cols, i%cols, x)
	}
	return m
}
