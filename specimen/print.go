package specimen

import (
	"math/rand/v2"
	"slices"

	"github.com/docprecheck/docprecheck/layout"
)

// The generator keeps its own description of where each document is
// printed, written here in millimetres from the published designs, and does
// not read package layout's tables: a corpus drawn from the reader's own
// boxes could only agree with the reader. Only the kinds' names and the
// printed field names are shared, so that the labels speak of the same
// fields.

// Physical sizes in millimetres (ISO/IEC 7810 ID-1; ICAO 9303 part 4 TD3).
const (
	id1WidthMM  = 85.60
	id1HeightMM = 53.98
	id1CornerMM = 3.18
	td3WidthMM  = 125.0
	td3HeightMM = 88.0
	// mrzPitchMM is the MRZ's fixed pitch of ten characters per inch.
	mrzPitchMM = 2.54
)

// Printing tolerances. Cards and passport pages are printed in several
// passes (the security background and captions, then the personal data,
// then the MRZ) and cut from sheets; between batches the print moves by a
// few millimetres against the edge and the passes against each other.
const (
	// MaxPrintOffsetMM bounds the offset of a print block from its nominal
	// position, in x and in y.
	MaxPrintOffsetMM = 3.0
	// commonOffsetMM bounds the part of the offset shared by all blocks
	// (the cut of the document against the print); each block adds up to
	// MaxPrintOffsetMM-commonOffsetMM of its own (the registration of its
	// pass), so that values may crowd their captions as on real cards
	// without printing over them.
	commonOffsetMM = 2.5
	// MRZToleranceMM bounds the offset of the MRZ from its ICAO position.
	MRZToleranceMM = 1.0
	// MinFontScale and MaxFontScale bound the scale of a document's type
	// sizes against the nominal ones.
	MinFontScale = 0.85
	MaxFontScale = 1.15
)

// Print blocks: the parts of a document printed in one pass.
const (
	// BlockPreprint is the security print: captions, headings, emblem.
	BlockPreprint = "preprint"
	// BlockData is the personal data.
	BlockData = "data"
	// BlockNumber is the Chinese card's number, printed by its own head.
	BlockNumber = "number"
	// BlockPortrait is the holder's portrait.
	BlockPortrait = "portrait"
	// BlockMRZ is the machine-readable zone.
	BlockMRZ = "mrz"
)

// rectMM is a rectangle on a document, in millimetres from its top-left
// corner.
type rectMM struct{ x0, y0, x1, y1 float64 }

func (r rectMM) empty() bool { return r.x1 <= r.x0 || r.y1 <= r.y0 }

func (r rectMM) shift(d [2]float64) rectMM {
	return rectMM{r.x0 + d[0], r.y0 + d[1], r.x1 + d[0], r.y1 + d[1]}
}

func (r rectMM) cy() float64 { return (r.y0 + r.y1) / 2 }

// printItem is one printed field: a value and, usually, its caption.
type printItem struct {
	// name is the field's name in Person.Printed; "" for headings.
	name string
	// caption is the caption text (or the heading) and capBox where it is
	// printed, in the preprint block.
	caption string
	capBox  rectMM
	// box is where the value is printed, in block.
	box   rectMM
	block string
	// lines is the number of text lines of the value; 0 for pictures.
	lines int
}

// mrzPrint is the nominal geometry of a machine-readable zone.
type mrzPrint struct {
	lines, chars int
	// firstMM is the left edge of the first character from the document's
	// left edge.
	firstMM float64
	// centresMM are the reference centre lines from the document's bottom
	// edge, top line first.
	centresMM []float64
}

// docPrint is the nominal print of one kind of document.
type docPrint struct {
	kind               layout.Kind
	wMM, hMM, cornerMM float64
	items              []printItem
	mrz                *mrzPrint
}

// item returns the item called name.
func (dp docPrint) item(name string) printItem {
	i := slices.IndexFunc(dp.items, func(it printItem) bool { return it.name == name })
	if i < 0 {
		return printItem{}
	}
	return dp.items[i]
}

// hasBlock reports whether some item of dp is printed in block b.
func (dp docPrint) hasBlock(b string) bool {
	return b == BlockPreprint || slices.ContainsFunc(dp.items, func(it printItem) bool { return it.block == b })
}

