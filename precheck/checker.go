package precheck

import (
	"context"
	"errors"
	"time"
)

// Typed is what the user typed, to be compared with the document. Empty fields are not compared.
type Typed struct {
	Name      string `json:"name,omitempty"`
	IDNumber  string `json:"id_number,omitempty"`
	BirthDate string `json:"birth_date,omitempty"`
	Expiry    string `json:"expiry,omitempty"`
}

// Option configures a Checker.
type Option interface{ apply(*Checker) }

type optionFunc func(*Checker)

func (f optionFunc) apply(c *Checker) { f(c) }

// WithReader sets the field reader (package ocr). Without one, a Checker checks photo quality only.
func WithReader(r Reader) Option { return optionFunc(func(c *Checker) { c.reader = r }) }

// WithLanguage sets the language of the messages (default English).
func WithLanguage(l Lang) Option { return optionFunc(func(c *Checker) { c.lang = l }) }

// WithClock sets the function that tells today's date, for the expiry check (default time.Now).
func WithClock(now func() time.Time) Option { return optionFunc(func(c *Checker) { c.now = now }) }

// WithKind makes the reader treat every photo as this kind of document instead of recognising it.
func WithKind(k DocumentKind) Option { return optionFunc(func(c *Checker) { c.kind = k }) }

// ErrNoAnalyzer is returned by New without an Analyzer.
var ErrNoAnalyzer = errors.New("precheck: an Analyzer is required")

// Checker runs the photo checks, reads the document and compares it with what the user typed.
// A Checker is safe for concurrent use by multiple goroutines; its configuration is fixed by New.
type Checker struct {
	analyzer Analyzer
	reader   Reader
	lang     Lang
	now      func() time.Time
	kind     DocumentKind
}

// New returns a Checker that measures photos with a (package quality) and, given WithReader, reads
// them (package ocr).
func New(a Analyzer, opts ...Option) (*Checker, error) {
	if a == nil {
		return nil, ErrNoAnalyzer
	}
	c := &Checker{analyzer: a, lang: English, now: time.Now, kind: KindUnknown}
	for _, o := range opts {
		o.apply(c)
	}
	return c, nil
}

// Check checks one photo. It returns an error only when the photo cannot be evaluated (its error wraps
// a photo.Err* sentinel) or ctx ends; every problem with the photo, the document or the typed data is
// an Issue in the Report. ctx is checked between stages; a call already inside OpenCV or Tesseract
// finishes that stage before it returns.
func (c *Checker) Check(ctx context.Context, photo []byte, typed Typed) (*Report, error) {
	r, p, err := c.CheckPhoto(ctx, photo, typed)
	if p != nil {
		p.Close()
	}
	return r, err
}

// CheckPhoto is Check that also returns the analysed photo, to draw on it (quality.Annotate) or read
// more from it. The caller must Close the Photo; it is nil when err is not.
func (c *Checker) CheckPhoto(ctx context.Context, photo []byte, typed Typed) (*Report, Photo, error) {
	start := time.Now()
	p, err := c.analyzer.Analyze(ctx, photo)
	if err != nil {
		return nil, nil, err
	}
	r, err := c.report(ctx, p, typed, start)
	if err != nil {
		p.Close()
		return nil, nil, err
	}
	return r, p, nil
}

func (c *Checker) report(ctx context.Context, p Photo, typed Typed, start time.Time) (*Report, error) {
	q := p.Quality()
	r := &Report{
		Verdict:  Accept,
		Issues:   []Issue{},
		Document: Document{Kind: KindUnknown, Corners: q.Corners},
		Matches:  map[string]string{},
	}
	r.Timings.Decode = q.DecodeMS
	r.Timings.Quality = q.QualityMS
	for _, m := range q.Measures {
		if m.Failed {
			r.Issues = append(r.Issues, Issue{
				Code: m.Code, Score: m.Score, Threshold: m.Threshold, Corners: m.Corners, Regions: m.Regions,
			})
		}
	}
	// The document is read whatever the photo checks found: a user learns that the document has
	// expired, or that a typed value differs, before retaking. What was read from a photo that failed
	// a check is marked tentative; the verdict still asks for the retake first.
	photoIssues := len(r.Issues)
	if c.reader != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rd, err := c.reader.Read(ctx, p, c.kind)
		if err != nil {
			return nil, err
		}
		r.Timings.OCR = rd.OCRMS
		r.Document.FieldBoxes = rd.Boxes
		c.applyReading(r, rd, typed)
		if photoIssues > 0 {
			for i := photoIssues; i < len(r.Issues); i++ {
				if r.Issues[i].Code != CodeUnreadable {
					r.Issues[i].Tentative = true
				}
			}
		}
		requirePortrait(r, q, rd.Kind)
	} else {
		notCompared(r, typed, true)
	}
	r.Verdict = verdict(r.Issues)
	r.Localize(c.lang)
	r.Timings.Total = ms(time.Since(start))
	return r, nil
}

// Localize rewrites every message of r in lang.
func (r *Report) Localize(lang Lang) {
	for i := range r.Issues {
		r.Issues[i].Message = Message(r.Issues[i], lang)
	}
}

// Severity classes of the codes, which decide the verdict.
var (
	rejectCodes   = map[Code]bool{CodeExpired: true, CodeInvalidIDNumber: true, CodeMRZInvalid: true}
	mismatchCodes = map[Code]bool{CodeNameMismatch: true, CodeIDNumberMismatch: true, CodeBirthDateMismatch: true, CodeExpiryMismatch: true}
)

// verdict: a photo problem asks for a retake first (what was read from a poor photo is not trusted);
// then a document that cannot pass is rejected; then typed data that differs is a mismatch.
func verdict(issues []Issue) Verdict {
	var reject, mismatch bool
	for _, is := range issues {
		switch {
		case rejectCodes[is.Code]:
			reject = true
		case mismatchCodes[is.Code]:
			mismatch = true
		default:
			return Retake
		}
	}
	switch {
	case reject:
		return Reject
	case mismatch:
		return Mismatch
	}
	return Accept
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
