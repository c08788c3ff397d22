package ocr

import (
	"image"
	"math"
	"slices"
	"strings"
)

// An MRZ is printed in OCR-B at a fixed pitch, and Tesseract tends to lose characters in long runs
// of the filler '<': it reads a run of twenty as twelve, or as one wide '<', swallows a digit that
// follows a run, or reads fillers as K or E. No repair of the text can undo that. The functions
// below rebuild the lines from the characters' positions instead: each character goes to the
// column its centre falls in, a '<' box spanning several columns stands for that many fillers, and
// every column is then compared with the document's own filler glyph (the mean of the fillers
// Tesseract read with confidence). A column that looks like a filler is one; a column that was
// not read, or was read from a wide box, and does not look like a filler is doubtful and is read
// again on its own.

// Thresholds on the normalised correlation of a column with the filler glyph.
const (
	fillerSure  = 0.75 // at or above: the column is a filler, whatever was read there
	fillerMaybe = 0.5  // below, for a column not read on its own: read it again
)

// maxDoubtful is the largest number of doubtful columns read again one by one in an MRZ.
const maxDoubtful = 8

// mrzCell is one column of a rebuilt MRZ line.
type mrzCell struct {
	text     string
	conf     float64
	inferred bool // not read as a character of its own: a gap or part of a wide '<'
	// supported is set for a column read as a character of its own, or found to look like a
	// filler, or read again on its own: not a mere gap.
	supported bool
	rect      image.Rectangle // in crop pixels
}

// mrzRead is an MRZ rebuilt from Tesseract's characters.
type mrzRead struct {
	lines [][]mrzCell
	plain []string // the lines as Tesseract read them
}

// minSupport is the smallest fraction of a rebuilt line's columns that must be supported for the
// line to be kept; a line of stray marks above or below the MRZ is mostly gaps.
const minSupport = 0.6

// strings returns the rebuilt lines; a line with too few supported columns is replaced by the line
// as Tesseract read it.
func (m mrzRead) strings() []string {
	out := make([]string, len(m.lines))
	for i, ln := range m.lines {
		n := 0
		for _, c := range ln {
			if c.supported {
				n++
			}
		}
		if float64(n) < minSupport*float64(len(ln)) {
			out[i] = m.plain[i]
			continue
		}
		var b strings.Builder
		for _, c := range ln {
			b.WriteString(c.text)
		}
		out[i] = b.String()
	}
	return out
}

