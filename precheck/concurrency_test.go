//go:build cgo

package precheck_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/internal/testcard"
	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// These tests use package quality (OpenCV), so they build only with cgo; the rest of the package's
// tests run with CGO_ENABLED=0.

// samplePhoto is a photo to check and where it came from.
type samplePhoto struct {
	name string
	data []byte
}

// samplePhotos returns up to four corpus photos (testdata/corpus, when generated) and generated
// photos that give different reports: a clean card, a card cut off at the right, a card too small
// in the frame, a photo without a document, and the clean card as grey PNG.
func samplePhotos(tb testing.TB) []samplePhoto {
	tb.Helper()
	var out []samplePhoto
	paths, _ := filepath.Glob("../testdata/corpus/*.jpg")
	sort.Strings(paths)
	for _, p := range paths[:min(4, len(paths))] {
		data, err := os.ReadFile(p)
		require.NoError(tb, err)
		out = append(out, samplePhoto{filepath.Base(p), data})
	}
	blank := image.NewGray(image.Rect(0, 0, 800, 600))
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range blank.Pix {
		blank.Pix[i] = uint8(100 + rng.IntN(30))
	}
	clean := sampleCard(1200, 900, 180, 160, 820, 1)
	gray := image.NewGray(clean.Bounds())
	for i := range gray.Pix {
		gray.Pix[i] = clean.Pix[4*i+1]
	}
	var pngBuf bytes.Buffer
	require.NoError(tb, png.Encode(&pngBuf, gray))
	return append(out,
		samplePhoto{"generated-clean-card", sampleJPEG(tb, clean)},
		samplePhoto{"generated-cutoff", sampleJPEG(tb, sampleCard(1000, 750, 300, 150, 800, 2))},
		samplePhoto{"generated-small-card", sampleJPEG(tb, sampleCard(800, 600, 100, 90, 600, 3))},
		samplePhoto{"generated-no-document", sampleJPEG(tb, blank)},
		samplePhoto{"generated-grey-png", pngBuf.Bytes()},
	)
}

// sampleCard draws a pale ID-1 card with lines of print, axis-aligned at (x0, y0) and w wide, on a
// textured mid-grey background.
func sampleCard(W, H, x0, y0, w int, seed uint64) *image.RGBA {
	img, _ := testcard.Card(W, H, x0, y0, w, seed)
	return img
}

func sampleJPEG(tb testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	require.NoError(tb, jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}))
	return b.Bytes()
}

// liveMats returns the number of gocv Mats alive and whether they are counted: gocv counts them
// only when built with -tags matprofile.
func liveMats() (int, bool) {
	p := pprof.Lookup("gocv.io/x/gocv.Mat")
	if p == nil {
		return 0, false
	}
	return p.Count(), true
}

func newQualityChecker(tb testing.TB, opts ...precheck.Option) *precheck.Checker {
	tb.Helper()
	a, err := quality.New(quality.Options{})
	require.NoError(tb, err)
	tb.Cleanup(func() { a.Close() })
	ck, err := precheck.New(a, opts...)
	require.NoError(tb, err)
	return ck
}

// summary is what must not change when a photo is checked concurrently.
type summary struct {
	Verdict precheck.Verdict
	Codes   []precheck.Code
	Corners *precheck.Quad
}

func summarise(r *precheck.Report) summary {
	s := summary{Verdict: r.Verdict, Corners: r.Document.Corners, Codes: []precheck.Code{}}
	for _, is := range r.Issues {
		s.Codes = append(s.Codes, is.Code)
	}
	return s
}

// TestCheckerConcurrent shares one Checker between 8 goroutines (run it with -race) and checks
// that every report equals the one the photo gets alone, and that no Mat is left.
func TestCheckerConcurrent(t *testing.T) {
	ck := newQualityChecker(t)
	photos := samplePhotos(t)
	ctx := context.Background()
	want := make([]summary, len(photos))
	for i, p := range photos {
		r, err := ck.Check(ctx, p.data, precheck.Typed{Name: "ZHANG SAN"})
		require.NoError(t, err, p.name)
		want[i] = summarise(r)
	}
	mats0, counted := liveMats()

	const goroutines, rounds = 8, 3
	var wg sync.WaitGroup
	var checks atomic.Int64
	for g := range goroutines {
		wg.Go(func() {
			for k := range rounds * len(photos) {
				i := (g + k*3) % len(photos) // each goroutine in its own order
				r, err := ck.Check(ctx, photos[i].data, precheck.Typed{Name: "ZHANG SAN"})
				if !assert.NoError(t, err, photos[i].name) {
					return
				}
				assert.Equal(t, want[i], summarise(r), "%s checked concurrently", photos[i].name)
				checks.Add(1)
			}
		})
	}
	wg.Wait()
	assert.EqualValues(t, goroutines*rounds*len(photos), checks.Load())
	if counted {
		mats, _ := liveMats()
		assert.Equal(t, mats0, mats, "gocv Mats left after the concurrent checks")
	}
}

