package cnid

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// ErrAmbiguous is returned, wrapped with details, by [Repair] when more than
// one reading of the input validates, so that the check character cannot
// choose between them.
var ErrAmbiguous = errors.New("cnid: ambiguous reading")

// Bounds that keep Repair fast on any input.
const (
	maxRepairBytes = 256  // bytes of raw input
	maxCandidates  = 1024 // readings enumerated
)

// Repair reads an identity number from OCR output, as [RepairAt] does on
// the current date.
func Repair(raw string) (id string, changed bool, err error) {
	return RepairAt(raw, time.Now())
}

// RepairAt reads an identity number from OCR output. Input that already
// validates on the date now is returned unchanged. Otherwise white space is
// removed, full-width forms become ASCII, and look-alike characters are read
// as digits: O, o, D and Q as 0; I, l, i and | as 1; Z and z as 2; S and s
// as 5; G and b as 6; B as 8; g and q as 9. Because callers often change
// the case of OCR output, Q may also be 9, G may also be 9 and B may also be
// 6. In the last position x, K, k and × are read as X.
//
// Every combination of these readings is tried; the repair is accepted only
// when exactly one passes [ValidateAt], which the check character confirms.
// changed reports whether id differs from raw. When no reading or more than
// one validates, RepairAt returns its best effort (the first reading of
// each character) with an error: the error of [ValidateAt] for that
// reading, or one wrapping [ErrAmbiguous]. Input over 256 bytes is an error
// wrapping [ErrLength].
func RepairAt(raw string, now time.Time) (id string, changed bool, err error) {
	if len(raw) > maxRepairBytes {
		return "", false, fmt.Errorf("%w: %d bytes of input, at most %d accepted", ErrLength, len(raw), maxRepairBytes)
	}
	if ValidateAt(raw, now) == nil {
		return raw, false, nil
	}
	runes := normalise(raw)
	if len(runes) != Length {
		s := string(runes)
		return s, s != raw, fmt.Errorf("%w: %d characters after removing spaces", ErrLength, len(runes))
	}
	readings := make([][]byte, Length)
	best := make([]byte, Length)
	total := 1
	var unreadable error
	for i, r := range runes {
		readings[i] = readingsOf(r, i == Length-1)
		if len(readings[i]) == 0 {
			if unreadable == nil {
				unreadable = fmt.Errorf("%w: %q at position %d cannot be read as a digit", ErrCharacter, r, i+1)
			}
			readings[i] = []byte{'?'}
		}
		best[i] = readings[i][0]
		if total *= len(readings[i]); total > maxCandidates {
			return string(runes), string(runes) != raw,
				fmt.Errorf("%w: more than %d readings", ErrAmbiguous, maxCandidates)
		}
	}
	if unreadable != nil {
		s := bestEffort(runes, readings)
		return s, s != raw, unreadable
	}

	var found string
	n := 0
	cand := make([]byte, Length)
	var walk func(i int)
	walk = func(i int) {
		if i == Length {
			if ValidateAt(string(cand), now) == nil {
				n++
				found = string(cand)
			}
			return
		}
		for _, c := range readings[i] {
			cand[i] = c
			walk(i + 1)
		}
	}
	walk(0)
	switch {
	case n == 1:
		return found, found != raw, nil
	case n > 1:
		s := string(best)
		return s, s != raw, fmt.Errorf("%w: %d readings validate", ErrAmbiguous, n)
	}
	s := string(best)
	return s, s != raw, ValidateAt(s, now)
}

// normalise removes white space and invisible format characters and maps
// full-width forms to ASCII.
func normalise(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// readingsOf returns the characters r may stand for, the likeliest first;
// none when r cannot be part of a number.
func readingsOf(r rune, last bool) []byte {
	if r >= '0' && r <= '9' {
		return []byte{byte(r)}
	}
	if last {
		switch r {
		case 'X', 'x', 'K', 'k', '×':
			return []byte{'X'}
		}
	}
	switch r {
	case 'O', 'o', 'D':
		return []byte{'0'}
	case 'Q':
		return []byte{'0', '9'}
	case 'I', 'l', 'i', '|':
		return []byte{'1'}
	case 'Z', 'z':
		return []byte{'2'}
	case 'S', 's':
		return []byte{'5'}
	case 'G':
		return []byte{'6', '9'}
	case 'b':
		return []byte{'6'}
	case 'B':
		return []byte{'8', '6'}
	case 'g', 'q':
		return []byte{'9'}
	}
	return nil
}

// bestEffort writes the first reading of each character, keeping the
// characters that have none.
func bestEffort(runes []rune, readings [][]byte) string {
	var sb strings.Builder
	for i, r := range runes {
		if readings[i][0] == '?' {
			sb.WriteRune(r)
		} else {
			sb.WriteByte(readings[i][0])
		}
	}
	return sb.String()
}
