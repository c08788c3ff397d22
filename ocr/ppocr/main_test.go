package ppocr_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain fails the run when (with -tags matprofile) a gocv Mat outlives the tests, and says
// loudly when the models are absent, since most tests then skip.
func TestMain(m *testing.M) {
	if _, ok := modelsDir(); !ok {
		fmt.Fprintln(os.Stderr, "ppocr: WARNING: no models/ directory at the module root: the recogniser tests are SKIPPED. Run .ci/models to make it.")
	}
	code := m.Run()
	if sharedRecognizer != nil {
		sharedRecognizer.Close()
	}
	if code == 0 {
		if err := checkMats(); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			code = 1
		}
	}
	os.Exit(code)
}

// modelsDir returns models/ at the module root (found from the working directory) and whether it
// holds the dictionary.
func modelsDir() (string, bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			dir := filepath.Join(d, "models")
			_, err := os.Stat(filepath.Join(dir, "ppocr_keys_v1.txt"))
			return dir, err == nil
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}
