package main

import "github.com/docprecheck/docprecheck/precheck"

// newReader returns the OCR reader and a function that releases it.
func newReader() (precheck.Reader, func(), error) {
	return nil, func() {}, nil
}
