// Package ocr reads the fields of identity documents with Tesseract (through gosseract) and, for
// Chinese names when its models are present, PaddleOCR's PP-OCRv4 recogniser (package ppocr), from a
// photo analysed by package quality: the name, citizen identity number and birth date of a Chinese
// resident identity card, the period of validity and issuing authority on its back, and the
// machine-readable zone (MRZ) and printed names of passports and ID cards.
//
// A [Reader] implements precheck.Reader.
//
// # Machine-readable zones, anywhere
//
// The MRZ of a passport or ID card of any country is found, not placed: the whole working image
// (the document's outline is not needed) is thresholded locally, its marks chained into lines of
// fixed-pitch print (every position of an MRZ line holds a glyph, the filler '<' included), and two
// or three such lines of about the same pitch, height and start, stacked at a line spacing, make a
// zone of TD1 (3x30), TD2 (2x36) or TD3 (2x44) shape. Lines turned up to about 30 degrees are found,
// and a scan stored sideways is searched again turned a quarter turn. The zone is cut out deskewed
// at 32 pixels per capital height; each line gets its own columns (a quadratic in the column
// number, for photos taken at an angle), and each character cell is compared, height-normalised
// with its aspect ratio kept (0 is narrower than O), with the glyphs of OCR-B rendered at run time
// from the font file ([Options.OCRBFont], Debian's fonts-ocr-b). The zone is read either way up
// and the orientation whose cells match the glyphs better is kept. ICAO 9303's field types choose
// between look-alikes where only one is allowed (digits in dates and check digits, letters in
// names and country codes), never in document numbers or optional data; when check digits fail,
// cells whose runner-up glyph scored nearly as well are changed, one or two at a time, until they
// pass. When the glyphs give no valid reading (or the font is absent), the zone is read by
// Tesseract limited to the MRZ alphabet and repaired with mrz.Repair as below. The lines of a zone
// that touches the image's edge are read only as TD3, which no longer format can hide. A reading
// whose check digits fail is taken for an MRZ only when its fields are well formed and half of its
// check digits pass, or when its cells match the glyphs well: rows of a security pattern are not.
//
// The kind follows from the MRZ: TD3, or TD2 of document code P, is a passport; the others an ID
// card. The visual zone is read only where its layout is known: when the caller names the kind,
// the document's outline was found and that layout puts the MRZ where it was found. Otherwise all
// fields come from the MRZ. A document of no given kind in which no MRZ is found is recognised
// among the kinds without one (Chinese identity cards) and, failing that, reported as
// precheck.KindUnknown with nothing in Unreadable: an unknown kind is not a reason to retake.
//
// # Time budget
//
// [Options.BudgetMS] bounds a Read. Past it, nothing more is read: the fields still missing are
// listed in Reading.Unreadable and again in Reading.OutOfTime, so that a report can say the reader
// ran out of time rather than that the photo is bad. The budget is checked between stages and
// before every Tesseract call; one already running is finished. Creating an engine (loading a
// model) does not count against it.
//
// # Reading fields from a layout
//
// Fields other than the MRZ are never read from the whole photo: the reader maps the layout's
// field boxes (package layout, padded by [Options.PadMM] but not into neighbouring captions)
// through the document's corners and cuts each region out of the photo, rectified, at about
// [Options.PixelsPerMM]; each region is read with its own language, page-segmentation mode and
// character whitelist. Chinese fields are trimmed to their ink and read as a raw line, which
// Tesseract's chi_sim model reads far more reliably than its single-line mode.
//
// Tesseract's reading of a small region changes with its resolution and binarisation, so a field
// has several ways of being read, tried in turn while the reading fails its own check: the
// identity number its check character (cnid.Repair and cnid.Validate), the birth date the
// calendar, the validity period its legal span (cnid.ParseValidity), the MRZ its check digits
// (mrz.Repair). A name, which nothing checks, is read two ways and, when they differ, a third, and
// voted on. When no way reads a valid MRZ, its lines are combined across the ways, each line taken
// from whichever way read it, and the combination the check digits confirm is kept.
//
// The MRZ is read character by character and rebuilt on its fixed pitch, because Tesseract loses
// characters in long runs of the filler '<'; columns it did not read are compared with the
// document's own filler glyph and, when they do not look like one, read again one by one. Where the
// check digits cannot decide (G and 6 count the same; OCR-B's 0 and O differ by a detail), the
// printed document number, read in another font, decides, and failing that the digit is preferred.
// For a passport or ID card, Printed.Name is the printed surname and given names when they agree
// with the MRZ (diacritics allowed), else the MRZ's; Printed.IDNumber is the MRZ's number when the
// MRZ is valid; the dates come from the MRZ.
//
// The fields of a Chinese card are found, not placed: a card's print may sit up to 3 mm from the
// published layout and the corners found on a photo are a few pixels off, so each single-line
// field (name, birth date, number; authority and validity on the back) is looked for as a line of
// ink in a band around its box. The number on the front and the validity period on the back, each
// far from any other line, are found first; the vertical offset of their line moves the bands of
// the other fields, whose lines are only 5 to 7 mm apart. In its band a field is the line nearest
// its place whose height fits print, cut whole, without the blue caption printed before it (the
// captions of a Chinese card are blue, its data black). A field whose line is not found is cut
// from its padded box as before.
//
// # Chinese names and the PP-OCRv4 recogniser
//
// When the PP-OCRv4 models are present (see [Options.ModelsDir] and package ppocr), a Chinese name
// is read by the recogniser from its line: its reading is kept when it is confident
// (ppocr.ConfidentLevel) and has as many characters as the ink shows; otherwise the line is read
// again cut tighter (its characters larger in the model's 48 pixels, which brings back many a
// complex character dropped or doubted at the first size), then Tesseract reads the name too,
// and a reading they do not agree on is marked unsure (precheck.Reading.Unsure), which package
// precheck reports as unreadable (reason low_confidence), never as name_mismatch.
// A character outside the recogniser's dictionary (赟, 喆 and a few thousand other rare ones) is
// read as a look-alike, often confidently, and so is many an uncommon character inside it (佘 as
// 余, 亓 as 元); Tesseract misreads them as well. [Reader.Doubt] (precheck.Doubter) tells package
// precheck when a differing reading of a typed name is explained by such characters (ones the
// dictionary lacks, or outside GB 2312's first level of 3,755 common characters): the name is then
// reported unreadable (reason rare_character), not name_mismatch. Where the recogniser's second
// choice for a common character it read is such an uncommon look-alike (in GB 2312's second
// level: 佘 second to 余), the reading carries it (precheck.Reading.Alternatives), and a typed name that
// differs from the reading only there is reported consistent (match.Consistent): a verification
// of the typed name, not a reading of the document, whose reading stays as read.
// Without the models the name is read by Tesseract alone, as it always was.
//
// When the caller does not say which document the photo shows, the kind is recognised cheaply: a
// page with the TD3 aspect ratio is a passport; on an ID-1 card, a red emblem at a corner, an MRZ
// in the bottom band, an 18-character number or the title and validity period tell the kind. A
// document photographed upside down is read the right way up.
//
// # Concurrency
//
// A Reader is safe for concurrent use. It keeps one bounded pool of Tesseract engines per language
// ("eng" and "chi_sim"), created lazily up to [Options.PoolSize] each (and, with the models,
// [Options.PoolSize] copies of each PP-OCRv4 model, loaded by New), and lends an engine to one
// goroutine at a time; a Read waiting for a free engine gives up when its context ends. Engines
// never change language, which would reload the model. The Debian and Ubuntu builds of Tesseract
// use OpenMP, whose worker threads spin and compete with the engines for the CPUs: set
// OMP_THREAD_LIMIT=1 in the environment of a server process (it must be set before the process
// starts; the example CLI and upload handler start themselves again with it); reading an ID-1 card
// was then four times as fast on 2 cores (510 ms against 2,114 ms).
//
// # Cancellation
//
// Read checks its context before each field and while waiting for an engine. A field already
// inside Tesseract cannot be interrupted: Read returns when that field is done, at most a few
// hundred milliseconds later.
//
// # Security Considerations
//
// The photo is hostile input. Package quality caps its size, checks the header and the pixel count
// before decoding and applies the EXIF orientation; this package sees only the decoded image at
// working resolution. Each region given to Tesseract is at most 8000 x 8000 pixels and in practice
// the size of one field at [Options.PixelsPerMM], whatever the photo, so the time spent in
// Tesseract is bounded; the text it returns is bounded by the region, and the MRZ and identity
// number parsers bound their own input. Reading proves nothing about a document's authenticity: a
// valid MRZ or identity number only shows that its check digits agree.
//
// gosseract v2.4.1 does not free the small C strings Tesseract returns for each line or character
// read: a few kilobytes per document (an MRZ is read character by character), a few megabytes per
// thousand documents, which only the end of the process gives back. Tesseract and OpenCV
// are C++ libraries: a crash inside them takes the process down, which a service that reads
// untrusted photos may want to contain in a separate process.
package ocr
