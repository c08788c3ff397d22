package ocr

import (
	"math"

	"github.com/docprecheck/docprecheck/layout"
)

// The fields of a Chinese identity card are found, not placed: the printing of a real card sits up
// to a few millimetres from where the published layout puts it (cards are printed on a press whose
// register varies, and the corners found on a photo are a few pixels off), so a box cut from the
// layout's tables can cut off the first digit of the number or the top of the name. Each field is
// looked for as a line of text in a band around its published box (bandMM on every side), and the
// line nearest the published position whose height fits a line of print is cut out whole.

// bandMM is how far the band searched for a field's line reaches beyond the published box: the
// print offset a card may have (3 mm) and the error of the corners.
const bandMM = 3.5

// lineFit bounds the height of a field's line of ink, in millimetres: the value print of a Chinese
// card is 3 to 3.5 mm high (digits about 2.5 mm); a line much lower is a rule or a scratch, much
// higher two lines run together or the portrait.
const (
	minLineMM = 1.5
	maxLineMM = 5.2
)

// cnLineFields are the single-line fields of the Chinese card whose line is searched for.
var cnLineFields = map[layout.Kind]map[string]bool{
	layout.CNIDFront: {"name": true, "birth": true, "id_number": true},
	layout.CNIDBack:  {"authority": true, "validity": true},
}

// colourCrop is an 8-bit BGR crop held in Go memory (3 bytes a pixel).
type colourCrop struct {
	w, h int
	pix  []byte
}

// grey returns the crop in grey (BT.601 weights).
func (c colourCrop) grey() grayCrop {
	g := grayCrop{w: c.w, h: c.h, pix: make([]byte, c.w*c.h)}
	for i := range g.pix {
		b, gr, r := float64(c.pix[3*i]), float64(c.pix[3*i+1]), float64(c.pix[3*i+2])
		g.pix[i] = byte(math.Round(0.114*b + 0.587*gr + 0.299*r))
	}
	return g
}

// The captions of a Chinese card (姓名, 出生, 年 月 日, 公民身份号码) are printed in blue, the holder's
// data in black. A run of ink along a line is a caption when its ink is at least captionBlue bluer
// (blue less red, 0-255) and captionGrey lighter than the blackest run of the line: on the
// corpus's photos captions measured 25 to 35 bluer and 25 to 40 lighter than the value beside
// them (JPEG's halved colour resolution mixes thin strokes with the paper), on flat renders about
// 80 and 60.
const (
	captionBlue = 18
	captionGrey = 12
)

// lineBox is a line found in a band, in the band's pixels.
type lineBox struct{ x0, y0, x1, y1 int }

