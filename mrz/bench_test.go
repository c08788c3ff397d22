package mrz

import (
	"strings"
	"testing"
)

func BenchmarkCheckDigit(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CheckDigit("L898902C36UTO7408122F1204159ZE184226B<<<<<1"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(specimenTD3); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRepair compares a clean reading with damaged ones; the damaged
// readings take the length and enumeration paths.
func BenchmarkRepair(b *testing.B) {
	cases := []struct {
		name  string
		lines []string
	}{
		{"clean", specimenTD3},
		{"typed fields", []string{"p<uto eriks5on<<anna<maria<<<<<<<<<<<<<<<<<<<", "L898902C36UTO74O8l22F12O4159ZE184226B<<<<<1O"}},
		{"lost filler", []string{specimenTD3[0], strings.Replace(specimenTD3[1], "<<<<<", "<<<", 1)}},
		{"document number", []string{specimenTD3[0], setChar(specimenTD3[1], 5, 'O')}},
		{"TD1 three short lines", []string{specimenTD1[0][:28], specimenTD1[1][:29], specimenTD1[2][:27]}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Repair(c.lines); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFindLines(b *testing.B) {
	text := strings.Repeat("Surname ERIKSSON Given names ANNA MARIA\n", 20) + strings.Join(specimenTD3, "\n")
	b.ReportAllocs()
	for b.Loop() {
		if FindLines(text) == nil {
			b.Fatal("not found")
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	fields := Fields{
		DocumentCode: "P", IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
		DocumentNumber: "L898902C3", Nationality: "UTO", BirthDate: "740812", Sex: "F",
		ExpiryDate: "120415", OptionalData1: "ZE184226B",
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(TD3, fields); err != nil {
			b.Fatal(err)
		}
	}
}
