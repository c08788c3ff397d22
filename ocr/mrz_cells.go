package ocr

import (
	"image"
	"math"
	"slices"
	"strings"

	"github.com/docprecheck/docprecheck/mrz"
)

// Character classes of MRZ positions (ICAO 9303): a class only chooses between look-alikes where
// the format allows one of them alone; document numbers and optional data are alphanumeric, and
// there both readings stay possible.
const (
	classAlpha   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
	classDigit   = "0123456789<"
	classSex     = "MFX<"
	classAlnum   = mrzAlphabet
	classLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
)

// positionClasses returns the characters allowed at each position of each line of a zone of the
// given shape; nil when the shape is not an ICAO format.
func positionClasses(lines, width int) [][]string {
	mk := func(n int, spans ...any) []string {
		out := make([]string, n)
		for i := 0; i+2 < len(spans)+1; i += 3 {
			from, to, cl := spans[i].(int), spans[i+1].(int), spans[i+2].(string)
			for j := from; j < to; j++ {
				out[j] = cl
			}
		}
		return out
	}
	switch {
	case lines == 2 && width == 44:
		return [][]string{
			mk(44, 0, 44, classLetters),
			mk(44, 0, 9, classAlnum, 9, 10, classDigit, 10, 13, classAlpha, 13, 20, classDigit, 20, 21, classSex,
				21, 28, classDigit, 28, 42, classAlnum, 42, 44, classDigit),
		}
	case lines == 2 && width == 36:
		return [][]string{
			mk(36, 0, 36, classLetters),
			mk(36, 0, 9, classAlnum, 9, 10, classDigit, 10, 13, classAlpha, 13, 20, classDigit, 20, 21, classSex,
				21, 28, classDigit, 28, 35, classAlnum, 35, 36, classDigit),
		}
	case lines == 3 && width == 30:
		return [][]string{
			// The check digit of a long document number sits in the optional data: alphanumeric.
			mk(30, 0, 5, classLetters, 5, 30, classAlnum),
			mk(30, 0, 7, classDigit, 7, 8, classSex, 8, 15, classDigit, 15, 18, classAlpha, 18, 29, classAlnum, 29, 30, classDigit),
			mk(30, 0, 30, classLetters),
		}
	}
	return nil
}

// cellRead is what the glyph comparison made of one character cell.
type cellRead struct {
	alts []cellScore // every glyph, best first
	ink  bool        // the cell holds ink
}

// pick returns the best glyph allowed by class.
func (c cellRead) pick(class string) cellScore {
	for _, a := range c.alts {
		if strings.IndexByte(class, a.c) >= 0 {
			return a
		}
	}
	return cellScore{c: '<'}
}

// bandReading is a zone read cell by cell.
type bandReading struct {
	cells [][]cellRead
	lines []string
	// score is the mean match of the chosen glyphs: a zone read the wrong way up, or text that is
	// not OCR-B, scores low.
	score float64
}

// otsuLevel returns Otsu's threshold of c and the mean grey of the dark and light classes.
func otsuLevel(c grayCrop) (level int, dark, light float64) {
	var hist [256]int
	for _, v := range c.pix {
		hist[v]++
	}
	total := len(c.pix)
	var sum float64
	for i, n := range hist {
		sum += float64(i * n)
	}
	var sumB, best float64
	var wB int
	level = 128
	dark, light = 0, 255
	for t, n := range hist {
		wB += n
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * n)
		mB := sumB / float64(wB)
		mF := (sum - sumB) / float64(wF)
		if between := float64(wB) * float64(wF) * (mB - mF) * (mB - mF); between > best {
			best, level, dark, light = between, t, mB, mF
		}
	}
	return level, dark, light
}

