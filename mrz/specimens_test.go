package mrz

// Specimens published in ICAO Doc 9303 and an Estonian specimen passport.
// They describe invented people.
var (
	specimenTD3 = []string{
		"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	}
	specimenTD1 = []string{
		"I<UTOD231458907<<<<<<<<<<<<<<<",
		"7408122F1204159UTO<<<<<<<<<<<6",
		"ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
	}
	specimenTD2 = []string{
		"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
		"D231458907UTO7408122F1204159<<<<<<<6",
	}
	specimenEST = []string{
		"P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<",
		"KB00000003EST7501229F120522647501220010<<<02",
	}
	// specimenTD1Long has a 10-character document number, 1234567890, whose
	// check digit 7 follows it in the optional data.
	specimenTD1Long = []string{
		"IDUTO123456789<07<<<<<<<<<<<<<",
		"8601012M3001019UTO<<<<<<<<<<<6",
		"SPECIMEN<<JANE<<<<<<<<<<<<<<<<",
	}
)

// cloneLines returns a copy of lines that a test may change.
func cloneLines(lines []string) []string {
	return append([]string(nil), lines...)
}

// setChar returns s with the byte at i replaced by c.
func setChar(s string, i int, c byte) string {
	b := []byte(s)
	b[i] = c
	return string(b)
}
