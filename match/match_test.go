package match

import (
	"errors"
	"strings"
	"testing"
)

// anyPos in a test case means the Position is not checked.
const anyPos = -2

type kind int

const (
	kindID kind = iota
	kindName
	kindMRZ
	kindDate
)

func (k kind) String() string {
	return [...]string{"id", "name", "mrz", "date"}[k]
}

type compareCase struct {
	name     string
	kind     kind
	typed    string
	document string
	// mrzSurname and mrzGiven are used with kindMRZ, where document is the
	// printed name.
	mrzSurname, mrzGiven string
	outcome              Outcome
	reason               Reason
	pos                  int
}

// id18 is an invented 18-character resident identity number.
const id18 = "11010519900307123X"

var compareCases = []compareCase{
	// Document numbers.
	{name: "id equal", kind: kindID, typed: id18, document: id18, outcome: Match, pos: -1},
	{name: "id one wrong digit", kind: kindID, typed: "11010519900307128X", document: id18, outcome: Mismatch, reason: ReasonOneCharacter, pos: 16},
	{name: "id first digit wrong", kind: kindID, typed: "21010519900307123X", document: id18, outcome: Mismatch, reason: ReasonOneCharacter, pos: 0},
	{name: "id full-width equal", kind: kindID, typed: "１１０１０５１９９００３０７１２３Ｘ", document: id18, outcome: Match, reason: ReasonFullWidth, pos: -1},
	{name: "id lower-case x equal", kind: kindID, typed: "11010519900307123x", document: id18, outcome: Match, pos: -1},
	{name: "id full-width x equal", kind: kindID, typed: "11010519900307123ｘ", document: id18, outcome: Match, reason: ReasonFullWidth, pos: -1},
	{name: "id transposed digits", kind: kindID, typed: "11010519900370123X", document: id18, outcome: Mismatch, reason: ReasonDifferent, pos: 12},
	{name: "id digit missing", kind: kindID, typed: "1101051990030712X", document: id18, outcome: Mismatch, reason: ReasonLength, pos: 16},
	{name: "id digit added", kind: kindID, typed: "11010519900307123X1", document: id18, outcome: Mismatch, reason: ReasonLength, pos: 18},
	{name: "id spaces ignored", kind: kindID, typed: "110105 19900307 123X", document: id18, outcome: Match, pos: -1},
	{name: "id ideographic spaces ignored", kind: kindID, typed: "110105\u300019900307\u3000123X", document: id18, outcome: Match, reason: ReasonFullWidth, pos: -1},
	{name: "id X replaced by digit", kind: kindID, typed: "110105199003071230", document: id18, outcome: Mismatch, reason: ReasonOneCharacter, pos: 17},
	{name: "passport hyphens ignored", kind: kindID, typed: "E-1234-5678", document: "E12345678", outcome: Match, pos: -1},
	{name: "passport spaces in document", kind: kindID, typed: "e12345678", document: "E 1234 5678", outcome: Match, pos: -1},
	{name: "passport letter O for zero", kind: kindID, typed: "E1234567O", document: "E12345670", outcome: Mismatch, reason: ReasonOneCharacter, pos: 8},
	{name: "id not given", kind: kindID, typed: "", document: id18, outcome: NotGiven, pos: -1},
	{name: "id only spaces", kind: kindID, typed: " \u3000 ", document: id18, outcome: NotGiven, pos: -1},
	{name: "id unreadable", kind: kindID, typed: id18, document: "", outcome: Unreadable, pos: -1},
	{name: "id too long", kind: kindID, typed: strings.Repeat("1", 300), document: id18, outcome: Mismatch, reason: ReasonLength, pos: -1},
	{name: "id invalid UTF-8", kind: kindID, typed: "\xff\xfe1101", document: id18, outcome: Mismatch, reason: ReasonLength, pos: 0},
	{name: "id zero-width space ignored", kind: kindID, typed: "E1234\u200B5678", document: "E12345678", outcome: Match, pos: -1},

	// Latin names.
	{name: "Müller = MUELLER", kind: kindName, typed: "Müller", document: "MUELLER", outcome: Match, pos: -1},
	{name: "Mueller = MÜLLER", kind: kindName, typed: "Mueller", document: "MÜLLER", outcome: Match, pos: -1},
	{name: "Muller = MÜLLER", kind: kindName, typed: "Muller", document: "MÜLLER", outcome: Match, pos: -1},
	{name: "Müller = MULLER", kind: kindName, typed: "Müller", document: "MULLER", outcome: Match, pos: -1},
	{name: "decomposed umlaut", kind: kindName, typed: "Mu\u0308ller", document: "MUELLER", outcome: Match, pos: -1},
	{name: "Muller vs Miller", kind: kindName, typed: "Muller", document: "MILLER", outcome: Mismatch, reason: ReasonOneCharacter, pos: 1},
	{name: "Miller vs MÜLLER", kind: kindName, typed: "Miller", document: "MÜLLER", outcome: Mismatch, reason: ReasonOneCharacter, pos: 1},
	{name: "plain MUELLER vs plain MULLER", kind: kindName, typed: "Mueller", document: "MULLER", outcome: Mismatch, reason: ReasonDifferent, pos: 2},
	{name: "Böhm vs BÜHM", kind: kindName, typed: "Böhm", document: "BÜHM", outcome: Mismatch, reason: ReasonOneCharacter, pos: 1},
	{name: "diacritics removed", kind: kindName, typed: "José García", document: "JOSE GARCIA", outcome: Match, pos: -1},
	{name: "diacritics on document", kind: kindName, typed: "Jose Garcia", document: "JOSÉ GARCÍA", outcome: Match, pos: -1},
	{name: "O'Brien = OBRIEN", kind: kindName, typed: "O'Brien", document: "OBRIEN", outcome: Match, pos: -1},
	{name: "O Brien = O'BRIEN", kind: kindName, typed: "O Brien", document: "O\u2019BRIEN", outcome: Match, pos: -1},
	{name: "hyphen = space", kind: kindName, typed: "Anne-Marie Dupont", document: "ANNE MARIE DUPONT", outcome: Match, pos: -1},
	{name: "swapped order", kind: kindName, typed: "Anna Maria Eriksson", document: "ERIKSSON ANNA MARIA", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "swapped order with concatenation", kind: kindName, typed: "Anna Maria Eriksson", document: "ERIKSSON ANNAMARIA", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "swapped hyphenated given name", kind: kindName, typed: "Anne-Marie Dupont", document: "DUPONT ANNE MARIE", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "given names reordered", kind: kindName, typed: "Maria Anna Eriksson", document: "ERIKSSON ANNA MARIA", outcome: Mismatch, reason: ReasonDifferent, pos: anyPos},
	{name: "hyphenated name reversed", kind: kindName, typed: "Marie-Anne", document: "ANNE-MARIE", outcome: Mismatch, reason: ReasonDifferent, pos: 0},
	{name: "two words swapped", kind: kindName, typed: "Wei Zhang", document: "ZHANG WEI", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "MRZ fillers in document", kind: kindName, typed: "Eriksson Anna Maria", document: "ERIKSSON<<ANNA<MARIA<<<<", outcome: Match, pos: -1},
	{name: "spaces collapse", kind: kindName, typed: "  anna   maria  eriksson ", document: "ANNA MARIA ERIKSSON", outcome: Match, pos: -1},
	{name: "full-width letters", kind: kindName, typed: "Ａｎｎａ Eriksson", document: "ANNA ERIKSSON", outcome: Match, reason: ReasonFullWidth, pos: -1},
	{name: "sharp s", kind: kindName, typed: "Strauß", document: "STRAUSS", outcome: Match, pos: -1},
	{name: "o slash as OE", kind: kindName, typed: "Søren Kierkegaard", document: "SOEREN KIERKEGAARD", outcome: Match, pos: -1},
	{name: "o slash as O", kind: kindName, typed: "Soren", document: "SØREN", outcome: Match, pos: -1},
	{name: "a ring and o umlaut", kind: kindName, typed: "Ångström", document: "AANGSTROEM", outcome: Match, pos: -1},
	{name: "a ring stripped", kind: kindName, typed: "Angstrom", document: "ÅNGSTRÖM", outcome: Match, pos: -1},
	{name: "thorn", kind: kindName, typed: "Þór", document: "THOR", outcome: Match, pos: -1},
	{name: "n tilde as N", kind: kindName, typed: "Cañón", document: "CANON", outcome: Match, pos: -1},
	{name: "ae ligature", kind: kindName, typed: "Ærø", document: "AEROE", outcome: Match, pos: -1},
	{name: "ae ligature not A", kind: kindName, typed: "Ærø", document: "ARO", outcome: Mismatch, reason: ReasonDifferent, pos: 1},
	{name: "one letter differs", kind: kindName, typed: "Anna", document: "ANNE", outcome: Mismatch, reason: ReasonOneCharacter, pos: 3},
	{name: "letter missing", kind: kindName, typed: "Anna Erikson", document: "ANNA ERIKSSON", outcome: Mismatch, reason: ReasonDifferent, pos: 10},
	{name: "second given name missing", kind: kindName, typed: "Mia", document: "MIA MARIA", outcome: Mismatch, reason: ReasonDifferent, pos: 4},
	{name: "Cyrillic case folded", kind: kindName, typed: "иван", document: "ИВАН", outcome: Match, pos: -1},
	{name: "Cyrillic short i is a letter", kind: kindName, typed: "Андреи", document: "АНДРЕЙ", outcome: Mismatch, reason: ReasonOneCharacter, pos: 5},
	{name: "name not given", kind: kindName, typed: " ", document: "ANNA", outcome: NotGiven, pos: -1},
	{name: "name unreadable", kind: kindName, typed: "Anna", document: "<<<", outcome: Unreadable, pos: -1},
	{name: "name too long", kind: kindName, typed: strings.Repeat("A", 257), document: "ANNA", outcome: Mismatch, reason: ReasonLength, pos: -1},

	// Chinese names.
	{name: "Chinese equal", kind: kindName, typed: "张伟", document: "张伟", outcome: Match, pos: -1},
	{name: "Chinese space", kind: kindName, typed: "张 伟", document: "张伟", outcome: Match, reason: ReasonSpacesInChinese, pos: -1},
	{name: "Chinese ideographic space", kind: kindName, typed: "张\u3000伟", document: "张伟", outcome: Match, reason: ReasonSpacesInChinese, pos: -1},
	{name: "Chinese traditional without converter", kind: kindName, typed: "張偉", document: "张伟", outcome: Mismatch, reason: ReasonDifferent, pos: 0},
	{name: "Chinese one character", kind: kindName, typed: "张伟", document: "张玮", outcome: Mismatch, reason: ReasonOneCharacter, pos: 1},
	{name: "Chinese order is fixed", kind: kindName, typed: "伟张", document: "张伟", outcome: Mismatch, reason: ReasonDifferent, pos: 0},
	{name: "Chinese extra character", kind: kindName, typed: "张伟伟", document: "张伟", outcome: Mismatch, reason: ReasonDifferent, pos: 2},
	{name: "Chinese middle dot variants", kind: kindName, typed: "买买提・艾力", document: "买买提·艾力", outcome: Match, pos: -1},
	{name: "Chinese middle dot missing", kind: kindName, typed: "买买提艾力", document: "买买提·艾力", outcome: Mismatch, reason: ReasonDifferent, pos: 3},
	{name: "pinyin for Chinese", kind: kindName, typed: "Zhang Wei", document: "张伟", outcome: Mismatch, reason: ReasonDifferent, pos: 0},

	// Names against the machine-readable zone.
	{name: "MRZ pinyin", kind: kindMRZ, typed: "Zhang Wei", document: "张伟", mrzSurname: "ZHANG", mrzGiven: "WEI", outcome: Match, pos: -1},
	{name: "MRZ pinyin swapped", kind: kindMRZ, typed: "Wei Zhang", document: "张伟", mrzSurname: "ZHANG", mrzGiven: "WEI", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "MRZ printed matches first", kind: kindMRZ, typed: "张伟", document: "张伟", mrzSurname: "ZHANG", mrzGiven: "WEI", outcome: Match, pos: -1},
	{name: "MRZ neither matches", kind: kindMRZ, typed: "Li Wei", document: "张伟", mrzSurname: "ZHANG", mrzGiven: "WEI", outcome: Mismatch, reason: ReasonDifferent, pos: 0},
	{name: "MRZ only, fillers", kind: kindMRZ, typed: "Anna Maria Eriksson", document: "", mrzSurname: "ERIKSSON", mrzGiven: "ANNA<MARIA<<<", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "MRZ swap only at surname", kind: kindMRZ, typed: "Cruz Juan De La", document: "", mrzSurname: "DE<LA<CRUZ", mrzGiven: "JUAN", outcome: Mismatch, reason: ReasonDifferent, pos: anyPos},
	{name: "MRZ compound surname", kind: kindMRZ, typed: "Juan de la Cruz", document: "", mrzSurname: "DE<LA<CRUZ", mrzGiven: "JUAN", outcome: Match, reason: ReasonNameOrder, pos: -1},
	{name: "MRZ transliteration", kind: kindMRZ, typed: "Mueller Hans", document: "MÜLLER HANS", mrzSurname: "MUELLER", mrzGiven: "HANS", outcome: Match, pos: -1},
	{name: "MRZ all unreadable", kind: kindMRZ, typed: "Anna", document: "", outcome: Unreadable, pos: -1},

	// Dates.
	{name: "date ISO", kind: kindDate, typed: "1990-01-02", document: "1990-01-02", outcome: Match, pos: -1},
	{name: "date ISO trimmed", kind: kindDate, typed: " 1990-01-02 ", document: "1990-01-02", outcome: Match, pos: -1},
	{name: "date slashes short", kind: kindDate, typed: "1990/1/2", document: "1990-01-02", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date compact", kind: kindDate, typed: "19900102", document: "1990-01-02", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date Chinese", kind: kindDate, typed: "1990年1月2日", document: "1990-01-02", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date Chinese full-width", kind: kindDate, typed: "１９９０年１月２日", document: "1990-01-02", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date dots year first", kind: kindDate, typed: "1990.01.02", document: "1990-01-02", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date European dots", kind: kindDate, typed: "02.01.1990", document: "1990-01-02", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date full-width ISO", kind: kindDate, typed: "１９９０－０１－０２", document: "1990-01-02", outcome: Match, reason: ReasonFullWidth, pos: -1},
	{name: "date day above 12", kind: kindDate, typed: "25/01/1990", document: "1990-01-25", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date month first day above 12", kind: kindDate, typed: "01/25/1990", document: "1990-01-25", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date day and month swapped", kind: kindDate, typed: "1990-02-01", document: "1990-01-02", outcome: Mismatch, reason: ReasonDifferent, pos: 6},
	{name: "date one digit", kind: kindDate, typed: "1990-01-03", document: "1990-01-02", outcome: Mismatch, reason: ReasonOneCharacter, pos: 9},
	{name: "date ambiguous slashes", kind: kindDate, typed: "02/01/1990", document: "1990-01-02", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date not in calendar", kind: kindDate, typed: "1990-02-30", document: "1990-02-28", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date leap day", kind: kindDate, typed: "29.02.1992", document: "1992-02-29", outcome: Match, reason: ReasonDateFormat, pos: -1},
	{name: "date no leap day 1900", kind: kindDate, typed: "1900-02-29", document: "1900-02-28", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date two-digit year", kind: kindDate, typed: "90-01-02", document: "1990-01-02", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date words", kind: kindDate, typed: "yesterday", document: "1990-01-02", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date mixed separators", kind: kindDate, typed: "1990-01/02", document: "1990-01-02", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date too long", kind: kindDate, typed: strings.Repeat("1", 300), document: "1990-01-02", outcome: Mismatch, reason: ReasonUnparsedDate, pos: -1},
	{name: "date not given", kind: kindDate, typed: "", document: "1990-01-02", outcome: NotGiven, pos: -1},
	{name: "date unreadable", kind: kindDate, typed: "1990-01-02", document: "", outcome: Unreadable, pos: -1},
	{name: "date document not ISO", kind: kindDate, typed: "1990-01-02", document: "02.01.1990", outcome: Unreadable, pos: -1},
}

