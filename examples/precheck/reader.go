package main

import (
	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/precheck"
)

// newReader returns the Tesseract reader and a function that releases it.
func newReader() (precheck.Reader, func(), error) {
	rd, err := ocr.New(ocr.Options{})
	if err != nil {
		return nil, func() {}, err
	}
	return rd, func() { rd.Close() }, nil
}
