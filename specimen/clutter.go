package specimen

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"strings"
)

// Clutter names: things that lie on real desks around a document being
// photographed. Unlike distractors they are scenery on photos that show a
// document, and pages may lie under it.
const (
	// ClutterPage is a printed A4 page (lines of text and a table), under
	// or beside the document.
	ClutterPage = "printed_page"
	// ClutterKeyboard is a computer keyboard: a grid of keys with letters.
	ClutterKeyboard = "keyboard"
	// ClutterCable is a thick cable curving across the scene.
	ClutterCable = "cable"
	// ClutterPapers is a till receipt or a short printed letter.
	ClutterPapers = "papers"
	// ClutterNote is a sticky note.
	ClutterNote = "sticky_note"
)

// ClutterNames lists the clutter a photo may show, in a fixed order.
func ClutterNames() []string {
	return []string{ClutterPage, ClutterKeyboard, ClutterCable, ClutterPapers, ClutterNote}
}

// texPxPerMM is the resolution of the printed textures of clutter.
const texPxPerMM = 8

// sheetTex is a flat printed texture: a page or a keyboard, sampled in
// millimetres from its top-left corner.
type sheetTex struct {
	img      *image.RGBA
	ppm      float64
	wMM, hMM float64
}

// at returns the colour at (x, y) mm, bilinear.
func (t *sheetTex) at(x, y float64) rgb {
	b := t.img.Bounds()
	fx := min(max(x*t.ppm-0.5, 0), float64(b.Dx()-1))
	fy := min(max(y*t.ppm-0.5, 0), float64(b.Dy()-1))
	x0, y0 := int(fx), int(fy)
	x1, y1 := min(x0+1, b.Dx()-1), min(y0+1, b.Dy()-1)
	ax, ay := fx-float64(x0), fy-float64(y0)
	var c rgb
	for k := range 3 {
		p := func(x, y int) float64 { return float64(t.img.Pix[t.img.PixOffset(x, y)+k]) }
		c[k] = lerp(lerp(p(x0, y0), p(x1, y0), ax), lerp(p(x0, y1), p(x1, y1), ax), ay)
	}
	return c
}

// newSheet returns a canvas of wMM x hMM filled with col.
func (r *Renderer) newSheet(wMM, hMM float64, col rgb) (*sheetTex, *canvas) {
	w, h := int(math.Ceil(wMM*texPxPerMM)), int(math.Ceil(hMM*texPxPerMM))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := rgba(col)
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
	}
	return &sheetTex{img: img, ppm: texPxPerMM, wMM: wMM, hMM: hMM}, newCanvas(img, texPxPerMM, r.fonts)
}

// fillRect paints a rectangle of a sheet.
func fillRect(img *image.RGBA, ppm, x0, y0, x1, y1 float64, col rgb) {
	c := rgba(col)
	r := image.Rect(int(x0*ppm), int(y0*ppm), int(math.Ceil(x1*ppm)), int(math.Ceil(y1*ppm))).Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			o := img.PixOffset(x, y)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2] = c.R, c.G, c.B
		}
	}
}

// fillerWords make up the text of printed pages.
var fillerWords = []string{
	"the", "account", "of", "payment", "reference", "invoice", "date", "total", "amount", "due", "please",
	"contact", "office", "service", "number", "customer", "delivery", "address", "order", "item", "quantity",
	"price", "tax", "and", "for", "with", "your", "we", "have", "received", "meeting", "agenda", "notes",
	"project", "report", "monthly", "balance", "statement", "period", "summary", "signed", "enclosed",
}

// sentence returns n random words, the first capitalised.
func sentence(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = pick(rng, fillerWords)
		if rng.IntN(9) == 0 {
			w[i] = pick(rng, latinSurn)
		}
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ")
}

// cnSentence returns a line of Chinese text from the generator's word
// lists.
func cnSentence(rng *rand.Rand, runes int) string {
	var b strings.Builder
	for len([]rune(b.String())) < runes {
		switch rng.IntN(4) {
		case 0:
			b.WriteString(pick(rng, cnStreets) + pick(rng, cnRoadKind))
		case 1:
			b.WriteString(pick(rng, cnEstates))
		case 2:
			b.WriteString(pick(rng, regions).authority)
		default:
			b.WriteString("，" + pick(rng, cnSurnames) + pick(rng, cnGivenM))
		}
	}
	return string([]rune(b.String())[:runes])
}

