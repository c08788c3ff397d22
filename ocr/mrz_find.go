package ocr

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"gocv.io/x/gocv"
)

// The machine-readable zone is found, not placed: its lines are looked for anywhere in the image as
// chains of dark marks of about equal height, side by side at a regular pitch (every position of
// an MRZ line holds a glyph, the filler '<' included, so a line has no gaps), and two or three such
// chains of about the same pitch, height and start, stacked at a line spacing, make a zone. Nothing
// about where a document prints its MRZ is assumed beyond ICAO 9303's own shape of the zone.

// findLongSide is the longest side of the image the lines are looked for in; the zone is then read
// at the working resolution.
const findLongSide = 1400

// blob is a connected mark of ink, in pixels of the image searched.
type blob struct {
	x0, y0, x1, y1 float64 // bounding box, x1 and y1 exclusive
}

func (b blob) h() float64  { return b.y1 - b.y0 }
func (b blob) w() float64  { return b.x1 - b.x0 }
func (b blob) cx() float64 { return (b.x0 + b.x1) / 2 }
func (b blob) cy() float64 { return (b.y0 + b.y1) / 2 }

// mrzLine is a chain of blobs that may be a line of an MRZ, in pixels of the image searched.
type mrzLine struct {
	blobs []blob
	// capH is the height of the capitals and digits, pitch the distance between neighbouring
	// characters, slope the line's dy/dx, and y0 its centre height at x = 0.
	capH, pitch, slope, y0 float64
}

func (l mrzLine) start() float64 { return l.blobs[0].cx() }
func (l mrzLine) end() float64   { return l.blobs[len(l.blobs)-1].cx() }

// columns is the number of character positions the line spans.
func (l mrzLine) columns() int { return int(math.Round((l.end()-l.start())/l.pitch)) + 1 }

// yAt is the height of the line's centre at x.
func (l mrzLine) yAt(x float64) float64 { return l.y0 + l.slope*x }

// mrzZone is a candidate machine-readable zone: its lines top to bottom (as the image shows them,
// which may be upside down) and the number of characters per line of the format they fit.
type mrzZone struct {
	lines []mrzLine
	width int
}

// Line widths and counts of the ICAO 9303 formats.
var zoneShapes = []struct{ lines, width int }{{3, 30}, {2, 36}, {2, 44}}

// findZones looks for MRZ-like zones in the 8-bit grey image g and returns them best first, in the
// coordinates of g. At most a few are returned.
func findZones(g gocv.Mat) ([]mrzZone, error) {
	if g.Empty() || g.Channels() != 1 || g.Type() != gocv.MatTypeCV8U {
		return nil, fmt.Errorf("%w: MRZ search needs an 8-bit grey image", ErrPhoto)
	}
	long := max(g.Cols(), g.Rows())
	s := 1.0
	small := g
	if long > findLongSide {
		s = float64(findLongSide) / float64(long)
		r := gocv.NewMat()
		defer r.Close()
		gocv.Resize(g, &r, image.Pt(int(math.Round(float64(g.Cols())*s)), int(math.Round(float64(g.Rows())*s))), 0, 0, gocv.InterpolationArea)
		small = r
	}
	if small.Empty() || small.Cols() < 32 || small.Rows() < 32 {
		return nil, nil
	}
	blobs, err := inkBlobs(small)
	if err != nil {
		return nil, err
	}
	lines := chainLines(blobs)
	// Back to the coordinates of g (before grouping: zones share lines).
	for li := range lines {
		l := &lines[li]
		for bi := range l.blobs {
			b := &l.blobs[bi]
			b.x0, b.y0, b.x1, b.y1 = b.x0/s, b.y0/s, b.x1/s, b.y1/s
		}
		l.capH /= s
		l.pitch /= s
		l.y0 /= s
	}
	zones := groupZones(lines)
	// A line that runs into the edge of the image may be longer than it shows: a TD3 line cut to
	// 36 characters would pass for TD2. Only the longest format is read from such lines.
	W := float64(g.Cols())
	zones = slices.DeleteFunc(zones, func(z mrzZone) bool {
		if z.width == 44 {
			return false
		}
		for _, l := range z.lines {
			if l.blobs[0].x0 < l.pitch || l.blobs[len(l.blobs)-1].x1 > W-l.pitch {
				return true
			}
		}
		return false
	})
	return zones, nil
}

