package ocr_test

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run when a goroutine or (with -tags matprofile) a gocv Mat outlives the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, l := range []*lazyReader{shared, unhurriedReader} {
		if l.r != nil {
			l.r.Close()
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