// pageTexture prints an A4 page: a heading, paragraphs and a table.
func (r *Renderer) pageTexture(rng *rand.Rand, wMM, hMM float64) *sheetTex {
	t, c := r.newSheet(wMM, hMM, jitter(rng, rgb{244, 243, 238}, 4))
	chinese := rng.IntN(3) == 0
	body := textStyle{font: pick(rng, []fontStyle{styleLatinSerif, styleLiberationSerif, styleLiberationSans, styleLatin}), emMM: uniform(rng, 2.8, 3.8), col: rgba(rgb{30, 30, 34})}
	head := textStyle{font: styleLiberationSansBold, emMM: body.emMM * 1.6, col: body.col}
	if chinese {
		body.font = pick(rng, []fontStyle{styleSansSC, styleSerifSC, styleUMing})
		head.font = styleSansSCBold
	}
	margin := uniform(rng, 18, 25)
	y := margin + head.emMM
	if chinese {
		c.text(head, margin, y, cnSentence(rng, 8))
	} else {
		c.text(head, margin, y, strings.ToUpper(sentence(rng, 3)))
	}
	y += 2 * head.emMM
	pitch := body.emMM * 1.45
	width := wMM - 2*margin
	for y < hMM-margin {
		if rng.IntN(4) == 0 && y < hMM-margin-60 {
			// A table with ruled cells.
			rows, cols := 4+rng.IntN(5), 3+rng.IntN(3)
			rowH := pitch * 1.3
			cw := width / float64(cols)
			for i := 0; i <= rows; i++ {
				fillRect(t.img, t.ppm, margin, y+float64(i)*rowH, margin+width, y+float64(i)*rowH+0.3, rgb{60, 60, 64})
			}
			for j := 0; j <= cols; j++ {
				fillRect(t.img, t.ppm, margin+float64(j)*cw, y, margin+float64(j)*cw+0.3, y+float64(rows)*rowH, rgb{60, 60, 64})
			}
			for i := range rows {
				for j := range cols {
					s := fmt.Sprintf("%d.%02d", rng.IntN(9000)+10, rng.IntN(100))
					if j == 0 {
						s = pick(rng, fillerWords)
					}
					c.textFit(body, margin+float64(j)*cw+1.5, y+float64(i)*rowH+0.5*rowH+0.36*body.emMM, cw-3, s)
				}
			}
			y += float64(rows)*rowH + 2*pitch
			continue
		}
		// A paragraph.
		n := 3 + rng.IntN(6)
		for i := 0; i < n && y < hMM-margin; i++ {
			y += pitch
			line := sentence(rng, 14)
			if chinese {
				line = cnSentence(rng, int(width/body.emMM))
			}
			maxW := width
			if i == n-1 {
				maxW = width * uniform(rng, 0.3, 0.9)
			}
			c.textFit(body, margin, y, maxW, line)
		}
		y += pitch
	}
	return t
}

// receiptTexture prints a till receipt or a short letter.
func (r *Renderer) receiptTexture(rng *rand.Rand, wMM, hMM float64) *sheetTex {
	t, c := r.newSheet(wMM, hMM, jitter(rng, rgb{246, 244, 236}, 4))
	st := textStyle{font: pick(rng, []fontStyle{styleLatinCond, styleLatin, styleLiberationSans}), emMM: uniform(rng, 2.6, 3.4), col: rgba(rgb{50, 50, 56})}
	y := 10.0
	for y < hMM-8 {
		y += st.emMM * 1.5
		if rng.IntN(2) == 0 {
			c.textFit(st, 5, y, wMM-10, strings.ToUpper(sentence(rng, 2+rng.IntN(3))))
		} else {
			s := fmt.Sprintf("%d.%02d", rng.IntN(900)+1, rng.IntN(100))
			c.text(st, 5, y, strings.ToUpper(pick(rng, fillerWords)))
			c.text(st, wMM-5-c.measure(st, s), y, s)
		}
	}
	return t
}

