package mrz

import (
	"fmt"
	"slices"
	"strings"
)

// Bounds that keep Repair fast on any input.
const (
	maxRepairLines = 16   // lines passed to Repair, blank ones included
	maxRepairBytes = 4096 // bytes passed to Repair in total
	maxSlack       = 3    // characters a line may miss or have in excess
	maxEditRuns    = 12   // filler runs considered for a length edit
	maxAmbiguous   = 48   // ambiguous positions considered (all of them in practice)
)

// Repair reads the MRZ from OCR output lines and returns the most likely
// document; see the package documentation for what it corrects. Blank lines
// are ignored. The result has Repaired set when its lines differ in any way
// from the input and Valid set when every check digit then validates.
//
// Repair returns an error wrapping [ErrFormat] when the lines cannot be read
// as an MRZ: not 2 or 3 non-blank lines, a line more than three characters
// away from the width of the format, or more than 16 lines or 4096 bytes of
// input.
func Repair(lines []string) (*Document, error) {
	if len(lines) > maxRepairLines {
		return nil, fmt.Errorf("%w: %d lines, at most %d accepted", ErrFormat, len(lines), maxRepairLines)
	}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if total > maxRepairBytes {
		return nil, fmt.Errorf("%w: %d bytes, at most %d accepted", ErrFormat, total, maxRepairBytes)
	}
	var variants [][2]string
	for _, l := range lines {
		single, double := normaliseLine(l)
		if single != "" {
			variants = append(variants, [2]string{single, double})
		}
	}
	f, work, err := chooseFormat(variants)
	if err != nil {
		return nil, err
	}
	r := repairer{f: f, spans: layout(f), lines: work}
	_, r.width, _ = f.shape()
	r.fixLengths()
	r.fixCharacters(r.lines)
	r.resolve()
	out := toStrings(r.lines)
	d := parseLines(f, out)
	d.Repaired = !slices.Equal(out, lines)
	return d, nil
}

// chooseFormat picks the format whose shape the normalised lines are
// nearest to, and for each line the reading of '«' nearest to its width.
func chooseFormat(variants [][2]string) (Format, [][]byte, error) {
	var formats []Format
	switch len(variants) {
	case 3:
		formats = []Format{TD1}
	case 2:
		formats = []Format{TD2, TD3}
	default:
		return "", nil, fmt.Errorf("%w: %d non-blank lines, want 2 or 3", ErrFormat, len(variants))
	}
	var best Format
	var bestLines []string
	bestDev := -1
	for _, f := range formats {
		_, width, _ := f.shape()
		lines := make([]string, len(variants))
		dev := 0
		for i, v := range variants {
			l, d := v[0], abs(len(v[0])-width)
			if d2 := abs(len(v[1]) - width); d2 < d {
				l, d = v[1], d2
			}
			if d > maxSlack {
				dev = -1
				break
			}
			lines[i] = l
			dev += d
		}
		if dev >= 0 && (bestDev < 0 || dev < bestDev) {
			best, bestLines, bestDev = f, lines, dev
		}
	}
	if bestDev < 0 {
		return "", nil, fmt.Errorf("%w: line lengths fit no format", ErrFormat)
	}
	work := make([][]byte, len(bestLines))
	for i, l := range bestLines {
		work[i] = []byte(l)
	}
	return best, work, nil
}

// repairer holds the lines being repaired.
type repairer struct {
	f     Format
	width int
	spans []span
	lines [][]byte
}

// fixLengths brings every line to the width of the format.
func (r *repairer) fixLengths() {
	for i := range r.lines {
		if len(r.lines[i]) != r.width {
			r.lines[i] = r.bestLength(i)
		}
	}
}

