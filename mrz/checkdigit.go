package mrz

import (
	"fmt"
	"unicode/utf8"
)

// CheckDigit returns the ICAO 9303 check digit ('0' to '9') of s. Digits
// count their value, A to Z count 10 to 35 and the filler '<' counts 0; the
// values are weighted 7, 3, 1, 7, 3, 1, ... and the digit is the sum modulo
// 10. Any other character, including a lower-case letter, is an error
// wrapping [ErrCharacter].
func CheckDigit(s string) (byte, error) {
	sum := 0
	for i := 0; i < len(s); i++ {
		v, ok := charValue(s[i])
		if !ok {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return 0, fmt.Errorf("%w: %q at byte %d", ErrCharacter, r, i)
		}
		sum += v * weight(i)
	}
	return byte('0' + sum%10), nil
}

// checkDigitParts returns the check digit of the concatenation of parts
// without building it. ok is false when a part holds an invalid character.
func checkDigitParts(parts ...string) (digit byte, ok bool) {
	sum, n := 0, 0
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			v, valid := charValue(p[i])
			if !valid {
				return 0, false
			}
			sum += v * weight(n)
			n++
		}
	}
	return byte('0' + sum%10), true
}

// charValue is the value of c in a check digit computation.
func charValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}

// weight is the weight of position i: 7, 3, 1 repeating.
func weight(i int) int {
	switch i % 3 {
	case 0:
		return 7
	case 1:
		return 3
	}
	return 1
}

// isMRZChar reports whether c belongs to the MRZ alphabet A-Z, 0-9, '<'.
func isMRZChar(c byte) bool {
	_, ok := charValue(c)
	return ok
}
