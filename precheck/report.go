package precheck

// Verdict is the overall outcome of a check.
type Verdict string

// Verdicts, from best to worst for the user.
const (
	// Accept means the photo is good enough and nothing typed differs from the document.
	Accept Verdict = "accept"
	// Retake means a problem with the photo: the user should take it again.
	Retake Verdict = "retake"
	// Mismatch means what the user typed differs from the document.
	Mismatch Verdict = "mismatch"
	// Reject means the document itself cannot pass (expired, invalid number, invalid MRZ).
	Reject Verdict = "reject"
)

// Code is a stable issue code. Codes are part of the JSON contract: they are never renamed.
type Code string

// Photo-quality codes.
const (
	CodeNoDocument    Code = "no_document"
	CodeCutoff        Code = "cutoff"
	CodeBlur          Code = "blur"
	CodeGlare         Code = "glare"
	CodeShadow        Code = "shadow"
	CodeTooDark       Code = "too_dark"
	CodeTooBright     Code = "too_bright"
	CodeLowResolution Code = "low_resolution"
	CodeTilted        Code = "tilted"
	// CodeOccluded reports that something covers part of the document's print or a corner (a finger, a hand, an
	// object), or the portrait of a document that has one cannot be found (Issue.Field "portrait").
	CodeOccluded Code = "occluded"
)

// Measure-only codes: they name a Measure in Quality, never an Issue.
const (
	// CodePortrait measures the faces found on the document: Score is the best face's score, Regions
	// the faces. Whether a portrait is required depends on the document's kind, known after reading;
	// a required portrait that is not found is reported as CodeOccluded with Field "portrait".
	CodePortrait Code = "portrait"
)

// Document and typed-data codes.
const (
	CodeUnreadable        Code = "unreadable"
	CodeExpired           Code = "expired"
	CodeInvalidIDNumber   Code = "invalid_id_number"
	CodeMRZInvalid        Code = "mrz_invalid"
	CodeNameMismatch      Code = "name_mismatch"
	CodeIDNumberMismatch  Code = "id_number_mismatch"
	CodeBirthDateMismatch Code = "birth_date_mismatch"
	CodeExpiryMismatch    Code = "expiry_mismatch"
)

// Point is a position in photo pixels, [x, y].
type Point [2]float64

// Quad is four corners ordered top-left, top-right, bottom-right, bottom-left as the document reads.
type Quad [4]Point

// Rect is an axis-aligned rectangle in photo pixels.
type Rect struct {
	X int `json:"x"`
	Y int `json:"y"`
	W int `json:"w"`
	H int `json:"h"`
}

// Issue is one problem found, with the measured score and the threshold it was compared with.
type Issue struct {
	Code      Code    `json:"code"`
	Message   string  `json:"message"`
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Corners names the corners outside or touching the frame (cutoff) or covered (occluded):
	// "top_left", ...
	Corners []string `json:"corners,omitempty"`
	// Regions locates the problem on the photo (glare patches, shaded area, field boxes).
	Regions []Rect `json:"regions,omitempty"`
	// Field names the field concerned (unreadable, *_mismatch, and occluded for "portrait").
	Field string `json:"field,omitempty"`
	// Reason refines a mismatch: "one_character", "length", "traditional", "full_width", "unparsed_date";
	// and an unreadable field: "time_budget" (the reader ran out of time before reading it),
	// "low_confidence" (a reading that differed from what was typed, of which the reader was unsure),
	// "rare_character" (a reading that differed where the typed value holds characters the reader
	// cannot read reliably).
	Reason string `json:"reason,omitempty"`
	// Detail carries a value the message quotes (the expiry date of an expired document).
	Detail string `json:"detail,omitempty"`
	// Tentative marks a finding read from a photo that failed a photo check (a mismatch, an
	// invalid number or MRZ, an expiry): it may be a misreading of that photo. The verdict is then
	// retake, and the message says to retake first.
	Tentative bool `json:"tentative,omitempty"`
}

// DocumentKind says which document and side the photo shows.
type DocumentKind string

// Document kinds.
const (
	KindCNIDFront DocumentKind = "cn_id_front"
	KindCNIDBack  DocumentKind = "cn_id_back"
	KindPassport  DocumentKind = "passport"
	KindIDCard    DocumentKind = "id_card"
	KindUnknown   DocumentKind = "unknown"
)

// MRZ is the machine-readable zone as read from the document.
type MRZ struct {
	Format string   `json:"format"`
	Lines  []string `json:"lines"`
	Valid  bool     `json:"valid"`
}

// Document describes the document found in the photo.
type Document struct {
	Kind    DocumentKind `json:"kind"`
	Corners *Quad        `json:"corners,omitempty"`
	MRZ     *MRZ         `json:"mrz,omitempty"`
	// FieldBoxes are the regions read, in photo pixels, keyed by field name.
	FieldBoxes map[string]Quad `json:"field_boxes,omitempty"`
}

// Fields are the values read from the document. Dates are YYYY-MM-DD; an empty string was not read.
type Fields struct {
	Name      string `json:"name,omitempty"`
	IDNumber  string `json:"id_number,omitempty"`
	BirthDate string `json:"birth_date,omitempty"`
	Expiry    string `json:"expiry,omitempty"`
}

// Timings are the milliseconds spent in each stage.
type Timings struct {
	Decode  float64 `json:"decode"`
	Quality float64 `json:"quality"`
	OCR     float64 `json:"ocr"`
	Total   float64 `json:"total"`
}

// Report is the result of checking one photo. It marshals to the documented JSON contract.
// A Report is a plain value: safe to read concurrently, not to modify concurrently.
type Report struct {
	File     string            `json:"file,omitempty"`
	Verdict  Verdict           `json:"verdict"`
	Issues   []Issue           `json:"issues"`
	Document Document          `json:"document"`
	Fields   Fields            `json:"fields"`
	Matches  map[string]string `json:"matches"`
	Timings  Timings           `json:"timings_ms"`
}