func (c compareCase) run(opts ...Option) Result {
	switch c.kind {
	case kindID:
		return IDNumber(c.typed, c.document)
	case kindName:
		return Name(c.typed, c.document, opts...)
	case kindMRZ:
		return NameWithMRZ(c.typed, c.document, c.mrzSurname, c.mrzGiven, opts...)
	default:
		return Date(c.typed, c.document)
	}
}

func TestCompare(t *testing.T) {
	for _, c := range compareCases {
		t.Run(c.kind.String()+"/"+c.name, func(t *testing.T) {
			got := c.run()
			if got.Outcome != c.outcome || got.Reason != c.reason || (c.pos != anyPos && got.Position != c.pos) {
				t.Errorf("%s(%q, %q) = %+v, want {Outcome:%s Reason:%s Position:%d}",
					c.kind, c.typed, c.document, got, c.outcome, c.reason, c.pos)
			}
		})
	}
}

// fakeSimplifier stands in for an OpenCC t2s converter: it knows only the
// two characters the test uses.
func fakeSimplifier(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '張':
			return '张'
		case '偉':
			return '伟'
		}
		return r
	}, s)
}

func TestNameTraditional(t *testing.T) {
	opt := WithSimplifier(fakeSimplifier)
	tests := []struct {
		typed, document string
		want            Result
	}{
		{"張偉", "张伟", Result{Mismatch, ReasonTraditional, 0}},
		{"张偉", "张伟", Result{Mismatch, ReasonTraditional, 1}},
		{"张伟", "張偉", Result{Mismatch, ReasonTraditional, 0}},
		{"张伟", "张玮", Result{Mismatch, ReasonOneCharacter, 1}},
		{"张伟", "张伟", Result{Match, ReasonNone, -1}},
	}
	for _, tt := range tests {
		if got := Name(tt.typed, tt.document, opt); got != tt.want {
			t.Errorf("Name(%q, %q, WithSimplifier) = %+v, want %+v", tt.typed, tt.document, got, tt.want)
		}
	}
	// The converter explains a mismatch; it never makes one a match.
	r := NameWithMRZ("張偉", "张伟", "ZHANG", "WEI", opt)
	if r.Outcome != Mismatch || r.Reason != ReasonTraditional {
		t.Errorf("NameWithMRZ(張偉, 张伟) = %+v, want a mismatch with %s", r, ReasonTraditional)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		y, m, d int
		err     error
	}{
		{"1990-01-02", 1990, 1, 2, nil},
		{"1990/12/31", 1990, 12, 31, nil},
		{"２０００年２月２９号", 2000, 2, 29, nil},
		{"1990 年 1 月 2 日", 1990, 1, 2, nil},
		{"31.12.1999", 1999, 12, 31, nil},
		{"13-01-2001", 2001, 1, 13, nil},
		{"05/05/2005", 2005, 5, 5, nil},
		{"02/01/1990", 0, 0, 0, ErrAmbiguousDate},
		{"1990-13-01", 0, 0, 0, ErrInvalidDate},
		{"2001-02-29", 0, 0, 0, ErrInvalidDate},
		{"1990-01-02T00:00", 0, 0, 0, ErrInvalidDate},
		{"1990年1月", 0, 0, 0, ErrInvalidDate},
		{"", 0, 0, 0, ErrInvalidDate},
		{strings.Repeat("9", MaxInputBytes+1), 0, 0, 0, ErrTooLong},
	}
	for _, tt := range tests {
		y, m, d, err := ParseDate(tt.in)
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("ParseDate(%q) = %d, %d, %d, %v; want %d, %d, %d, %v", tt.in, y, m, d, err, tt.y, tt.m, tt.d, tt.err)
		}
	}
}