// inkBlobs thresholds g locally (dark print on any background) and returns its connected marks of
// a size that a printed character may have.
func inkBlobs(g gocv.Mat) ([]blob, error) {
	long := max(g.Cols(), g.Rows())
	block := long/50 | 1
	bin := gocv.NewMat()
	defer bin.Close()
	gocv.AdaptiveThreshold(g, &bin, 255, gocv.AdaptiveThresholdMean, gocv.ThresholdBinaryInv, block, 12)
	if bin.Empty() {
		return nil, fmt.Errorf("ocr: threshold produced no image")
	}
	labels, stats, cents := gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer labels.Close()
	defer stats.Close()
	defer cents.Close()
	n := gocv.ConnectedComponentsWithStats(bin, &labels, &stats, &cents)
	if n <= 1 || stats.Empty() || stats.Type() != gocv.MatTypeCV32S || stats.Cols() != 5 {
		return nil, nil
	}
	raw := stats.ToBytes()
	at := func(i, j int) float64 { return float64(int32(binary.LittleEndian.Uint32(raw[4*(i*5+j):]))) }
	maxH := float64(long) / 12
	var out []blob
	for i := 1; i < n; i++ {
		x, y, w, h, area := at(i, 0), at(i, 1), at(i, 2), at(i, 3), at(i, 4)
		if h < 5 || h > maxH || w > 4*h || area < 8 || area > 0.9*w*h && w > 3 && h > 3 && w > h {
			continue // too small, too large, a rule or a filled block
		}
		out = append(out, blob{x, y, x + w, y + h})
	}
	return out, nil
}

// Bounds of a chain of blobs that may be an MRZ line.
const (
	minLineBlobs = 20   // marks in a line (a TD1 line has 30 characters; some may be joined)
	maxGap       = 1.6  // widest gap between neighbouring marks, in character heights
	maxRise      = 0.55 // largest difference of centre heights between neighbours, in heights (a line turned 30 degrees)
)

// chainLines links each blob to its nearest right neighbour on the same line and returns the long,
// regular chains.
func chainLines(bs []blob) []mrzLine {
	slices.SortFunc(bs, func(a, b blob) int { return cmpFloat(a.x0, b.x0) })
	next := make([]int, len(bs))
	prev := make([]int, len(bs))
	dist := make([]float64, len(bs))
	for i := range next {
		next[i], prev[i] = -1, -1
	}
	for i, a := range bs {
		best, bestD := -1, math.Inf(1)
		for j := i + 1; j < len(bs); j++ {
			b := bs[j]
			H := max(a.h(), b.h())
			if b.x0 > a.x1+maxGap*H {
				break
			}
			if b.cx() <= a.cx() || min(a.h(), b.h()) < 0.4*H || math.Abs(a.cy()-b.cy()) > maxRise*H {
				continue
			}
			if d := b.x0 - a.x1; d > -0.2*H && d < bestD {
				best, bestD = j, d
			}
		}
		if best < 0 {
			continue
		}
		if p := prev[best]; p >= 0 {
			if dist[p] <= bestD {
				continue
			}
			next[p] = -1
		}
		next[i], prev[best], dist[i] = best, i, bestD
	}
	var out []mrzLine
	for i := range bs {
		if prev[i] >= 0 {
			continue
		}
		var chain []blob
		for j := i; j >= 0; j = next[j] {
			chain = append(chain, bs[j])
		}
		out = append(out, measureChain(chain)...)
	}
	out = joinPieces(out)
	return slices.DeleteFunc(out, func(l mrzLine) bool { return len(l.blobs) < minLineBlobs })
}

