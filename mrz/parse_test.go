package mrz

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"", '0'},
		{"<<<<<<<<<", '0'},
		{"L898902C3", '6'},
		{"740812", '2'},
		{"120415", '9'},
		{"ZE184226B<<<<<", '1'},
		{"D23145890", '7'},
		{"KB0000000", '3'},
		{"1234567890", '7'},
		{"AAAAAAAAAA", '0'}, // 10 * (7+3+1) * 3 + 10*7 = 400
		{"Z", '5'},          // 35 * 7 = 245
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := CheckDigit(tt.in)
			require.NoError(t, err)
			assert.Equal(t, string(tt.want), string(got))
		})
	}
}

func TestCheckDigitErrors(t *testing.T) {
	for _, in := range []string{"l898902c3", "L89 8902", "740812-", "ÉRIK", "\xff", "A\x00"} {
		t.Run(in, func(t *testing.T) {
			_, err := CheckDigit(in)
			require.ErrorIs(t, err, ErrCharacter)
		})
	}
}

func TestParseSpecimens(t *testing.T) {
	tests := []struct {
		name   string
		lines  []string
		want   Document
		checks []string
	}{
		{
			name:  "TD3 ICAO Part 4",
			lines: specimenTD3,
			want: Document{
				Format: TD3, DocumentCode: "P", IssuingState: "UTO", Surname: "ERIKSSON",
				GivenNames: "ANNA MARIA", DocumentNumber: "L898902C3", Nationality: "UTO",
				BirthDate: "740812", Sex: "F", ExpiryDate: "120415", OptionalData1: "ZE184226B",
			},
			checks: []string{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldPersonalNumber, FieldComposite},
		},
		{
			name:  "TD1 ICAO Part 5",
			lines: specimenTD1,
			want: Document{
				Format: TD1, DocumentCode: "I", IssuingState: "UTO", Surname: "ERIKSSON",
				GivenNames: "ANNA MARIA", DocumentNumber: "D23145890", Nationality: "UTO",
				BirthDate: "740812", Sex: "F", ExpiryDate: "120415",
			},
			checks: []string{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite},
		},
		{
			name:  "TD2 ICAO Part 6",
			lines: specimenTD2,
			want: Document{
				Format: TD2, DocumentCode: "I", IssuingState: "UTO", Surname: "ERIKSSON",
				GivenNames: "ANNA MARIA", DocumentNumber: "D23145890", Nationality: "UTO",
				BirthDate: "740812", Sex: "F", ExpiryDate: "120415",
			},
			checks: []string{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite},
		},
		{
			name:  "TD3 Estonian specimen",
			lines: specimenEST,
			want: Document{
				Format: TD3, DocumentCode: "P", IssuingState: "EST", Surname: "MAENNIK",
				GivenNames: "MARI LIIS", DocumentNumber: "KB0000000", Nationality: "EST",
				BirthDate: "750122", Sex: "F", ExpiryDate: "120522", OptionalData1: "47501220010",
			},
			checks: []string{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldPersonalNumber, FieldComposite},
		},
		{
			name:  "TD1 long document number",
			lines: specimenTD1Long,
			want: Document{
				Format: TD1, DocumentCode: "ID", IssuingState: "UTO", Surname: "SPECIMEN",
				GivenNames: "JANE", DocumentNumber: "1234567890", Nationality: "UTO",
				BirthDate: "860101", Sex: "M", ExpiryDate: "300101",
			},
			checks: []string{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.lines)
			require.NoError(t, err)
			assert.True(t, d.Valid, "checks %+v malformed %v", d.Checks, d.Malformed)
			assert.Empty(t, d.Malformed)
			assert.False(t, d.Repaired)
			assert.Equal(t, tt.lines, d.Lines)
			var fields []string
			for _, c := range d.Checks {
				fields = append(fields, c.Field)
				assert.True(t, c.Valid, c.Field)
			}
			assert.Equal(t, tt.checks, fields)
			got := *d
			got.Lines, got.Checks, got.Valid, got.Malformed = nil, nil, false, nil
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseDoesNotAliasInput(t *testing.T) {
	lines := cloneLines(specimenTD3)
	d, err := Parse(lines)
	require.NoError(t, err)
	lines[0] = "changed"
	assert.Equal(t, specimenTD3[0], d.Lines[0])
}

func TestParseFailedChecks(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		line    int
		pos     int
		c       byte
		invalid []string
	}{
		{"TD3 document number", specimenTD3, 1, 0, 'M', []string{FieldDocumentNumber, FieldComposite}},
		{"TD3 document number check", specimenTD3, 1, 9, '5', []string{FieldDocumentNumber, FieldComposite}},
		{"TD3 birth date", specimenTD3, 1, 14, '5', []string{FieldBirthDate, FieldComposite}},
		{"TD3 expiry check", specimenTD3, 1, 27, '8', []string{FieldExpiryDate, FieldComposite}},
		{"TD3 personal number", specimenTD3, 1, 30, '3', []string{FieldPersonalNumber, FieldComposite}},
		{"TD3 composite", specimenTD3, 1, 43, '1', []string{FieldComposite}},
		{"TD3 nationality is not covered", specimenTD3, 1, 10, 'D', nil},
		{"TD1 optional data 1", specimenTD1, 0, 20, 'B', []string{FieldComposite}},
		{"TD1 optional data 2", specimenTD1, 1, 20, '7', []string{FieldComposite}},
		{"TD1 expiry", specimenTD1, 1, 9, '3', []string{FieldExpiryDate, FieldComposite}},
		{"TD1 long number check", specimenTD1Long, 0, 16, '8', []string{FieldDocumentNumber, FieldComposite}},
		{"TD2 optional data", specimenTD2, 1, 30, '1', []string{FieldComposite}},
		{"TD2 birth check", specimenTD2, 1, 19, '3', []string{FieldBirthDate, FieldComposite}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := cloneLines(tt.lines)
			lines[tt.line] = setChar(lines[tt.line], tt.pos, tt.c)
			d, err := Parse(lines)
			require.NoError(t, err)
			var invalid []string
			for _, c := range d.Checks {
				if !c.Valid {
					invalid = append(invalid, c.Field)
				}
			}
			assert.Equal(t, tt.invalid, invalid)
			assert.Equal(t, len(tt.invalid) == 0, d.Valid)
		})
	}
}

func TestParsePersonalNumberFiller(t *testing.T) {
	empty := func(check, composite byte) []string {
		l2 := "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<" + string(check) + string(composite)
		return []string{specimenTD3[0], l2}
	}
	composite, err := CheckDigit("L898902C36" + "7408122" + "1204159<<<<<<<<<<<<<<<")
	require.NoError(t, err)
	tests := []struct {
		name  string
		lines []string
		valid bool
	}{
		{"filler check digit", empty('<', composite), true},
		{"zero check digit", empty('0', composite), true},
		{"wrong check digit", empty('3', composite), false},
		{"filler check digit with a number", setLine(specimenTD3, 1, 42, '<'), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.lines)
			require.NoError(t, err)
			assert.Equal(t, tt.valid, checkOf(d, FieldPersonalNumber))
		})
	}
}

