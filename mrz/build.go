package mrz

import (
	"fmt"
	"strings"
)

// Fields are the values [Build] writes into an MRZ. Text is upper-cased;
// apart from the names, every field must then consist of A-Z, 0-9 and '<'.
type Fields struct {
	// DocumentCode is one or two characters, the first a letter: "P", "I", "ID".
	DocumentCode string `json:"document_code"`
	// IssuingState and Nationality are ICAO codes of one to three characters.
	IssuingState string `json:"issuing_state"`
	// Surname and GivenNames must already be transliterated to A-Z; spaces and
	// hyphens become '<' and apostrophes are left out, as ICAO 9303 Part 3
	// prescribes. The name is cut at the width of the field.
	Surname    string `json:"surname"`
	GivenNames string `json:"given_names"`
	// DocumentNumber has at most 9 characters in TD3; in TD1 and TD2 a longer
	// number continues in the optional data (long document number rule).
	DocumentNumber string `json:"document_number"`
	Nationality    string `json:"nationality"`
	// BirthDate is YYMMDD; an unknown part may be written with '<'.
	BirthDate string `json:"birth_date"`
	// Sex is "M", "F", "X" or "<"; empty means "<".
	Sex string `json:"sex"`
	// ExpiryDate is YYMMDD.
	ExpiryDate string `json:"expiry_date"`
	// OptionalData1 is the optional data of line 1 (TD1, 15 characters less
	// any long document number), of line 2 (TD2, 7 characters less any long
	// document number) or the personal number (TD3, 14 characters).
	OptionalData1 string `json:"optional_data_1,omitempty"`
	// OptionalData2 is the optional data of line 2 of TD1 (11 characters);
	// it must be empty for TD2 and TD3.
	OptionalData2 string `json:"optional_data_2,omitempty"`
}

// Build composes the lines of an MRZ of format f from fields, computing
// every check digit. A field that does not fit is an error wrapping
// [ErrField]; an unknown format is an error wrapping [ErrFormat].
//
// When a long document number continues in the optional data and optional
// data follows it, Build separates the two with a filler so that the check
// digit of the number can be found again.
func Build(f Format, fields Fields) ([]string, error) {
	_, width, ok := f.shape()
	if !ok {
		return nil, fmt.Errorf("%w: unknown format %q", ErrFormat, f)
	}
	b := builder{}
	code := b.code(fields.DocumentCode)
	state := b.country(FieldIssuingState, fields.IssuingState)
	nat := b.country(FieldNationality, fields.Nationality)
	number := b.text(FieldDocumentNumber, fields.DocumentNumber, 0)
	if number == "" || strings.HasPrefix(number, "<") {
		b.fail(FieldDocumentNumber, "must start with a letter or digit")
	}
	birth := b.date(FieldBirthDate, fields.BirthDate, true)
	expiry := b.date(FieldExpiryDate, fields.ExpiryDate, false)
	sex := b.sex(fields.Sex)
	opt1 := b.text(FieldOptionalData, fields.OptionalData1, 0)
	opt2 := b.text(FieldOptionalData, fields.OptionalData2, 0)
	nameWidth := width - 5
	if f == TD1 {
		nameWidth = width
	}
	name := b.name(fields.Surname, fields.GivenNames, nameWidth)
	if b.err != nil {
		return nil, b.err
	}

	switch f {
	case TD1:
		first9, check, optional, err := longNumber(number, opt1, 15)
		if err != nil {
			return nil, err
		}
		if len(opt2) > 11 {
			return nil, fieldError(FieldOptionalData, "line 2 optional data longer than 11 characters")
		}
		l1 := code + state + first9 + check + optional
		l2 := birth + digit(birth) + sex + expiry + digit(expiry) + nat + pad(opt2, 11)
		l2 += digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
		return []string{l1, l2, name}, nil
	case TD2:
		if opt2 != "" {
			return nil, fieldError(FieldOptionalData, "TD2 has no second optional data field")
		}
		first9, check, optional, err := longNumber(number, opt1, 7)
		if err != nil {
			return nil, err
		}
		l2 := first9 + check + nat + birth + digit(birth) + sex + expiry + digit(expiry) + optional
		l2 += digit(l2[0:10] + l2[13:20] + l2[21:35])
		return []string{code + state + name, l2}, nil
	default: // TD3
		if len(number) > 9 {
			return nil, fieldError(FieldDocumentNumber, "longer than 9 characters")
		}
		if opt2 != "" {
			return nil, fieldError(FieldOptionalData, "TD3 has no second optional data field")
		}
		if len(opt1) > 14 {
			return nil, fieldError(FieldPersonalNumber, "longer than 14 characters")
		}
		personal := pad(opt1, 14)
		personalCheck := "<"
		if strings.Trim(personal, "<") != "" {
			personalCheck = digit(personal)
		}
		l2 := pad(number, 9) + digit(pad(number, 9)) + nat + birth + digit(birth) + sex +
			expiry + digit(expiry) + personal + personalCheck
		l2 += digit(l2[0:10] + l2[13:20] + l2[21:43])
		return []string{code + state + name, l2}, nil
	}
}

