package specimen

import (
	"image"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/docprecheck/docprecheck/layout"
)

// Renderer draws specimen documents and photos of them. It holds parsed
// fonts only and is safe for concurrent use.
type Renderer struct {
	fonts *fonts
}

// RendererOption configures NewRenderer.
type RendererOption interface{ apply(*fontDirs) }

type optionFunc func(*fontDirs)

func (f optionFunc) apply(c *fontDirs) { f(c) }

// WithFontDirs sets the directories holding the Noto CJK collections, the
// OCR-B fonts and the DejaVu fonts. An empty string keeps the default.
func WithFontDirs(noto, ocrb, dejavu string) RendererOption {
	return optionFunc(func(c *fontDirs) {
		if noto != "" {
			c.noto = noto
		}
		if ocrb != "" {
			c.ocrb = ocrb
		}
		if dejavu != "" {
			c.dejavu = dejavu
		}
	})
}

// WithMoreFontDirs sets the directories holding WenQuanYi Zen Hei, the AR
// PL UMing and UKai collections and the Liberation fonts. An empty string
// keeps the default.
func WithMoreFontDirs(wqy, arphic, liberation string) RendererOption {
	return optionFunc(func(c *fontDirs) {
		if wqy != "" {
			c.wqy = wqy
		}
		if arphic != "" {
			c.arphic = arphic
		}
		if liberation != "" {
			c.liberation = liberation
		}
	})
}

// NewRenderer loads the fonts. It fails with an error wrapping ErrFont when
// one is missing.
func NewRenderer(opts ...RendererOption) (*Renderer, error) {
	cfg := fontDirs{noto: DefaultNotoDir, ocrb: DefaultOCRBDir, dejavu: DefaultDejaVuDir,
		wqy: DefaultWQYDir, arphic: DefaultArphicDir, liberation: DefaultLiberationDir}
	for _, o := range opts {
		o.apply(&cfg)
	}
	fs, err := loadFonts(cfg)
	if err != nil {
		return nil, err
	}
	return &Renderer{fonts: fs}, nil
}

// DefaultPxPerMM is the canonical rendering resolution of a document.
const DefaultPxPerMM = 12

// Colours of the printing.
var (
	inkBlack   = rgb{24, 24, 30}
	inkLabelCN = rgb{52, 98, 140}
	inkLabelLt = rgb{64, 78, 112}
)

// RenderDocument draws the document of p flat and upright at pxPerMM pixels
// per millimetre (DefaultPxPerMM if zero), printed as a real batch might
// be: rng draws the offsets of the print blocks, the type scale and the
// fonts (see Print), then the security background and the placeholder
// portrait. Outside the rounded corners of a card the image is
// transparent. It returns nil for an unknown kind.
func (r *Renderer) RenderDocument(p Person, pxPerMM float64, rng *rand.Rand) (*image.RGBA, *Print) {
	dp, ok := printFor(p.Kind)
	if !ok {
		return nil, nil
	}
	pv := newPrintVar(rng, dp)
	return r.renderDocument(p, pxPerMM, dp, pv, rng), pv.label(dp)
}

// renderDocument draws the document of p printed as dp varied by pv.
func (r *Renderer) renderDocument(p Person, pxPerMM float64, dp docPrint, pv printVar, rng *rand.Rand) *image.RGBA {
	if pxPerMM <= 0 {
		pxPerMM = DefaultPxPerMM
	}
	w := int(math.Round(dp.wMM * pxPerMM))
	h := int(math.Round(dp.hMM * pxPerMM))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := newCanvas(img, pxPerMM, r.fonts)
	switch p.Kind {
	case layout.CNIDFront:
		drawCNFront(c, dp, pv, p, rng)
	case layout.CNIDBack:
		drawCNBack(c, dp, pv, p, rng)
	case layout.Passport:
		drawPassport(c, dp, pv, p, rng)
	case layout.IDCard:
		drawIDCard(c, dp, pv, p, rng)
	}
	if dp.cornerMM > 0 {
		cardFinish(img, pxPerMM, dp.cornerMM, 0.35, 0.18)
	} else {
		cardFinish(img, pxPerMM, 0.6, 0.25, 0.08)
	}
	return img
}

// cjkBaseline returns the baseline that centres CJK glyphs of em size em on
// the vertical centre cy.
func cjkBaseline(cy, em float64) float64 { return cy + 0.37*em }

// latinBaseline centres Latin capitals of em size em (cap height about
// 0.72 em) on cy.
func latinBaseline(cy, em float64) float64 { return cy + 0.36*em }

