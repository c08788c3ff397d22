package mrz

// Format is the size of a machine-readable zone, as named by ICAO 9303.
type Format string

// The supported formats.
const (
	// TD1 is the identity card format: 3 lines of 30 characters (Doc 9303 Part 5).
	TD1 Format = "TD1"
	// TD2 is the larger card format: 2 lines of 36 characters (Doc 9303 Part 6).
	TD2 Format = "TD2"
	// TD3 is the passport book format: 2 lines of 44 characters (Doc 9303 Part 4).
	TD3 Format = "TD3"
)

// shape returns the number of lines and the line width of f.
func (f Format) shape() (lines, width int, ok bool) {
	switch f {
	case TD1:
		return 3, 30, true
	case TD2:
		return 2, 36, true
	case TD3:
		return 2, 44, true
	}
	return 0, 0, false
}

// Names of the fields, as used in [Check.Field] and [Document.Malformed].
// They are stable: callers may build messages and metrics on them.
const (
	FieldDocumentCode   = "document_code"
	FieldIssuingState   = "issuing_state"
	FieldName           = "name"
	FieldDocumentNumber = "document_number"
	FieldNationality    = "nationality"
	FieldBirthDate      = "birth_date"
	FieldSex            = "sex"
	FieldExpiryDate     = "expiry_date"
	FieldOptionalData   = "optional_data"
	// FieldPersonalNumber is the optional data of TD3, which has its own check digit.
	FieldPersonalNumber = "personal_number"
	// FieldComposite names the composite check digit over the other fields.
	FieldComposite = "composite"
)

// kind is the character class of a field, which decides how Repair reads
// an ambiguous character in it.
type kind uint8

const (
	kindAlpha   kind = iota // document code, country codes
	kindSex                 // M, F, X or filler
	kindName                // primary and secondary identifiers
	kindNumeric             // dates
	kindCheck               // check digits
	kindAlnum               // document number, optional data
)

// span is one field of a layout: line[start:end] of the given kind.
type span struct {
	name       string
	line       int
	start, end int
	kind       kind
}

// layout returns the fields of f in reading order. The long document number
// of TD1 and TD2, which runs on into the optional data, is handled by the
// callers.
func layout(f Format) []span {
	switch f {
	case TD1:
		return []span{
			{FieldDocumentCode, 0, 0, 2, kindAlpha},
			{FieldIssuingState, 0, 2, 5, kindAlpha},
			{FieldDocumentNumber, 0, 5, 14, kindAlnum},
			{FieldDocumentNumber, 0, 14, 15, kindCheck},
			{FieldOptionalData, 0, 15, 30, kindAlnum},
			{FieldBirthDate, 1, 0, 6, kindNumeric},
			{FieldBirthDate, 1, 6, 7, kindCheck},
			{FieldSex, 1, 7, 8, kindSex},
			{FieldExpiryDate, 1, 8, 14, kindNumeric},
			{FieldExpiryDate, 1, 14, 15, kindCheck},
			{FieldNationality, 1, 15, 18, kindAlpha},
			{FieldOptionalData, 1, 18, 29, kindAlnum},
			{FieldComposite, 1, 29, 30, kindCheck},
			{FieldName, 2, 0, 30, kindName},
		}
	case TD2:
		return []span{
			{FieldDocumentCode, 0, 0, 2, kindAlpha},
			{FieldIssuingState, 0, 2, 5, kindAlpha},
			{FieldName, 0, 5, 36, kindName},
			{FieldDocumentNumber, 1, 0, 9, kindAlnum},
			{FieldDocumentNumber, 1, 9, 10, kindCheck},
			{FieldNationality, 1, 10, 13, kindAlpha},
			{FieldBirthDate, 1, 13, 19, kindNumeric},
			{FieldBirthDate, 1, 19, 20, kindCheck},
			{FieldSex, 1, 20, 21, kindSex},
			{FieldExpiryDate, 1, 21, 27, kindNumeric},
			{FieldExpiryDate, 1, 27, 28, kindCheck},
			{FieldOptionalData, 1, 28, 35, kindAlnum},
			{FieldComposite, 1, 35, 36, kindCheck},
		}
	case TD3:
		return []span{
			{FieldDocumentCode, 0, 0, 2, kindAlpha},
			{FieldIssuingState, 0, 2, 5, kindAlpha},
			{FieldName, 0, 5, 44, kindName},
			{FieldDocumentNumber, 1, 0, 9, kindAlnum},
			{FieldDocumentNumber, 1, 9, 10, kindCheck},
			{FieldNationality, 1, 10, 13, kindAlpha},
			{FieldBirthDate, 1, 13, 19, kindNumeric},
			{FieldBirthDate, 1, 19, 20, kindCheck},
			{FieldSex, 1, 20, 21, kindSex},
			{FieldExpiryDate, 1, 21, 27, kindNumeric},
			{FieldExpiryDate, 1, 27, 28, kindCheck},
			{FieldPersonalNumber, 1, 28, 42, kindAlnum},
			{FieldPersonalNumber, 1, 42, 43, kindCheck},
			{FieldComposite, 1, 43, 44, kindCheck},
		}
	}
	return nil
}
