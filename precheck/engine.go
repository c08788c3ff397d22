package precheck

import "context"

// Analyzer decodes a photo and measures its quality. Package quality provides the OpenCV
// implementation; tests can provide a fake. Implementations must be safe for concurrent use.
type Analyzer interface {
	// Analyze decodes data and measures it. It returns an error only when the photo cannot be
	// evaluated at all (not an image, truncated, too large); quality problems are Measures.
	Analyze(ctx context.Context, data []byte) (Photo, error)
}

// Photo is a decoded, measured photo. It may hold native memory: Close it once read.
// A Photo is not safe for concurrent use.
type Photo interface {
	Quality() Quality
	Close() error
}

// Quality is what an Analyzer measured.
type Quality struct {
	// Width and Height are the photo's dimensions in pixels after EXIF orientation.
	Width  int `json:"width"`
	Height int `json:"height"`
	// Corners of the document in photo pixels; nil when no document was found.
	Corners *Quad `json:"corners,omitempty"`
	// Measures holds one entry per check that could be measured, in a fixed order.
	Measures []Measure `json:"measures"`
	// DecodeMS and QualityMS are the milliseconds spent decoding and measuring.
	DecodeMS  float64 `json:"decode_ms"`
	QualityMS float64 `json:"quality_ms"`
}

// Measure is one quality check: a score compared with a threshold.
type Measure struct {
	Code      Code    `json:"code"`
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Failed is true when the score is on the wrong side of the threshold.
	Failed bool `json:"failed"`
	// Corners and Regions locate the problem, as in Issue.
	Corners []string `json:"corners,omitempty"`
	Regions []Rect   `json:"regions,omitempty"`
}

// Reader reads the fields of the document in an analysed photo. Package ocr provides the Tesseract
// implementation. Implementations must be safe for concurrent use.
type Reader interface {
	// Read reads the document found in p. kind may be KindUnknown to let the reader decide.
	Read(ctx context.Context, p Photo, kind DocumentKind) (Reading, error)
}

// Reading is what a Reader read from the document.
type Reading struct {
	Kind DocumentKind
	// Printed holds the fields as printed on the document, dates as YYYY-MM-DD.
	Printed Fields
	// Extra holds other fields read (sex, validity, authority, MRZ names), keyed by field name.
	Extra map[string]string
	// MRZ is the machine-readable zone, nil if the document has none or it was not found.
	MRZ *MRZ
	// MRZFields are the MRZ's own values (name, id_number, birth_date, expiry), when MRZ != nil.
	MRZFields *Fields
	// IDNumberValid reports the document number's own check (GB 11643 for Chinese IDs); nil if not checked.
	IDNumberValid *bool
	// Unreadable names the fields that the layout needs and that could not be read.
	Unreadable []string
	// OutOfTime names the fields of Unreadable that were not read because the reader's time
	// budget ran out (a retake may not help; the service was slow).
	OutOfTime []string
	// Unsure names the fields read with low confidence: a reading that differs from what was typed
	// is then reported unreadable (reason low_confidence), not mismatched.
	Unsure []string
	// Alternatives holds, for a field of Printed (by name), one entry per character of its reading:
	// a character the reader could not tell from the one it read at that place (its close second
	// choice), or "" where it has none. A typed value that differs from the reading only where it
	// holds these second choices is reported consistent (match.Consistent), not mismatched: the
	// document was not read as typed, but nothing on it contradicts what was typed. Package ocr
	// fills it for Chinese names, with uncommon characters its recogniser reads as common
	// look-alikes (佘 as 余).
	Alternatives map[string][]string
	// Boxes are the regions read, in photo pixels, keyed by field name (for annotation).
	Boxes map[string]Quad
	// OCRMS is the milliseconds spent reading.
	OCRMS float64
}