// printFor returns the nominal print of kind k.
func printFor(k layout.Kind) (docPrint, bool) {
	switch k {
	case layout.CNIDFront:
		return cnFrontPrint(), true
	case layout.CNIDBack:
		return cnBackPrint(), true
	case layout.Passport:
		return td3Print(), true
	case layout.IDCard:
		return td1Print(), true
	}
	return docPrint{}, false
}

// docSize returns the size of kind k in millimetres (ID-1 for an unknown
// kind).
func docSize(k layout.Kind) (wMM, hMM, cornerMM float64) {
	dp, ok := printFor(k)
	if !ok {
		return id1WidthMM, id1HeightMM, id1CornerMM
	}
	return dp.wMM, dp.hMM, dp.cornerMM
}

// cnFrontPrint is the personal-data side of the Chinese resident identity
// card as the published specimen shows it: captions in a column 4.5 mm from
// the left edge, values from 14 mm, rows about 5.4 mm apart, the portrait
// (26 x 32 mm) at the right, the number along the bottom.
func cnFrontPrint() docPrint {
	capRow := func(y float64) rectMM { return rectMM{4.5, y, 12.5, y + 3.6} }
	return docPrint{
		kind: layout.CNIDFront, wMM: id1WidthMM, hMM: id1HeightMM, cornerMM: id1CornerMM,
		items: []printItem{
			{name: "name", caption: "姓名", capBox: capRow(6.2), box: rectMM{14.0, 5.3, 50.0, 10.9}, block: BlockData, lines: 1},
			{name: "sex", caption: "性别", capBox: capRow(11.7), box: rectMM{14.0, 11.0, 20.5, 16.2}, block: BlockData, lines: 1},
			{name: "ethnicity", caption: "民族", capBox: rectMM{22.5, 11.7, 30.5, 15.3}, box: rectMM{31.3, 11.0, 50.0, 16.2}, block: BlockData, lines: 1},
			{name: "birth", caption: "出生", capBox: capRow(17.1), box: rectMM{14.0, 16.4, 50.0, 21.6}, block: BlockData, lines: 1},
			{name: "address", caption: "住址", capBox: capRow(22.6), box: rectMM{14.0, 22.0, 52.5, 35.6}, block: BlockData, lines: 3},
			{name: "id_number", caption: "公民身份号码", capBox: rectMM{4.5, 44.4, 27.0, 48.2}, box: rectMM{29.0, 43.2, 83.0, 49.6}, block: BlockNumber, lines: 1},
			{name: "photo", box: rectMM{55.0, 5.5, 81.0, 37.5}, block: BlockPortrait},
		},
	}
}

// cnBackPrint is the emblem side: the emblem at the top left, the two-line
// title to its right, the issuing authority and the validity near the
// bottom with their captions at 16 mm.
func cnBackPrint() docPrint {
	return docPrint{
		kind: layout.CNIDBack, wMM: id1WidthMM, hMM: id1HeightMM, cornerMM: id1CornerMM,
		items: []printItem{
			{name: "emblem", box: rectMM{5.0, 4.5, 20.5, 20.0}, block: BlockPreprint},
			{name: "title", box: rectMM{24.0, 5.5, 82.0, 21.5}, block: BlockPreprint, lines: 2},
			{name: "authority", caption: "签发机关", capBox: rectMM{16.0, 36.4, 29.5, 40.0}, box: rectMM{30.5, 35.4, 82.5, 41.0}, block: BlockData, lines: 1},
			{name: "validity", caption: "有效期限", capBox: rectMM{16.0, 43.2, 29.5, 46.8}, box: rectMM{30.5, 42.2, 82.5, 47.8}, block: BlockData, lines: 1},
		},
	}
}

// captioned is a one-line data field from x0 to x1 mm: its caption in a band
// capH mm tall at y, and its value in a band valH mm tall gap mm under it.
func captioned(name, caption string, x0, x1, y, capH, gap, valH float64) printItem {
	return printItem{
		name: name, caption: caption, capBox: rectMM{x0, y, x1, y + capH},
		box: rectMM{x0, y + capH + gap, x1, y + capH + gap + valH}, block: BlockData, lines: 1,
	}
}

