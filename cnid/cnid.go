package cnid

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Errors returned, wrapped with details, by the functions of this package.
var (
	// ErrLength means the number does not have 18 characters.
	ErrLength = errors.New("cnid: not 18 characters")
	// ErrCharacter means a character other than a digit, or than a digit or
	// 'X' in the last position.
	ErrCharacter = errors.New("cnid: invalid character")
	// ErrRegion means the region code starts with 0.
	ErrRegion = errors.New("cnid: invalid region code")
	// ErrBirthDate means the birth date is not a calendar date, is before
	// 1900 or is in the future.
	ErrBirthDate = errors.New("cnid: invalid birth date")
	// ErrCheckChar means the check character does not match the number.
	ErrCheckChar = errors.New("cnid: check character mismatch")
)

// Length is the number of characters of an identity number.
const Length = 18

// CheckChar returns the check character of the first 17 digits of a number:
// ISO 7064 MOD 11-2, with the weights 2^(17-i) mod 11 (7, 9, 10, 5, 8, 4, 2,
// 1, 6, 3, 7, 9, 10, 5, 8, 4, 2) and the sum modulo 11 mapped through
// "10X98765432". It returns an error wrapping [ErrLength] or [ErrCharacter]
// when first17 is not 17 digits.
func CheckChar(first17 string) (byte, error) {
	if len(first17) != Length-1 {
		return 0, fmt.Errorf("%w: %d bytes before the check character, want 17", ErrLength, len(first17))
	}
	sum := 0
	w := 1 // 2^0; weights are computed from the last digit backwards
	for i := Length - 2; i >= 0; i-- {
		w = w * 2 % 11
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w: %q at position %d, want a digit", ErrCharacter, c, i+1)
		}
		sum += int(c-'0') * w
	}
	return "10X98765432"[sum%11], nil
}

// Validate checks id as [ValidateAt] does, against the current date.
func Validate(id string) error {
	return ValidateAt(id, time.Now())
}

// ValidateAt checks that id is a well-formed number on the date now: 18
// characters, 17 digits then a digit or upper-case 'X' (callers normalise
// case; see [Repair]), a first digit other than 0, a birth date that is a
// calendar date from 1900 on and not after now, and a matching check
// character. The error wraps [ErrLength], [ErrCharacter], [ErrRegion],
// [ErrBirthDate] or [ErrCheckChar], checked in that order.
func ValidateAt(id string, now time.Time) error {
	if err := checkShape(id); err != nil {
		return err
	}
	if id[0] == '0' {
		return fmt.Errorf("%w: region code starts with 0", ErrRegion)
	}
	birth, err := BirthDate(id)
	if err != nil {
		return err
	}
	ny, nm, nd := now.Date()
	if birth.Year() < 1900 || birth.After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return fmt.Errorf("%w: %s is before 1900 or in the future", ErrBirthDate, birth.Format(time.DateOnly))
	}
	want, err := CheckChar(id[:Length-1])
	if err != nil {
		return err
	}
	if id[Length-1] != want {
		return fmt.Errorf("%w: %q, want %q", ErrCheckChar, id[Length-1], want)
	}
	return nil
}

// checkShape checks the length and the characters of id.
func checkShape(id string) error {
	if len(id) != Length {
		if n := utf8.RuneCountInString(id); n != Length {
			return fmt.Errorf("%w: %d characters", ErrLength, n)
		}
		return fmt.Errorf("%w: non-ASCII character", ErrCharacter)
	}
	for i := 0; i < Length; i++ {
		c := id[i]
		if c >= '0' && c <= '9' || i == Length-1 && c == 'X' {
			continue
		}
		if c >= utf8.RuneSelf {
			return fmt.Errorf("%w: non-ASCII byte at position %d", ErrCharacter, i+1)
		}
		if i == Length-1 {
			return fmt.Errorf("%w: %q at position 18, want a digit or upper-case X", ErrCharacter, c)
		}
		return fmt.Errorf("%w: %q at position %d, want a digit", ErrCharacter, c, i+1)
	}
	return nil
}

// BirthDate returns the date of birth written in id, at midnight UTC. It
// checks the length and the characters of id and that the date exists, but
// not the check character; use [Validate] for that.
func BirthDate(id string) (time.Time, error) {
	if err := checkShape(id); err != nil {
		return time.Time{}, err
	}
	year := atoi(id[6:10])
	month := atoi(id[10:12])
	day := atoi(id[12:14])
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || day < 1 || t.Day() != day || int(t.Month()) != month {
		return time.Time{}, fmt.Errorf("%w: %s-%s-%s is not a date", ErrBirthDate, id[6:10], id[10:12], id[12:14])
	}
	return t, nil
}

// Sex returns "M" when the 17th digit of id is odd and "F" when it is even.
// It checks the length and the characters of id, not the rest.
func Sex(id string) (string, error) {
	if err := checkShape(id); err != nil {
		return "", err
	}
	if (id[16]-'0')%2 == 1 {
		return "M", nil
	}
	return "F", nil
}

// atoi converts a string of digits checked by the caller.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