// findFieldLine finds the line of a field's value in band, a crop of the document at ppm pixels
// per millimetre whose published value box is want (in the band's pixels). It returns the line's
// box, whole, and false when no line of a fitting height lies in the band.
//
// Ink is what Otsu's threshold calls dark. Lines are runs of rows holding ink (gaps of up to 1 mm,
// inside characters such as 三, are bridged); the line kept is the one whose
// middle is nearest the box's middle among those of a fitting height. Along the line, runs of
// columns holding ink are grouped while the gaps between them stay under twice the line's
// height; a group's leading caption runs (blue print before the value) are dropped, and the group
// that starts nearest the box's left edge is the value.
func findFieldLine(band colourCrop, want lineBox, ppm float64) (lineBox, bool) {
	g := band.grey()
	bin := otsu(g)
	ink := func(x, y int) bool { return bin.pix[y*bin.w+x] == 0 }
	rows := make([]int, band.h)
	for y := 0; y < band.h; y++ {
		for x := 0; x < band.w; x++ {
			if ink(x, y) {
				rows[y]++
			}
		}
	}
	minInk := max(2, band.w/200)
	bridge := int(math.Round(1.0 * ppm))
	type run struct{ a, b int }
	var lines []run
	for y := 0; y < band.h; {
		if rows[y] < minInk {
			y++
			continue
		}
		e := y
		for {
			n := e + 1
			for n < band.h && rows[n] < minInk && n-e <= bridge {
				n++
			}
			if n < band.h && rows[n] >= minInk && n-e <= bridge {
				e = n
				continue
			}
			break
		}
		lines = append(lines, run{y, e})
		y = e + 1
	}
	mid := float64(want.y0+want.y1) / 2
	best, bestD := -1, math.Inf(1)
	for i, l := range lines {
		h := float64(l.b-l.a+1) / ppm
		if h < minLineMM || h > maxLineMM {
			continue
		}
		d := math.Abs(float64(l.a+l.b)/2 - mid)
		if l.a == 0 || l.b == band.h-1 {
			d += 2 * ppm // cut by the band's edge: most likely a neighbour
		}
		if d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return lineBox{}, false
	}
	ln := lines[best]
	lh := ln.b - ln.a + 1
	// Runs of ink columns along the line, with the mean grey and blueness (blue less red) of their
	// ink. A caption is told from the value by being bluer and lighter than the line's blackest run,
	// which is value print: a photo's light and white balance shift both inks, not their difference.
	type seg struct {
		a, b       int
		grey, blue float64
		caption    bool
	}
	var segs []seg
	colInk := func(x int) (n int, grey, blue float64) {
		for y := ln.a; y <= ln.b; y++ {
			if ink(x, y) {
				i := y*band.w + x
				n++
				grey += float64(g.pix[i])
				blue += float64(int(band.pix[3*i]) - int(band.pix[3*i+2]))
			}
		}
		return n, grey, blue
	}
	for x := 0; x < band.w; {
		n, gs, bs := colInk(x)
		if n == 0 {
			x++
			continue
		}
		s := seg{a: x, b: x}
		for s.b+1 < band.w {
			n2, g2, b2 := colInk(s.b + 1)
			if n2 == 0 {
				break
			}
			s.b++
			n, gs, bs = n+n2, gs+g2, bs+b2
		}
		s.grey, s.blue = gs/float64(n), bs/float64(n)
		segs = append(segs, s)
		x = s.b + 1
	}
	minGrey, minBlue := math.Inf(1), math.Inf(1)
	for _, s := range segs {
		if s.b-s.a+1 >= lh/5 {
			minGrey, minBlue = math.Min(minGrey, s.grey), math.Min(minBlue, s.blue)
		}
	}
	// A photo without colour (a greyscale photo or scan) keeps only the lightness of the captions:
	// then a caption must be twice as much lighter.
	maxBlue := math.Inf(-1)
	for _, s := range segs {
		maxBlue = math.Max(maxBlue, s.blue)
	}
	grey := maxBlue-minBlue < captionBlue/3
	for i := range segs {
		if grey {
			segs[i].caption = segs[i].grey-minGrey >= 2*captionGrey
		} else {
			segs[i].caption = segs[i].blue-minBlue >= captionBlue && segs[i].grey-minGrey >= captionGrey
		}
	}
	// Groups of runs separated by less than twice the line's height.
	var groups [][]seg
	for i, s := range segs {
		if i == 0 || s.a-segs[i-1].b > 2*lh {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s)
	}
	bestG, bestX := lineBox{}, math.Inf(1)
	for _, gr := range groups {
		gr = gr[captionRuns(gr, func(s seg) bool { return s.caption }, func(s seg) bool { return s.b-s.a+1 < lh/5 }):]
		if len(gr) == 0 {
			continue
		}
		x0, x1 := gr[0].a, gr[len(gr)-1].b
		if float64(x1-x0+1) < 0.5*float64(lh) {
			continue // a speck, not a value
		}
		if d := math.Abs(float64(x0 - want.x0)); d < bestX {
			bestG, bestX = lineBox{x0, ln.a, x1 + 1, ln.b + 1}, d
		}
	}
	if math.IsInf(bestX, 1) {
		return lineBox{}, false
	}
	return bestG, true
}

// captionRuns returns how many leading runs of a group along a line are the caption before the
// value: up to the last caption run among the leading runs that are captions or narrow. A narrow
// run (a sliver of a stroke, cut by the band's edge or thinner than a pixel or two) has too little
// ink for its colour to be measured: JPEG's halved colour resolution mixes it with the paper, so a
// sliver of the blue caption 姓名 can measure as black as the value. Such a sliver neither ends the
// caption nor starts the value; a narrow run of the value itself (the left stroke of 川) follows the
// last caption run and is kept.
func captionRuns[S any](runs []S, caption, narrow func(S) bool) int {
	n := 0
	for i, r := range runs {
		switch {
		case caption(r):
			n = i + 1
		case narrow(r):
		default:
			return n
		}
	}
	return n
}

