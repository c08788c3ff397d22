package layout

import (
	"image"
	"math"
	"slices"
)

// Kind names a document and the side of it that is photographed.
type Kind string

// Document kinds. The values are part of the JSON contract of the reports and
// of the corpus labels.
const (
	// CNIDFront is the personal-data side of the Chinese resident identity
	// card (second generation), an ID-1 card with the portrait on the right.
	CNIDFront Kind = "cn_id_front"
	// CNIDBack is the emblem side of the Chinese resident identity card,
	// carrying the issuing authority and the period of validity.
	CNIDBack Kind = "cn_id_back"
	// Passport is the ICAO TD3 data page of a passport book (125 x 88 mm)
	// with a two-line machine-readable zone of 44 characters per line.
	Passport Kind = "passport"
	// IDCard is the data side of an ID-1 identity card that carries an ICAO
	// TD1 machine-readable zone (three lines of 30 characters) on the same
	// side, as many national identity cards do.
	IDCard Kind = "id_card"
)

// Kinds lists every known kind in a fixed order.
func Kinds() []Kind { return []Kind{CNIDFront, CNIDBack, Passport, IDCard} }

// Physical sizes in millimetres.
const (
	// ID1WidthMM is the width of an ISO/IEC 7810 ID-1 card.
	ID1WidthMM = 85.60
	// ID1HeightMM is the height of an ISO/IEC 7810 ID-1 card.
	ID1HeightMM = 53.98
	// ID1CornerRadiusMM is the corner radius of an ID-1 card.
	ID1CornerRadiusMM = 3.18
	// TD3WidthMM is the width of an ICAO TD3 passport data page.
	TD3WidthMM = 125.0
	// TD3HeightMM is the height of an ICAO TD3 passport data page.
	TD3HeightMM = 88.0
	// TD3MRZHeightMM is the height of the TD3 machine-readable zone, measured
	// from the bottom edge of the data page (ICAO 9303 part 4).
	TD3MRZHeightMM = 23.2
	// TD1MRZHeightMM is the height of the TD1 machine-readable zone, measured
	// from the bottom edge of the card (ICAO 9303 part 5).
	TD1MRZHeightMM = 17.78
	// MRZPitchMM is the fixed character pitch of an MRZ: 10 characters per
	// 25.4 mm (ICAO 9303 part 3).
	MRZPitchMM = 2.54
	// MRZCapHeightMM is the nominal height of an OCR-B size 1 capital letter.
	MRZCapHeightMM = 2.46
)

// Box is a rectangle normalised to the document: X and W are fractions of
// the document width, Y and H fractions of its height, origin at the
// top-left corner as the document reads.
type Box struct {
	X, Y, W, H float64
}

// Pad grows the box by dx of the document width on the left and on the
// right and by dy of the document height above and below, clipped to the
// document.
func (b Box) Pad(dx, dy float64) Box {
	x0 := math.Max(0, b.X-dx)
	y0 := math.Max(0, b.Y-dy)
	x1 := math.Min(1, b.X+b.W+dx)
	y1 := math.Min(1, b.Y+b.H+dy)
	return Box{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// Rect returns the box in pixels on a rectified document image of w x h
// pixels, rounded outwards.
func (b Box) Rect(w, h int) image.Rectangle {
	return image.Rect(
		int(math.Floor(b.X*float64(w)+1e-9)), int(math.Floor(b.Y*float64(h)+1e-9)),
		int(math.Ceil((b.X+b.W)*float64(w)-1e-9)), int(math.Ceil((b.Y+b.H)*float64(h)-1e-9)),
	)
}

// Centre returns the centre of the box in normalised coordinates.
func (b Box) Centre() (x, y float64) { return b.X + b.W/2, b.Y + b.H/2 }

// Empty reports whether the box has no area.
func (b Box) Empty() bool { return b.W <= 0 || b.H <= 0 }

// Field is one printed field of a document.
type Field struct {
	// Name identifies the field within its layout, e.g. "name" or "mrz".
	Name string
	// Box is where the value is printed, with a small margin.
	Box Box
	// Lang is the Tesseract language to read the value with: "chi_sim",
	// "eng" or "eng+chi_sim". It is empty for pictures (portrait, emblem).
	Lang string
	// Charset is the character whitelist of the value, if it has one.
	Charset string
	// Label is the caption printed next to or above the value, e.g. "姓名";
	// empty when the field has none.
	Label string
	// LabelBox is where the caption is printed; empty when Label is empty.
	LabelBox Box
	// Lines is the largest number of text lines the value may take (1 for
	// most fields, 3 for a Chinese address, 2 or 3 for an MRZ); 0 for
	// pictures.
	Lines int
}

// MRZSpec is the printing geometry of a machine-readable zone, after ICAO
// Doc 9303.
type MRZSpec struct {
	// Lines and Chars are the number of lines and the characters per line.
	Lines, Chars int
	// FirstCharMM is the distance from the left edge of the document to the
	// left edge of the first character of each line.
	FirstCharMM float64
	// PitchMM is the character pitch.
	PitchMM float64
	// LineCentresMM are the reference centre lines, measured from the top
	// edge of the document, top line first.
	LineCentresMM []float64
	// CapHeightMM is the nominal height of a capital letter.
	CapHeightMM float64
}

// Layout is the canonical geometry of one kind of document.
type Layout struct {
	Kind Kind
	// WidthMM and HeightMM are the physical size, landscape as the document
	// reads.
	WidthMM, HeightMM float64
	// CornerRadiusMM is the radius of the rounded corners (0 for square
	// corners). Corner positions elsewhere in docprecheck are the virtual
	// sharp corners where the straight edges meet.
	CornerRadiusMM float64
	// Fields lists the printed fields, in reading order.
	Fields []Field
	// MRZ is the machine-readable zone geometry, nil for documents without
	// one.
	MRZ *MRZSpec
}

// For returns the layout of kind k and whether k is known. The returned
// layout is a copy: the caller may modify it.
func For(k Kind) (Layout, bool) {
	var l Layout
	switch k {
	case CNIDFront:
		l = cnIDFront()
	case CNIDBack:
		l = cnIDBack()
	case Passport:
		l = passport()
	case IDCard:
		l = idCard()
	default:
		return Layout{}, false
	}
	return l, true
}

// Field returns the field called name and whether the layout has it.
func (l Layout) Field(name string) (Field, bool) {
	i := slices.IndexFunc(l.Fields, func(f Field) bool { return f.Name == name })
	if i < 0 {
		return Field{}, false
	}
	return l.Fields[i], true
}

// Aspect returns width / height of the document (about 1.586 for ID-1 and
// 1.420 for TD3).
func (l Layout) Aspect() float64 { return l.WidthMM / l.HeightMM }

// MM converts a box to millimetres on the document: x0, y0, x1, y1.
func (l Layout) MM(b Box) (x0, y0, x1, y1 float64) {
	return b.X * l.WidthMM, b.Y * l.HeightMM, (b.X + b.W) * l.WidthMM, (b.Y + b.H) * l.HeightMM
}