func TestNormalize(t *testing.T) {
	names := map[string]string{
		"Müller":                             "MUELLER",
		"José  García":                       "JOSE GARCIA",
		"O'Brien":                            "OBRIEN",
		"Anne-Marie Dupont":                  "ANNE MARIE DUPONT",
		"ERIKSSON<<ANNA<MARIA":               "ERIKSSON ANNA MARIA",
		"Søren Ærø":                          "SOEREN AEROE",
		"Ａｎｎａ":                               "ANNA",
		"张 伟":                                "张伟",
		"买买提・艾力":                             "买买提·艾力",
		"":                                   "",
		strings.Repeat("a", MaxInputBytes+1): "",
	}
	for in, want := range names {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
	ids := map[string]string{
		"１１０１０５ １９９００３０７ １２３ｘ": id18,
		"e-1234-5678": "E12345678",
		"\u3000":      "",
	}
	for in, want := range ids {
		if got := NormalizeID(in); got != want {
			t.Errorf("NormalizeID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHostileNames checks that long names full of letters with ICAO
// alternatives neither panic nor match something different.
func TestHostileNames(t *testing.T) {
	long := strings.Repeat("Ü", MaxInputBytes/2)
	if r := Name(long, long); r.Outcome != Match {
		t.Errorf("Name(long, long) = %+v, want a match", r)
	}
	other := strings.Repeat("Ü", MaxInputBytes/2-1) + "Ö"
	if r := Name(long, other); r.Outcome != Mismatch {
		t.Errorf("Name(long, other) = %+v, want a mismatch", r)
	}
	words := strings.Repeat("Ü ", MaxInputBytes/3)
	if r := Name(words, strings.Repeat("UE ", MaxInputBytes/3-1)+"X"); r.Outcome != Mismatch {
		t.Errorf("Name(words, ...) = %+v, want a mismatch", r)
	}
}

// TestConcurrent runs the comparisons from several goroutines at once; run
// with -race it checks that the pooled transforms are not shared.
func TestConcurrent(t *testing.T) {
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 20; i++ {
				for _, c := range compareCases {
					if got := c.run(); got.Outcome != c.outcome {
						t.Errorf("%s(%q, %q) = %+v concurrently", c.kind, c.typed, c.document, got)
						return
					}
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
