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
type RendererOption interface{ apply(*rendererConfig) }

type rendererConfig struct {
	notoDir, ocrbDir, dejavuDir string
}

type optionFunc func(*rendererConfig)

func (f optionFunc) apply(c *rendererConfig) { f(c) }

// WithFontDirs sets the directories holding the Noto CJK collections, the
// OCR-B fonts and the DejaVu fonts. An empty string keeps the default.
func WithFontDirs(noto, ocrb, dejavu string) RendererOption {
	return optionFunc(func(c *rendererConfig) {
		if noto != "" {
			c.notoDir = noto
		}
		if ocrb != "" {
			c.ocrbDir = ocrb
		}
		if dejavu != "" {
			c.dejavuDir = dejavu
		}
	})
}

// NewRenderer loads the fonts. It fails with an error wrapping ErrFont when
// one is missing.
func NewRenderer(opts ...RendererOption) (*Renderer, error) {
	cfg := rendererConfig{notoDir: DefaultNotoDir, ocrbDir: DefaultOCRBDir, dejavuDir: DefaultDejaVuDir}
	for _, o := range opts {
		o.apply(&cfg)
	}
	fs, err := loadFonts(cfg.notoDir, cfg.ocrbDir, cfg.dejavuDir)
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
// per millimetre (DefaultPxPerMM if zero). Outside the rounded corners of a
// card the image is transparent. rng varies the security background and the
// placeholder portrait.
func (r *Renderer) RenderDocument(p Person, pxPerMM float64, rng *rand.Rand) *image.RGBA {
	if pxPerMM <= 0 {
		pxPerMM = DefaultPxPerMM
	}
	l, ok := layout.For(p.Kind)
	if !ok {
		return nil
	}
	w := int(math.Round(l.WidthMM * pxPerMM))
	h := int(math.Round(l.HeightMM * pxPerMM))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := newCanvas(img, pxPerMM, r.fonts)
	switch p.Kind {
	case layout.CNIDFront:
		drawCNFront(c, l, p, rng)
	case layout.CNIDBack:
		drawCNBack(c, l, p, rng)
	case layout.Passport:
		drawPassport(c, l, p, rng)
	case layout.IDCard:
		drawIDCard(c, l, p, rng)
	}
	if l.CornerRadiusMM > 0 {
		cardFinish(img, pxPerMM, l.CornerRadiusMM, 0.35, 0.18)
	} else {
		cardFinish(img, pxPerMM, 0.6, 0.25, 0.08)
	}
	return img
}

// boxMM returns a layout box in millimetres.
func boxMM(l layout.Layout, b layout.Box) (x0, y0, x1, y1 float64) { return l.MM(b) }

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

func drawCNFront(c *canvas, l layout.Layout, p Person, rng *rand.Rand) {
	cnPaper(rng, true).paint(c.dst, c.ppm)
	label := textStyle{font: styleSansSC, emMM: 2.5, col: rgba(inkLabelCN), trackMM: 1.3}
	value := textStyle{font: styleSansSC, emMM: 3.0, col: rgba(inkBlack)}
	get := func(name string) layout.Field { f, _ := l.Field(name); return f }

	drawLabel := func(f layout.Field, st textStyle) {
		x0, y0, _, y1 := boxMM(l, f.LabelBox)
		c.text(st, x0+0.8, cjkBaseline((y0+y1)/2, st.emMM), f.Label)
	}
	for _, n := range []string{"name", "sex", "ethnicity", "birth", "address"} {
		drawLabel(get(n), label)
	}
	idLabel := label
	idLabel.trackMM = 0.8
	drawLabel(get("id_number"), idLabel)

	valueAt := func(name string, st textStyle, s string) {
		x0, y0, x1, y1 := boxMM(l, get(name).Box)
		c.textFit(st, x0+1.0, cjkBaseline((y0+y1)/2, st.emMM), x1-x0-1.5, s)
	}
	nameSt := value
	nameSt.emMM = 3.3
	nameSt.font = styleSansSC
	valueAt("name", nameSt, p.NameCN)
	valueAt("sex", value, p.sexCN())
	valueAt("ethnicity", value, p.Ethnicity)

	// Birth: numbers in black, 年 月 日 in the label colour.
	{
		x0, y0, _, y1 := boxMM(l, get("birth").Box)
		base := cjkBaseline((y0+y1)/2, value.emMM)
		y, m, d := cnBirth(p.Birth)
		unit := label
		unit.trackMM = 0
		x := x0 + 1.0
		c.text(value, x, base, y)
		x += c.measure(value, y) + 0.9
		c.text(unit, x, base, "年")
		x += 2.5 + 1.2
		c.text(value, x+c.measure(value, "00")-c.measure(value, m), base, m)
		x += c.measure(value, "00") + 0.9
		c.text(unit, x, base, "月")
		x += 2.5 + 1.2
		c.text(value, x+c.measure(value, "00")-c.measure(value, d), base, d)
		x += c.measure(value, "00") + 0.9
		c.text(unit, x, base, "日")
	}

	// Address: wrapped to the box, up to three lines.
	{
		f := get("address")
		x0, y0, x1, _ := boxMM(l, f.Box)
		lines := wrapRunes(c, value, p.Address, x1-x0-1.5)
		for i, ln := range lines {
			if i >= f.Lines {
				break
			}
			cy := y0 + 2.5 + 4.3*float64(i)
			c.text(value, x0+1.0, cjkBaseline(cy, value.emMM), ln)
		}
	}

	// The number in an OCR-B style face, letter-spaced.
	{
		x0, y0, x1, y1 := boxMM(l, get("id_number").Box)
		st := textStyle{font: styleOCRB, emMM: 3.5, col: rgba(inkBlack), trackMM: 0.3}
		c.textFit(st, x0+1.4, (y0+y1)/2+0.35*st.emMM, x1-x0-2, p.IDNumber)
	}

	x0, y0, x1, y1 := boxMM(l, get("photo").Box)
	drawPortrait(c.dst, c.ppm, x0+1, y0+1, x1-0.5, y1-0.5, jitter(rng, rgb{238, 240, 242}, 4), rng)
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

func drawCNBack(c *canvas, l layout.Layout, p Person, rng *rand.Rand) {
	pp := cnPaper(rng, false)
	// A broad wavy band low on the card, like the line art of real cards.
	pp.waves = append(pp.waves, wave{
		angle: 0, period: 0.7, amp: 6, wavelen: 40 + rng.Float64()*20, phase: rng.Float64() * 6,
		width: 0.1, col: rgb{200, 170, 150}, alpha: 0.3,
	})
	pp.paint(c.dst, c.ppm)
	get := func(name string) layout.Field { f, _ := l.Field(name); return f }

	ex0, ey0, ex1, ey1 := boxMM(l, get("emblem").Box)
	drawEmblem(c.dst, c.ppm, (ex0+ex1)/2, (ey0+ey1)/2, min(ex1-ex0, ey1-ey0)/2-0.6)

	tx0, ty0, tx1, ty1 := boxMM(l, get("title").Box)
	t1 := textStyle{font: styleSansSCBold, emMM: 4.4, col: rgba(inkBlack), trackMM: 2.6}
	t2 := textStyle{font: styleSansSCBold, emMM: 7.0, col: rgba(inkBlack), trackMM: 3.0}
	line1, line2 := "中华人民共和国", "居民身份证"
	w1 := c.measure(t1, line1) - t1.trackMM
	w2 := c.measure(t2, line2) - t2.trackMM
	mid := (tx0 + tx1) / 2
	c.textFit(t1, mid-w1/2, cjkBaseline(ty0+3.8, t1.emMM), tx1-tx0, line1)
	c.textFit(t2, mid-w2/2, cjkBaseline(ty1-5.6, t2.emMM), tx1-tx0, line2)

	label := textStyle{font: styleSansSC, emMM: 2.5, col: rgba(inkLabelCN), trackMM: 0.9}
	value := textStyle{font: styleSansSC, emMM: 2.9, col: rgba(inkBlack)}
	for _, n := range []string{"authority", "validity"} {
		f := get(n)
		x0, y0, _, y1 := boxMM(l, f.LabelBox)
		c.text(label, x0+0.6, cjkBaseline((y0+y1)/2, label.emMM), f.Label)
	}
	ax0, ay0, ax1, ay1 := boxMM(l, get("authority").Box)
	c.textFit(value, ax0+1.0, cjkBaseline((ay0+ay1)/2, value.emMM), ax1-ax0-1.5, p.Authority)
	vx0, vy0, vx1, vy1 := boxMM(l, get("validity").Box)
	c.textFit(value, vx0+1.0, cjkBaseline((vy0+vy1)/2, value.emMM), vx1-vx0-1.5, p.Validity())
}

// latinField draws a caption and its value.
func latinField(c *canvas, l layout.Layout, f layout.Field, label, value textStyle, s string) {
	lx0, ly0, lx1, ly1 := boxMM(l, f.LabelBox)
	c.textFit(label, lx0, ly1-0.55, lx1-lx0, f.Label)
	vx0, vy0, vx1, vy1 := boxMM(l, f.Box)
	c.textFit(value, vx0+0.5, latinBaseline((vy0+vy1)/2, value.emMM), vx1-vx0-0.8, s)
	_ = ly0
}

// drawMRZ prints the lines in OCR-B at the ICAO positions of spec.
func drawMRZ(c *canvas, spec *layout.MRZSpec, lines []string) {
	// OCR-B advances 0.723 em and its capitals are 0.70 em tall; the em is
	// chosen so that the advance is the ICAO pitch.
	em := spec.PitchMM / 0.723
	st := textStyle{font: styleOCRB, emMM: em, col: rgba(rgb{14, 14, 18})}
	for i, ln := range lines {
		if i >= len(spec.LineCentresMM) {
			break
		}
		base := spec.LineCentresMM[i] + 0.35*em
		// The left edge of a capital lies about 0.15 em right of its origin.
		c.text(st, spec.FirstCharMM-0.15*em, base, ln)
	}
}

func drawPassport(c *canvas, l layout.Layout, p Person, rng *rand.Rand) {
	pp := &paper{
		left:  jitter(rng, rgb{232, 238, 226}, 6),
		right: jitter(rng, rgb{238, 230, 238}, 6),
		seed:  rng.Uint32(),
	}
	pp.waves = append(straightWaves(rng, 3, rgb{170, 200, 170}, 0.4), straightWaves(rng, 2, rgb{205, 170, 200}, 0.35)...)
	pp.waves = append(pp.waves, rosetteWave(rng, 82+rng.Float64()*20, 38, rgb{180, 190, 215}, 0.35))
	pp.fadeY0, pp.fadeY1, pp.fadeAmount = l.HeightMM-layout.TD3MRZHeightMM+1, l.HeightMM, 0.6
	pp.paint(c.dst, c.ppm)

	// Header.
	hb := textStyle{font: styleLatinBold, emMM: 4.6, col: rgba(rgb{40, 60, 100})}
	hs := textStyle{font: styleLatin, emMM: 2.6, col: rgba(rgb{40, 60, 100}), trackMM: 0.25}
	c.text(hb, 42, 8.2, "UTOPIA")
	txt := "PASSPORT  PASSEPORT"
	c.text(hs, 122-c.measure(hs, txt), 7.8, txt)

	label := textStyle{font: styleLatin, emMM: 1.9, col: rgba(inkLabelLt)}
	value := textStyle{font: styleLatinCond, emMM: 3.5, col: rgba(inkBlack)}
	pr := p.Printed()
	for _, f := range l.Fields {
		switch f.Name {
		case "photo":
			x0, y0, x1, y1 := boxMM(l, f.Box)
			drawPortrait(c.dst, c.ppm, x0, y0, x1, y1, jitter(rng, rgb{214, 222, 230}, 6), rng)
		case "mrz":
			drawMRZ(c, l.MRZ, p.MRZ)
		default:
			latinField(c, l, f, label, value, pr[f.Name])
		}
	}
	// A signature-like stroke under the portrait would crowd zone V; the
	// page carries the holder's name in the MRZ instead.
}

func drawIDCard(c *canvas, l layout.Layout, p Person, rng *rand.Rand) {
	pp := &paper{
		left:  jitter(rng, rgb{220, 232, 240}, 6),
		right: jitter(rng, rgb{236, 236, 226}, 6),
		seed:  rng.Uint32(),
	}
	pp.waves = append(straightWaves(rng, 3, rgb{150, 185, 210}, 0.4), straightWaves(rng, 2, rgb{210, 190, 150}, 0.35)...)
	pp.waves = append(pp.waves, rosetteWave(rng, 60+rng.Float64()*15, 20, rgb{170, 195, 215}, 0.3))
	pp.fadeY0, pp.fadeY1, pp.fadeAmount = l.HeightMM-layout.TD1MRZHeightMM+0.8, l.HeightMM, 0.7
	pp.paint(c.dst, c.ppm)

	hb := textStyle{font: styleLatinBold, emMM: 3.0, col: rgba(rgb{30, 60, 110})}
	hs := textStyle{font: styleLatin, emMM: 1.7, col: rgba(rgb{30, 60, 110}), trackMM: 0.1}
	c.text(hb, 27.5, 5.2, "UTOPIA")
	txt := "IDENTITY CARD  CARTE D'IDENTITÉ"
	c.text(hs, 83-c.measure(hs, txt), 5.0, txt)

	label := textStyle{font: styleLatin, emMM: 1.45, col: rgba(inkLabelLt)}
	value := textStyle{font: styleLatinCond, emMM: 2.7, col: rgba(inkBlack)}
	pr := p.Printed()
	for _, f := range l.Fields {
		switch f.Name {
		case "photo":
			x0, y0, x1, y1 := boxMM(l, f.Box)
			drawPortrait(c.dst, c.ppm, x0, y0, x1, y1, jitter(rng, rgb{214, 222, 230}, 6), rng)
		case "mrz":
			drawMRZ(c, l.MRZ, p.MRZ)
		default:
			latinField(c, l, f, label, value, strings.TrimSpace(pr[f.Name]))
		}
	}
}
