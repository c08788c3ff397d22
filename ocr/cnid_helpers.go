package ocr

import (
	"time"

	"github.com/docprecheck/docprecheck/cnid"
)

// cnIDValid reports whether id is a well-formed citizen identity number with a matching check
// character.
func cnIDValid(id string) bool { return cnid.Validate(id) == nil }

// cnIDRepair reads the look-alike characters of an OCR reading as digits and returns the number
// when exactly one reading is confirmed by the check character.
func cnIDRepair(raw string) (string, bool) {
	id, _, err := cnid.Repair(raw)
	if err != nil {
		return "", false
	}
	return id, true
}

// cnIDBirth returns the birth date written in a citizen identity number.
func cnIDBirth(id string) (time.Time, bool) {
	t, err := cnid.BirthDate(id)
	return t, err == nil
}

// parseValidity reads the period of validity of a Chinese identity card; to is zero for a card
// valid without end (长期). A reading whose span is not one the law allows (5, 10 or 20 years) is
// rejected as a misreading.
//
// A crop a little off the field picks up the edge of the caption beside it, which Tesseract reads
// as a stray character before the dates ("上", "1"): when the whole reading does not parse, the
// dates are looked for from each place where a run of digits starts. The span the law allows
// confirms the dates found, as a check digit would.
func parseValidity(text string) (from, to time.Time, ok bool) {
	rs := []rune(text)
	for i := range rs {
		if i > 0 && (!isDigit(rs[i]) || isDigit(rs[i-1])) {
			continue
		}
		if v, err := cnid.ParseValidity(string(rs[i:])); err == nil {
			return v.From, v.To, true
		}
	}
	return time.Time{}, time.Time{}, false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