// keyboardTexture draws a keyboard seen from above: rows of keys with
// letters.
func (r *Renderer) keyboardTexture(rng *rand.Rand, wMM, hMM float64) *sheetTex {
	dark := rng.IntN(3) != 0
	body, keyCol, ink := rgb{44, 45, 50}, rgb{30, 31, 35}, rgb{220, 220, 224}
	if !dark {
		body, keyCol, ink = rgb{200, 200, 204}, rgb{236, 236, 238}, rgb{40, 40, 46}
	}
	t, c := r.newSheet(wMM, hMM, jitter(rng, body, 4))
	st := textStyle{font: pick(rng, []fontStyle{styleLatin, styleLiberationSans}), emMM: 4.2, col: rgba(ink)}
	const pitch, key = 19.05, 16.5
	rows := []string{"1234567890-=", "QWERTYUIOP[]", "ASDFGHJKL;'", "ZXCVBNM,./"}
	for i, row := range rows {
		y0 := 6 + float64(i)*pitch
		x0 := 8 + float64(i)*pitch*0.3
		for j, ch := range row {
			x := x0 + float64(j)*pitch
			if x+key > wMM-4 {
				break
			}
			fillSDF(t.img, t.ppm, x-0.5, y0-0.5, x+key+0.5, y0+key+0.5, func(u, v float64) float64 {
				return sdRoundBox(u-(x+key/2), v-(y0+key/2), key/2, key/2, 1.6)
			}, keyCol, func(u, v float64) float64 { return 1 + 0.05*(v-y0)/key })
			c.text(st, x+3, y0+4+0.72*st.emMM, string(ch))
		}
	}
	// The space bar.
	y0 := 6 + 4*pitch
	fillSDF(t.img, t.ppm, 60, y0-0.5, 180, y0+key+0.5, func(u, v float64) float64 {
		return sdRoundBox(u-120, v-(y0+key/2), 58, key/2, 1.6)
	}, keyCol, nil)
	return t
}

// sheetShape lies a texture on the plane centred on (cx, cy) and rotated by
// rot, with a thickness shading at its rim.
func sheetShape(t *sheetTex, cx, cy, rot, cornerMM float64) (planeShape, func(u, v float64) float64) {
	hw, hh := t.wMM/2, t.hMM/2
	sd := func(u, v float64) float64 { a, b := rotate(u-cx, v-cy, rot); return sdRoundBox(a, b, hw, hh, cornerMM) }
	ext := math.Hypot(hw, hh) + 1
	return planeShape{sd: sd, u0: cx - ext, v0: cy - ext, u1: cx + ext, v1: cy + ext,
		col: func(u, v, d, s float64) rgb {
			a, b := rotate(u-cx, v-cy, rot)
			return t.at(a+hw, b+hh).scale(0.9 + 0.1*smoothstep(0, -1.5, d))
		}}, sd
}

// newCable lays a cable of radius rad along a smooth curve through pts.
func newCable(rng *rand.Rand, pts [][2]float64) *distractor {
	rad := uniform(rng, 1.6, 3.2)
	col := jitter(rng, pick(rng, []rgb{{26, 26, 28}, {40, 40, 44}, {60, 58, 56}, {226, 226, 222}}), 6)
	// Catmull-Rom through the points, sampled into segments.
	var poly [][2]float64
	for i := 0; i+1 < len(pts); i++ {
		p0, p1, p2, p3 := pts[max(0, i-1)], pts[i], pts[i+1], pts[min(len(pts)-1, i+2)]
		for k := range 10 {
			t := float64(k) / 10
			t2, t3 := t*t, t*t*t
			var q [2]float64
			for d := range 2 {
				q[d] = 0.5 * (2*p1[d] + (-p0[d]+p2[d])*t + (2*p0[d]-5*p1[d]+4*p2[d]-p3[d])*t2 + (-p0[d]+3*p1[d]-3*p2[d]+p3[d])*t3)
			}
			poly = append(poly, q)
		}
	}
	poly = append(poly, pts[len(pts)-1])
	u0, v0, u1, v1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range poly {
		u0, v0, u1, v1 = min(u0, p[0]), min(v0, p[1]), max(u1, p[0]), max(v1, p[1])
	}
	// dist returns the distance to the centre line and the side of it.
	sd := func(u, v float64) float64 {
		best := math.Inf(1)
		for i := 0; i+1 < len(poly); i++ {
			a, b := poly[i], poly[i+1]
			// Cheap rejection by the segment's box.
			if u < min(a[0], b[0])-best-rad || u > max(a[0], b[0])+best+rad || v < min(a[1], b[1])-best-rad || v > max(a[1], b[1])+best+rad {
				continue
			}
			best = min(best, sdCapsule(u, v, a[0], a[1], b[0], b[1], 0))
		}
		return best - rad
	}
	shape := planeShape{sd: sd, u0: u0 - rad - 1, v0: v0 - rad - 1, u1: u1 + rad + 1, v1: v1 + rad + 1,
		col: func(u, v, d, s float64) rgb {
			// A cylinder: lit along its middle.
			x := clamp01(-d / rad)
			return col.scale(0.55 + 0.6*math.Sqrt(x*(2-x)))
		}}
	return &distractor{name: ClutterCable, shapes: []planeShape{shape}, shadowSD: sd, shadowOff: rad * 0.8, shadowSoft: rad, radius: rad}
}