func cnPaper(rng *rand.Rand, front bool) *paper {
	left := jitter(rng, rgb{222, 236, 240}, 5)
	right := jitter(rng, rgb{243, 234, 224}, 5)
	if !front {
		left, right = right, left
	}
	ws := straightWaves(rng, 3, rgb{150, 192, 214}, 0.45)
	ws = append(ws, straightWaves(rng, 2, rgb{232, 178, 160}, 0.35)...)
	ws = append(ws, rosetteWave(rng, 30+rng.Float64()*25, 27+rng.Float64()*8, rgb{176, 200, 222}, 0.35))
	return &paper{left: left, right: right, waves: ws, seed: rng.Uint32()}
}

// sc scales a nominal type size by the document's type scale.
func (pv printVar) sc(emMM float64) float64 { return emMM * pv.scale }

func drawCNFront(c *canvas, dp docPrint, pv printVar, p Person, rng *rand.Rand) {
	cnPaper(rng, true).paint(c.dst, c.ppm)
	label := textStyle{font: pv.cjkCaption, emMM: pv.sc(2.5), col: rgba(inkLabelCN), trackMM: 1.3}
	value := textStyle{font: pv.cjk, emMM: pv.sc(3.0), col: rgba(inkBlack)}

	drawCaption := func(it printItem, st textStyle) {
		b := pv.captionBox(it)
		c.textFit(st, b.x0+0.3, cjkBaseline(b.cy(), st.emMM), b.x1-b.x0, it.caption)
	}
	for _, n := range []string{"name", "sex", "ethnicity", "birth", "address"} {
		drawCaption(dp.item(n), label)
	}
	idLabel := label
	idLabel.trackMM = 0.8
	drawCaption(dp.item("id_number"), idLabel)

	valueAt := func(name string, st textStyle, s string) {
		b := pv.valueBox(dp.item(name))
		c.textFit(st, b.x0+0.5, cjkBaseline(b.cy(), st.emMM), b.x1-b.x0-1, s)
	}
	nameSt := value
	nameSt.emMM = pv.sc(3.3)
	valueAt("name", nameSt, p.NameCN)
	valueAt("sex", value, p.sexCN())
	valueAt("ethnicity", value, p.Ethnicity)

	// Birth: numbers in black, 年 月 日 in the caption colour.
	{
		b := pv.valueBox(dp.item("birth"))
		base := cjkBaseline(b.cy(), value.emMM)
		y, m, d := cnBirth(p.Birth)
		unit := label
		unit.trackMM = 0
		gap := 0.3 * value.emMM
		x := b.x0 + 0.5
		c.text(value, x, base, y)
		x += c.measure(value, y) + gap
		two := c.measure(value, "00")
		for _, part := range [][2]string{{"年", m}, {"月", d}, {"日", ""}} {
			c.text(unit, x, base, part[0])
			x += c.measure(unit, part[0]) + gap
			if part[1] == "" {
				break
			}
			c.text(value, x+two-c.measure(value, part[1]), base, part[1])
			x += two + gap
		}
	}

	// Address: wrapped to the box, up to three lines.
	{
		it := dp.item("address")
		b := pv.valueBox(it)
		lines := wrapRunes(c, value, p.Address, b.x1-b.x0-1)
		pitch := 1.45 * value.emMM
		if it.lines > 1 {
			pitch = min(pitch, (b.y1-b.y0-1.1*value.emMM)/float64(it.lines-1))
		}
		for i, ln := range lines {
			if i >= it.lines {
				break
			}
			cy := b.y0 + 0.55*pitch + pitch*float64(i)
			c.text(value, b.x0+0.5, cjkBaseline(cy, value.emMM), ln)
		}
	}

	// The number, letter-spaced.
	{
		b := pv.valueBox(dp.item("id_number"))
		st := textStyle{font: pv.number, emMM: pv.sc(3.5), col: rgba(inkBlack), trackMM: 0.3}
		c.textFit(st, b.x0+0.8, b.cy()+0.35*st.emMM, b.x1-b.x0-1.2, p.IDNumber)
	}

	b := pv.valueBox(dp.item("photo"))
	drawPortrait(c.dst, c.ppm, b.x0, b.y0, b.x1, b.y1, jitter(rng, rgb{238, 240, 242}, 4), rng)
}

