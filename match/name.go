package match

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxReorderTokens bounds the search for a swapped surname and given names:
// with more words than this on either side only the written order is
// compared. Real names have far fewer words.
const maxReorderTokens = 8

// NormalizeName returns a name in the form it is compared in.
//
// A name with Han characters is folded to half-width letters and digits
// (NFKC), upper-cased, and stripped of all spaces and invisible characters;
// the middle-dot variants used between the parts of a transcribed name
// (· ・ • ‧ .) become U+00B7. "张 伟" becomes "张伟".
//
// Any other name is written as in the visual zone of an ICAO 9303 travel
// document: upper case, Latin diacritics removed or transliterated as ICAO
// 9303 Part 3 does ("Müller" becomes "MUELLER", "José" "JOSE", "Søren"
// "SOEREN", "Strauß" "STRAUSS"), hyphens and runs of spaces written as one space, apostrophes
// dropped ("O'Brien" becomes "OBRIEN"). Letters of other scripts are only
// upper-cased: their marks are kept, since in those scripts a mark can make
// a different letter.
//
// It returns "" for input longer than MaxInputBytes.
func NormalizeName(s string) string {
	if len(s) > MaxInputBytes {
		return ""
	}
	f := fold(s, true)
	if containsHan(f) {
		rs, _ := hanRunes(f)
		return string(rs)
	}
	return latinName(f).text
}

// Name compares a typed name with the name read from the document.
//
// Differences the KYC service also ignores give a Match: letter case,
// full-width letters, Latin diacritics, the two spellings of Ä Ö Ü Å Ø
// (Müller = MUELLER = MULLER, Søren = SOEREN = SOREN) and the ICAO 9303
// transliteration of ß Æ Œ Þ (Strauß = STRAUSS), hyphens and apostrophes
// (Anne-Marie = ANNE MARIE, O'Brien = OBRIEN = O BRIEN), spaces inside or
// between names (ANNA MARIA = ANNAMARIA), and, for Latin names, surname and
// given names written in the other order (Anna Maria Eriksson = ERIKSSON
// ANNA MARIA; the Match then carries ReasonNameOrder). The swap moves whole
// words as one block: MARIA ANNA ERIKSSON does not match ERIKSSON ANNA MARIA.
//
// Names with Han characters must be the same characters in the same order;
// only spaces are ignored (张 伟 = 张伟, with ReasonSpacesInChinese). A
// traditional character typed for a simplified one is a Mismatch: with
// WithSimplifier it carries ReasonTraditional, otherwise ReasonOneCharacter
// or ReasonDifferent.
//
// A Mismatch carries ReasonOneCharacter when the names have the same length
// and differ in one letter (Muller and Miller), ReasonDifferent otherwise,
// or ReasonLength when the typed name is longer than MaxInputBytes.
// Position points into NormalizeName(document).
//
// An empty document value gives Unreadable; an empty typed value, NotGiven.
func Name(typed, document string, opts ...Option) Result {
	return compareName(typed, document, -1, newConfig(opts))
}

// NameWithMRZ compares a typed name with the name printed in the document's
// visual zone and, when that does not match, with the name in its
// machine-readable zone, given as its surname and given-name fields (filler
// characters '<' are read as spaces). A Match with either is a Match; the
// MRZ spelling helps when the printed name is in another script (a Chinese
// passport prints 张伟 and ZHANG WEI) or the MRZ transliterates a letter the
// printed name keeps. Against the MRZ, surname and given names may be typed
// in either order, split exactly between the two fields.
//
// When neither matches, the result against the printed name is returned,
// or the one against the MRZ if the printed name is empty.
func NameWithMRZ(typed, printed, mrzSurname, mrzGiven string, opts ...Option) Result {
	cfg := newConfig(opts)
	viz := compareName(typed, printed, -1, cfg)
	if viz.Outcome == Match || viz.Outcome == NotGiven {
		return viz
	}
	if len(mrzSurname) > MaxInputBytes || len(mrzGiven) > MaxInputBytes {
		return viz
	}
	split := len(latinName(fold(mrzSurname, true)).tokens)
	mrz := compareName(typed, mrzSurname+" "+mrzGiven, split, cfg)
	if mrz.Outcome == Match || viz.Outcome == Unreadable {
		return mrz
	}
	return viz
}