func setLine(lines []string, line, pos int, c byte) []string {
	out := cloneLines(lines)
	out[line] = setChar(out[line], pos, c)
	return out
}

func checkOf(d *Document, field string) bool {
	for _, c := range d.Checks {
		if c.Field == field {
			return c.Valid
		}
	}
	return false
}

func TestParseMalformed(t *testing.T) {
	// withDate replaces the TD3 birth date and its check digit, and fixes the
	// composite, so that only the malformed date is wrong.
	withDate := func(birth string) []string {
		cd, err := CheckDigit(birth)
		require.NoError(t, err)
		l2 := "L898902C36UTO" + birth + string(cd) + "F1204159ZE184226B<<<<<1"
		comp, err := CheckDigit(l2[0:10] + l2[13:20] + l2[21:43])
		require.NoError(t, err)
		return []string{specimenTD3[0], l2 + string(comp)}
	}
	tests := []struct {
		name      string
		lines     []string
		malformed []string
	}{
		{"month 13", withDate("741312"), []string{FieldBirthDate}},
		{"30 February", withDate("740230"), []string{FieldBirthDate}},
		{"letter in date", withDate("74O812"), []string{FieldBirthDate}},
		{"unknown day is allowed", withDate("7408<<"), nil},
		{"29 February of a leap year", withDate("760229"), nil},
		{"sex", setLine(specimenTD3, 1, 20, 'Q'), []string{FieldSex}},
		{"document code", setLine(specimenTD3, 0, 0, '1'), []string{FieldDocumentCode}},
		{"issuing state", setLine(specimenTD3, 0, 2, '0'), []string{FieldIssuingState}},
		{"nationality", setLine(specimenTD3, 1, 11, '7'), []string{FieldNationality}},
		{"name", setLine(specimenTD3, 0, 5, '<'), []string{FieldName}},
		{"expiry", setLine(specimenTD1, 1, 10, '9'), []string{FieldExpiryDate}},
		{"long number without check digit", []string{
			"IDUTO123456789<<<<<<<<<<<<<<<<", specimenTD1Long[1], specimenTD1Long[2],
		}, []string{FieldDocumentNumber}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.lines)
			require.NoError(t, err)
			assert.Equal(t, tt.malformed, d.Malformed)
			if tt.malformed != nil {
				assert.False(t, d.Valid)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
	}{
		{"nil", nil},
		{"one line", specimenTD3[:1]},
		{"four lines", append(cloneLines(specimenTD1), specimenTD1[0])},
		{"short line", []string{specimenTD3[0], specimenTD3[1][:43]}},
		{"mixed widths", []string{specimenTD3[0], specimenTD2[1]}},
		{"TD1 line too long", []string{specimenTD1[0] + "<", specimenTD1[1], specimenTD1[2]}},
		{"lower case", []string{strings.ToLower(specimenTD3[0]), specimenTD3[1]}},
		{"space", []string{strings.Replace(specimenTD3[0], "<", " ", 1), specimenTD3[1]}},
		{"non-ASCII", []string{"P<UTOÉRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<", specimenTD3[1]}},
		{"2 lines of 30", specimenTD1[:2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.lines)
			require.ErrorIs(t, err, ErrFormat)
			assert.Nil(t, d)
		})
	}
}

