package mrz_test

import (
	"fmt"
	"time"

	"github.com/docprecheck/docprecheck/mrz"
)

func ExampleCheckDigit() {
	d, err := mrz.CheckDigit("L898902C3")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(d))
	// Output: 6
}

func ExampleParse() {
	d, err := mrz.Parse([]string{
		"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	})
	if err != nil {
		panic(err)
	}
	birth, _ := d.Birth(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(d.Format, d.Surname, d.GivenNames, d.DocumentNumber, birth.Format(time.DateOnly), d.Valid)
	for _, c := range d.Checks {
		fmt.Println(c.Field, c.Valid)
	}
	// Output:
	// TD3 ERIKSSON ANNA MARIA L898902C3 1974-08-12 true
	// document_number true
	// birth_date true
	// expiry_date true
	// personal_number true
	// composite true
}

func ExampleRepair() {
	// OCR output of a TD1 card: lower case, spaces, '«' for two fillers,
	// K for a filler, O for 0 in a date, l for 1 in a check digit and two
	// fillers lost at the end of the name.
	d, err := mrz.Repair([]string{
		"i<uto d23145890 7<<<<K<<<<<<<<<<",
		"74O8122F12O4l59UTO«<<<<<<<<<6",
		"ERIKSSON«ANNA<MARIA<<<<<<<<",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Format, d.Valid, d.Repaired)
	for _, l := range d.Lines {
		fmt.Println(l)
	}
	// Output:
	// TD1 true true
	// I<UTOD231458907<<<<<<<<<<<<<<<
	// 7408122F1204159UTO<<<<<<<<<<<6
	// ERIKSSON<<ANNA<MARIA<<<<<<<<<<
}

func ExampleFindLines() {
	text := `PASSPORT  UTOPIA
Surname ERIKSSON
p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<
L898902C36UTO74O8122F1204159ZE184226B<<<<<10
`
	d, err := mrz.Repair(mrz.FindLines(text))
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Lines[1], d.Valid)
	// Output: L898902C36UTO7408122F1204159ZE184226B<<<<<10 true
}

func ExampleBuild() {
	lines, err := mrz.Build(mrz.TD1, mrz.Fields{
		DocumentCode:   "ID",
		IssuingState:   "UTO",
		Surname:        "Specimen",
		GivenNames:     "Jane",
		DocumentNumber: "1234567890",
		Nationality:    "UTO",
		BirthDate:      "860101",
		Sex:            "M",
		ExpiryDate:     "300101",
	})
	if err != nil {
		panic(err)
	}
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// IDUTO123456789<07<<<<<<<<<<<<<
	// 8601012M3001019UTO<<<<<<<<<<<6
	// SPECIMEN<<JANE<<<<<<<<<<<<<<<<
}