// td3Print is a TD3 passport data page after ICAO 9303 part 4: the portrait
// in zone V on the left, captioned fields in zone II to its right, each
// value under its caption, and the MRZ in the bottom 23.2 mm.
func td3Print() docPrint {
	const capH, gap, valH = 2.4, 0.2, 4.6
	f := func(name, caption string, x0, x1, y float64) printItem {
		return captioned(name, caption, x0, x1, y, capH, gap, valH)
	}
	rows := [7]float64{11.2, 18.6, 26.0, 33.4, 40.8, 48.2, 55.6}
	return docPrint{
		kind: layout.Passport, wMM: td3WidthMM, hMM: td3HeightMM,
		items: []printItem{
			{caption: "UTOPIA", capBox: rectMM{42.0, 3.6, 70.0, 8.6}, block: BlockPreprint},
			{caption: "PASSPORT  PASSEPORT", capBox: rectMM{88.0, 5.0, 122.0, 8.2}, block: BlockPreprint},
			{name: "photo", box: rectMM{5.5, 14.5, 37.5, 56.5}, block: BlockPortrait},
			f("type", "Type / Type", 41.5, 54.0, rows[0]),
			f("country_code", "Code / Code", 56.5, 79.0, rows[0]),
			f("passport_number", "Passport No. / N° du passeport", 83.0, 122.0, rows[0]),
			f("surname", "Surname / Nom", 41.5, 122.0, rows[1]),
			f("given_names", "Given names / Prénoms", 41.5, 122.0, rows[2]),
			f("nationality", "Nationality / Nationalité", 41.5, 104.0, rows[3]),
			f("birth_date", "Date of birth / Date de naissance", 41.5, 74.0, rows[4]),
			f("sex", "Sex / Sexe", 76.0, 86.0, rows[4]),
			f("place_of_birth", "Place of birth / Lieu de naissance", 88.0, 122.0, rows[4]),
			f("issue_date", "Date of issue / Date de délivrance", 41.5, 74.0, rows[5]),
			f("authority", "Authority / Autorité", 76.0, 122.0, rows[5]),
			f("expiry_date", "Date of expiry / Date d'expiration", 41.5, 74.0, rows[6]),
		},
		// Two lines of 44 characters, centred on the page's width; the
		// lines' reference centres 6.35 mm apart.
		mrz: &mrzPrint{lines: 2, chars: 44, firstMM: (td3WidthMM - 44*mrzPitchMM) / 2, centresMM: []float64{16.2, 9.85}},
	}
}

// td1Print is the data side of an ID-1 card with a TD1 MRZ after ICAO 9303
// part 5: heading, portrait on the left, captioned fields to its right and
// three MRZ lines in the bottom 17.78 mm.
func td1Print() docPrint {
	const capH, valH = 1.7, 3.6
	f := func(name, caption string, x0, x1, y float64) printItem {
		return captioned(name, caption, x0, x1, y, capH, 0, valH)
	}
	rows := [5]float64{7.4, 12.8, 18.2, 23.6, 29.0}
	return docPrint{
		kind: layout.IDCard, wMM: id1WidthMM, hMM: id1HeightMM, cornerMM: id1CornerMM,
		items: []printItem{
			{caption: "UTOPIA", capBox: rectMM{27.0, 2.2, 45.0, 5.6}, block: BlockPreprint},
			{caption: "IDENTITY CARD  CARTE D'IDENTITÉ", capBox: rectMM{50.0, 3.4, 83.0, 5.4}, block: BlockPreprint},
			{name: "photo", box: rectMM{3.8, 7.8, 24.2, 33.6}, block: BlockPortrait},
			f("surname", "Surname / Nom", 27.0, 83.0, rows[0]),
			f("given_names", "Given names / Prénoms", 27.0, 83.0, rows[1]),
			f("sex", "Sex / Sexe", 27.0, 37.0, rows[2]),
			f("nationality", "Nationality / Nationalité", 39.0, 70.0, rows[2]),
			f("birth_date", "Date of birth / Date de naissance", 27.0, 53.0, rows[3]),
			f("document_number", "Document No. / N° du document", 55.0, 83.0, rows[3]),
			f("expiry_date", "Date of expiry / Date d'expiration", 27.0, 53.0, rows[4]),
		},
		mrz: &mrzPrint{lines: 3, chars: 30, firstMM: (id1WidthMM - 30*mrzPitchMM) / 2, centresMM: []float64{14.3, 10.07, 5.84}},
	}
}

