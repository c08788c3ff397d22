package ocr

import "errors"

// ErrClosed is returned by Read after Close.
var ErrClosed = errors.New("ocr: reader closed")

// ErrOptions is returned, wrapped with details, by New for an invalid Options value.
var ErrOptions = errors.New("ocr: invalid options")

// ErrPhoto is returned, wrapped with details, by Read for a photo that does not come from package
// quality (or another analyser exposing the decoded image and the document's corners).
var ErrPhoto = errors.New("ocr: unsupported photo")

// ErrEngine is returned, wrapped with Tesseract's message, when a Tesseract engine cannot be
// created or fails on a field: a missing traineddata file, an unreadable tessdata directory.
var ErrEngine = errors.New("ocr: tesseract engine failed")