// cnAnchor is the field of each side of a Chinese card found first, whose line gives the vertical
// offset of the whole print: the number on the front and the validity period on the back, each
// far from any other line of the same height. The other lines of a side are 5 to 7 mm apart, so a
// print 3 mm off would put a field as near its neighbour's published place as its own; the print
// is one pass, so the offset measured on the anchor holds for every field.
var cnAnchor = map[layout.Kind]string{layout.CNIDFront: "id_number", layout.CNIDBack: "validity"}

// maxOffsetMM bounds the vertical offset taken from the anchor line.
const maxOffsetMM = 4.5

// anchoredBandMM is how far the band of a field reaches up and down from its published box moved
// by the anchor's offset: the error of the corners along the card.
const anchoredBandMM = 2.0

// lineRect returns the region of a single-line field of a Chinese card to read: the line found in
// a band around its published box (moved by the offset of the side's anchor line when that was
// found), grown by a margin of a quarter of the line's height, or ok false when no line was found
// (the caller then cuts the published box). The result is kept for the session.
func (s *session) lineRect(d doc, f layout.Field) (rectMM, bool, error) {
	if !cnLineFields[d.kind][f.Name] {
		return rectMM{}, false, nil
	}
	key := cacheKey{d.kind, d.flipped, f.Name, lineKey}
	if fr, ok := s.cache[key]; ok {
		return fr.rect, fr.rect.w() > 0, nil
	}
	box := boxMM(d.l, f.Box, 0)
	band := boxMM(d.l, f.Box, bandMM)
	if a := cnAnchor[d.kind]; a != f.Name {
		af, _ := d.l.Field(a)
		ar, ok, err := s.lineRect(d, af)
		if err != nil {
			return rectMM{}, false, err
		}
		if ok {
			ab := boxMM(d.l, af.Box, 0)
			dy := (ar.y0+ar.y1)/2 - (ab.y0+ab.y1)/2
			dy = math.Max(-maxOffsetMM, math.Min(maxOffsetMM, dy))
			box.y0, box.y1 = box.y0+dy, box.y1+dy
			band.y0 = math.Max(0, box.y0-anchoredBandMM)
			band.y1 = math.Min(d.l.HeightMM, box.y1+anchoredBandMM)
		}
	}
	ppm := s.r.opts.PixelsPerMM
	crop, err := d.g.cut(s.work, band, ppm, true)
	if err != nil {
		return rectMM{}, false, err
	}
	cc := colourCrop{w: crop.w, h: crop.h, pix: crop.pix}
	px := func(v, o float64) int { return int(math.Round((v - o) * ppm)) }
	want := lineBox{px(box.x0, band.x0), px(box.y0, band.y0), px(box.x1, band.x0), px(box.y1, band.y0)}
	lb, ok := findFieldLine(cc, want, ppm)
	var r rectMM
	if ok {
		m := lineMargin * float64(lb.y1-lb.y0) / ppm
		r = rectMM{
			band.x0 + float64(lb.x0)/ppm - m, band.y0 + float64(lb.y0)/ppm - m,
			band.x0 + float64(lb.x1)/ppm + m, band.y0 + float64(lb.y1)/ppm + m,
		}
	}
	s.cache[key] = fieldRead{rect: r}
	return r, ok, nil
}

// lineMargin is the margin around a line found for a field, in line heights (lineRect).
const lineMargin = 0.25

// tightRect returns r, the region lineRect gives for a line, with its margin cut to margin line
// heights on every side.
func tightRect(r rectMM, margin float64) rectMM {
	lh := r.h() / (1 + 2*lineMargin)
	d := (lineMargin - margin) * lh
	return rectMM{r.x0 + d, r.y0 + d, r.x1 - d, r.y1 - d}
}

// lineKey is the cacheKey.prep under which a session keeps the line found for a field.
const lineKey = -1

// fieldRegion returns the region of field f to read: the line found for it on a Chinese card, else
// its published box grown by Options.PadMM (fieldRect).
func (s *session) fieldRegion(d doc, f layout.Field) (rectMM, error) {
	r, ok, err := s.lineRect(d, f)
	if err != nil || ok {
		return r, err
	}
	return fieldRect(d.l, f, s.r.opts.PadMM), nil
}
