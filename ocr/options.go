package ocr

import (
	"fmt"
	"runtime"
)

// Options configures a Reader. The zero value means sensible defaults: each zero field takes its
// default, so a team can keep only the settings it changes in a JSON file.
type Options struct {
	// PoolSize is the largest number of Tesseract engines per language, and so the number of fields
	// of that language read at the same time. Engines are created when first needed. Default
	// runtime.NumCPU().
	PoolSize int `json:"pool_size,omitempty"`
	// TessdataPrefix is the directory holding the traineddata files (eng and chi_sim). Default:
	// Tesseract's own (the TESSDATA_PREFIX environment variable or the path it was built with).
	TessdataPrefix string `json:"tessdata_prefix,omitempty"`
	// PixelsPerMM is the resolution, in pixels per millimetre of the document, at which fields are
	// cut out of the photo and read. Default 12 (about 300 dpi): Chinese field text is then about
	// 40 px high and MRZ capitals about 30 px. A field that fails its check is read again at 2/3,
	// 5/6 or 4/3 of this resolution.
	PixelsPerMM float64 `json:"pixels_per_mm,omitempty"`
	// PadMM is how much each layout box is grown on every side, in millimetres, to absorb printing
	// tolerances and the error of the document's corners; a box is not grown into a neighbouring
	// caption or field. Default 2.
	PadMM float64 `json:"pad_mm,omitempty"`
	// BudgetMS bounds the time one Read spends, in milliseconds. Past it the reading returns what
	// it has read and names the fields it had no time for in Reading.Unreadable and
	// Reading.OutOfTime. A field already inside Tesseract is read to the end, so a Read may exceed
	// the budget by one field's reading (tens of milliseconds for an MRZ band, up to a second for a large region of Chinese text on a
	// busy machine). Default 1500.
	BudgetMS int `json:"budget_ms,omitempty"`
	// OCRBFont is the OpenType file of the OCR-B font, whose glyphs the characters of a
	// machine-readable zone are compared with. Default DefaultOCRBFont (Debian's fonts-ocr-b).
	// When the file cannot be read, the zone is read by Tesseract alone, which tells 8 from S and
	// 0 from O less well.
	OCRBFont string `json:"ocrb_font,omitempty"`
	// ModelsDir is the directory of the PP-OCRv4 recogniser made by .ci/models, which reads the
	// Chinese names beside Tesseract (see package ppocr). Empty: the directory named by the
	// DOCPRECHECK_MODELS environment variable; else ./models in the working directory, else
	// models/ beside the module's go.mod above the working directory, when either holds the
	// models; else Tesseract alone. A directory named here or in DOCPRECHECK_MODELS must hold the
	// models (New fails otherwise); "off" (ModelsOff), here or in the variable, reads with
	// Tesseract alone.
	ModelsDir string `json:"models_dir,omitempty"`
}

// Default values of Options.
const (
	DefaultPixelsPerMM = 12.0
	DefaultPadMM       = 2.0
	DefaultBudgetMS    = 1500
	DefaultOCRBFont    = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
)

// resolve fills zero fields with their defaults and checks the others.
func (o Options) resolve() (Options, error) {
	if o.PoolSize < 0 || o.PixelsPerMM < 0 || o.PadMM < 0 || o.BudgetMS < 0 {
		return Options{}, fmt.Errorf("%w: negative value in %+v", ErrOptions, o)
	}
	if o.PoolSize == 0 {
		o.PoolSize = runtime.NumCPU()
	}
	if o.PixelsPerMM == 0 {
		o.PixelsPerMM = DefaultPixelsPerMM
	}
	if o.PixelsPerMM < 4 || o.PixelsPerMM > 40 {
		return Options{}, fmt.Errorf("%w: pixels_per_mm %.1f outside 4..40", ErrOptions, o.PixelsPerMM)
	}
	if o.PadMM == 0 {
		o.PadMM = DefaultPadMM
	}
	if o.BudgetMS == 0 {
		o.BudgetMS = DefaultBudgetMS
	}
	if o.OCRBFont == "" {
		o.OCRBFont = DefaultOCRBFont
	}
	if o.PadMM > 10 {
		return Options{}, fmt.Errorf("%w: pad_mm %.1f above 10", ErrOptions, o.PadMM)
	}
	return o, nil
}