// printVar is how one printed document departs from the nominal print: the
// offset of each block, the type scale and the fonts.
type printVar struct {
	off   map[string][2]float64
	scale float64
	// cjk and cjkCaption draw Chinese values and captions, number the
	// Chinese card's number; latin and latinCaption the values and
	// captions of the ICAO documents.
	cjk, cjkCaption, number, latin, latinCaption fontStyle
}

// Fonts a document may be printed with.
var (
	cjkValueFonts    = []fontStyle{styleSansSC, styleSerifSC, styleZenHei, styleUMing, styleUKai}
	cjkCaptionFonts  = []fontStyle{styleSansSC, styleSerifSC, styleZenHei, styleUMing}
	numberFonts      = []fontStyle{styleOCRB, styleLatin, styleLiberationSans, styleSansSC, styleLatinCond}
	latinValueFonts  = []fontStyle{styleLatinCond, styleLatin, styleLatinSerif, styleLatinSerifCond, styleLiberationSans, styleLiberationSerif}
	latinCaptionFont = []fontStyle{styleLatin, styleLatinCond, styleLiberationSans, styleLatinSerif, styleLiberationSerif}
)

// nominalVar is the print exactly as described: no offset, nominal sizes,
// the first font of each list.
func nominalVar() printVar {
	return printVar{off: map[string][2]float64{}, scale: 1, cjk: styleSansSC, cjkCaption: styleSansSC,
		number: styleOCRB, latin: styleLatinCond, latinCaption: styleLatin}
}

// newPrintVar draws the variation of one document.
func newPrintVar(rng *rand.Rand, dp docPrint) printVar {
	pv := printVar{off: map[string][2]float64{}, scale: uniform(rng, MinFontScale, MaxFontScale)}
	pv.cjk = pick(rng, cjkValueFonts)
	pv.cjkCaption = pick(rng, cjkCaptionFonts)
	pv.number = pick(rng, numberFonts)
	pv.latin = pick(rng, latinValueFonts)
	pv.latinCaption = pick(rng, latinCaptionFont)
	common := [2]float64{uniform(rng, -commonOffsetMM, commonOffsetMM), uniform(rng, -commonOffsetMM, commonOffsetMM)}
	own := MaxPrintOffsetMM - commonOffsetMM
	for _, b := range []string{BlockPreprint, BlockData, BlockNumber, BlockPortrait} {
		d := [2]float64{common[0] + uniform(rng, -own, own), common[1] + uniform(rng, -own, own)}
		if dp.hasBlock(b) {
			pv.off[b] = d
		}
	}
	if dp.mrz != nil {
		pv.off[BlockMRZ] = [2]float64{uniform(rng, -MRZToleranceMM, MRZToleranceMM), uniform(rng, -MRZToleranceMM, MRZToleranceMM)}
	}
	return pv
}

// valueBox returns where the value of it is printed under pv.
func (pv printVar) valueBox(it printItem) rectMM { return it.box.shift(pv.off[it.block]) }

// captionBox returns where the caption of it is printed under pv.
func (pv printVar) captionBox(it printItem) rectMM { return it.capBox.shift(pv.off[BlockPreprint]) }

// mrzBox returns the box of the MRZ's characters under pv.
func (pv printVar) mrzBox(dp docPrint) rectMM {
	m := dp.mrz
	if m == nil {
		return rectMM{}
	}
	half := mrzPitchMM / 0.723 * 0.42
	r := rectMM{
		m.firstMM, dp.hMM - m.centresMM[0] - half,
		m.firstMM + float64(m.chars)*mrzPitchMM, dp.hMM - m.centresMM[len(m.centresMM)-1] + half,
	}
	return r.shift(pv.off[BlockMRZ])
}

