package precheck

import "github.com/docprecheck/docprecheck/match"

// Lacker is implemented by a Reader that knows which characters it can never read (the Chinese
// characters outside an OCR model's dictionary, which the model reads as look-alikes). Lacks
// returns the characters of text, typed for field, that the Reader cannot read on a document.
// The Checker asks it before reporting a name as mismatched.
type Lacker interface {
	Lacks(field, text string) []rune
}

// Reasons of an unreadable issue that the comparison gives instead of a mismatch.
const (
	// ReasonLowConfidence: the reader was unsure of its reading (Reading.Unsure) and the reading
	// differs from what was typed.
	ReasonLowConfidence = "low_confidence"
	// ReasonRareCharacter: what was typed holds a character the reader cannot read (Lacker), and
	// the reading differs from it.
	ReasonRareCharacter = "rare_character"
)

// unsureMismatch tells whether a mismatch between a typed value and the reading of field is to be
// reported as unreadable rather than mismatched, and why: a reading the reader was unsure of, or a
// typed value holding characters the reader cannot read, is no evidence that the document differs.
// It returns "" when the mismatch stands.
func (c *Checker) unsureMismatch(rd Reading, field, typed string, res match.Result) string {
	if res.Outcome != match.Mismatch {
		return ""
	}
	if l, ok := c.reader.(Lacker); ok && len(l.Lacks(field, typed)) > 0 {
		return ReasonRareCharacter
	}
	for _, f := range rd.Unsure {
		if f == field {
			return ReasonLowConfidence
		}
	}
	return ""
}

// typedValue returns the value typed for field.
func typedValue(t Typed, field string) string {
	switch field {
	case "name":
		return t.Name
	case "id_number":
		return t.IDNumber
	case "birth_date":
		return t.BirthDate
	case "expiry":
		return t.Expiry
	}
	return ""
}
