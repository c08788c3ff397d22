package cnid

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// ErrValidity is returned, wrapped with details, by [ParseValidity] when the
// period of validity cannot be read or is not one a card can have.
var ErrValidity = errors.New("cnid: invalid validity period")

// maxValidityBytes bounds the input of ParseValidity.
const maxValidityBytes = 256

// Validity is the period of validity printed on the back of a card
// (有效期限). A Validity is a plain value, safe for concurrent use.
type Validity struct {
	// From is the first day of validity, at midnight UTC.
	From time.Time `json:"from"`
	// To is the last day of validity, at midnight UTC; zero when LongTerm.
	To time.Time `json:"to"`
	// LongTerm reports a card valid without end (长期), issued from the age
	// of 46.
	LongTerm bool `json:"long_term"`
}

// Expired reports whether the card is no longer valid on the date of now:
// the card is valid up to and including its last day, and a long-term card
// never expires.
func (v Validity) Expired(now time.Time) bool {
	if v.LongTerm || v.To.IsZero() {
		return false
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(v.To)
}

// ParseValidity reads a period of validity such as "2015.03.01-2035.03.01"
// or "2015.03.01-长期". It accepts what OCR makes of it: spaces anywhere,
// full-width digits and punctuation, and any of '.', '-', '—', '–', '~',
// '一' (the CJK one, often read for a dash) as separators, or none.
//
// A card is valid for 5, 10 or 20 years from its date of issue, or without
// end. When the end is not after the start, or the span is not one of
// those (a card issued on 29 February may end on 28 February or 1 March),
// ParseValidity returns what it read with an error wrapping [ErrValidity].
// When the dates cannot be read at all it returns a zero Validity with such
// an error.
func ParseValidity(s string) (Validity, error) {
	if len(s) > maxValidityBytes {
		return Validity{}, fmt.Errorf("%w: %d bytes, at most %d accepted", ErrValidity, len(s), maxValidityBytes)
	}
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	text := b.String()
	var v Validity
	for _, suffix := range []string{"长期", "長期"} {
		if rest, ok := strings.CutSuffix(text, suffix); ok {
			text, v.LongTerm = rest, true
			break
		}
	}

	// Collect the digits, noting where each run of digits ends.
	var digits []byte
	var ends []int
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
			continue
		case isSeparator(r):
		default:
			return Validity{}, fmt.Errorf("%w: unexpected %q", ErrValidity, r)
		}
		if len(digits) > 0 && (len(ends) == 0 || ends[len(ends)-1] != len(digits)) {
			ends = append(ends, len(digits))
		}
	}
	want := 16
	if v.LongTerm {
		want = 8
	}
	if len(digits) != want {
		return Validity{}, fmt.Errorf("%w: %d digits, want %d", ErrValidity, len(digits), want)
	}
	if !v.LongTerm && len(ends) > 0 && !containsInt(ends, 8) {
		return Validity{}, fmt.Errorf("%w: no separator between the two dates", ErrValidity)
	}

	var ok bool
	if v.From, ok = parseDate(digits[:8]); !ok {
		return Validity{}, fmt.Errorf("%w: start %s is not a date", ErrValidity, digits[:8])
	}
	if v.LongTerm {
		return v, nil
	}
	if v.To, ok = parseDate(digits[8:]); !ok {
		return v, fmt.Errorf("%w: end %s is not a date", ErrValidity, digits[8:])
	}
	if !v.To.After(v.From) {
		return v, fmt.Errorf("%w: end %s is not after start %s", ErrValidity,
			v.To.Format(time.DateOnly), v.From.Format(time.DateOnly))
	}
	if !validSpan(v.From, v.To) {
		return v, fmt.Errorf("%w: %s to %s is not 5, 10 or 20 years", ErrValidity,
			v.From.Format(time.DateOnly), v.To.Format(time.DateOnly))
	}
	return v, nil
}

// isSeparator reports whether r may stand between the parts of the dates.
func isSeparator(r rune) bool {
	switch r {
	case '.', '-', '—', '–', '~', '一', '・', '·', '_', '/', '－', '～':
		return true
	}
	return false
}

// validSpan reports whether to is 5, 10 or 20 years after from.
func validSpan(from, to time.Time) bool {
	for _, years := range []int{5, 10, 20} {
		y := from.Year() + years
		if to.Equal(from.AddDate(years, 0, 0)) {
			return true // 29 February ends on 1 March
		}
		if from.Month() == time.February && from.Day() == 29 &&
			to.Equal(time.Date(y, time.February, 28, 0, 0, 0, 0, time.UTC)) {
			return true
		}
	}
	return false
}

// parseDate reads YYYYMMDD.
func parseDate(d []byte) (time.Time, bool) {
	s := string(d)
	year, month, day := atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8])
	if month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return time.Time{}, false
	}
	return t, true
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
