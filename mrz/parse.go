package mrz

import (
	"fmt"
	"strings"
)

// Parse reads exactly formed MRZ lines: 3 lines of 30 characters (TD1) or
// 2 lines of 36 (TD2) or 44 (TD3), each made only of A-Z, 0-9 and '<'.
// It returns an error wrapping [ErrFormat] only when the lines cannot be an
// MRZ of any format. A document whose check digits fail or whose fields are
// malformed is returned with Valid false; see [Document.Checks] and
// [Document.Malformed]. Use [Repair] for raw OCR output.
func Parse(lines []string) (*Document, error) {
	f, err := strictFormat(lines)
	if err != nil {
		return nil, err
	}
	return parseLines(f, lines), nil
}

// strictFormat returns the format of exactly formed lines.
func strictFormat(lines []string) (Format, error) {
	var f Format
	switch len(lines) {
	case 3:
		f = TD1
	case 2:
		switch len(lines[0]) {
		case 36:
			f = TD2
		case 44:
			f = TD3
		default:
			return "", fmt.Errorf("%w: line 1 has %d characters, want 36 or 44", ErrFormat, len(lines[0]))
		}
	default:
		return "", fmt.Errorf("%w: %d lines, want 2 or 3", ErrFormat, len(lines))
	}
	_, width, _ := f.shape()
	for i, l := range lines {
		if len(l) != width {
			return "", fmt.Errorf("%w: %s line %d has %d characters, want %d", ErrFormat, f, i+1, len(l), width)
		}
		for j := 0; j < len(l); j++ {
			if !isMRZChar(l[j]) {
				return "", fmt.Errorf("%w: line %d position %d holds %q", ErrFormat, i+1, j+1, l[j])
			}
		}
	}
	return f, nil
}

// docNumber locates the document number and its check digit, following the
// long-number rule of TD1 and TD2: when the check digit position holds '<',
// the number continues in the optional data and the last character before
// the next filler there is its check digit.
type docNumber struct {
	number string // the whole number, as checked
	check  byte
	rest   string // optional data that follows the number
	ok     bool   // false for a long form with nothing after the '<'
}

// readDocNumber reads the number from its 9 first characters, the character
// in the check digit position and the optional data that may continue it.
func readDocNumber(first9 string, check byte, optional string, allowLong bool) docNumber {
	if !allowLong || check != '<' {
		return docNumber{number: first9, check: check, rest: optional, ok: true}
	}
	run := optional
	if i := strings.IndexByte(optional, '<'); i >= 0 {
		run = optional[:i]
	}
	if run == "" {
		return docNumber{number: first9, check: '<', rest: optional}
	}
	return docNumber{
		number: first9 + run[:len(run)-1],
		check:  run[len(run)-1],
		rest:   optional[len(run):],
		ok:     true,
	}
}

// longNumberCheckPos returns the index in line of the check digit of a long
// document number that continues at index from, or -1.
func longNumberCheckPos(line []byte, from, end int) int {
	i := from
	for i < end && line[i] != '<' {
		i++
	}
	if i == from {
		return -1
	}
	return i - 1
}

