package mrz

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are the specimens and damaged readings of them.
func fuzzSeeds() []string {
	seeds := []string{
		strings.Join(specimenTD3, "\n"),
		strings.Join(specimenTD1, "\n"),
		strings.Join(specimenTD2, "\n"),
		strings.Join(specimenEST, "\n"),
		strings.Join(specimenTD1Long, "\n"),
		"p<uto eriksson«anna<maria«««««««\nL898902C36UTO74O8l22F12O4159ZE184226B<<<<10",
		"I<UTOD231458907<<<<<K<<<<<<<<\n7408122F12O4159UTO<<<<<<<<<<6\nERIKSS0N<<ANNA<MARIA",
		"\n\n\n",
		"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
		"KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK\nKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK",
		"<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K<K\n<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<O<",
		"\xff\xfe\n\xc0\xaf",
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		d, err := Parse(lines)
		if err != nil {
			return
		}
		n, width, ok := d.Format.shape()
		if !ok || len(d.Lines) != n || len(d.Lines[0]) != width {
			t.Fatalf("format %s with lines %q", d.Format, d.Lines)
		}
		valid := len(d.Malformed) == 0
		for _, c := range d.Checks {
			valid = valid && c.Valid
		}
		if valid != d.Valid {
			t.Fatalf("Valid %v with checks %+v and malformed %v", d.Valid, d.Checks, d.Malformed)
		}
		for i, l := range lines {
			if d.Lines[i] != l {
				t.Fatalf("Parse changed line %d", i)
			}
		}
	})
}

func FuzzRepair(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		d, err := Repair(lines)
		if err != nil {
			return
		}
		parsed, err := Parse(d.Lines)
		if err != nil {
			t.Fatalf("Repair returned lines Parse rejects: %q: %v", d.Lines, err)
		}
		if parsed.Valid != d.Valid || parsed.Format != d.Format {
			t.Fatalf("Repair and Parse disagree on %q", d.Lines)
		}
		if d.Valid {
			again, err := Repair(d.Lines)
			if err != nil || again.Repaired {
				t.Fatalf("Repair is not idempotent on valid %q", d.Lines)
			}
		}
	})
}

func FuzzFindLines(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := FindLines(text)
		if lines != nil && len(lines) != 2 && len(lines) != 3 {
			t.Fatalf("FindLines returned %d lines", len(lines))
		}
		for _, l := range lines {
			if !utf8.ValidString(l) {
				t.Fatalf("invalid UTF-8 in %q", l)
			}
			for i := 0; i < len(l); i++ {
				if !isMRZChar(l[i]) {
					t.Fatalf("character %q in %q", l[i], l)
				}
			}
		}
	})
}

func FuzzBuild(f *testing.F) {
	f.Add("TD3", "P", "UTO", "ERIKSSON", "ANNA MARIA", "L898902C3", "740812", "F", "120415", "ZE184226B", "")
	f.Add("TD1", "ID", "UTO", "SPECIMEN", "JANE", "1234567890", "860101", "M", "300101", "", "")
	f.Add("TD2", "I", "D", "O'NEILL", "MARY-ANN", "D23145890", "7408<<", "", "120415", "1", "")
	f.Fuzz(func(t *testing.T, format, code, state, surname, given, number, birth, sex, expiry, opt1, opt2 string) {
		fields := Fields{
			DocumentCode: code, IssuingState: state, Surname: surname, GivenNames: given,
			DocumentNumber: number, Nationality: state, BirthDate: birth, Sex: sex,
			ExpiryDate: expiry, OptionalData1: opt1, OptionalData2: opt2,
		}
		lines, err := Build(Format(format), fields)
		if err != nil {
			return
		}
		d, err := Parse(lines)
		if err != nil {
			t.Fatalf("Parse rejects built lines %q: %v", lines, err)
		}
		if !d.Valid {
			t.Fatalf("built lines %q are invalid: %+v %v", lines, d.Checks, d.Malformed)
		}
	})
}
