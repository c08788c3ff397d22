package mrz

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindLines(t *testing.T) {
	passportPage := strings.Join([]string{
		"PASSPORT  PASSEPORT  UTOPIA",
		"Type/Type  P   Code/Code UTO   Passport No. L898902C3",
		"Surname/Nom ERIKSSON",
		"Given names/Prénoms ANNA MARIA",
		"",
		"p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10 ",
		"",
	}, "\r\n")
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"passport page", passportPage, specimenTD3},
		{"card with blank lines between", "IDENTITY CARD\n\n" +
			"I<UTOD231458907<<<<<<<<<<<<<<<\n\n7408122F1204159UTO<<<<<<<<<<<6\n\n" +
			"ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n", specimenTD1},
		{"TD2 with guillemets", "I<UTOERIKSSON«ANNA<MARIA«««««<\nD231458907UTO7408122F1204159«<<<<<6", specimenTD2},
		{"lines kept as read", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F1204159ZE184226B<<<<<10",
			[]string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<", "L898902C36UTO74O8122F1204159ZE184226B<<<<<10"}},
		{"last of two", strings.Join(specimenTD2, "\n") + "\nnoise\n" + strings.Join(specimenTD3, "\n"), specimenTD3},
		{"no MRZ", "REPUBLIC OF UTOPIA NATIONAL IDENTITY CARD\nNAME ANNA MARIA ERIKSSON", nil},
		{"long lines without fillers", strings.Repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQ\n", 2), nil},
		{"one line", specimenTD3[0], nil},
		{"empty", "", nil},
		{"invalid UTF-8", "\xff\xfe\xfd", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FindLines(tt.text))
		})
	}
}

func TestFindLinesReadsTheEndOfLongText(t *testing.T) {
	text := strings.Repeat("lorem ipsum dolor sit amet\n", 5000) + strings.Join(specimenTD1, "\n")
	require.Greater(t, len(text), maxFindBytes)
	assert.Equal(t, specimenTD1, FindLines(text))
}

func TestFindLinesThenRepair(t *testing.T) {
	text := "Passport\n P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F12O4159ZE184226B<<<<<10\n"
	d, err := Repair(FindLines(text))
	require.NoError(t, err)
	assert.True(t, d.Valid)
	assert.Equal(t, specimenTD3, d.Lines)
}