// bestLength returns the candidate for line i, of the right width, that
// makes the most check digits valid once characters are corrected. Ties go
// to the earliest candidate, which edits the end of the line.
func (r *repairer) bestLength(i int) []byte {
	cands := lengthCandidates(r.lines[i], r.width)
	trial := make([][]byte, len(r.lines))
	for j, l := range r.lines {
		trial[j] = fit(l, r.width)
	}
	best, bestScore := cands[0], 0
	for k, c := range cands {
		trial[i] = slices.Clone(c)
		r.fixCharacters(trial)
		d := parseLines(r.f, toStrings(trial))
		score := -3 * len(d.Malformed)
		for _, ch := range d.Checks {
			if ch.Valid {
				score += 10
			}
		}
		for _, s := range r.spans {
			if s.kind == kindCheck && isDigit(trial[s.line][s.start]) {
				score += 2
			}
		}
		if k == 0 || score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// fit pads l with fillers or cuts it to width.
func fit(l []byte, width int) []byte {
	out := make([]byte, width)
	n := copy(out, l)
	for ; n < width; n++ {
		out[n] = '<'
	}
	return out
}

// lengthCandidates returns the ways of bringing line to width by inserting
// fillers into runs of fillers or at the end, or by removing fillers from
// runs or characters from the end. The edit at the end comes first.
func lengthCandidates(line []byte, width int) [][]byte {
	seen := map[string]bool{}
	var out [][]byte
	var walk func(l []byte)
	walk = func(l []byte) {
		if len(l) == width {
			if !seen[string(l)] {
				seen[string(l)] = true
				out = append(out, l)
			}
			return
		}
		runs := fillerRunEnds(l)
		if len(l) < width {
			walk(insertAt(l, len(l)))
			for _, p := range runs {
				if p != len(l) {
					walk(insertAt(l, p))
				}
			}
			return
		}
		walk(slices.Clone(l[:len(l)-1]))
		for _, p := range runs {
			if p != len(l) {
				walk(slices.Delete(slices.Clone(l), p-1, p))
			}
		}
	}
	walk(line)
	return out
}

// fillerRunEnds returns the index just after each run of fillers in l,
// last run first, at most maxEditRuns of them.
func fillerRunEnds(l []byte) []int {
	var ends []int
	for i := len(l); i > 0 && len(ends) < maxEditRuns; i-- {
		if l[i-1] == '<' && (i == len(l) || l[i] != '<') {
			ends = append(ends, i)
		}
	}
	return ends
}

func insertAt(l []byte, p int) []byte {
	return slices.Insert(slices.Clone(l), p, '<')
}

// fixCharacters corrects, in place, the characters that the type of their
// field makes unambiguous.
func (r *repairer) fixCharacters(lines [][]byte) {
	for _, s := range r.spans {
		b := lines[s.line][s.start:s.end]
		switch s.kind {
		case kindNumeric, kindCheck:
			mapBytes(b, letterToDigit)
		case kindAlpha:
			mapBytes(b, digitToLetter)
			trailingFiller(b)
		case kindSex:
			mapBytes(b, digitToLetter)
			if isFillerLookalike(b[0]) && b[0] != 'X' {
				b[0] = '<'
			}
		case kindName:
			mapBytes(b, digitToLetter)
			nameFiller(b)
		case kindAlnum:
			trailingFiller(b)
		}
	}
	switch r.f {
	case TD1:
		if l := lines[0]; l[14] == '<' {
			if p := longNumberCheckPos(l, 15, 30); p >= 0 {
				mapBytes(l[p:p+1], letterToDigit)
			}
		}
	case TD2:
		if l := lines[1]; l[9] == '<' {
			if p := longNumberCheckPos(l, 28, 35); p >= 0 {
				mapBytes(l[p:p+1], letterToDigit)
			}
		}
	case TD3:
		l := lines[1]
		if isFillerLookalike(l[42]) && strings.Trim(string(l[28:42]), "<") == "" {
			l[42] = '<'
		}
	}
}

func mapBytes(b []byte, m func(byte) (byte, bool)) {
	for i, c := range b {
		if v, ok := m(c); ok {
			b[i] = v
		}
	}
}

// trailingFiller turns filler look-alikes into fillers in the trailing
// filler of a field: the part after the first '<' of the longest suffix made
// only of fillers and look-alikes.
func trailingFiller(b []byte) {
	start := len(b)
	for start > 0 && (b[start-1] == '<' || isFillerLookalike(b[start-1])) {
		start--
	}
	for start < len(b) && b[start] != '<' {
		start++
	}
	for i := start; i < len(b); i++ {
		b[i] = '<'
	}
}

// nameFiller turns filler look-alikes into fillers after the end of the
// name: the "<<" after the secondary identifier, or "<<<" after the primary
// one. It does so only when everything after that end is fillers and
// look-alikes, so a single-letter given name is kept.
func nameFiller(b []byte) {
	sep := strings.Index(string(b), "<<")
	if sep < 0 {
		return
	}
	end := sep + 2
	if end < len(b) && b[end] != '<' {
		next := strings.Index(string(b[end:]), "<<")
		if next < 0 {
			return
		}
		end += next
	}
	for _, c := range b[end:] {
		if c != '<' && !isFillerLookalike(c) {
			return
		}
	}
	for i := end; i < len(b); i++ {
		b[i] = '<'
	}
}

// position is a character of an alphanumeric field with two readings.
type position struct {
	line, index int
	alt         byte
	field       string
}

// resolve uses the check digits to choose between the readings of the
// ambiguous characters of the alphanumeric fields. A candidate changes one
// character, or every occurrence of one character (see uniformReadings); it
// is kept only when it is the one candidate that makes every check digit
// valid. A document that stays invalid keeps its alphanumeric fields as read.
func (r *repairer) resolve() {
	if allValid(parseLines(r.f, toStrings(r.lines)).Checks) {
		return
	}
	pos := r.ambiguousPositions()
	if len(pos) == 0 {
		return
	}
	cands := uniformReadings(pos, r.lines)
	for i := range pos {
		cands = append(cands, []int{i})
	}
	trial := make([][]byte, len(r.lines))
	var found []int
	n := 0
	for _, idx := range cands {
		for j, l := range r.lines {
			trial[j] = slices.Clone(l)
		}
		for _, i := range idx {
			p := pos[i]
			trial[p.line][p.index] = p.alt
		}
		if allValid(parseLines(r.f, toStrings(trial)).Checks) {
			n++
			found = idx
		}
	}
	if n == 1 {
		for _, i := range found {
			p := pos[i]
			r.lines[p.line][p.index] = p.alt
		}
	}
}

// uniformReadings returns, as sets of indices into pos, the readings that
// change every occurrence of one character in a field, or in all the
// fields, to its other reading: OCR errors tend to repeat, as when each 0 of
// a number is read as O. Sets of a single position are left out.
func uniformReadings(pos []position, lines [][]byte) [][]int {
	var sets [][]int
	add := func(keep func(p position) bool) {
		var idx []int
		for i, p := range pos {
			if keep(p) {
				idx = append(idx, i)
			}
		}
		if len(idx) < 2 {
			return
		}
		for _, s := range sets {
			if slices.Equal(s, idx) {
				return
			}
		}
		sets = append(sets, idx)
	}
	for _, p := range pos {
		c := lines[p.line][p.index]
		add(func(q position) bool { return q.field == p.field && lines[q.line][q.index] == c })
		add(func(q position) bool { return lines[q.line][q.index] == c })
	}
	return sets
}

// ambiguousPositions lists the characters of the alphanumeric fields that
// have another reading, document number first, at most maxAmbiguous.
func (r *repairer) ambiguousPositions() []position {
	var number, personal, optional []position
	add := func(line, from, to int, field string, skip int) {
		for i := from; i < to; i++ {
			if i == skip {
				continue
			}
			if alt, ok := alnumAlternative(r.lines[line][i]); ok {
				p := position{line: line, index: i, alt: alt, field: field}
				switch field {
				case FieldDocumentNumber:
					number = append(number, p)
				case FieldPersonalNumber:
					personal = append(personal, p)
				default:
					optional = append(optional, p)
				}
			}
		}
	}
	switch r.f {
	case TD1:
		l := r.lines[0]
		add(0, 5, 14, FieldDocumentNumber, -1)
		optFrom := 15
		if l[14] == '<' {
			if p := longNumberCheckPos(l, 15, 30); p >= 0 {
				add(0, 15, p, FieldDocumentNumber, -1)
				optFrom = p + 1
			}
		}
		add(0, optFrom, 30, FieldOptionalData, -1)
		add(1, 18, 29, FieldOptionalData, -1)
	case TD2:
		l := r.lines[1]
		add(1, 0, 9, FieldDocumentNumber, -1)
		optFrom := 28
		if l[9] == '<' {
			if p := longNumberCheckPos(l, 28, 35); p >= 0 {
				add(1, 28, p, FieldDocumentNumber, -1)
				optFrom = p + 1
			}
		}
		add(1, optFrom, 35, FieldOptionalData, -1)
	case TD3:
		add(1, 0, 9, FieldDocumentNumber, -1)
		add(1, 28, 42, FieldPersonalNumber, -1)
	}
	all := append(append(number, personal...), optional...)
	if len(all) > maxAmbiguous {
		all = all[:maxAmbiguous]
	}
	return all
}

// allValid reports whether every check is valid.
func allValid(checks []Check) bool {
	for _, c := range checks {
		if !c.Valid {
			return false
		}
	}
	return true
}

func toStrings(lines [][]byte) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
