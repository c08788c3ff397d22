package match

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Errors returned by ParseDate. They are sentinels: test for them with
// errors.Is, never by their text. They never quote the input.
var (
	// ErrTooLong means the value is longer than MaxInputBytes.
	ErrTooLong = errors.New("match: value longer than MaxInputBytes")
	// ErrInvalidDate means the value is not a date in a known format, or
	// names a day that is not in the calendar (1990-02-30).
	ErrInvalidDate = errors.New("match: not a valid date")
	// ErrAmbiguousDate means the day and the month cannot be told apart
	// (02/01/1990 is 2 January or 1 February).
	ErrAmbiguousDate = errors.New("match: day and month are ambiguous")
)

// ParseDate reads a typed calendar date. Full-width digits and separators
// are accepted. The formats are, with one- or two-digit month and day:
//
//	1990-01-02  1990/1/2  1990.01.02   year, month, day
//	19900102                           eight digits, year first
//	1990年1月2日  1990年1月2号            Chinese, spaces ignored
//	02.01.1990                         day, month, year (dots: European)
//	25/12/1990  12/25/1990  25-12-1990 year last with / or -: read only when
//	                                   one of the first two numbers is above 12
//	                                   or both are equal; otherwise
//	                                   ErrAmbiguousDate
//
// The year must have four digits. A date that is not in the calendar, such
// as 1990-02-30, returns an error wrapping ErrInvalidDate.
func ParseDate(s string) (year, month, day int, err error) {
	d, _, err := parseDate(s)
	return d.y, d.m, d.d, err
}

type civil struct{ y, m, d int }

func (c civil) iso() string {
	return fmt.Sprintf("%04d-%02d-%02d", c.y, c.m, c.d)
}

// parseDate is ParseDate that also reports whether s was written exactly as
// YYYY-MM-DD (after width folding).
func parseDate(s string) (c civil, iso bool, err error) {
	if len(s) > MaxInputBytes {
		return civil{}, false, ErrTooLong
	}
	f := strings.TrimSpace(fold(s, false))
	if strings.ContainsRune(f, '年') {
		return parseChineseDate(f)
	}
	fields, seps, ok := splitDate(f)
	if !ok {
		return civil{}, false, ErrInvalidDate
	}
	switch len(fields) {
	case 1:
		if len(fields[0]) != 8 {
			return civil{}, false, ErrInvalidDate
		}
		c = civil{atoi(fields[0][:4]), atoi(fields[0][4:6]), atoi(fields[0][6:])}
		return validDate(c, false)
	case 3:
	default:
		return civil{}, false, ErrInvalidDate
	}
	sep := seps[0]
	if seps[1] != sep {
		return civil{}, false, ErrInvalidDate
	}
	f0, f1, f2 := fields[0], fields[1], fields[2]
	switch {
	case len(f0) == 4 && short(f1) && short(f2):
		// Year first: always year, month, day.
		c = civil{atoi(f0), atoi(f1), atoi(f2)}
		return validDate(c, sep == '-' && len(f1) == 2 && len(f2) == 2)
	case len(f2) == 4 && short(f0) && short(f1):
	default:
		return civil{}, false, ErrInvalidDate
	}
	year, p, q := atoi(f2), atoi(f0), atoi(f1)
	switch {
	case sep == '.':
		// Day first with dots is the European form; month-first dates
		// are not written with dots.
		c = civil{year, q, p}
	case p == q || p > 12 && q <= 12:
		c = civil{year, q, p}
	case q > 12 && p <= 12:
		c = civil{year, p, q}
	case p <= 12 && q <= 12:
		return civil{}, false, ErrAmbiguousDate
	default:
		return civil{}, false, ErrInvalidDate
	}
	return validDate(c, false)
}

// splitDate splits "1990-01-02" into its digit fields and the separators
// between them. It accepts only ASCII digits and the separators - / and .,
// one between each pair of fields.
func splitDate(s string) (fields []string, seps []byte, ok bool) {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			continue
		}
		if i == start || i-start > 8 || len(fields) == 3 {
			return nil, nil, false
		}
		fields = append(fields, s[start:i])
		if i == len(s) {
			break
		}
		switch s[i] {
		case '-', '/', '.':
			seps = append(seps, s[i])
		default:
			return nil, nil, false
		}
		start = i + 1
	}
	return fields, seps, true
}

// parseChineseDate reads 1990年1月2日 (日 or 号, or neither), spaces ignored.
func parseChineseDate(s string) (civil, bool, error) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "号")
	y, rest, ok1 := strings.Cut(s, "年")
	m, d, ok2 := strings.Cut(rest, "月")
	if !ok1 || !ok2 || len(y) != 4 || !short(m) || !short(d) || !digits(y+m+d) {
		return civil{}, false, ErrInvalidDate
	}
	return validDate(civil{atoi(y), atoi(m), atoi(d)}, false)
}

func short(s string) bool { return len(s) == 1 || len(s) == 2 }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// atoi converts at most eight ASCII digits; callers have checked them.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func validDate(c civil, iso bool) (civil, bool, error) {
	if c.y < 1 || c.m < 1 || c.m > 12 || c.d < 1 || c.d > daysIn(c.y, c.m) {
		return civil{}, false, fmt.Errorf("%w: no such day in the calendar", ErrInvalidDate)
	}
	return c, iso, nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Date compares a typed date with the document's date, which must be written
// YYYY-MM-DD (as the document reader produces it). The typed date may be in
// any format ParseDate reads; a Match then carries ReasonDateFormat when it
// was not written YYYY-MM-DD, or ReasonFullWidth when it was but with
// full-width characters.
//
// A typed date that ParseDate rejects (unknown format, ambiguous day and
// month, no such calendar day, too long) is a Mismatch with
// ReasonUnparsedDate. Two different dates are a Mismatch with
// ReasonOneCharacter or ReasonDifferent and Position in the document's
// YYYY-MM-DD form (1990-02-01 typed against 1990-01-02: Position 6).
// An empty or malformed document value gives Unreadable; an empty typed
// value, NotGiven.
func Date(typed, document string) Result {
	if len(document) > MaxInputBytes {
		return noDifference(Unreadable, ReasonNone)
	}
	doc, iso, err := parseDate(document)
	if err != nil || !iso {
		return noDifference(Unreadable, ReasonNone)
	}
	if len(typed) <= MaxInputBytes && strings.TrimSpace(fold(typed, false)) == "" {
		return noDifference(NotGiven, ReasonNone)
	}
	t, typedISO, err := parseDate(typed)
	if err != nil {
		return noDifference(Mismatch, ReasonUnparsedDate)
	}
	res := compareRunes([]rune(t.iso()), []rune(doc.iso()), ReasonDifferent)
	if res.Outcome == Match {
		switch {
		case !typedISO:
			res.Reason = ReasonDateFormat
		case hasFullWidth(typed):
			res.Reason = ReasonFullWidth
		}
	}
	return res
}
