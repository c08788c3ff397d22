package mrz

import (
	"unicode"
	"unicode/utf8"
)

// normaliseLine maps one line of OCR output to the MRZ alphabet: letters are
// upper-cased, full-width forms become ASCII, white space, control
// characters and stray punctuation are dropped, look-alikes of the filler
// become '<', and any other letter or digit becomes '<' so that the
// positions of the characters after it are kept. single reads '«' as one
// filler and double as two; they are equal when the line holds no '«'.
func normaliseLine(s string) (single, double string) {
	a := make([]byte, 0, len(s))
	var b []byte
	for i, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = byte(r - 'a' + 'A')
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '<':
			c = byte(r)
		case r == '«' || r == '≪':
			if b == nil {
				b = append(make([]byte, 0, len(s)+8), a...)
			}
			a = append(a, '<')
			b = append(b, '<', '<')
			continue
		case r == '‹' || r == '〈' || r == '⟨' || r == '≤' || r == '(' || r == '[' || r == '{':
			c = '<'
		case r == '|':
			c = 'I'
		case r == '$':
			c = 'S'
		case r == utf8.RuneError && isInvalidAt(s, i):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			c = '<'
		default: // spaces, controls, marks, stray punctuation and symbols
			continue
		}
		a = append(a, c)
		if b != nil {
			b = append(b, c)
		}
	}
	if b == nil {
		return string(a), string(a)
	}
	return string(a), string(b)
}

// isInvalidAt reports whether the rune at byte i of s is an invalid UTF-8
// sequence rather than a literal U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size <= 1
}

// mrzLikeness returns the share of the visible runes of s that can belong
// to an MRZ once normalised, and how many there are.
func mrzLikeness(s string) (ratio float64, visible int) {
	good := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		visible++
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9',
			r == '<', r == '«', r == '‹', r == '(':
			good++
		case r >= 0xFF10 && r <= 0xFF5A: // full-width digits and letters
			good++
		}
	}
	if visible == 0 {
		return 0, 0
	}
	return float64(good) / float64(visible), visible
}

// Confusions between letters and digits, by the field type that decides
// which reading is right.

// letterToDigit is the reading of c in a numeric field.
func letterToDigit(c byte) (byte, bool) {
	switch c {
	case 'O', 'Q', 'D':
		return '0', true
	case 'I', 'L', 'T':
		return '1', true
	case 'Z':
		return '2', true
	case 'S':
		return '5', true
	case 'G':
		return '6', true
	case 'B':
		return '8', true
	}
	return 0, false
}

// digitToLetter is the reading of c in an alphabetic field.
func digitToLetter(c byte) (byte, bool) {
	switch c {
	case '0':
		return 'O', true
	case '1':
		return 'I', true
	case '2':
		return 'Z', true
	case '5':
		return 'S', true
	case '8':
		return 'B', true
	}
	return 0, false
}

// alnumAlternative is the other reading of c in an alphanumeric field,
// where both readings are allowed and only a check digit can decide.
func alnumAlternative(c byte) (byte, bool) {
	if d, ok := letterToDigit(c); ok {
		return d, true
	}
	switch c {
	case '0':
		return 'O', true
	case '1':
		return 'I', true
	case '2':
		return 'Z', true
	case '5':
		return 'S', true
	case '6':
		return 'G', true
	case '8':
		return 'B', true
	}
	return 0, false
}

// isFillerLookalike reports whether c is a letter that OCR often reads for
// the filler '<'.
func isFillerLookalike(c byte) bool {
	return c == 'K' || c == 'X' || c == 'C' || c == 'L'
}
