package match

import "unicode"

// NormalizeID returns a document number in the form it is compared in:
// full-width characters folded to half-width (NFKC), letters upper-cased,
// and spaces (including the ideographic space U+3000), hyphens and invisible
// characters removed: "１１０１０５ １９９００１０２ ００１ｘ" becomes
// "11010519900102001X".
// Every other character is kept, so a different character stays different.
// It returns "" for input longer than MaxInputBytes.
func NormalizeID(s string) string {
	if len(s) > MaxInputBytes {
		return ""
	}
	return string(idRunes(s))
}

func idRunes(s string) []rune {
	f := fold(s, true)
	out := make([]rune, 0, len(f))
	for _, r := range f {
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == '\u2212' || invisible(r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// IDNumber compares a typed document number with the one read from the
// document. After NormalizeID both must be identical: one wrong or
// transposed digit is a Mismatch. Lower-case and full-width input is
// accepted ("１１０…ｘ" equals "110…X"); a Match then carries
// ReasonFullWidth when the typed value had full-width characters, so the
// caller can advise switching to half-width before submitting.
//
// A Mismatch carries ReasonLength when the lengths differ,
// ReasonOneCharacter when exactly one character differs, and
// ReasonDifferent otherwise, with Position at the first difference.
// An empty document value gives Unreadable; an empty typed value, NotGiven.
func IDNumber(typed, document string) Result {
	if len(document) > MaxInputBytes {
		return noDifference(Unreadable, ReasonNone)
	}
	doc := idRunes(document)
	if len(doc) == 0 {
		return noDifference(Unreadable, ReasonNone)
	}
	if len(typed) > MaxInputBytes {
		return noDifference(Mismatch, ReasonLength)
	}
	t := idRunes(typed)
	if len(t) == 0 {
		return noDifference(NotGiven, ReasonNone)
	}
	res := compareRunes(t, doc, ReasonLength)
	if res.Outcome == Match && hasFullWidth(typed) {
		res.Reason = ReasonFullWidth
	}
	return res
}
