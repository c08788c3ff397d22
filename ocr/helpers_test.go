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

// lazyReader is a Reader made on first use with opts and shared by the tests of the package, so that
// the models load once; TestMain closes it.
type lazyReader struct {
	opts ocr.Options
	once sync.Once
	r    *ocr.Reader
	err  error
}

func (l *lazyReader) get(tb testing.TB) *ocr.Reader {
	tb.Helper()
	l.once.Do(func() { l.r, l.err = ocr.New(l.opts) })
	if l.err != nil {
		tb.Fatal(l.err)
	}
	return l.r
}

var (
	shared = &lazyReader{}
	// unhurriedReader's time budget no test reaches: accuracy is measured apart from the machine's
	// load (on a loaded machine the default budget leaves fields unread).
	unhurriedReader = &lazyReader{opts: ocr.Options{BudgetMS: 600000}}
)

// reader returns the Reader with the default options shared by the tests.
func reader(tb testing.TB) *ocr.Reader { tb.Helper(); return shared.get(tb) }

// unhurried returns the shared Reader whose time budget no test reaches.
func unhurried(tb testing.TB) *ocr.Reader { tb.Helper(); return unhurriedReader.get(tb) }