// parseLines parses lines known to have the shape and alphabet of f.
func parseLines(f Format, lines []string) *Document {
	d := &Document{Format: f, Lines: append([]string(nil), lines...)}
	p := parser{d: d}
	switch f {
	case TD1:
		l1, l2, l3 := lines[0], lines[1], lines[2]
		p.code(l1[0:2])
		p.country(FieldIssuingState, l1[2:5], &d.IssuingState)
		dn := readDocNumber(l1[5:14], l1[14], l1[15:30], true)
		p.number(dn)
		d.OptionalData1 = strings.Trim(dn.rest, "<")
		p.birth(l2[0:6], l2[6])
		p.sex(l2[7])
		p.expiry(l2[8:14], l2[14])
		p.country(FieldNationality, l2[15:18], &d.Nationality)
		d.OptionalData2 = strings.Trim(l2[18:29], "<")
		p.check(FieldComposite, l2[29], l1[5:30], l2[0:7], l2[8:15], l2[18:29])
		p.name(l3)
	case TD2:
		l1, l2 := lines[0], lines[1]
		p.code(l1[0:2])
		p.country(FieldIssuingState, l1[2:5], &d.IssuingState)
		p.name(l1[5:36])
		dn := readDocNumber(l2[0:9], l2[9], l2[28:35], true)
		p.number(dn)
		p.country(FieldNationality, l2[10:13], &d.Nationality)
		p.birth(l2[13:19], l2[19])
		p.sex(l2[20])
		p.expiry(l2[21:27], l2[27])
		d.OptionalData1 = strings.Trim(dn.rest, "<")
		p.check(FieldComposite, l2[35], l2[0:10], l2[13:20], l2[21:35])
	case TD3:
		l1, l2 := lines[0], lines[1]
		p.code(l1[0:2])
		p.country(FieldIssuingState, l1[2:5], &d.IssuingState)
		p.name(l1[5:44])
		p.number(readDocNumber(l2[0:9], l2[9], "", false))
		p.country(FieldNationality, l2[10:13], &d.Nationality)
		p.birth(l2[13:19], l2[19])
		p.sex(l2[20])
		p.expiry(l2[21:27], l2[27])
		personal := l2[28:42]
		d.OptionalData1 = strings.Trim(personal, "<")
		if l2[42] == '<' {
			// An empty personal number may have a filler as check digit.
			p.d.Checks = append(p.d.Checks, Check{Field: FieldPersonalNumber, Valid: d.OptionalData1 == ""})
		} else {
			p.check(FieldPersonalNumber, l2[42], personal)
		}
		p.check(FieldComposite, l2[43], l2[0:10], l2[13:20], l2[21:43])
	}
	d.Valid = len(d.Malformed) == 0
	for _, c := range d.Checks {
		d.Valid = d.Valid && c.Valid
	}
	return d
}

// parser fills a Document field by field.
type parser struct {
	d *Document
}

func (p parser) malformed(field string) {
	for _, m := range p.d.Malformed {
		if m == field {
			return
		}
	}
	p.d.Malformed = append(p.d.Malformed, field)
}

func (p parser) check(field string, digit byte, parts ...string) {
	want, ok := checkDigitParts(parts...)
	p.d.Checks = append(p.d.Checks, Check{Field: field, Valid: ok && digit == want})
}

func (p parser) code(s string) {
	p.d.DocumentCode = strings.TrimRight(s, "<")
	if !isLetter(s[0]) || !(isLetter(s[1]) || s[1] == '<') {
		p.malformed(FieldDocumentCode)
	}
}

func (p parser) country(field, s string, dst *string) {
	*dst = strings.TrimRight(s, "<")
	ok := isLetter(s[0])
	for i := 1; i < len(s); i++ {
		ok = ok && (isLetter(s[i]) || s[i] == '<')
	}
	if !ok {
		p.malformed(field)
	}
}

func (p parser) number(dn docNumber) {
	p.d.DocumentNumber = strings.TrimRight(dn.number, "<")
	if !dn.ok || p.d.DocumentNumber == "" || dn.number[0] == '<' {
		p.malformed(FieldDocumentNumber)
	}
	if !dn.ok {
		p.d.Checks = append(p.d.Checks, Check{Field: FieldDocumentNumber})
		return
	}
	p.check(FieldDocumentNumber, dn.check, dn.number)
}

func (p parser) birth(s string, digit byte) {
	p.d.BirthDate = s
	if strings.IndexByte(s, '<') < 0 {
		if !plausibleDate(s) {
			p.malformed(FieldBirthDate)
		}
	} else {
		// Unknown parts of a birth date are written as fillers.
		for i := 0; i < len(s); i++ {
			if s[i] != '<' && !isDigit(s[i]) {
				p.malformed(FieldBirthDate)
				break
			}
		}
	}
	p.check(FieldBirthDate, digit, s)
}

func (p parser) expiry(s string, digit byte) {
	p.d.ExpiryDate = s
	if !plausibleDate(s) {
		p.malformed(FieldExpiryDate)
	}
	p.check(FieldExpiryDate, digit, s)
}

func (p parser) sex(c byte) {
	p.d.Sex = string(c)
	switch c {
	case 'M', 'F', 'X', '<':
	default:
		p.malformed(FieldSex)
	}
}

// name splits the name field: the primary identifier ends at the first
// "<<"; single fillers within either identifier read as spaces.
func (p parser) name(s string) {
	if !isLetter(s[0]) {
		p.malformed(FieldName)
	}
	s = strings.TrimRight(s, "<")
	primary, secondary, _ := strings.Cut(s, "<<")
	p.d.Surname = strings.Join(strings.FieldsFunc(primary, isFiller), " ")
	p.d.GivenNames = strings.Join(strings.FieldsFunc(secondary, isFiller), " ")
}

func isFiller(r rune) bool { return r == '<' }

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