// measureChain measures a chain of marks as a line (measureLine). A chain longer than any MRZ line,
// or too irregular for one, may have run into other print beside the zone (a page's text in line
// with it, a booklet's edge): it is cut at its widest gap and each part measured again.
func measureChain(chain []blob) []mrzLine {
	if len(chain) < minPieceBlobs {
		return nil
	}
	l, ok := measureLine(chain)
	if ok && l.columns() <= maxLineColumns {
		return []mrzLine{l}
	}
	cut, widest := 0, 0.0
	for i := 1; i < len(chain); i++ {
		if g := chain[i].x0 - chain[i-1].x1; g > widest {
			cut, widest = i, g
		}
	}
	if cut == 0 {
		return nil
	}
	return append(measureChain(chain[:cut]), measureChain(chain[cut:])...)
}

// minPieceBlobs is the fewest marks of a piece of a line: a mark the threshold lost or joined to
// the background breaks a line into pieces, which joinPieces puts together again.
const minPieceBlobs = 6

// maxLineColumns is the most columns a line of the longest format (TD3, 44 characters) may span as
// measured (see groupZones).
const maxLineColumns = 44 + 8

// joinPieces joins pieces of lines that continue one another: the second starts within a few
// pitches after the first ends, on its line, at the same pitch.
func joinPieces(ls []mrzLine) []mrzLine {
	slices.SortFunc(ls, func(a, b mrzLine) int { return cmpFloat(a.start(), b.start()) })
	for {
		joined := false
		for i := 0; i < len(ls) && !joined; i++ {
			for j := 0; j < len(ls); j++ {
				a, b := ls[i], ls[j]
				if i == j || b.start() <= a.end() || b.start()-a.end() > 3.5*a.pitch {
					continue
				}
				H := max(a.capH, b.capH)
				if math.Abs(b.yAt(b.start())-a.yAt(b.start())) > 0.3*H || math.Abs(a.pitch-b.pitch) > 0.15*a.pitch {
					continue
				}
				l, ok := measureLine(append(slices.Clone(a.blobs), b.blobs...))
				if !ok || l.columns() > maxLineColumns {
					continue // no MRZ line is that long: other print beside the zone
				}
				ls[i] = l
				ls = slices.Delete(ls, j, j+1)
				joined = true
				break
			}
		}
		if !joined {
			return ls
		}
	}
}

// measureLine measures a chain's character height, pitch and slope, and reports whether it is
// regular enough to be a line of fixed-pitch print.
func measureLine(chain []blob) (mrzLine, bool) {
	var hs, steps []float64
	for i, b := range chain {
		hs = append(hs, b.h())
		if i > 0 {
			steps = append(steps, b.cx()-chain[i-1].cx())
		}
	}
	slices.Sort(hs)
	capH := hs[len(hs)*9/10] // a line may be mostly fillers, which are shorter
	pitch := median(steps)
	if pitch < 0.6*capH || pitch > 1.8*capH {
		return mrzLine{}, false
	}
	// Most neighbours one pitch apart: fixed-pitch print, not words.
	regular := 0
	for _, d := range steps {
		if math.Abs(d-pitch) < 0.25*pitch {
			regular++
		}
	}
	if float64(regular) < 0.6*float64(len(steps)) {
		return mrzLine{}, false
	}
	// Least squares on the centres of the tall marks.
	var sx, sy, sxx, sxy, n float64
	for _, b := range chain {
		if b.h() < 0.8*capH {
			continue
		}
		x, y := b.cx(), b.cy()
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
		n++
	}
	if n < 5 {
		return mrzLine{}, false
	}
	den := n*sxx - sx*sx
	if den <= 0 {
		return mrzLine{}, false
	}
	slope := (n*sxy - sx*sy) / den
	l := mrzLine{blobs: chain, capH: capH, pitch: pitch, slope: slope, y0: (sy - slope*sx) / n}
	return l, math.Abs(slope) < 0.6
}