// longNumber lays out the document number and the optional data that
// follows it in a field of optWidth characters, applying the long number
// rule when the number has more than 9 characters.
func longNumber(number, opt string, optWidth int) (first9, check, optional string, err error) {
	if len(number) <= 9 {
		if len(opt) > optWidth {
			return "", "", "", fieldError(FieldOptionalData, fmt.Sprintf("longer than %d characters", optWidth))
		}
		n := pad(number, 9)
		return n, digit(n), pad(opt, optWidth), nil
	}
	rest := number[9:] + digit(number)
	if opt != "" {
		rest += "<" + opt
	}
	if len(rest) > optWidth {
		return "", "", "", fieldError(FieldDocumentNumber, "too long to fit with the optional data")
	}
	return number[:9], "<", pad(rest, optWidth), nil
}

// builder validates fields, keeping the first error.
type builder struct {
	err error
}

func fieldError(field, msg string) error {
	return fmt.Errorf("%w: %s: %s", ErrField, field, msg)
}

func (b *builder) fail(field, msg string) {
	if b.err == nil {
		b.err = fieldError(field, msg)
	}
}

// text upper-cases s and checks it is made of MRZ characters and, when max
// is positive, at most max long.
func (b *builder) text(field, s string, max int) string {
	s = strings.ToUpper(s)
	for i := 0; i < len(s); i++ {
		if !isMRZChar(s[i]) {
			b.fail(field, fmt.Sprintf("character %q is not A-Z, 0-9 or '<'", s[i]))
			return ""
		}
	}
	if max > 0 && len(s) > max {
		b.fail(field, fmt.Sprintf("longer than %d characters", max))
		return ""
	}
	return s
}

func (b *builder) code(s string) string {
	s = b.text(FieldDocumentCode, s, 2)
	if s == "" || !isLetter(s[0]) {
		b.fail(FieldDocumentCode, "must start with a letter")
		return "<<"
	}
	return pad(s, 2)
}

func (b *builder) country(field, s string) string {
	s = b.text(field, s, 3)
	if s == "" || !isLetter(s[0]) || strings.ContainsAny(s, "0123456789") {
		b.fail(field, "must be letters, the first not a filler")
		return "<<<"
	}
	return pad(s, 3)
}

func (b *builder) date(field, s string, unknownAllowed bool) string {
	s = b.text(field, s, 6)
	if len(s) != 6 {
		b.fail(field, "must be YYMMDD")
		return "000000"
	}
	if unknownAllowed && strings.IndexByte(s, '<') >= 0 {
		for i := 0; i < 6; i++ {
			if s[i] != '<' && !isDigit(s[i]) {
				b.fail(field, "must be YYMMDD")
			}
		}
		return s
	}
	if !plausibleDate(s) {
		b.fail(field, "not a calendar date YYMMDD")
	}
	return s
}

func (b *builder) sex(s string) string {
	switch s = strings.ToUpper(s); s {
	case "":
		return "<"
	case "M", "F", "X", "<":
		return s
	}
	b.fail(FieldSex, "must be M, F, X or <")
	return "<"
}

// name writes the name field of the given width.
func (b *builder) name(surname, given string, width int) string {
	s := b.nameText(surname)
	g := b.nameText(given)
	if s == "" {
		b.fail(FieldName, "surname is empty")
	}
	out := s
	if g != "" {
		out += "<<" + g
	}
	if len(out) > width {
		out = out[:width]
	}
	return pad(out, width)
}

// nameText transliterates punctuation in a name as ICAO 9303 Part 3 does:
// spaces and hyphens become one filler, apostrophes are left out.
func (b *builder) nameText(s string) string {
	var sb strings.Builder
	pendingFiller := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z':
			if pendingFiller && sb.Len() > 0 {
				sb.WriteByte('<')
			}
			pendingFiller = false
			sb.WriteRune(r)
		case r == ' ' || r == '-' || r == '<' || r == ',':
			pendingFiller = true
		case r == '\'' || r == '\u2019':
		default:
			b.fail(FieldName, fmt.Sprintf("character %q is not A-Z; transliterate names first", r))
			return ""
		}
	}
	return sb.String()
}

// pad fills s with '<' up to width.
func pad(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return s + strings.Repeat("<", width-len(s))
}

// digit returns the check digit of s, which the callers have validated.
func digit(s string) string {
	c, err := CheckDigit(s)
	if err != nil {
		return "<"
	}
	return string(c)
}