// compareName is Name with, for a Latin document name, the number of words
// of its surname when known (-1 when not), so a swap is tried only there.
func compareName(typed, document string, split int, cfg config) Result {
	if len(document) > 2*MaxInputBytes+1 {
		return noDifference(Unreadable, ReasonNone)
	}
	if split < 0 && len(document) > MaxInputBytes {
		return noDifference(Unreadable, ReasonNone)
	}
	fd := fold(document, true)
	if len(typed) > MaxInputBytes {
		if isEmptyName(fd) {
			return noDifference(Unreadable, ReasonNone)
		}
		return noDifference(Mismatch, ReasonLength)
	}
	ft := fold(typed, true)
	if containsHan(fd) || containsHan(ft) {
		return compareHan(typed, ft, fd, cfg)
	}
	d := latinName(fd)
	if len(d.units) == 0 {
		return noDifference(Unreadable, ReasonNone)
	}
	t := latinName(ft)
	if len(t.units) == 0 {
		return noDifference(NotGiven, ReasonNone)
	}
	return compareLatin(typed, t, d, split)
}

// isEmptyName reports whether a folded document name has nothing to compare.
func isEmptyName(fd string) bool {
	if containsHan(fd) {
		return false
	}
	return len(latinName(fd).units) == 0
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// hanRunes returns a folded name with Han characters without its spaces and
// invisible characters, and whether it had spaces.
func hanRunes(f string) (rs []rune, spaces bool) {
	rs = make([]rune, 0, len(f))
	for _, r := range f {
		switch {
		case unicode.IsSpace(r):
			spaces = true
		case invisible(r):
		case r == '\u00B7', r == '\u30FB', r == '\u2022', r == '\u2027', r == '\u2219', r == '\u22C5', r == '.':
			rs = append(rs, '\u00B7')
		default:
			rs = append(rs, r)
		}
	}
	return rs, spaces
}

func compareHan(typed, ft, fd string, cfg config) Result {
	d, _ := hanRunes(fd)
	if len(d) == 0 {
		return noDifference(Unreadable, ReasonNone)
	}
	t, spaces := hanRunes(ft)
	if len(t) == 0 {
		return noDifference(NotGiven, ReasonNone)
	}
	res := compareRunes(t, d, ReasonDifferent)
	switch {
	case res.Outcome == Match && spaces:
		res.Reason = ReasonSpacesInChinese
	case res.Outcome == Match && hasFullWidth(typed):
		res.Reason = ReasonFullWidth
	case res.Outcome == Mismatch && cfg.simplify != nil:
		// Classify only: the names stay different whatever this says.
		if cfg.simplify(string(t)) == cfg.simplify(string(d)) {
			res.Reason = ReasonTraditional
		}
	}
	return res
}

// icaoAlternatives lists, for the marked letters that ICAO Doc 9303 Part 3
// (Section 6, "Transliteration of multinational Latin-based characters")
// writes with two letters, the two spellings accepted for them: the
// transliteration first, then the letter without its mark, which is how most
// people type it and how some documents print it. ICAO lists Ø as O; Danish
// and Norwegian documents print OE, so Ø takes the same pair as Ö. The
// shorter spelling is a prefix of the longer. The table is read-only.
var icaoAlternatives = [...][2]string{
	altAE: {"AE", "A"}, // Ä
	altOE: {"OE", "O"}, // Ö, Ø
	altUE: {"UE", "U"}, // Ü
	altAA: {"AA", "A"}, // Å
}

const (
	altNone = iota - 1
	altAE
	altOE
	altUE
	altAA
)

// icaoFixed returns the ICAO 9303 transliteration of a Latin letter that has
// no canonical decomposition and is written with other letters (Æ is AE).
func icaoFixed(r rune) string {
	switch r {
	case 'Æ':
		return "AE"
	case 'Œ':
		return "OE"
	case 'Þ':
		return "TH"
	case 'ẞ':
		return "SS"
	case 'Ð', 'Đ':
		return "D"
	case 'Ł', 'Ŀ':
		return "L"
	case 'Ħ':
		return "H"
	case 'Ŧ':
		return "T"
	case 'Ŋ':
		return "N"
	case 'ı':
		return "I"
	}
	return ""
}

// unit is one letter of a Latin name: a rune, or a letter with alternative
// ICAO spellings.
type unit struct {
	r   rune
	alt int8 // index into icaoAlternatives, or altNone
}

// latin is a name in Latin script (or another script without Han) ready to
// compare.
type latin struct {
	units  []unit
	tokens []int // index in units where each word starts
	pos    []int // per unit: index, in runes, of its first letter in text
	text   string
}

func isNameSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '<' || r == ',' || r == '.' || r == '/' || r == '_'
}

