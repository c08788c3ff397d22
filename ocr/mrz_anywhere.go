package ocr

import (
	"math"
	"strings"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
	"github.com/docprecheck/docprecheck/precheck"
)

// foundMRZ is a machine-readable zone found and read anywhere in the photo.
type foundMRZ struct {
	doc *mrz.Document
	// quad is the zone in working pixels, top-left first as the zone reads.
	quad [4][2]float64
}

// maxZones bounds the candidate zones read in one orientation of the image.
const maxZones = 3

// locateMRZ looks for a machine-readable zone anywhere in the working image, either way up, and
// reads it; a scan stored sideways is searched turned a quarter turn when nothing is found
// upright. It returns nil when no zone reads as an MRZ. A zone whose check digits fail is returned
// when nothing better is found (doc.Valid is false).
func (s *session) locateMRZ() (*foundMRZ, error) {
	gray := gocv.NewMat()
	defer gray.Close()
	gocv.CvtColor(s.work, &gray, gocv.ColorBGRToGray)
	if gray.Empty() {
		return nil, nil
	}
	var best *foundMRZ
	for _, quarter := range []bool{false, true} {
		if best != nil || s.overBudget() {
			break
		}
		img := gray
		if quarter {
			r := gocv.NewMat()
			defer r.Close()
			gocv.Rotate(gray, &r, gocv.Rotate90Clockwise)
			img = r
		}
		zones, err := findZones(img)
		if err != nil {
			return nil, err
		}
		for i, z := range zones {
			if i >= maxZones || s.overBudget() {
				break
			}
			f, err := s.readZone(img, z)
			if err != nil {
				return nil, err
			}
			if f == nil {
				continue
			}
			if quarter {
				// Back to the upright image: a clockwise quarter turn takes upright (x, y) to
				// (H-1-y, x), so turned (x', y') is upright (y', H-1-x').
				H := float64(gray.Rows())
				for k := range f.quad {
					x, y := f.quad[k][0], f.quad[k][1]
					f.quad[k] = [2]float64{y, H - 1 - x}
				}
			}
			if best == nil || !best.doc.Valid && f.doc.Valid {
				best = f
			}
			if best.doc.Valid {
				break
			}
		}
	}
	return best, nil
}

// readZone cuts zone z out of img and reads it, either way up: with the OCR-B glyphs when the font
// is available, and with Tesseract when the glyphs do not give a valid reading.
func (s *session) readZone(img gocv.Mat, z mrzZone) (*foundMRZ, error) {
	b, err := cutBand(img, z)
	if err != nil {
		return nil, nil // a zone that cannot be cut is not one
	}
	classes := positionClasses(len(z.lines), z.width)
	gs := s.r.glyphs()
	up, down := b, b.rotate180()
	var md *mrz.Document
	score := 0.0 // how well the chosen reading's cells match the glyphs
	if gs != nil {
		// Each line on its own columns first, then every line on the common grid.
		for i, bb := range []band{b, b.linear()} {
			u, d := bb, bb.rotate180()
			ru, rd := gs.readBand(u), gs.readBand(d)
			if rd.score > ru.score {
				u, d, ru = d, u, rd
			}
			if ru.lines == nil {
				continue
			}
			// Letters after the run of fillers that ends the names are stray marks.
			clearNameTail(ru.lines)
			m := repairCells(ru, classes)
			if m == nil {
				if p, err := mrz.Parse(ru.lines); err == nil {
					m = p
				}
			}
			if m != nil && (md == nil || m.Valid && !md.Valid) {
				md, up, down, score = m, u, d, ru.score
			}
			if md != nil && md.Valid || i == 0 && s.overBudget() {
				break
			}
		}
		if md == nil {
			return nil, nil
		}
	}
	if md == nil || !md.Valid {
		t, err := s.tesseractBand(up, z)
		if err != nil {
			return nil, err
		}
		if gs == nil && (t == nil || !t.Valid) {
			// Without the glyphs, the orientation is not known: the other way up.
			if t2, err := s.tesseractBand(down, z); err != nil {
				return nil, err
			} else if t2 != nil && (t == nil || t2.Valid) {
				t, up = t2, down
			}
		}
		if t != nil && (md == nil || t.Valid) {
			md = t
		}
	}
	// A reading that fails its checks is still an MRZ when it is well formed, or when its cells
	// are OCR-B glyphs (part of the zone hidden by a finger or glare); rows of a security pattern
	// match the glyphs far less well (0.6 where print scores 0.8 to 0.95).
	if md == nil || !md.Valid && !likelyMRZ(md) && score < minGlyphScore {
		return nil, nil
	}
	f := &foundMRZ{doc: md}
	W, H := float64(up.img.w), float64(up.img.h)
	for k, c := range [4][2]float64{{0, 0}, {W, 0}, {W, H}, {0, H}} {
		x, y := up.src(c[0], c[1])
		f.quad[k] = [2]float64{x, y}
	}
	return f, nil
}

// minGlyphScore is the mean glyph match from which cells are taken for OCR-B print.
const minGlyphScore = 0.75

// likelyMRZ reports whether a reading whose check digits do not all pass is still an MRZ misread
// rather than other print that looks like one (rows of a security pattern, a table of digits):
// every field well formed and at least half of the check digits passing.
func likelyMRZ(d *mrz.Document) bool {
	if len(d.Malformed) > 0 || len(d.Checks) == 0 {
		return false
	}
	n := 0
	for _, c := range d.Checks {
		if c.Valid {
			n++
		}
	}
	return 2*n >= len(d.Checks)
}

// tesseractBand reads a band with Tesseract (MRZ alphabet, a block of lines), rebuilding the lines
// on the character pitch and repairing them with package mrz. It returns nil when the reading is
// not an MRZ or the budget is spent.
func (s *session) tesseractBand(b band, z mrzZone) (*mrz.Document, error) {
	if s.overBudget() {
		return nil, nil
	}
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	p := s.r.pools[langEng]
	e, err := s.engine(p)
	if err != nil {
		return nil, err
	}
	defer p.put(e)
	var fr fieldRead
	if err := readMRZ(e, otsu(b.img), psmBlock, layout.MRZCharset, b.pitch, &fr); err != nil {
		return nil, err
	}
	md := fr.findMRZ()
	if md == nil {
		return nil, nil
	}
	// A reading of another shape than the zone's is a misreading.
	if n := len(md.Lines); n != len(z.lines) || len(md.Lines[0]) != z.width {
		return nil, nil
	}
	return md, nil
}

// mrzKind is the kind of document an MRZ belongs to: a passport for a TD3 zone or a TD2 zone of
// document code P, an identity card otherwise.
func mrzKind(d *mrz.Document) layout.Kind {
	if d.Format == mrz.TD3 || d.Format == mrz.TD2 && strings.HasPrefix(d.DocumentCode, "P") {
		return layout.Passport
	}
	return layout.IDCard
}

// photoQuad converts a quadrilateral in working pixels to photo pixels.
func (s *session) photoQuad(q [4][2]float64) precheck.Quad {
	var out precheck.Quad
	for i, c := range q {
		out[i] = precheck.Point{math.Round(c[0]*s.scale*10) / 10, math.Round(c[1]*s.scale*10) / 10}
	}
	return out
}