// doubtful returns the positions (line, column) of the columns to read again.
func (m mrzRead) doubtful() [][2]int {
	var out [][2]int
	for i, ln := range m.lines {
		for j, c := range ln {
			if c.text == "" {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// rebuildMRZ rebuilds the MRZ lines from syms, read from crop; pitch is the nominal character
// pitch in crop pixels. Doubtful columns are left with empty text (see doubtful); the caller reads
// them again or takes them as fillers.
func rebuildMRZ(syms []symbol, pitch float64, crop grayCrop) mrzRead {
	var m mrzRead
	for _, ln := range splitLines(syms) {
		var b strings.Builder
		for _, s := range ln {
			b.WriteString(s.text)
		}
		m.plain = append(m.plain, b.String())
		m.lines = append(m.lines, placeLine(ln, pitch))
	}
	m.verify(crop)
	return m
}

// splitLines groups symbols into text lines by the height of their centres, each line ordered
// left to right. Tesseract's own order is not used: where a finger or a reflection interrupts the
// MRZ, it reads the parts on either side of the gap as separate blocks.
func splitLines(syms []symbol) [][]symbol {
	if len(syms) == 0 {
		return nil
	}
	cy := func(s symbol) float64 { return float64(s.box.Min.Y+s.box.Max.Y) / 2 }
	var heights []float64
	for _, s := range syms {
		heights = append(heights, float64(s.box.Dy()))
	}
	tol := 0.5 * median(heights)
	sorted := slices.Clone(syms)
	slices.SortStableFunc(sorted, func(a, b symbol) int { return cmpFloat(cy(a), cy(b)) })
	var out [][]symbol
	var cur []symbol
	var sum float64
	for _, s := range sorted {
		if len(cur) > 0 && math.Abs(cy(s)-sum/float64(len(cur))) > tol {
			out = append(out, cur)
			cur, sum = nil, 0
		}
		cur = append(cur, s)
		sum += cy(s)
	}
	out = append(out, cur)
	for _, ln := range out {
		slices.SortStableFunc(ln, func(a, b symbol) int {
			return cmpFloat(float64(a.box.Min.X+a.box.Max.X), float64(b.box.Min.X+b.box.Max.X))
		})
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

// placeLine places the symbols of one line on the MRZ's columns by the centres of their boxes (the
// left edge of a narrow glyph such as '1' lies well inside its column).
func placeLine(ln []symbol, pitch float64) []mrzCell {
	if len(ln) == 0 {
		return nil
	}
	centre := func(s symbol) float64 { return float64(s.box.Min.X+s.box.Max.X) / 2 }
	// Measure the pitch from neighbours one column apart, the width of a single filler and the
	// line's top and bottom.
	var steps, widths, tops, bottoms []float64
	for i := 1; i < len(ln); i++ {
		if d := centre(ln[i]) - centre(ln[i-1]); d > 0.75*pitch && d < 1.3*pitch {
			steps = append(steps, d)
		}
	}
	for _, s := range ln {
		if s.text == "<" && float64(s.box.Dx()) < 1.2*pitch {
			widths = append(widths, float64(s.box.Dx()))
		}
		tops = append(tops, float64(s.box.Min.Y))
		bottoms = append(bottoms, float64(s.box.Max.Y))
	}
	if len(steps) >= 8 {
		pitch = median(steps)
	}
	fillerW := 0.72 * pitch
	if len(widths) >= 3 {
		fillerW = median(widths)
	}
	top, bottom := median(tops), median(bottoms)
	const maxCols = 64
	var cells []mrzCell
	put := func(col int, text string, conf float64, inferred bool) {
		if col < 0 || col >= maxCols {
			return
		}
		for len(cells) <= col {
			cells = append(cells, mrzCell{inferred: true})
		}
		c := &cells[col]
		if c.text == "" || c.inferred && !inferred || c.inferred == inferred && conf > c.conf {
			*c = mrzCell{text: text, conf: conf, inferred: inferred, supported: !inferred}
		}
	}
	// A box wider than one character covers several columns: the first centred half a glyph from
	// its left edge, the last half a glyph from its right edge. A wide '<' is a run of fillers; a
	// wide box of another character is two or more characters read as one ("SS" as "S"), whose
	// columns are left doubtful to be read again one by one.
	wide := func(s symbol) bool {
		if s.text == "<" {
			return float64(s.box.Dx()) > 1.5*pitch
		}
		return float64(s.box.Dx()) > 1.4*pitch // one OCR-B glyph is at most about a pitch wide
	}
	origin := centre(ln[0])
	if wide(ln[0]) {
		origin = float64(ln[0].box.Min.X) + fillerW/2
	}
	for _, s := range ln {
		if wide(s) {
			n := 1 + int(math.Round((float64(s.box.Dx())-fillerW)/pitch))
			col := int(math.Round((float64(s.box.Min.X) + fillerW/2 - origin) / pitch))
			text := ""
			if s.text == "<" {
				text = "<"
			}
			for i := range n {
				put(col+i, text, s.conf, true)
			}
			continue
		}
		put(int(math.Round((centre(s)-origin)/pitch)), s.text, s.conf, false)
	}
	for i := range cells {
		cx := origin + float64(i)*pitch
		cells[i].rect = image.Rect(int(cx-pitch/2), int(top-2), int(math.Ceil(cx+pitch/2)), int(math.Ceil(bottom+2)))
	}
	return cells
}

// glyphSize is the size of the grid on which columns are compared.
const glyphSize = 12

// sample returns the pixels of r in c resampled to glyphSize x glyphSize (nearest pixel).
func sample(c grayCrop, r image.Rectangle) []float64 {
	out := make([]float64, glyphSize*glyphSize)
	for j := range glyphSize {
		y := r.Min.Y + (2*j+1)*r.Dy()/(2*glyphSize)
		for i := range glyphSize {
			x := r.Min.X + (2*i+1)*r.Dx()/(2*glyphSize)
			v := 255.0
			if x >= 0 && y >= 0 && x < c.w && y < c.h {
				v = float64(c.pix[y*c.w+x])
			}
			out[j*glyphSize+i] = v
		}
	}
	return out
}

// correlation returns the normalised cross-correlation of a and b (-1..1); 0 when either is flat.
func correlation(a, b []float64) float64 {
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	if saa < 1e-6 || sbb < 1e-6 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// contrast returns the standard deviation of v: near 0 for a blank column.
func contrast(v []float64) float64 {
	var m, s float64
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return math.Sqrt(s / float64(len(v)))
}

// verify compares every column with the filler glyph: columns that look like a filler become
// fillers, and inferred columns that do not are marked doubtful (empty text). Without enough
// confident fillers to learn the glyph from, the lines are left as placed.
func (m *mrzRead) verify(crop grayCrop) {
	var samples [][]float64
	for _, ln := range m.lines {
		for _, c := range ln {
			if c.text == "<" && !c.inferred && c.conf >= 90 {
				samples = append(samples, sample(crop, c.rect))
			}
		}
	}
	if len(samples) < 4 {
		return
	}
	tmpl := make([]float64, glyphSize*glyphSize)
	for _, s := range samples {
		for i, v := range s {
			tmpl[i] += v / float64(len(samples))
		}
	}
	ink := contrast(tmpl)
	for _, ln := range m.lines {
		for j := range ln {
			c := &ln[j]
			v := sample(crop, c.rect)
			r := correlation(v, tmpl)
			switch {
			case r >= fillerSure:
				c.text, c.supported = "<", true
			case c.inferred && r >= fillerMaybe:
				c.supported = true
			case c.inferred && contrast(v) > ink/3:
				c.text = ""
			}
		}
	}
}
