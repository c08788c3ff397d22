package ocr

import (
	"math"

	"github.com/docprecheck/docprecheck/layout"
)

// prep says how a field's region is prepared and read.
type prep struct {
	// scale multiplies Options.PixelsPerMM: the resolution at which the region is cut.
	scale float64
	psm   pageMode
	// binarise thresholds the crop (Otsu) to drop the security background; trim crops it to its
	// ink, as Tesseract's raw-line mode needs.
	binarise, trim bool
}

// fieldSpec says how one field is read.
type fieldSpec struct {
	lang      string // language set of the engine: langEng or langChi
	whitelist string
	// mrz is set for a machine-readable zone, read character by character (see readMRZ).
	mrz bool
	// preps are the ways to read the field, best first. Tesseract's reading of a small region
	// changes with its resolution and binarisation; where the reading can be checked (a check
	// character, a calendar date, the span of a validity period), the next way is tried when the
	// reading fails the check, and names are read two or three ways and voted on. The ways and
	// their order were measured on the synthetic corpus's photos (see the corpus test).
	preps []prep
}

// Engine language sets. A field is read by an engine loaded with exactly one of these, so that no
// engine ever switches language (which would reload its model).
const (
	langEng = "eng"
	langChi = "chi_sim"
)

// Ways of reading, by resolution (a multiple of Options.PixelsPerMM: 4/3 is 16 px/mm by
// default), page-segmentation mode and preparation.
var (
	rawBin16  = prep{scale: 4.0 / 3, psm: psmRaw, binarise: true, trim: true}
	rawBin12  = prep{scale: 1, psm: psmRaw, binarise: true, trim: true}
	rawGray16 = prep{scale: 4.0 / 3, psm: psmRaw, trim: true}
	rawGray12 = prep{scale: 1, psm: psmRaw, trim: true}
	rawGray10 = prep{scale: 5.0 / 6, psm: psmRaw, trim: true}
	rawGray8  = prep{scale: 2.0 / 3, psm: psmRaw, trim: true}
	lineBin12 = prep{scale: 1, psm: psmLine, binarise: true, trim: true}
	lineBin8  = prep{scale: 2.0 / 3, psm: psmLine, binarise: true, trim: true}
	line12    = prep{scale: 1, psm: psmLine}
	line8     = prep{scale: 2.0 / 3, psm: psmLine}
	block12   = prep{scale: 1, psm: psmBlock}
	block10   = prep{scale: 5.0 / 6, psm: psmBlock}
	block8    = prep{scale: 2.0 / 3, psm: psmBlock}
	block16   = prep{scale: 4.0 / 3, psm: psmBlock}
)

// specs lists the fields read for each kind, with how each is read.
var specs = map[layout.Kind]map[string]fieldSpec{
	layout.CNIDFront: {
		"name":      {lang: langChi, preps: []prep{rawGray16, rawBin12, rawGray10}},
		"birth":     {lang: langChi, preps: []prep{rawBin16, rawBin12, lineBin8}},
		"id_number": {lang: langEng, whitelist: layout.DigitsX, preps: []prep{lineBin12, rawGray16, line8, rawGray10}},
	},
	layout.CNIDBack: {
		"title":     {lang: langChi, preps: []prep{block12}},
		"authority": {lang: langChi, preps: []prep{rawBin12}},
		"validity":  {lang: langChi, preps: []prep{rawGray8, rawBin12, rawGray12}},
	},
	layout.Passport: {
		"mrz":             {lang: langEng, whitelist: layout.MRZCharset, mrz: true, preps: []prep{block12, block10, block8, block16}},
		"surname":         {lang: langEng, preps: []prep{line12}},
		"given_names":     {lang: langEng, preps: []prep{line12}},
		"passport_number": {lang: langEng, whitelist: layout.UpperAlnum, preps: []prep{line12}},
	},
	layout.IDCard: {
		"mrz":             {lang: langEng, whitelist: layout.MRZCharset, mrz: true, preps: []prep{block12, block10, block8, block16}},
		"surname":         {lang: langEng, preps: []prep{line12}},
		"given_names":     {lang: langEng, preps: []prep{line12}},
		"document_number": {lang: langEng, whitelist: layout.UpperAlnum, preps: []prep{line12}},
	},
}

// needed lists the fields each kind must yield; those not read are reported in
// Reading.Unreadable. A document whose kind could not be told needs nothing: a document of no
// known kind without an MRZ is reported as of unknown kind, not as unreadable.
var needed = map[layout.Kind][]string{
	layout.CNIDFront: {"name", "id_number"},
	layout.CNIDBack:  {"validity"},
	layout.Passport:  {"mrz"},
	layout.IDCard:    {"mrz"},
	"":               nil,
}

// fieldRect returns the region of field f to cut out: its box grown by pad millimetres on every
// side, but not into the neighbouring printed elements (other fields and captions, its own
// caption), so that a single-line field does not pick up a caption above it.
func fieldRect(l layout.Layout, f layout.Field, pad float64) rectMM {
	b := boxMM(l, f.Box, 0)
	r := boxMM(l, f.Box, pad)
	const slack = 0.5 // mm by which a neighbour may overlap the box and still count as beside it
	clip := func(n rectMM) {
		if n.w() <= 0 || n.h() <= 0 {
			return
		}
		overlapsY := n.y0 < r.y1 && n.y1 > r.y0
		overlapsX := n.x0 < r.x1 && n.x1 > r.x0
		switch {
		case n.x1 <= b.x0+slack && overlapsY && n.y0 < b.y1-slack && n.y1 > b.y0+slack:
			r.x0 = math.Max(r.x0, math.Min(n.x1, b.x0))
		case n.x0 >= b.x1-slack && overlapsY && n.y0 < b.y1-slack && n.y1 > b.y0+slack:
			r.x1 = math.Min(r.x1, math.Max(n.x0, b.x1))
		case n.y1 <= b.y0+slack && overlapsX:
			r.y0 = math.Max(r.y0, math.Min(n.y1, b.y0))
		case n.y0 >= b.y1-slack && overlapsX:
			r.y1 = math.Min(r.y1, math.Max(n.y0, b.y1))
		}
	}
	for _, o := range l.Fields {
		if !o.LabelBox.Empty() {
			clip(boxMM(l, o.LabelBox, 0))
		}
		if o.Name != f.Name {
			clip(boxMM(l, o.Box, 0))
		}
	}
	return r
}
