package ocr

import (
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// MRZ characters are told apart by comparing each character cell with the glyphs of OCR-B, the
// font ICAO 9303 prescribes, rendered at run time from the font file (Options.OCRBFont; Debian
// and Ubuntu install it with fonts-ocr-b). Tesseract's English model tells 8 from S and 0 from O
// poorly in OCR-B, and the check digits cannot see every such swap (S and 8 have the same value
// modulo 10). Without the font the MRZ is read by Tesseract alone.

// mrzAlphabet is the character set of an MRZ.
const mrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

// Size of the normalised glyph image: a glyph's ink is scaled to normH pixels high, keeping its
// aspect ratio (0 is narrower than O), and centred in normW columns.
const (
	normH = 24
	normW = 24
)

// glyphSet holds the normalised OCR-B glyphs of the MRZ alphabet. It is read-only once built and
// safe for concurrent use.
type glyphSet struct {
	chars []byte
	norm  [][]float64 // normH*normW ink values, 0..1
	relH  []float64   // ink height over the capital height
	relY  []float64   // ink centre height over the capital height, from the baseline up
}

// sharpVariant is the file of OCR-B's sharp variant, looked for beside the font: the outlines of a
// few glyphs of the regular OCR-B file of fonts-ocr-b (8 and <) use a CFF operator (flex1) that
// golang.org/x/image cannot draw, and are taken from the sharp variant, which differs only by its
// corners.
const sharpVariant = "OCRBS.otf"

// loadGlyphs renders the MRZ alphabet from the OpenType font at path, each glyph the font cannot
// draw from its sharp variant beside it.
func loadGlyphs(path string) (*glyphSet, error) {
	const size = 96
	var faces []font.Face
	for _, p := range []string{path, filepath.Join(filepath.Dir(path), sharpVariant)} {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		f, err := opentype.Parse(data)
		if err != nil {
			continue
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			continue
		}
		defer face.Close()
		faces = append(faces, face)
	}
	if len(faces) == 0 {
		return nil, fmt.Errorf("ocr: no OCR-B font at %s", path)
	}
	const W, H, base = 2 * size, 2 * size, 3 * size / 2
	render := func(c byte) ([]float64, image.Rectangle) {
		for _, face := range faces {
			img := image.NewAlpha(image.Rect(0, 0, W, H))
			d := font.Drawer{Dst: img, Src: image.Opaque, Face: face, Dot: fixed.P(size/2, base)}
			d.DrawString(string(c))
			ink := make([]float64, W*H)
			for i, a := range img.Pix {
				ink[i] = float64(a) / 255
			}
			if r := inkBox(ink, W, H, 0.3); !r.Empty() {
				return ink, r
			}
		}
		return nil, image.Rectangle{}
	}
	_, hb := render('H')
	capH := float64(hb.Dy())
	if capH < size/3 {
		return nil, fmt.Errorf("ocr: OCR-B font %s: no capital H", path)
	}
	gs := &glyphSet{}
	for i := 0; i < len(mrzAlphabet); i++ {
		c := mrzAlphabet[i]
		ink, r := render(c)
		if r.Empty() {
			return nil, fmt.Errorf("ocr: OCR-B font %s: no glyph for %q", path, c)
		}
		gs.chars = append(gs.chars, c)
		gs.norm = append(gs.norm, normalise(ink, W, r))
		gs.relH = append(gs.relH, float64(r.Dy())/capH)
		gs.relY = append(gs.relY, (base-float64(r.Min.Y+r.Max.Y)/2)/capH)
	}
	return gs, nil
}

// inkBox returns the bounding box of the values of ink (w wide) at or above level.
func inkBox(ink []float64, w, h int, level float64) image.Rectangle {
	r := image.Rectangle{Min: image.Pt(w, h)}
	for y := range h {
		for x := range w {
			if ink[y*w+x] >= level {
				r.Min.X, r.Min.Y = min(r.Min.X, x), min(r.Min.Y, y)
				r.Max.X, r.Max.Y = max(r.Max.X, x+1), max(r.Max.Y, y+1)
			}
		}
	}
	if r.Max.X <= r.Min.X {
		return image.Rectangle{}
	}
	return r
}

// normalise scales the ink inside r (of an image w wide) to normH rows, keeping the aspect ratio
// (squeezed only when wider than normW), centred; each output pixel is the mean of the area it
// covers, sampled 4x4.
func normalise(ink []float64, w int, r image.Rectangle) []float64 {
	out := make([]float64, normH*normW)
	h := len(ink) / w
	s := float64(normH) / float64(r.Dy()) // output pixels per input pixel, down
	sx := s
	if float64(r.Dx())*sx > normW {
		sx = normW / float64(r.Dx())
	}
	off := (normW - float64(r.Dx())*sx) / 2
	at := func(x, y float64) float64 {
		xi, yi := int(math.Floor(x)), int(math.Floor(y))
		if xi < 0 || yi < 0 || xi >= w || yi >= h {
			return 0
		}
		return ink[yi*w+xi]
	}
	const sub = 4
	for j := range normH {
		for i := range normW {
			var sum float64
			for b := range sub {
				for a := range sub {
					x := float64(r.Min.X) + (float64(i)+(float64(a)+0.5)/sub-off)/sx
					y := float64(r.Min.Y) + (float64(j)+(float64(b)+0.5)/sub)/s
					if x < float64(r.Min.X) || x >= float64(r.Max.X) {
						continue
					}
					sum += at(x, y)
				}
			}
			out[j*normW+i] = sum / (sub * sub)
		}
	}
	return out
}

// cellScore is how well a cell matches one glyph.
type cellScore struct {
	c     byte
	score float64
}

// classify scores a normalised cell (ink values, its ink height and centre height relative to the
// line's capital height) against every glyph, best first.
func (gs *glyphSet) classify(cell []float64, relH, relY float64) []cellScore {
	out := make([]cellScore, len(gs.chars))
	for i, c := range gs.chars {
		s := correlation(cell, gs.norm[i])
		// A mark of the wrong size for the glyph ('<' is short) is not that glyph, however alike.
		s -= 2 * max(0, math.Abs(relH-gs.relH[i])-0.15)
		s -= 2 * max(0, math.Abs(relY-gs.relY[i])-0.2)
		out[i] = cellScore{c, s}
	}
	sortScores(out)
	return out
}

func sortScores(s []cellScore) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].score > s[j-1].score; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