// TestCheckEndedContext checks that a context already ended stops the check before any work.
func TestCheckEndedContext(t *testing.T) {
	ck := newQualityChecker(t)
	data := sampleJPEG(t, sampleCard(640, 480, 80, 80, 480, 6))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := ck.Check(ctx, data, precheck.Typed{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, r)

	ctx, cancel = context.WithTimeout(context.Background(), 0)
	defer cancel()
	r, p, err := ck.CheckPhoto(ctx, data, precheck.Typed{})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Nil(t, r)
	assert.Nil(t, p)
}

// cancellingAnalyzer measures the photo with package quality, then cancels the context, as a
// client that goes away between the photo checks and the reading.
type cancellingAnalyzer struct {
	a      precheck.Analyzer
	cancel context.CancelFunc
}

func (c cancellingAnalyzer) Analyze(ctx context.Context, data []byte) (precheck.Photo, error) {
	p, err := c.a.Analyze(ctx, data)
	c.cancel()
	return p, err
}

// blockingReader records that it was called and waits for the context to end.
type blockingReader struct {
	called atomic.Int32
	cancel context.CancelFunc // when set, cancels the context itself
}

func (b *blockingReader) Read(ctx context.Context, p precheck.Photo, k precheck.DocumentKind) (precheck.Reading, error) {
	b.called.Add(1)
	if b.cancel != nil {
		b.cancel()
	}
	<-ctx.Done()
	return precheck.Reading{}, ctx.Err()
}

// TestCheckCancelledBetweenStages checks that a context cancelled after the photo checks stops the
// check before the reader runs, returns the context's error, and closes the photo.
func TestCheckCancelledBetweenStages(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	clean := sampleJPEG(t, sampleCard(1200, 900, 180, 160, 820, 1))
	// The reader runs only on a photo without quality issues: make sure this one is.
	p, err := a.Analyze(context.Background(), clean)
	require.NoError(t, err)
	for _, m := range p.Quality().Measures {
		require.False(t, m.Failed, "the clean card must pass every photo check to reach the reader: %+v", m)
	}
	p.Close()
	mats0, counted := liveMats()

	t.Run("between quality and reading", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rd := &blockingReader{}
		ck, err := precheck.New(cancellingAnalyzer{a, cancel}, precheck.WithReader(rd))
		require.NoError(t, err)
		r, p, err := ck.CheckPhoto(ctx, clean, precheck.Typed{Name: "ZHANG SAN"})
		assert.ErrorIs(t, err, context.Canceled)
		assert.Nil(t, r)
		assert.Nil(t, p)
		assert.Zero(t, rd.called.Load(), "the reader ran after the context was cancelled")
	})
	t.Run("during reading", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rd := &blockingReader{cancel: cancel}
		ck, err := precheck.New(a, precheck.WithReader(rd))
		require.NoError(t, err)
		r, err := ck.Check(ctx, clean, precheck.Typed{Name: "ZHANG SAN"})
		assert.ErrorIs(t, err, context.Canceled)
		assert.Nil(t, r)
		assert.EqualValues(t, 1, rd.called.Load())
	})
	if counted {
		mats, _ := liveMats()
		assert.Equal(t, mats0, mats, "the photo of a cancelled check was not closed")
	}
}

// TestCheckInputErrorsAreTyped checks that photos that cannot be evaluated give a typed error from
// the real analyzer, never a report or a panic.
func TestCheckInputErrorsAreTyped(t *testing.T) {
	ck := newQualityChecker(t)
	clean := sampleJPEG(t, sampleCard(640, 480, 80, 80, 480, 5))
	for name, tc := range map[string]struct {
		data []byte
		want error
	}{
		"empty":     {nil, photo.ErrEmpty},
		"truncated": {clean[:len(clean)/2], photo.ErrCorrupt},
		"pdf":       {[]byte("%PDF-1.7\n"), photo.ErrUnsupportedFormat},
	} {
		r, err := ck.Check(context.Background(), tc.data, precheck.Typed{})
		assert.ErrorIs(t, err, tc.want, name)
		assert.Nil(t, r, name)
	}
}