func TestBirth(t *testing.T) {
	now := time.Date(2025, 6, 15, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		birth string
		want  string
	}{
		{"740812", "1974-08-12"},
		{"250615", "2025-06-15"},
		{"250616", "1925-06-16"},
		{"000229", "2000-02-29"},
		{"100101", "2010-01-01"},
		{"991231", "1999-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.birth, func(t *testing.T) {
			d := Document{BirthDate: tt.birth}
			got, err := d.Birth(now)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.Format(time.DateOnly))
		})
	}
	for _, bad := range []string{"", "7408<<", "741312", "740230", "74081", "7408122"} {
		t.Run("invalid "+bad, func(t *testing.T) {
			d := Document{BirthDate: bad}
			_, err := d.Birth(now)
			require.ErrorIs(t, err, ErrDate)
		})
	}
}

func TestExpiry(t *testing.T) {
	tests := []struct {
		expiry string
		want   string
	}{
		{"120415", "2012-04-15"},
		{"691231", "2069-12-31"},
		{"700101", "1970-01-01"},
		{"350229", ""},
		{"360229", "2036-02-29"},
		{"12O415", ""},
	}
	for _, tt := range tests {
		t.Run(tt.expiry, func(t *testing.T) {
			d := Document{ExpiryDate: tt.expiry}
			got, err := d.Expiry()
			if tt.want == "" {
				require.ErrorIs(t, err, ErrDate)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.Format(time.DateOnly))
		})
	}
}
