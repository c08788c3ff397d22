package match

import "unicode/utf8"

// maxPairs bounds the work of comparing two names with ICAO alternatives:
// the number of (typed letter, document letter) states explored. Past it the
// names are compared only in their written forms, which never accepts more.
const maxPairs = 1 << 15

// compareLatin compares two non-Han names. split is the number of words of
// the document's surname when known, or -1.
func compareLatin(typed string, t, d latin, split int) Result {
	var m matcher
	if m.match(t.units, d.units) {
		if hasFullWidth(typed) {
			return noDifference(Match, ReasonFullWidth)
		}
		return noDifference(Match, ReasonNone)
	}
	nt, nd := len(t.tokens), len(d.tokens)
	if nt >= 2 && nd >= 2 && nt <= maxReorderTokens && nd <= maxReorderTokens {
		for k := 1; k < nt; k++ {
			tk := t.tokens[k]
			for j := 1; j < nd; j++ {
				if split >= 0 && j != split {
					continue
				}
				dj := d.tokens[j]
				// Typed: given names then surname; document: surname
				// then given names (or the other way round).
				if m.match(t.units[tk:], d.units[:dj]) && m.match(t.units[:tk], d.units[dj:]) {
					return noDifference(Match, ReasonNameOrder)
				}
			}
		}
	}
	return diagnose(t, d)
}

// diagnose says where two names that do not match differ, first in their
// transliterated spellings, then with the marked letters written without
// their marks (so MILLER against MÜLLER is one letter, not a length).
func diagnose(t, d latin) Result {
	tf, _ := spell(t, false)
	df, dfPos := spell(d, false)
	res := compareRunes(tf, df, ReasonDifferent)
	resPos := dfPos
	if res.Reason != ReasonOneCharacter {
		tb, _ := spell(t, true)
		db, dbPos := spell(d, true)
		if r := compareRunes(tb, db, ReasonDifferent); r.Reason == ReasonOneCharacter {
			res, resPos = r, dbPos
		}
	}
	if res.Outcome != Mismatch {
		// Equal spellings always match; keep the outcome honest anyway.
		return Result{Outcome: Mismatch, Reason: ReasonDifferent, Position: -1}
	}
	if res.Position < len(resPos) {
		res.Position = resPos[res.Position]
	} else {
		res.Position = utf8.RuneCountInString(d.text)
	}
	return res
}

// spell writes a name's letters without spaces, each marked letter with its
// transliteration or, if short is set, without its mark. It also
// returns where each letter sits in the name's text.
func spell(n latin, short bool) ([]rune, []int) {
	rs := make([]rune, 0, len(n.units)+4)
	pos := make([]int, 0, len(n.units)+4)
	for i, u := range n.units {
		if u.alt == altNone {
			rs = append(rs, u.r)
			pos = append(pos, n.pos[i])
			continue
		}
		s := icaoAlternatives[u.alt][0]
		if short {
			s = icaoAlternatives[u.alt][1]
		}
		for k := 0; k < len(s); k++ {
			rs = append(rs, rune(s[k]))
			pos = append(pos, n.pos[i]+k)
		}
	}
	return rs, pos
}

// cell is one letter of one spelling of a unit.
type cell struct {
	r    rune
	last bool  // the last letter of its spelling
	unit int32 // the unit it belongs to
}

// automaton holds the spellings a sequence of units can take: the letters
// of every spelling of every unit, and for each unit the cells where its
// spellings start.
type automaton struct {
	cells []cell
	entry []int32 // first cells of the spellings, grouped by unit
	start []int32 // unit u's spellings start at entry[start[u]:start[u+1]]
}

func (a *automaton) build(us []unit) {
	a.cells, a.entry, a.start = a.cells[:0], a.entry[:0], a.start[:0]
	for i, u := range us {
		a.start = append(a.start, int32(len(a.entry)))
		if u.alt == altNone {
			a.entry = append(a.entry, int32(len(a.cells)))
			a.cells = append(a.cells, cell{r: u.r, last: true, unit: int32(i)})
			continue
		}
		for _, s := range icaoAlternatives[u.alt] {
			a.entry = append(a.entry, int32(len(a.cells)))
			for k := 0; k < len(s); k++ {
				a.cells = append(a.cells, cell{r: rune(s[k]), last: k == len(s)-1, unit: int32(i)})
			}
		}
	}
	a.start = append(a.start, int32(len(a.entry)))
}