// groupZones stacks lines of about the same pitch, height, slope and horizontal span into zones of
// two or three lines whose length fits an ICAO format, and returns them best first.
func groupZones(lines []mrzLine) []mrzZone {
	slices.SortFunc(lines, func(a, b mrzLine) int { return cmpFloat(a.yAt(a.start()), b.yAt(b.start())) })
	// A line may run on into stray marks beside the zone; the reading picks the zone's columns.
	fits := func(l mrzLine, width int) bool { c := l.columns(); return c >= width-3 && c <= width+maxLineColumns-44 }
	near := func(a, b mrzLine) bool {
		if math.Abs(a.pitch-b.pitch) > 0.15*a.pitch || math.Abs(a.capH-b.capH) > 0.25*a.capH || math.Abs(a.slope-b.slope) > 0.06 {
			return false
		}
		// Lines of a zone start and end together; stray marks may lengthen one at either end.
		if math.Abs(a.start()-b.start()) > 2.5*a.pitch && math.Abs(a.end()-b.end()) > 2.5*a.pitch {
			return false
		}
		x := (a.start() + a.end()) / 2
		d := b.yAt(x) - a.yAt(x)
		return d > 1.2*a.capH && d < 3.2*a.capH
	}
	type scored struct {
		z     mrzZone
		score float64
	}
	var cands []scored
	for i := range lines {
		for _, sh := range zoneShapes {
			if !fits(lines[i], sh.width) {
				continue
			}
			z := mrzZone{lines: []mrzLine{lines[i]}, width: sh.width}
			last := lines[i]
			for j := i + 1; j < len(lines) && len(z.lines) < sh.lines; j++ {
				if fits(lines[j], sh.width) && near(last, lines[j]) {
					z.lines = append(z.lines, lines[j])
					last = lines[j]
				}
			}
			if len(z.lines) != sh.lines {
				continue
			}
			dev := 0
			for _, l := range z.lines {
				dev += abs(l.columns() - sh.width)
			}
			cands = append(cands, scored{z, float64(sh.lines*sh.width) - 4*float64(dev)})
		}
	}
	slices.SortStableFunc(cands, func(a, b scored) int { return cmpFloat(b.score, a.score) })
	var out []mrzZone
	for _, c := range cands {
		if len(out) == 4 {
			break
		}
		out = append(out, c.z)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// bandCapH is the height, in pixels, at which the capitals of a zone are cut out to be read.
const bandCapH = 32

// band is a zone cut out of the image, deskewed, at bandCapH pixels per capital height.
type band struct {
	img grayCrop
	// rows are the centre heights of the lines, col0 the centre of the first column and pitch the
	// character pitch, in band pixels.
	rows        []float64
	col0, pitch float64
	// grid holds, for each line, the centre of column c as g[0] + g[1]*c + g[2]*c*c.
	grid [][3]float64
	// linCol0 and linCols are col0 and ncols of the common grid alone (see linear).
	linCol0 float64
	linCols int
	// ncols is the number of columns the marks span, width the format's line width: a line may
	// carry stray marks at its ends, or have lost its last characters.
	ncols, width int
	toSrc        [6]float64 // band (u, v) -> source (x, y): x = a0*u + a1*v + a2, y = a3*u + a4*v + a5
	capH         float64    // capital height in band pixels (bandCapH)
}

// cutBand warps zone z out of the grey image g, deskewed and at bandCapH pixels per capital height.
func cutBand(g gocv.Mat, z mrzZone) (band, error) {
	if g.Empty() || g.Channels() != 1 || g.Type() != gocv.MatTypeCV8U {
		return band{}, fmt.Errorf("%w: MRZ band needs an 8-bit grey image", ErrPhoto)
	}
	var capH, pitch, slope float64
	for _, l := range z.lines {
		capH += l.capH / float64(len(z.lines))
		pitch += l.pitch / float64(len(z.lines))
		slope += l.slope / float64(len(z.lines))
	}
	k := bandCapH / capH // band pixels per source pixel
	th := math.Atan(slope)
	c, s := math.Cos(th), math.Sin(th)
	// The zone's left edge and top, in the rotated frame (u along the lines).
	start := math.Inf(1)
	end := math.Inf(-1)
	for _, l := range z.lines {
		x := l.start()
		start = min(start, x*c+l.yAt(x)*s)
		x = l.end()
		end = max(end, x*c+l.yAt(x)*s)
	}
	first, last := z.lines[0], z.lines[len(z.lines)-1]
	xm := (first.start() + first.end()) / 2
	top := -xm*s + first.yAt(xm)*c
	bottom := -xm*s + last.yAt(xm)*c
	margin := 1.5 * capH
	u0, v0 := start-pitch/2-margin, top-margin
	w := int(math.Ceil((end + pitch/2 + margin - u0) * k))
	h := int(math.Ceil((bottom + 2*margin - v0) * k))
	if w < 8 || h < 8 || w > 6000 || h > 2000 {
		return band{}, fmt.Errorf("ocr: MRZ band of %dx%d px out of range", w, h)
	}
	// band (u, v) -> rotated frame (u0 + u/k, v0 + v/k) -> source (x, y).
	a := [6]float64{c / k, -s / k, u0*c - v0*s, s / k, c / k, u0*s + v0*c}
	m := doubleMat(2, a[:])
	defer m.Close()
	out := gocv.NewMat()
	defer out.Close()
	gocv.WarpAffineWithParams(g, &out, m, image.Pt(w, h), gocv.InterpolationLinear|gocv.WarpInverseMap, gocv.BorderReplicate, color.RGBA{})
	if out.Empty() {
		return band{}, fmt.Errorf("ocr: warp produced no image")
	}
	b := band{img: grayCrop{w: w, h: h, pix: out.ToBytes()}, toSrc: a, capH: bandCapH, width: z.width}
	toBand := func(x, y float64) (float64, float64) {
		return (x*c + y*s - u0) * k, (-x*s + y*c - v0) * k
	}
	// The grid: every mark votes for the pitch (least squares of its position against its column
	// on its line) and for the phase of the columns (a circular mean), so that stray marks at the
	// ends of a line do not move it.
	var cols, us []float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range z.lines {
		_, v := toBand(xm, l.yAt(xm))
		b.rows = append(b.rows, v)
		o := l.start()
		ou, _ := toBand(o, l.yAt(o))
		for _, bl := range l.blobs {
			u, _ := toBand(bl.cx(), bl.cy())
			cols = append(cols, math.Round((bl.cx()-o)/l.pitch))
			us = append(us, u-ou)
			lo, hi = min(lo, u), max(hi, u)
		}
	}
	var sx, sy, sxx, sxy float64
	for i := range cols {
		sx += cols[i]
		sy += us[i]
		sxx += cols[i] * cols[i]
		sxy += cols[i] * us[i]
	}
	n := float64(len(cols))
	b.pitch = pitch * k
	if den := n*sxx - sx*sx; den > 0 {
		if p := (n*sxy - sx*sy) / den; p > 0.8*b.pitch && p < 1.2*b.pitch {
			b.pitch = p
		}
	}
	var ps, pc float64
	for _, l := range z.lines {
		for _, bl := range l.blobs {
			u, _ := toBand(bl.cx(), bl.cy())
			a := 2 * math.Pi * u / b.pitch
			ps += math.Sin(a)
			pc += math.Cos(a)
		}
	}
	phase := math.Atan2(ps, pc) / (2 * math.Pi) * b.pitch // a column centre, modulo the pitch
	// Refine the grid: each mark takes the nearest column, and the origin and pitch are fitted
	// again to the marks near their columns.
	var all []float64
	for _, l := range z.lines {
		for _, bl := range l.blobs {
			u, _ := toBand(bl.cx(), bl.cy())
			all = append(all, u)
		}
	}
	c0 := phase + math.Round((lo-phase)/b.pitch)*b.pitch
	p := b.pitch
	for range 3 {
		var sx, sy, sxx, sxy, n float64
		for _, u := range all {
			c := math.Round((u - c0) / p)
			if math.Abs(u-c0-c*p) > 0.3*p {
				continue
			}
			sx += c
			sy += u
			sxx += c * c
			sxy += c * u
			n++
		}
		den := n*sxx - sx*sx
		if n < 10 || den <= 0 {
			break
		}
		np := (n*sxy - sx*sy) / den
		if np < 0.9*p || np > 1.1*p {
			break
		}
		p = np
		c0 = (sy - p*sx) / n
	}
	b.pitch = p
	b.col0 = c0 + math.Round((lo-c0)/p)*p
	b.ncols = int(math.Round((hi-b.col0)/b.pitch)) + 1
	b.linCol0, b.linCols = b.col0, b.ncols
	// Each line then gets its own columns, a quadratic in the column number: in a photo taken at
	// an angle the pitch changes along a line, and differs from one line to the next.
	for _, l := range z.lines {
		var lu []float64
		for _, bl := range l.blobs {
			u, _ := toBand(bl.cx(), bl.cy())
			lu = append(lu, u)
		}
		b.grid = append(b.grid, fitColumns(lu, b.col0, b.pitch))
	}
	// The columns the marks span, by each line's own columns (the common pitch is an average
	// that may count one column too few or too many along a foreshortened line).
	cmin, cmax := math.MaxInt, math.MinInt
	for i, l := range z.lines {
		for _, bl := range []blob{l.blobs[0], l.blobs[len(l.blobs)-1]} {
			u, _ := toBand(bl.cx(), bl.cy())
			c := columnOf(b.grid[i], u)
			cmin, cmax = min(cmin, c), max(cmax, c)
		}
	}
	if cmin != 0 {
		m := float64(cmin)
		for i, g := range b.grid {
			b.grid[i] = [3]float64{g[0] + g[1]*m + g[2]*m*m, g[1] + 2*g[2]*m, g[2]}
		}
		b.col0 += m * b.pitch
	}
	b.ncols = cmax - cmin + 1
	if b.ncols < z.width-3 || b.ncols > 2*z.width {
		return band{}, fmt.Errorf("ocr: MRZ band of %d columns for lines of %d", b.ncols, z.width)
	}
	if b.ncols < z.width-3 || b.ncols > 2*z.width {
		return band{}, fmt.Errorf("ocr: MRZ band of %d columns for lines of %d", b.ncols, z.width)
	}
	return b, nil
}

// linear returns the band read on the common grid alone, the same pitch for every line.
func (b band) linear() band {
	out := b
	out.grid, out.col0, out.ncols = nil, b.linCol0, b.linCols
	return out
}

// colU returns the centre of column c of line r, in band pixels.
func (b band) colU(r, c int) float64 {
	if r < len(b.grid) {
		g := b.grid[r]
		x := float64(c)
		return g[0] + g[1]*x + g[2]*x*x
	}
	return b.col0 + float64(c)*b.pitch
}

// columnOf returns the column of grid g nearest to u.
func columnOf(g [3]float64, u float64) int {
	c := (u - g[0]) / g[1]
	for range 3 {
		c -= (g[0] + g[1]*c + g[2]*c*c - u) / (g[1] + 2*g[2]*c)
	}
	return int(math.Round(c))
}

// fitColumns fits the centres of a line's marks (us, in band pixels, left to right) with a
// quadratic in their column numbers. The columns are counted along the line, each mark a whole
// number of pitches after the one before it (so that a pitch changing along the line does not
// make marks jump a column), from the column of the common grid (col0, pitch) nearest the first
// mark; marks far from the fit are left out and the fit is made again. The common grid is kept
// when the marks are too few or the fit strays.
func fitColumns(us []float64, col0, pitch float64) [3]float64 {
	lin := [3]float64{col0, pitch, 0}
	if len(us) < 12 {
		return lin
	}
	// The anchor: of the first marks, the one nearest a column of the common grid.
	anchor, best := 0, math.Inf(1)
	for i := range min(8, len(us)) {
		c := float64(columnOf(lin, us[i]))
		if d := math.Abs(lin[0] + lin[1]*c - us[i]); d < best {
			anchor, best = i, d
		}
	}
	cols := make([]float64, len(us))
	ok := make([]bool, len(us))
	cols[anchor], ok[anchor] = float64(columnOf(lin, us[anchor])), true
	// Outwards from the anchor, each mark a whole number of pitches from the last one kept; a mark
	// between two columns (a fragment, two glyphs joined) is left out.
	for _, dir := range []int{1, -1} {
		prev := anchor
		for i := anchor + dir; i >= 0 && i < len(us); i += dir {
			steps := (us[i] - us[prev]) / pitch
			if r := math.Round(steps); r != 0 && math.Abs(steps-r) <= 0.3 {
				cols[i], ok[i] = cols[prev]+r, true
				prev = i
			}
		}
	}
	g := lin
	for round := range 3 {
		var m [3][4]float64 // normal equations, augmented
		n := 0
		for i, u := range us {
			c := cols[i]
			if !ok[i] || round > 0 && math.Abs(g[0]+g[1]*c+g[2]*c*c-u) > 0.3*pitch {
				continue
			}
			v := [3]float64{1, c, c * c}
			for a := range 3 {
				for b := range 3 {
					m[a][b] += v[a] * v[b]
				}
				m[a][3] += v[a] * u
			}
			n++
		}
		if n < 12 {
			return g
		}
		sol, ok := solve3(m)
		if !ok || sol[1] < 0.7*pitch || sol[1] > 1.4*pitch {
			return g
		}
		g = sol
	}
	return g
}

// solve3 solves a 3x3 linear system given as an augmented matrix (Gaussian elimination with
// partial pivoting).
func solve3(m [3][4]float64) ([3]float64, bool) {
	for c := range 3 {
		p := c
		for r := c + 1; r < 3; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-9 {
			return [3]float64{}, false
		}
		m[c], m[p] = m[p], m[c]
		for r := range 3 {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k < 4; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	return [3]float64{m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]}, true
}

// rotate180 returns the band turned half a turn.
func (b band) rotate180() band {
	out := b
	out.img = grayCrop{w: b.img.w, h: b.img.h, pix: make([]byte, len(b.img.pix))}
	n := len(b.img.pix)
	for i, v := range b.img.pix {
		out.img.pix[n-1-i] = v
	}
	out.rows = make([]float64, len(b.rows))
	for i, r := range b.rows {
		out.rows[len(b.rows)-1-i] = float64(b.img.h) - r
	}
	last := b.col0 + float64(b.ncols-1)*b.pitch
	out.col0 = float64(b.img.w) - last
	linLast := b.linCol0 + float64(b.linCols-1)*b.pitch
	out.linCol0 = float64(b.img.w) - linLast
	if b.grid == nil {
		return out
	}
	// Column c of a turned line is column n-1-c of the line: u' = w - g(n-1-c).
	out.grid = make([][3]float64, len(b.grid))
	m := float64(b.ncols - 1)
	for i, g := range b.grid {
		a0 := g[0] + g[1]*m + g[2]*m*m
		a1 := -g[1] - 2*g[2]*m
		out.grid[len(b.grid)-1-i] = [3]float64{float64(b.img.w) - a0, -a1, -g[2]}
	}
	// (u, v) in the turned band is (w-u, h-v) in the band.
	W, H := float64(b.img.w), float64(b.img.h)
	a := b.toSrc
	out.toSrc = [6]float64{-a[0], -a[1], a[0]*W + a[1]*H + a[2], -a[3], -a[4], a[3]*W + a[4]*H + a[5]}
	return out
}

// src maps a band point to the source image.
func (b band) src(u, v float64) (float64, float64) {
	a := b.toSrc
	return a[0]*u + a[1]*v + a[2], a[3]*u + a[4]*v + a[5]
}
