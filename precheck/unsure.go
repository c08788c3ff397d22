package precheck

import (
	"strings"

	"github.com/docprecheck/docprecheck/match"
)

// Doubter is implemented by a Reader that knows where its readings cannot be trusted: Doubt
// returns why a reading of field (read) that differs from what was typed (typed) is no evidence
// that the document differs, or "" when the difference stands. The reason is reported in the
// unreadable issue; package ocr gives "rare_character" for a typed name holding characters its
// recogniser reads as look-alikes. The Checker asks it before reporting a mismatch.
type Doubter interface {
	Doubt(field, typed, read string) string
}

// Reasons of an unreadable issue that the comparison gives instead of a mismatch.
const (
	// ReasonLowConfidence: the reader was unsure of its reading (Reading.Unsure) and the reading
	// differs from what was typed.
	ReasonLowConfidence = "low_confidence"
	// ReasonRareCharacter: what was typed holds a character the reader cannot read reliably
	// (Doubter), and the reading differs from it there.
	ReasonRareCharacter = "rare_character"
)

// unsureMismatch tells whether a mismatch between a typed value and the reading of field is to be
// reported as unreadable rather than mismatched, and why: a reading the reader was unsure of, or a
// difference the reader doubts (Doubter), is no evidence that the document differs. It returns ""
// when the mismatch stands.
func (c *Checker) unsureMismatch(rd Reading, field, typed, read string, res match.Result) string {
	if res.Outcome != match.Mismatch {
		return ""
	}
	if d, ok := c.reader.(Doubter); ok {
		if why := d.Doubt(field, typed, read); why != "" {
			return why
		}
	}
	for _, f := range rd.Unsure {
		if f == field {
			return ReasonLowConfidence
		}
	}
	return ""
}

// consistent reports whether read, the reading of field, differs from typed only where the reader
// named the typed character as one it could not tell from the character read
// (Reading.Alternatives), and differs somewhere. Spaces typed are ignored, as match.Name ignores
// them in Chinese names; the comparison is otherwise character by character, so a reading with a
// character more or fewer is never consistent.
func consistent(typed, read string, rd Reading, field string) bool {
	alts := rd.Alternatives[field]
	_, printed := fieldValues(Typed{}, rd.Printed, field)
	r := []rune(read)
	if len(alts) != len(r) || read != printed { // alternatives belong to the printed reading
		return false
	}
	t := []rune(strings.Join(strings.Fields(typed), ""))
	if len(t) != len(r) {
		return false
	}
	differs := false
	for i := range r {
		if t[i] == r[i] {
			continue
		}
		if alts[i] == "" || alts[i] != string(t[i]) {
			return false
		}
		differs = true
	}
	return differs
}

// fieldValues returns the value typed for field and the value read.
func fieldValues(t Typed, read Fields, field string) (string, string) {
	switch field {
	case "name":
		return t.Name, read.Name
	case "id_number":
		return t.IDNumber, read.IDNumber
	case "birth_date":
		return t.BirthDate, read.BirthDate
	case "expiry":
		return t.Expiry, read.Expiry
	}
	return "", ""
}
