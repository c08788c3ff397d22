package mrz

import (
	"fmt"
	"time"
)

// Check is the outcome of one check digit.
type Check struct {
	// Field is the field the check digit protects: one of FieldDocumentNumber,
	// FieldBirthDate, FieldExpiryDate, FieldPersonalNumber or FieldComposite.
	Field string `json:"field"`
	// Valid reports whether the printed check digit matches the data.
	Valid bool `json:"valid"`
}

// Document is a parsed machine-readable zone. Text fields hold the MRZ
// characters with the filler '<' removed from their ends; within names a
// single filler reads as a space.
//
// A Document is a plain value: safe to read concurrently, not to modify
// concurrently.
type Document struct {
	Format Format `json:"format"`
	// DocumentCode is the document code without filler: "P", "I", "ID", "AC"...
	DocumentCode string `json:"document_code"`
	IssuingState string `json:"issuing_state"`
	// Surname is the primary identifier, GivenNames the secondary identifier
	// with the given names joined by single spaces.
	Surname    string `json:"surname"`
	GivenNames string `json:"given_names"`
	// DocumentNumber is the whole number, including the part that a TD1 or
	// TD2 long document number carries in the optional data.
	DocumentNumber string `json:"document_number"`
	Nationality    string `json:"nationality"`
	// BirthDate and ExpiryDate are the raw YYMMDD fields; see [Document.Birth]
	// and [Document.Expiry]. An unknown part of a birth date is '<'.
	BirthDate  string `json:"birth_date"`
	ExpiryDate string `json:"expiry_date"`
	// Sex is "M", "F", "X" or "<" (unspecified).
	Sex string `json:"sex"`
	// OptionalData1 is the optional data of line 1 (TD1), of line 2 (TD2)
	// or the personal number (TD3), without the long document number.
	OptionalData1 string `json:"optional_data_1,omitempty"`
	// OptionalData2 is the optional data of line 2 of TD1; empty otherwise.
	OptionalData2 string `json:"optional_data_2,omitempty"`
	// Lines are the lines that were parsed, after any repair.
	Lines []string `json:"lines"`
	// Checks lists every check digit of the format, in reading order.
	Checks []Check `json:"checks"`
	// Malformed lists the fields whose content breaks the format, such as a
	// letter in a date or a month 13. Field names are the Field constants.
	Malformed []string `json:"malformed,omitempty"`
	// Valid reports that every check digit is valid and nothing is malformed.
	Valid bool `json:"valid"`
	// Repaired reports that [Repair] changed the input in any way, even only
	// by removing spaces or upper-casing.
	Repaired bool `json:"repaired"`
}

// Birth returns the date of birth. The MRZ holds two digits for the year:
// the century is chosen so that the date is not after now (a birth year 30
// read in 2025 is 1930). An unknown or invalid date is an error wrapping
// [ErrDate].
func (d *Document) Birth(now time.Time) (time.Time, error) {
	yy, mm, dd, err := splitDate(d.BirthDate)
	if err != nil {
		return time.Time{}, fmt.Errorf("birth date: %w", err)
	}
	ny, nm, nd := now.Date()
	today := time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)
	t, ok := makeDate(2000+yy, mm, dd)
	if !ok || t.After(today) {
		t, ok = makeDate(1900+yy, mm, dd)
	}
	if !ok {
		return time.Time{}, fmt.Errorf("birth date: %w: %q", ErrDate, d.BirthDate)
	}
	return t, nil
}

// Expiry returns the date of expiry. The century is 2000 for a two-digit
// year below 70 and 1900 from 70 on: documents expiring before 1970 are not
// in circulation, and none is issued for more than 50 years. An invalid date
// is an error wrapping [ErrDate].
func (d *Document) Expiry() (time.Time, error) {
	yy, mm, dd, err := splitDate(d.ExpiryDate)
	if err != nil {
		return time.Time{}, fmt.Errorf("expiry date: %w", err)
	}
	year := 2000 + yy
	if yy >= 70 {
		year = 1900 + yy
	}
	t, ok := makeDate(year, mm, dd)
	if !ok {
		return time.Time{}, fmt.Errorf("expiry date: %w: %q", ErrDate, d.ExpiryDate)
	}
	return t, nil
}

// Fields returns the field values of d in the form [Build] takes, so that
// Build(d.Format, d.Fields()) writes the lines of a well-formed document
// again.
func (d *Document) Fields() Fields {
	return Fields{
		DocumentCode:   d.DocumentCode,
		IssuingState:   d.IssuingState,
		Surname:        d.Surname,
		GivenNames:     d.GivenNames,
		DocumentNumber: d.DocumentNumber,
		Nationality:    d.Nationality,
		BirthDate:      d.BirthDate,
		Sex:            d.Sex,
		ExpiryDate:     d.ExpiryDate,
		OptionalData1:  d.OptionalData1,
		OptionalData2:  d.OptionalData2,
	}
}

// splitDate splits a YYMMDD field of six digits.
func splitDate(s string) (yy, mm, dd int, err error) {
	if len(s) != 6 {
		return 0, 0, 0, fmt.Errorf("%w: %q is not YYMMDD", ErrDate, s)
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, 0, fmt.Errorf("%w: %q is not YYMMDD", ErrDate, s)
		}
	}
	yy = int(s[0]-'0')*10 + int(s[1]-'0')
	mm = int(s[2]-'0')*10 + int(s[3]-'0')
	dd = int(s[4]-'0')*10 + int(s[5]-'0')
	return yy, mm, dd, nil
}

// makeDate returns the date at midnight UTC, and false when it is not a
// calendar date.
func makeDate(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return time.Time{}, false
	}
	return t, true
}

// plausibleDate reports whether s is six digits forming a date in some
// century (29 February is accepted in years divisible by four).
func plausibleDate(s string) bool {
	yy, mm, dd, err := splitDate(s)
	if err != nil {
		return false
	}
	year := 2000 + yy
	if yy == 0 {
		year = 2000
	}
	_, ok := makeDate(year, mm, dd)
	return ok
}