func isHyphen(r rune) bool {
	return unicode.Is(unicode.Pd, r) || r == '\u00B7' || r == '\u2027' || r == '\u2010' || r == '\u2212'
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u00B4', '\u02B9', '\u02BB', '\u02BC', '\u02BD', '\u2018', '\u2019', '\u201B', '\u2032':
		return true
	}
	return false
}

// latinName splits a folded, upper-cased name into letters and words.
// Spaces (and '<' , . /) end a word; hyphens are written as a space but
// join the words on either side, so a hyphenated name moves as one in a
// swap; apostrophes and invisible characters are dropped.
func latinName(f string) latin {
	var (
		n         latin
		b         strings.Builder
		runes     int
		newWord   = true
		gap       = false
		keepMarks = false // the last letter was of a script whose marks count
	)
	n.units = make([]unit, 0, len(f))
	n.pos = make([]int, 0, len(f))
	emit := func(r rune, alt int8) {
		if newWord {
			n.tokens = append(n.tokens, len(n.units))
			newWord = false
		}
		if gap && runes > 0 {
			b.WriteByte(' ')
			runes++
		}
		gap = false
		n.units = append(n.units, unit{r: r, alt: alt})
		n.pos = append(n.pos, runes)
		if alt == altNone {
			b.WriteRune(r)
			runes++
		} else {
			s := icaoAlternatives[alt][0]
			b.WriteString(s)
			runes += len(s)
		}
	}
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		i += size
		switch {
		case isNameSpace(r):
			newWord, gap, keepMarks = true, true, false
		case isHyphen(r):
			gap, keepMarks = true, false
		case isApostrophe(r):
			keepMarks = false
		case invisible(r):
		case unicode.Is(unicode.Mn, r):
			// A mark left after NFKC: dropped on a Latin letter or on
			// nothing, kept on a letter of another script.
			if keepMarks {
				emit(r, altNone)
			}
		case r < utf8.RuneSelf:
			emit(r, altNone)
			keepMarks = false
		case unicode.Is(unicode.Latin, r):
			emitLatin(f[i-size:i], r, emit)
			keepMarks = false
		default:
			emit(r, altNone)
			keepMarks = true
		}
	}
	n.text = b.String()
	return n
}

// emitLatin emits a non-ASCII Latin letter s (the rune r): transliterated
// with ICAO alternatives where it has them, otherwise without its marks.
func emitLatin(s string, r rune, emit func(rune, int8)) {
	if fx := icaoFixed(r); fx != "" {
		for i := 0; i < len(fx); i++ {
			emit(rune(fx[i]), altNone)
		}
		return
	}
	if r == 'Ø' {
		emit(0, altOE)
		return
	}
	base, marks := r, []byte(nil)
	if dec := norm.NFD.PropertiesString(s).Decomposition(); len(dec) > 0 {
		var size int
		base, size = utf8.DecodeRune(dec)
		marks = dec[size:]
	}
	alt := int8(altNone)
	switch {
	case bytes.ContainsRune(marks, '\u0308'):
		switch base {
		case 'A':
			alt = altAE
		case 'O':
			alt = altOE
		case 'U':
			alt = altUE
		}
	case base == 'A' && bytes.ContainsRune(marks, '\u030A'):
		alt = altAA
	}
	if alt != altNone {
		emit(0, alt)
		return
	}
	if fx := icaoFixed(base); fx != "" {
		for i := 0; i < len(fx); i++ {
			emit(rune(fx[i]), altNone)
		}
		return
	}
	emit(base, altNone)
}
