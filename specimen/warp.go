package specimen

import (
	"image"
	"math"
)

// pyramid is a document raster as premultiplied float planes (r, g, b, a)
// at successive halvings, for sampling without aliasing when the document
// is smaller in the photo than it was rendered.
type pyramid struct {
	levels []level
}

type level struct {
	w, h int
	c    [4][]float32
}

func newPyramid(img *image.RGBA, minSize int) *pyramid {
	b := img.Bounds()
	l0 := level{w: b.Dx(), h: b.Dy()}
	for i := range l0.c {
		l0.c[i] = make([]float32, l0.w*l0.h)
	}
	for y := range l0.h {
		for x := range l0.w {
			o := img.PixOffset(b.Min.X+x, b.Min.Y+y)
			i := y*l0.w + x
			for k := range 4 {
				l0.c[k][i] = float32(img.Pix[o+k])
			}
		}
	}
	p := &pyramid{levels: []level{l0}}
	for {
		prev := p.levels[len(p.levels)-1]
		if prev.w/2 < minSize || prev.h/2 < minSize {
			break
		}
		n := level{w: prev.w / 2, h: prev.h / 2}
		for k := range 4 {
			n.c[k] = make([]float32, n.w*n.h)
			src := prev.c[k]
			for y := range n.h {
				for x := range n.w {
					i := 2*y*prev.w + 2*x
					n.c[k][y*n.w+x] = (src[i] + src[i+1] + src[i+prev.w] + src[i+prev.w+1]) / 4
				}
			}
		}
		p.levels = append(p.levels, n)
	}
	return p
}

// sample returns the premultiplied colour and alpha at (x, y) in level-0
// pixel coordinates, from level lv, bilinear; transparent outside.
func (p *pyramid) sample(lv int, x, y float64) (r, g, b, a float32) {
	l := &p.levels[lv]
	scale := float64(int(1) << lv)
	fx := x/scale - 0.5
	fy := y/scale - 0.5
	x0 := int(math.Floor(fx))
	y0 := int(math.Floor(fy))
	tx := float32(fx - float64(x0))
	ty := float32(fy - float64(y0))
	var acc [4]float32
	for j := 0; j < 2; j++ {
		yy := y0 + j
		if yy < 0 || yy >= l.h {
			continue
		}
		wy := ty
		if j == 0 {
			wy = 1 - ty
		}
		for i := 0; i < 2; i++ {
			xx := x0 + i
			if xx < 0 || xx >= l.w {
				continue
			}
			wx := tx
			if i == 0 {
				wx = 1 - tx
			}
			w := wx * wy
			idx := yy*l.w + xx
			for k := range 4 {
				acc[k] += l.c[k][idx] * w
			}
		}
	}
	return acc[0], acc[1], acc[2], acc[3]
}

// docWarp maps photo pixels into the rendered document.
type docWarp struct {
	toDoc          mat3 // photo pixel -> document pixel (level 0)
	pyr            *pyramid
	lv             int
	x0, y0, x1, y1 int // photo pixel bounds of the document
}

// newDocWarp prepares the sampling of a document rendered at ppm pixels per
// millimetre, placed by plane->image homography h.
func newDocWarp(doc *image.RGBA, ppm, wMM, hMM float64, h mat3, q quad, w, hgt int) *docWarp {
	// document pixel -> plane mm (centred)
	d2p := mat3{1 / ppm, 0, -wMM / 2, 0, 1 / ppm, -hMM / 2, 0, 0, 1}
	toImg := h.mul(d2p)
	long, _ := q.sides()
	ratio := float64(doc.Bounds().Dx()) / max(long, 1)
	lv := 0
	for ratio >= 2 {
		ratio /= 2
		lv++
	}
	pyr := newPyramid(doc, 8)
	lv = min(lv, len(pyr.levels)-1)
	bx0, by0, bx1, by1 := q.bounds()
	return &docWarp{
		toDoc: toImg.inverse(), pyr: pyr, lv: lv,
		x0: max(0, int(math.Floor(bx0))-2), y0: max(0, int(math.Floor(by0))-2),
		x1: min(w, int(math.Ceil(bx1))+2), y1: min(hgt, int(math.Ceil(by1))+2),
	}
}

// offsets2x2 are the supersampling positions inside a pixel.
var offsets2x2 = [4][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}}

// composite draws the document over img and returns its coverage of every
// photo pixel.
func (dw *docWarp) composite(img *fimage) []float32 {
	cov := make([]float32, img.w*img.h)
	for y := dw.y0; y < dw.y1; y++ {
		for x := dw.x0; x < dw.x1; x++ {
			var r, g, b, a float32
			for _, o := range offsets2x2 {
				u, v, ok := dw.toDoc.apply(float64(x)+o[0], float64(y)+o[1])
				if !ok {
					continue
				}
				rr, gg, bb, aa := dw.pyr.sample(dw.lv, u, v)
				r += rr / 4
				g += gg / 4
				b += bb / 4
				a += aa / 4
			}
			if a <= 0 {
				continue
			}
			i := y*img.w + x
			k := 1 - a/255
			img.c[0][i] = r + img.c[0][i]*k
			img.c[1][i] = g + img.c[1][i]*k
			img.c[2][i] = b + img.c[2][i]*k
			cov[i] = min(1, a/255)
		}
	}
	return cov
}
