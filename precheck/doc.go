// Package precheck is the public API: a Checker that pre-checks a photo of an identity document before
// it is uploaded for KYC verification, and returns a Report that says whether to accept the photo,
// ask for a retake (a photo problem), flag a mismatch (what the user typed differs from the document)
// or reject it (the document itself cannot pass: expired, invalid number, invalid MRZ), with a
// message in English or Chinese that tells the user what to do.
//
// The Checker does not itself use cgo: it talks to an Analyzer (package quality, OpenCV) and a Reader
// (package ocr, Tesseract) through small interfaces, so the report, verdict and comparison logic
// builds and tests with CGO_ENABLED=0 and a fake engine.
//
//	an, err := quality.New(quality.Options{})         // thresholds: the Normal preset
//	rd, err := ocr.New(ocr.Options{})                 // optional: read the fields
//	defer rd.Close()
//	ck, err := precheck.New(an, precheck.WithReader(rd), precheck.WithLanguage(precheck.Chinese))
//	report, err := ck.Check(ctx, photoBytes, precheck.Typed{Name: "张伟", IDNumber: "..."})
//
// # Issue codes
//
// Codes are stable strings in the JSON report; they are never renamed. Photo codes (verdict retake):
// no_document, cutoff, blur, glare, shadow, too_dark, too_bright, low_resolution, tilted, occluded,
// unreadable. occluded names what is covered: Corners (a corner under a thumb; cutoff is kept for a
// corner outside the photo), Field "portrait" (the portrait of a Chinese ID front or a passport page
// was not found: checked after reading, only when the Analyzer measured faces), or neither (print).
// Document codes (verdict reject): expired, invalid_id_number, mrz_invalid. Typed-data codes (verdict
// mismatch): name_mismatch, id_number_mismatch, birth_date_mismatch, expiry_mismatch.
//
// Report.Matches gives the outcome of each comparison (match.Outcome): match, mismatch,
// unreadable, not_given, or consistent. consistent means that the document was not read as typed
// but differs from it only where the Reader could not tell the typed character from the one it
// read (Reading.Alternatives: a rare Chinese character read as its common look-alike, 佘 as 余);
// it raises no issue. It is weaker than match: nothing on the document contradicts the typed value,
// which the document does not prove.
//
// # Errors
//
// Check returns an error only when the photo cannot be evaluated at all: the error wraps one of
// photo.ErrEmpty, ErrUnsupportedFormat, ErrCorrupt, ErrTooLarge, ErrTooSmall (match with errors.Is),
// or is the context's error. Every quality problem is an Issue in the Report.
//
// # Concurrency
//
// A Checker is safe for concurrent use by multiple goroutines. Check looks at its context between
// stages (decode and measure, read, compare); a stage already inside OpenCV or Tesseract runs to its
// end before Check returns.
//
// # Security Considerations
//
// Treat every upload as hostile. Cap the request body before calling Check (http.MaxBytesReader):
// Check receives bytes already in memory. The Analyzer refuses inputs over its byte and pixel limits
// from the header alone, before decoding (a decompression bomb costs nothing), and content that is
// not a JPEG, PNG or WebP whatever its name. Typed values are bounded in length before they are
// normalised. A Report carries the fields read from the document: it is personal data, so log codes
// and verdicts rather than whole reports. The checks are a pre-check for honest users; they are not a
// defence against forged documents or presentation attacks.
package precheck