// printLevels returns the grey of the print (the 3rd percentile) and of the paper (the median) in
// the bands of the zone's lines, where print covers well under half the area.
func printLevels(b band) (dark, light float64) {
	var hist [256]int
	n := 0
	for _, row := range b.rows {
		for y := max(0, int(row-0.6*b.capH)); y < min(b.img.h, int(row+0.6*b.capH)); y++ {
			for _, v := range b.img.pix[y*b.img.w : (y+1)*b.img.w] {
				hist[v]++
				n++
			}
		}
	}
	pct := func(q float64) float64 {
		k := int(q * float64(n))
		for v, c := range hist {
			if k -= c; k < 0 {
				return float64(v)
			}
		}
		return 255
	}
	return pct(0.03), pct(0.5)
}

// readBand compares every cell of the band with the glyphs.
func (gs *glyphSet) readBand(b band) bandReading {
	classes := positionClasses(len(b.rows), b.width)
	if classes == nil {
		return bandReading{}
	}
	dark, light := printLevels(b)
	if light-dark < 20 {
		return bandReading{}
	}
	// MRZ print is the darkest thing in the zone; a security background printed under it is
	// lighter, and is kept out of the glyphs by a threshold halfway between print and paper.
	level := int((dark + light) / 2)
	ink := make([]float64, len(b.img.pix))
	for i, v := range b.img.pix {
		ink[i] = math.Min(1, math.Max(0, (light-float64(v))/(light-dark)))
	}
	isInk := func(x, y int) bool { return int(b.img.pix[y*b.img.w+x]) <= level }
	// Every column the marks span is compared with the glyphs; the window of the format's width
	// that matches best is the zone (stray marks beside it match poorly).
	all := make([][]cellRead, len(b.rows))
	for r, row := range b.rows {
		boxes := make([]image.Rectangle, b.ncols)
		for c := range b.ncols {
			boxes[c] = cellBox(b, row, b.colU(r, c), isInk)
		}
		// The line's capital height and baseline, from its tall marks.
		var hs []float64
		for _, bx := range boxes {
			if !bx.Empty() {
				hs = append(hs, float64(bx.Dy()))
			}
		}
		if len(hs) < b.width/2 {
			return bandReading{}
		}
		slices.Sort(hs)
		capH := hs[len(hs)*9/10]
		var bottoms []float64
		for _, bx := range boxes {
			if float64(bx.Dy()) > 0.85*capH {
				bottoms = append(bottoms, float64(bx.Max.Y))
			}
		}
		base := median(bottoms)
		cells := make([]cellRead, b.ncols)
		for c, bx := range boxes {
			if bx.Empty() {
				cells[c] = cellRead{alts: []cellScore{{'<', -1}}}
				continue
			}
			norm := normalise(ink, b.img.w, bx)
			relH := float64(bx.Dy()) / capH
			relY := (base - float64(bx.Min.Y+bx.Max.Y)/2) / capH
			cells[c] = cellRead{alts: gs.classify(norm, relH, relY), ink: true}
		}
		all[r] = cells
	}
	// Columns missing at the ends (lost marks) read as blanks.
	pad := max(0, b.width-b.ncols)
	best, bestScore := bandReading{}, math.Inf(-1)
	for o := -pad; o+b.width <= b.ncols+pad; o++ {
		var rd bandReading
		var total float64
		for r := range all {
			cells := make([]cellRead, b.width)
			var sb strings.Builder
			for c := range b.width {
				cell := cellRead{alts: []cellScore{{'<', -1}}}
				if i := o + c; i >= 0 && i < b.ncols {
					cell = all[r][i]
				}
				cells[c] = cell
				p := cell.pick(classes[r][c])
				sb.WriteByte(p.c)
				total += p.score
			}
			rd.cells = append(rd.cells, cells)
			rd.lines = append(rd.lines, sb.String())
		}
		rd.score = total / float64(len(all)*b.width)
		if rd.score > bestScore {
			best, bestScore = rd, rd.score
		}
	}
	return best
}

