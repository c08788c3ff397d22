package ocr_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/quality"
)

// realdataDir returns the folder of real specimen images, or skips the test when it is absent.
func realdataDir(tb testing.TB) string {
	tb.Helper()
	dir, ok := corpus.RealdataDir()
	if !ok {
		tb.Skipf("real specimen images not found at %q (set %s)", dir, corpus.RealdataEnv)
	}
	return dir
}

// corpusLabels is the label file of the synthetic corpus.
var corpusLabels = filepath.Join("..", "testdata", "corpus", "labels.json")

// photoFile reads a photo file and returns its bytes with an Analyzer of the default options.
func photoFile(tb testing.TB, path string) ([]byte, *quality.Analyzer) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	a, err := quality.New(quality.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return data, a
}

// analyse decodes and measures a photo file; the caller closes the photo.
func analyse(tb testing.TB, path string) *quality.Photo {
	tb.Helper()
	data, a := photoFile(tb, path)
	p, err := a.Analyze(context.Background(), data)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return p.(*quality.Photo)
}

var (
	sharedOnce   sync.Once
	sharedReader *ocr.Reader
	sharedErr    error
)

// reader returns a Reader shared by the tests of the package, so that the models load once;
// TestMain closes it.
func reader(tb testing.TB) *ocr.Reader {
	tb.Helper()
	sharedOnce.Do(func() { sharedReader, sharedErr = ocr.New(ocr.Options{}) })
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedReader
}

var (
	unhurriedOnce   sync.Once
	unhurriedReader *ocr.Reader
	unhurriedErr    error
)

// unhurried returns a Reader whose time budget no test reaches: accuracy is measured apart from the
// machine's load (on a loaded machine the default budget leaves fields unread). TestMain closes it.
func unhurried(tb testing.TB) *ocr.Reader {
	tb.Helper()
	unhurriedOnce.Do(func() { unhurriedReader, unhurriedErr = ocr.New(ocr.Options{BudgetMS: 600000}) })
	if unhurriedErr != nil {
		tb.Fatal(unhurriedErr)
	}
	return unhurriedReader
}
