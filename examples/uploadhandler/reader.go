package main

import (
	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/precheck"
)

// newReader returns the OCR reader, with up to poolSize Tesseract engines per language, and a
// function that releases it once the server has stopped.
func newReader(poolSize int) (precheck.Reader, func(), error) {
	rd, err := ocr.New(ocr.Options{PoolSize: poolSize})
	if err != nil {
		return nil, func() {}, err
	}
	return rd, func() { rd.Close() }, nil
}