// cellBox returns the box of the ink of the character centred near (u, row) in the band, empty
// when there is none. The cell is cut between the blank columns on either side of its ink, so that
// a grid a little off the print still takes whole glyphs.
func cellBox(b band, row, u float64, isInk func(x, y int) bool) image.Rectangle {
	p, capH := b.pitch, b.capH
	y0, y1 := int(row-0.85*capH), int(math.Ceil(row+0.85*capH))
	x0, x1 := int(u-0.75*p), int(math.Ceil(u+0.75*p))
	y0, y1 = max(y0, 0), min(y1, b.img.h)
	x0, x1 = max(x0, 0), min(x1, b.img.w)
	if x1-x0 < 3 || y1-y0 < 3 {
		return image.Rectangle{}
	}
	prof := make([]int, x1-x0)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if isInk(x, y) {
				prof[x-x0]++
			}
		}
	}
	const minInk = 1
	c := int(u) - x0
	if c < 0 || c >= len(prof) {
		return image.Rectangle{}
	}
	// The ink nearest the centre, within a third of a pitch.
	start := -1
	for d := 0; d <= int(p/3); d++ {
		if c-d >= 0 && prof[c-d] >= minInk {
			start = c - d
			break
		}
		if c+d < len(prof) && prof[c+d] >= minInk {
			start = c + d
			break
		}
	}
	if start < 0 {
		return image.Rectangle{}
	}
	l, r := start, start
	for l > 0 && prof[l-1] >= minInk {
		l--
	}
	for r < len(prof)-1 && prof[r+1] >= minInk {
		r++
	}
	lo, hi := int(u-0.55*p)-x0, int(math.Ceil(u+0.55*p))-x0
	if l < lo || r > hi { // touching a neighbour: the nominal cell
		l, r = max(l, lo), min(r, hi)
	}
	bx := image.Rectangle{Min: image.Pt(x0+l, y1), Max: image.Pt(x0+r+1, y0)}
	for y := y0; y < y1; y++ {
		for x := x0 + l; x <= x0+r; x++ {
			if isInk(x, y) {
				bx.Min.Y, bx.Max.Y = min(bx.Min.Y, y), max(bx.Max.Y, y+1)
			}
		}
	}
	if bx.Max.Y <= bx.Min.Y || bx.Dy() < int(0.25*capH) {
		return image.Rectangle{}
	}
	return bx
}

// repairCells makes an invalid reading valid by changing the fewest, least certain cells: for each
// failing check digit, the cells of its field (and the digit itself) whose second-best allowed
// glyph scored nearly as well as the chosen one are tried, one and then two at a time. It returns
// the repaired lines, or nil when no such change makes every check digit valid.
func repairCells(rd bandReading, classes [][]string) *mrz.Document {
	lines := slices.Clone(rd.lines)
	d, err := mrz.Parse(lines)
	if err != nil {
		return nil
	}
	if d.Valid {
		return d
	}
	// Cells by how close their runner-up is.
	type alt struct {
		line, col int
		c         byte
		margin    float64
	}
	var alts []alt
	for li, row := range rd.cells {
		for ci, cell := range row {
			best := cell.pick(classes[li][ci])
			for _, a := range cell.alts {
				if a.c == best.c || strings.IndexByte(classes[li][ci], a.c) < 0 {
					continue
				}
				if m := best.score - a.score; m < 0.15 {
					alts = append(alts, alt{li, ci, a.c, m})
				}
				break
			}
		}
	}
	slices.SortFunc(alts, func(a, b alt) int { return cmpFloat(a.margin, b.margin) })
	if len(alts) > 12 {
		alts = alts[:12]
	}
	try := func(changes ...alt) *mrz.Document {
		ls := slices.Clone(lines)
		for _, ch := range changes {
			b := []byte(ls[ch.line])
			b[ch.col] = ch.c
			ls[ch.line] = string(b)
		}
		if d, err := mrz.Parse(ls); err == nil && d.Valid {
			return d
		}
		return nil
	}
	for _, a := range alts {
		if d := try(a); d != nil {
			return d
		}
	}
	for i := range alts {
		for j := i + 1; j < len(alts); j++ {
			if d := try(alts[i], alts[j]); d != nil {
				return d
			}
		}
	}
	return nil
}