// wrapRunes breaks s into lines no wider than maxMM.
func wrapRunes(c *canvas, st textStyle, s string, maxMM float64) []string {
	var lines []string
	var cur []rune
	for _, r := range s {
		next := append(cur, r)
		if len(cur) > 0 && c.measure(st, string(next)) > maxMM {
			lines = append(lines, string(cur))
			cur = []rune{r}
			continue
		}
		cur = next
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

func drawCNBack(c *canvas, dp docPrint, pv printVar, p Person, rng *rand.Rand) {
	pp := cnPaper(rng, false)
	// A broad wavy band low on the card, like the line art of real cards.
	pp.waves = append(pp.waves, wave{
		angle: 0, period: 0.7, amp: 6, wavelen: 40 + rng.Float64()*20, phase: rng.Float64() * 6,
		width: 0.1, col: rgb{200, 170, 150}, alpha: 0.3,
	})
	pp.paint(c.dst, c.ppm)

	e := pv.valueBox(dp.item("emblem"))
	drawEmblem(c.dst, c.ppm, (e.x0+e.x1)/2, (e.y0+e.y1)/2, min(e.x1-e.x0, e.y1-e.y0)/2-0.6)

	// The title is part of the security print; it keeps its nominal size.
	t := pv.valueBox(dp.item("title"))
	bold := styleSansSCBold
	if pv.cjkCaption == styleSerifSC || pv.cjkCaption == styleUMing {
		bold = styleSerifSCBold
	}
	t1 := textStyle{font: bold, emMM: 4.4, col: rgba(inkBlack), trackMM: 2.6}
	t2 := textStyle{font: bold, emMM: 7.0, col: rgba(inkBlack), trackMM: 3.0}
	line1, line2 := "中华人民共和国", "居民身份证"
	w1 := c.measure(t1, line1) - t1.trackMM
	w2 := c.measure(t2, line2) - t2.trackMM
	mid := (t.x0 + t.x1) / 2
	c.textFit(t1, mid-w1/2, cjkBaseline(t.y0+3.5, t1.emMM), t.x1-t.x0, line1)
	c.textFit(t2, mid-w2/2, cjkBaseline(t.y1-5.3, t2.emMM), t.x1-t.x0, line2)

	label := textStyle{font: pv.cjkCaption, emMM: pv.sc(2.5), col: rgba(inkLabelCN), trackMM: 0.9}
	value := textStyle{font: pv.cjk, emMM: pv.sc(2.9), col: rgba(inkBlack)}
	for _, n := range []string{"authority", "validity"} {
		it := dp.item(n)
		b := pv.captionBox(it)
		c.textFit(label, b.x0+0.3, cjkBaseline(b.cy(), label.emMM), b.x1-b.x0, it.caption)
	}
	a := pv.valueBox(dp.item("authority"))
	c.textFit(value, a.x0+0.5, cjkBaseline(a.cy(), value.emMM), a.x1-a.x0-1, p.Authority)
	v := pv.valueBox(dp.item("validity"))
	c.textFit(value, v.x0+0.5, cjkBaseline(v.cy(), value.emMM), v.x1-v.x0-1, p.Validity())
}

// latinField draws a caption and its value.
func latinField(c *canvas, pv printVar, it printItem, label, value textStyle, s string) {
	lb := pv.captionBox(it)
	c.textFit(label, lb.x0, lb.y1-0.5, lb.x1-lb.x0, it.caption)
	vb := pv.valueBox(it)
	c.textFit(value, vb.x0+0.3, latinBaseline(vb.cy(), value.emMM), vb.x1-vb.x0-0.5, s)
}

// drawMRZ prints the lines in OCR-B at the ICAO positions of m moved by the
// MRZ's offset: each character on the fixed pitch, at a size scaled by
// scale (OCR-B size 1 varies between printers within ICAO's tolerance).
func drawMRZ(c *canvas, dp docPrint, pv printVar, scale float64, lines []string) {
	m := dp.mrz
	// OCR-B advances 0.723 em and its capitals are 0.70 em tall; the
	// nominal em makes the advance the ICAO pitch.
	em := mrzPitchMM / 0.723 * scale
	st := textStyle{font: styleOCRB, emMM: em, col: rgba(rgb{14, 14, 18})}
	off := pv.off[BlockMRZ]
	for i, ln := range lines {
		if i >= len(m.centresMM) {
			break
		}
		base := dp.hMM - m.centresMM[i] + 0.35*em + off[1]
		for j, r := range ln {
			// The left edge of a capital lies about 0.15 em right of its
			// origin; each character is centred in its pitch cell.
			x := m.firstMM + off[0] + float64(j)*mrzPitchMM + (mrzPitchMM-0.723*em)/2 - 0.15*em
			c.text(st, x, base, string(r))
		}
	}
}

// drawHeadings draws the preprinted heading items of dp (those without a
// name): the first in bold at its box's left, the others right-aligned.
func drawHeadings(c *canvas, dp docPrint, pv printVar, bold, small textStyle) {
	first := true
	for _, it := range dp.items {
		if it.name != "" || it.caption == "" {
			continue
		}
		b := pv.captionBox(it)
		if first {
			c.textFit(bold, b.x0, b.y1-0.2*bold.emMM, b.x1-b.x0, it.caption)
			first = false
			continue
		}
		w := min(c.measure(small, it.caption), b.x1-b.x0)
		c.textFit(small, b.x1-w, b.y1-0.2*small.emMM, b.x1-b.x0, it.caption)
	}
}

// latinBold returns the bold face that goes with a caption font.
func latinBold(f fontStyle) fontStyle {
	switch f {
	case styleLiberationSans, styleLatinSerif, styleLiberationSerif:
		return styleLiberationSansBold
	}
	return styleLatinBold
}

func drawICAO(c *canvas, dp docPrint, pv printVar, p Person, rng *rand.Rand, labelEm, valueEm float64, portraitBg rgb) {
	label := textStyle{font: pv.latinCaption, emMM: pv.sc(labelEm), col: rgba(inkLabelLt)}
	value := textStyle{font: pv.latin, emMM: pv.sc(valueEm), col: rgba(inkBlack)}
	pr := p.Printed()
	for _, it := range dp.items {
		switch {
		case it.name == "photo":
			b := pv.valueBox(it)
			drawPortrait(c.dst, c.ppm, b.x0, b.y0, b.x1, b.y1, jitter(rng, portraitBg, 6), rng)
		case it.name != "":
			latinField(c, pv, it, label, value, strings.TrimSpace(pr[it.name]))
		}
	}
	drawMRZ(c, dp, pv, uniform(rng, 0.95, 1.05), p.MRZ)
}

func drawPassport(c *canvas, dp docPrint, pv printVar, p Person, rng *rand.Rand) {
	pp := &paper{
		left:  jitter(rng, rgb{232, 238, 226}, 6),
		right: jitter(rng, rgb{238, 230, 238}, 6),
		seed:  rng.Uint32(),
	}
	pp.waves = append(straightWaves(rng, 3, rgb{170, 200, 170}, 0.4), straightWaves(rng, 2, rgb{205, 170, 200}, 0.35)...)
	pp.waves = append(pp.waves, rosetteWave(rng, 82+rng.Float64()*20, 38, rgb{180, 190, 215}, 0.35))
	pp.fadeY0, pp.fadeY1, pp.fadeAmount = dp.hMM-23.2+1, dp.hMM, 0.6
	pp.paint(c.dst, c.ppm)

	hb := textStyle{font: latinBold(pv.latinCaption), emMM: pv.sc(4.6), col: rgba(rgb{40, 60, 100})}
	hs := textStyle{font: pv.latinCaption, emMM: pv.sc(2.6), col: rgba(rgb{40, 60, 100}), trackMM: 0.25}
	drawHeadings(c, dp, pv, hb, hs)
	drawICAO(c, dp, pv, p, rng, 1.9, 3.5, rgb{214, 222, 230})
}

func drawIDCard(c *canvas, dp docPrint, pv printVar, p Person, rng *rand.Rand) {
	pp := &paper{
		left:  jitter(rng, rgb{220, 232, 240}, 6),
		right: jitter(rng, rgb{236, 236, 226}, 6),
		seed:  rng.Uint32(),
	}
	pp.waves = append(straightWaves(rng, 3, rgb{150, 185, 210}, 0.4), straightWaves(rng, 2, rgb{210, 190, 150}, 0.35)...)
	pp.waves = append(pp.waves, rosetteWave(rng, 60+rng.Float64()*15, 20, rgb{170, 195, 215}, 0.3))
	pp.fadeY0, pp.fadeY1, pp.fadeAmount = dp.hMM-17.78+0.8, dp.hMM, 0.7
	pp.paint(c.dst, c.ppm)

	hb := textStyle{font: latinBold(pv.latinCaption), emMM: pv.sc(3.0), col: rgba(rgb{30, 60, 110})}
	hs := textStyle{font: pv.latinCaption, emMM: pv.sc(1.7), col: rgba(rgb{30, 60, 110}), trackMM: 0.1}
	drawHeadings(c, dp, pv, hb, hs)
	drawICAO(c, dp, pv, p, rng, 1.45, 2.7, rgb{214, 222, 230})
}
