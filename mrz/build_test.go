package mrz

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildSpecimens(t *testing.T) {
	anna := Fields{
		IssuingState: "UTO", Surname: "Eriksson", GivenNames: "Anna Maria",
		Nationality: "UTO", BirthDate: "740812", Sex: "F", ExpiryDate: "120415",
	}
	with := func(f Fields, code, number, opt string) Fields {
		f.DocumentCode, f.DocumentNumber, f.OptionalData1 = code, number, opt
		return f
	}
	tests := []struct {
		name   string
		format Format
		fields Fields
		want   []string
	}{
		{"TD3", TD3, with(anna, "P", "L898902C3", "ZE184226B"), specimenTD3},
		{"TD1", TD1, with(anna, "I", "D23145890", ""), specimenTD1},
		{"TD2", TD2, with(anna, "I", "D23145890", ""), specimenTD2},
		{"TD3 Estonia", TD3, Fields{
			DocumentCode: "P", IssuingState: "EST", Surname: "Männik", GivenNames: "Mari-Liis",
			DocumentNumber: "KB0000000", Nationality: "EST", BirthDate: "750122", Sex: "F",
			ExpiryDate: "120522", OptionalData1: "47501220010",
		}, nil}, // Männik must be transliterated first: see TestBuildErrors
		{"TD3 Estonia transliterated", TD3, Fields{
			DocumentCode: "P", IssuingState: "EST", Surname: "MAENNIK", GivenNames: "Mari-Liis",
			DocumentNumber: "KB0000000", Nationality: "EST", BirthDate: "750122", Sex: "F",
			ExpiryDate: "120522", OptionalData1: "47501220010",
		}, specimenEST},
		{"TD1 long number", TD1, Fields{
			DocumentCode: "ID", IssuingState: "UTO", Surname: "Specimen", GivenNames: "Jane",
			DocumentNumber: "1234567890", Nationality: "UTO", BirthDate: "860101", Sex: "M",
			ExpiryDate: "300101",
		}, specimenTD1Long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Build(tt.format, tt.fields)
			if tt.want == nil {
				require.ErrorIs(t, err, ErrField)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBuildNames(t *testing.T) {
	tests := []struct {
		surname, given string
		want           string
	}{
		{"Eriksson", "Anna Maria", "ERIKSSON<<ANNA<MARIA"},
		{"de la Cruz", "José", ""},
		{"de la Cruz", "Jose", "DE<LA<CRUZ<<JOSE"},
		{"Smith-Jones", "", "SMITH<JONES"},
		{"O'Neill", "Mary  Ann", "ONEILL<<MARY<ANN"},
		{"  Padded  ", " Name ", "PADDED<<NAME"},
		{"Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine", "WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU"},
		{"", "Anna", ""},
	}
	for _, tt := range tests {
		t.Run(tt.surname+"/"+tt.given, func(t *testing.T) {
			lines, err := Build(TD3, Fields{
				DocumentCode: "P", IssuingState: "UTO", Surname: tt.surname, GivenNames: tt.given,
				DocumentNumber: "X1", Nationality: "UTO", BirthDate: "900101", ExpiryDate: "300101",
			})
			if tt.want == "" {
				require.ErrorIs(t, err, ErrField)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, pad(tt.want, 39), lines[0][5:])
		})
	}
}

func TestBuildErrors(t *testing.T) {
	ok := Fields{
		DocumentCode: "P", IssuingState: "UTO", Surname: "DOE", GivenNames: "JANE",
		DocumentNumber: "AB1234567", Nationality: "UTO", BirthDate: "900101", Sex: "F", ExpiryDate: "300101",
	}
	tests := []struct {
		name   string
		format Format
		change func(*Fields)
	}{
		{"document code digit", TD3, func(f *Fields) { f.DocumentCode = "1" }},
		{"document code too long", TD3, func(f *Fields) { f.DocumentCode = "PPP" }},
		{"empty state", TD3, func(f *Fields) { f.IssuingState = "" }},
		{"state too long", TD3, func(f *Fields) { f.IssuingState = "UTOP" }},
		{"nationality digit", TD3, func(f *Fields) { f.Nationality = "U1O" }},
		{"empty number", TD3, func(f *Fields) { f.DocumentNumber = "" }},
		{"number with space", TD3, func(f *Fields) { f.DocumentNumber = "AB 12" }},
		{"TD3 long number", TD3, func(f *Fields) { f.DocumentNumber = "AB12345678" }},
		{"TD1 number too long", TD1, func(f *Fields) { f.DocumentNumber = strings.Repeat("A", 24) }},
		{"TD2 number too long", TD2, func(f *Fields) { f.DocumentNumber = strings.Repeat("A", 16) }},
		{"birth date short", TD3, func(f *Fields) { f.BirthDate = "9001" }},
		{"birth date month 13", TD3, func(f *Fields) { f.BirthDate = "901301" }},
		{"birth date letter", TD3, func(f *Fields) { f.BirthDate = "90O101" }},
		{"expiry unknown day", TD3, func(f *Fields) { f.ExpiryDate = "3001<<" }},
		{"sex", TD3, func(f *Fields) { f.Sex = "W" }},
		{"personal number too long", TD3, func(f *Fields) { f.OptionalData1 = strings.Repeat("1", 15) }},
		{"TD3 optional data 2", TD3, func(f *Fields) { f.OptionalData2 = "1" }},
		{"TD2 optional data 2", TD2, func(f *Fields) { f.OptionalData2 = "1" }},
		{"TD2 optional data too long", TD2, func(f *Fields) { f.OptionalData1 = "12345678" }},
		{"TD1 optional data 1 too long", TD1, func(f *Fields) { f.OptionalData1 = strings.Repeat("1", 16) }},
		{"TD1 optional data 2 too long", TD1, func(f *Fields) { f.OptionalData2 = strings.Repeat("1", 12) }},
		{"TD1 long number and optional data", TD1, func(f *Fields) {
			f.DocumentNumber, f.OptionalData1 = "1234567890123", "ABCDEFGHIJ"
		}},
		{"optional data punctuation", TD1, func(f *Fields) { f.OptionalData1 = "A-B" }},
		{"name digit", TD3, func(f *Fields) { f.GivenNames = "JANE2" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ok
			tt.change(&f)
			_, err := Build(tt.format, f)
			require.ErrorIs(t, err, ErrField)
		})
	}
	_, err := Build("TD4", ok)
	require.ErrorIs(t, err, ErrFormat)
}

// randomFields returns fields for an invented person that fit format f.
func randomFields(rng *rand.Rand, f Format) Fields {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	const alnum = letters + "0123456789"
	word := func(set string, minLen, maxLen int) string {
		n := minLen + rng.IntN(maxLen-minLen+1)
		b := make([]byte, n)
		for i := range b {
			b[i] = set[rng.IntN(len(set))]
		}
		return string(b)
	}
	date := func() string {
		return fmt.Sprintf("%02d%02d%02d", rng.IntN(100), 1+rng.IntN(12), 1+rng.IntN(28))
	}
	// Names fit the narrowest name field (30); TestBuildNames covers cutting.
	given := word(letters, 2, 6)
	if rng.IntN(2) == 0 {
		given += " " + word(letters, 1, 6)
	}
	fields := Fields{
		DocumentCode:   []string{"P", "I", "ID", "AC", "PD"}[rng.IntN(5)],
		IssuingState:   word(letters, 3, 3),
		Surname:        word(letters, 2, 10),
		GivenNames:     given,
		DocumentNumber: word(alnum, 1, 9),
		Nationality:    []string{"UTO", "D", "EST", "CHN", "GBR"}[rng.IntN(5)],
		BirthDate:      date(),
		Sex:            []string{"M", "F", "X", "<", ""}[rng.IntN(5)],
		ExpiryDate:     date(),
	}
	switch f {
	case TD1:
		if rng.IntN(3) == 0 {
			fields.DocumentNumber = word(alnum, 10, 14)
		} else {
			fields.OptionalData1 = word(alnum, 0, 15)
		}
		fields.OptionalData2 = word(alnum, 0, 11)
	case TD2:
		if rng.IntN(3) == 0 {
			fields.DocumentNumber = word(alnum, 10, 12)
		} else {
			fields.OptionalData1 = word(alnum, 0, 7)
		}
	case TD3:
		fields.OptionalData1 = word(alnum, 0, 14)
	}
	return fields
}

func TestBuildParseRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9303, 1))
	for _, f := range []Format{TD1, TD2, TD3} {
		t.Run(string(f), func(t *testing.T) {
			for i := 0; i < 500; i++ {
				fields := randomFields(rng, f)
				lines, err := Build(f, fields)
				require.NoError(t, err, "%+v", fields)
				d, err := Parse(lines)
				require.NoError(t, err)
				require.True(t, d.Valid, "%q: %+v %v", lines, d.Checks, d.Malformed)
				require.Equal(t, f, d.Format)
				want := fields
				if want.Sex == "" {
					want.Sex = "<"
				}
				require.Equal(t, want, d.Fields(), "%q", lines)
				again, err := Build(f, d.Fields())
				require.NoError(t, err)
				require.Equal(t, lines, again)
			}
		})
	}
}