// textBoxes returns the boxes of every printed text of dp under pv, values
// and captions (headings excluded), for placing glare and thumbs. Boxes are
// clipped to the document less edgeMM: a box moved over the edge holds no
// print there.
func (pv printVar) textBoxes(dp docPrint, withCaptions bool) []rectMM {
	const edgeMM = 1.2
	var out []rectMM
	add := func(r rectMM) {
		r = rectMM{max(r.x0, edgeMM), max(r.y0, edgeMM), min(r.x1, dp.wMM-edgeMM), min(r.y1, dp.hMM-edgeMM)}
		if !r.empty() {
			out = append(out, r)
		}
	}
	for _, it := range dp.items {
		if it.name != "" && it.lines > 0 {
			add(pv.valueBox(it))
		}
		if withCaptions && it.name != "" && !it.capBox.empty() {
			add(pv.captionBox(it))
		}
	}
	if dp.mrz != nil {
		add(pv.mrzBox(dp))
	}
	return out
}

// printedBoxes returns the boxes of everything printed on dp under pv that
// a reader or a reviewer needs to see: values, captions, headings, the
// portrait, the emblem and the MRZ, clipped to the document like
// textBoxes'.
func (pv printVar) printedBoxes(dp docPrint) []rectMM {
	const edgeMM = 0.4
	var out []rectMM
	add := func(r rectMM) {
		r = rectMM{max(r.x0, edgeMM), max(r.y0, edgeMM), min(r.x1, dp.wMM-edgeMM), min(r.y1, dp.hMM-edgeMM)}
		if !r.empty() {
			out = append(out, r)
		}
	}
	for _, it := range dp.items {
		if it.name != "" {
			add(pv.valueBox(it))
		}
		if !it.capBox.empty() {
			add(pv.captionBox(it))
		}
	}
	if dp.mrz != nil {
		add(pv.mrzBox(dp))
	}
	return out
}

// Print is the ground truth of how a document was printed: fonts, type
// scale, the offset of each print block and where each field ended up. It
// is a plain value: safe to read concurrently, not to modify concurrently.
type Print struct {
	// Fonts are the families used, keyed by "cjk", "cjk_caption",
	// "number", "latin" and "latin_caption" (only those the kind prints).
	Fonts map[string]string `json:"fonts"`
	// FontScale scales every type size but the MRZ's.
	FontScale float64 `json:"font_scale"`
	// OffsetsMM are the offsets of the print blocks (BlockPreprint, ...)
	// from their nominal positions, x and y in millimetres.
	OffsetsMM map[string][2]float64 `json:"offsets_mm"`
	// Boxes are where each field's value is printed, normalised to the
	// document (x0, y0, x1, y1, origin at the top-left corner as the
	// document reads), keyed by the field names of Label.Printed plus
	// "photo"; "mrz" spans the MRZ's characters.
	Boxes map[string][4]float64 `json:"boxes"`
}

// label returns the Print of a document of dp printed with pv.
func (pv printVar) label(dp docPrint) *Print {
	p := &Print{Fonts: map[string]string{}, FontScale: round4(pv.scale), OffsetsMM: map[string][2]float64{}, Boxes: map[string][4]float64{}}
	switch dp.kind {
	case layout.CNIDFront:
		p.Fonts["cjk"], p.Fonts["cjk_caption"], p.Fonts["number"] = pv.cjk.String(), pv.cjkCaption.String(), pv.number.String()
	case layout.CNIDBack:
		p.Fonts["cjk"], p.Fonts["cjk_caption"] = pv.cjk.String(), pv.cjkCaption.String()
	default:
		p.Fonts["latin"], p.Fonts["latin_caption"] = pv.latin.String(), pv.latinCaption.String()
	}
	for b, d := range pv.off {
		p.OffsetsMM[b] = [2]float64{round2(d[0]), round2(d[1])}
	}
	norm := func(r rectMM) [4]float64 {
		return [4]float64{round4(r.x0 / dp.wMM), round4(r.y0 / dp.hMM), round4(r.x1 / dp.wMM), round4(r.y1 / dp.hMM)}
	}
	for _, it := range dp.items {
		if it.name != "" {
			p.Boxes[it.name] = norm(pv.valueBox(it))
		}
	}
	if dp.mrz != nil {
		p.Boxes["mrz"] = norm(pv.mrzBox(dp))
	}
	return p
}
