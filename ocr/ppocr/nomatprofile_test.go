//go:build !matprofile

package ppocr_test

// checkMats needs the matprofile build tag to count live Mats.
func checkMats() error { return nil }
