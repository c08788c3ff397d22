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
func parseValidity(text string) (from, to time.Time, ok bool) {
	v, err := cnid.ParseValidity(text)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	return v.From, v.To, true
}