// drawClutter paints the named clutter on the surface around a document of
// wMM x hMM centred on the origin (none when hasDoc is false), within the
// part of the plane that the photo sees. It returns the names drawn.
func (r *Renderer) drawClutter(img *fimage, hp mat3, ps planeSampler, rng *rand.Rand, names []string, hasDoc bool, wMM, hMM, lx, ly float64) []string {
	var drawn []string
	W, H := float64(img.w), float64(img.h)
	// planeAt returns the plane point under a random pixel.
	planeAt := func(lo, hi float64) (float64, float64, bool) {
		u, v, ok := ps.inv.apply(uniform(rng, lo, hi)*W, uniform(rng, lo, hi)*H)
		return u, v, ok
	}
	// clearOfDoc reports whether sd stays at least gap mm from the
	// document.
	clearOfDoc := func(sd func(u, v float64) float64, gap float64) bool {
		if !hasDoc {
			return true
		}
		for y := -hMM / 2; y <= hMM/2; y += 4 {
			for x := -wMM / 2; x <= wMM/2; x += 4 {
				if sd(x, y) < gap {
					return false
				}
			}
		}
		return true
	}
	for _, name := range names {
		var d *distractor
		switch name {
		case ClutterPage, ClutterPapers:
			var t *sheetTex
			if name == ClutterPage {
				t = r.pageTexture(rng, 210, 297)
			} else if rng.IntN(2) == 0 {
				t = r.receiptTexture(rng, 80, uniform(rng, 140, 220))
			} else {
				t = r.pageTexture(rng, 148, 210)
			}
			for range 40 {
				u, v, ok := planeAt(0.05, 0.95)
				if !ok {
					continue
				}
				// Pages may lie under the document but not hide it: keep
				// the page's centre off the document.
				if hasDoc && math.Abs(u) < wMM/2+10 && math.Abs(v) < hMM/2+10 {
					continue
				}
				sh, sd := sheetShape(t, u, v, uniform(rng, -0.5, 0.5)+float64(rng.IntN(2))*math.Pi/2, 0.5)
				d = &distractor{name: name, shapes: []planeShape{sh}, shadowSD: sd, shadowOff: 0.6, shadowSoft: 1.2}
				break
			}
		case ClutterKeyboard:
			t := r.keyboardTexture(rng, 290, 120)
			for range 60 {
				u, v, ok := planeAt(-0.1, 1.1)
				if !ok {
					continue
				}
				sh, sd := sheetShape(t, u, v, uniform(rng, -0.35, 0.35)+float64(rng.IntN(2))*math.Pi, 8)
				if !clearOfDoc(sd, 8) {
					continue
				}
				d = &distractor{name: name, shapes: []planeShape{sh}, shadowSD: sd, shadowOff: 6, shadowSoft: 5}
				break
			}
		case ClutterCable:
			// From far off one side to far off another, bending near the
			// document.
			a := rng.Float64() * 2 * math.Pi
			b := a + math.Pi + uniform(rng, -0.8, 0.8)
			far := 2.5 * math.Max(wMM, 120)
			mu, mv, ok := planeAt(0.2, 0.8)
			if !ok {
				continue
			}
			pts := [][2]float64{
				{far * math.Cos(a), far * math.Sin(a)},
				{mu + uniform(rng, -60, 60), mv + uniform(rng, -60, 60)},
				{mu, mv},
				{far * math.Cos(b), far * math.Sin(b)},
			}
			d = newCable(rng, pts)
		case ClutterNote:
			for range 40 {
				u, v, ok := planeAt(0.05, 0.95)
				if !ok {
					continue
				}
				n := newDistractor(rng, DistractorNote, u, v)
				if hasDoc && sdRoundBox(u, v, wMM/2, hMM/2, 0) < n.radius*0.4 {
					continue
				}
				d = n
				d.name = ClutterNote
				break
			}
		}
		if d == nil {
			continue
		}
		d.draw(img, hp, ps, lx, ly)
		drawn = append(drawn, name)
	}
	return drawn
}
