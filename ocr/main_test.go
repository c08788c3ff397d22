package ocr_test

import (
	"os"
	"testing"

	"github.com/docprecheck/docprecheck/ocr"
	"go.uber.org/goleak"
)

// TestMain fails the run when a goroutine or (with -tags matprofile) a gocv Mat outlives the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, r := range []*ocr.Reader{sharedReader, unhurriedReader} {
		if r != nil {
			r.Close()
		}
	}
	if code == 0 {
		if err := checkMats(); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			code = 1
		}
		if err := goleak.Find(); err != nil {
			os.Stderr.WriteString("goroutine leak: " + err.Error() + "\n")
			code = 1
		}
	}
	os.Exit(code)
}