// next returns the cells that may follow cell c; end reports that c ends
// the sequence.
func (a *automaton) next(c int32, one *[1]int32) (succ []int32, end bool) {
	cl := a.cells[c]
	if !cl.last {
		one[0] = c + 1
		return one[:], false
	}
	u := cl.unit + 1
	if int(u) == len(a.start)-1 {
		return nil, true
	}
	return a.entry[a.start[u]:a.start[u+1]], false
}

// matcher decides whether two unit sequences have a spelling in common.
// Its buffers are reused between calls; it is not safe for concurrent use.
type matcher struct {
	a, b    automaton
	visited []uint64
	queue   []int32
}

func hasAlternatives(us []unit) bool {
	for _, u := range us {
		if u.alt != altNone {
			return true
		}
	}
	return false
}

// match reports whether the unit sequences x and y can be spelled the same.
func (m *matcher) match(x, y []unit) bool {
	if len(x) == 0 || len(y) == 0 {
		return len(x) == len(y)
	}
	if !hasAlternatives(x) && !hasAlternatives(y) {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i].r != y[i].r {
				return false
			}
		}
		return true
	}
	if equalSpelling(x, y, false) || equalSpelling(x, y, true) {
		return true
	}
	// Spellings of different lengths never meet: skip the search.
	xmin, xmax := spellingLengths(x)
	ymin, ymax := spellingLengths(y)
	if xmax < ymin || ymax < xmin {
		return false
	}
	m.a.build(x)
	m.b.build(y)
	na, nb := len(m.a.cells), len(m.b.cells)
	if na*nb > maxPairs {
		return false
	}
	words := (na*nb + 63) / 64
	if cap(m.visited) < words {
		m.visited = make([]uint64, words)
	}
	m.visited = m.visited[:words]
	clear(m.visited)
	m.queue = m.queue[:0]
	push := func(p, q int32) {
		if m.a.cells[p].r != m.b.cells[q].r {
			return
		}
		id := int(p)*nb + int(q)
		if m.visited[id/64]&(1<<(id%64)) != 0 {
			return
		}
		m.visited[id/64] |= 1 << (id % 64)
		m.queue = append(m.queue, p, q)
	}
	for _, p := range m.a.entry[m.a.start[0]:m.a.start[1]] {
		for _, q := range m.b.entry[m.b.start[0]:m.b.start[1]] {
			push(p, q)
		}
	}
	var oneA, oneB [1]int32
	for len(m.queue) > 0 {
		p, q := m.queue[len(m.queue)-2], m.queue[len(m.queue)-1]
		m.queue = m.queue[:len(m.queue)-2]
		sa, endA := m.a.next(p, &oneA)
		sb, endB := m.b.next(q, &oneB)
		if endA && endB {
			return true
		}
		for _, np := range sa {
			for _, nq := range sb {
				push(np, nq)
			}
		}
	}
	return false
}

// spellingLengths returns the shortest and the longest length, in letters,
// of the spellings of us.
func spellingLengths(us []unit) (short, long int) {
	for _, u := range us {
		if u.alt == altNone {
			short++
			long++
			continue
		}
		short += len(icaoAlternatives[u.alt][1])
		long += len(icaoAlternatives[u.alt][0])
	}
	return short, long
}

// equalSpelling reports whether x and y are equal when every marked letter
// is written transliterated (or, if short, without its mark).
func equalSpelling(x, y []unit, short bool) bool {
	i, j := 0, 0
	var bx, by []byte
	for {
		bx, i = nextLetters(x, i, bx, short)
		by, j = nextLetters(y, j, by, short)
		if len(bx) == 0 || len(by) == 0 {
			return len(bx) == 0 && len(by) == 0 && i == len(x) && j == len(y)
		}
		n := min(len(bx), len(by))
		if string(bx[:n]) != string(by[:n]) {
			return false
		}
		bx, by = bx[n:], by[n:]
	}
}

// nextLetters appends the UTF-8 letters of unit i to buf when buf is empty,
// and returns the pending letters and the next unit index.
func nextLetters(us []unit, i int, buf []byte, short bool) ([]byte, int) {
	if len(buf) > 0 || i >= len(us) {
		return buf, i
	}
	u := us[i]
	if u.alt == altNone {
		return utf8.AppendRune(buf[:0], u.r), i + 1
	}
	s := icaoAlternatives[u.alt][0]
	if short {
		s = icaoAlternatives[u.alt][1]
	}
	return append(buf[:0], s...), i + 1
}
