package ocr_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

func TestOptions(t *testing.T) {
	r, err := ocr.New(ocr.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	o := r.Options()
	if o.PoolSize < 1 || o.PixelsPerMM != ocr.DefaultPixelsPerMM || o.PadMM != ocr.DefaultPadMM {
		t.Errorf("defaults not applied: %+v", o)
	}
	for _, bad := range []ocr.Options{{PoolSize: -1}, {PixelsPerMM: 2}, {PixelsPerMM: 100}, {PadMM: 20}} {
		if _, err := ocr.New(bad); !errors.Is(err, ocr.ErrOptions) {
			t.Errorf("New(%+v) = %v, want ErrOptions", bad, err)
		}
	}
}

// fakePhoto is a precheck.Photo that package ocr cannot read.
type fakePhoto struct{}

func (fakePhoto) Quality() precheck.Quality { return precheck.Quality{} }
func (fakePhoto) Close() error              { return nil }

func TestReadUnsupportedPhoto(t *testing.T) {
	_, err := reader(t).Read(context.Background(), fakePhoto{}, precheck.KindUnknown)
	if !errors.Is(err, ocr.ErrPhoto) {
		t.Errorf("Read(fake) = %v, want ErrPhoto", err)
	}
}

// blankPhoto returns a grey photo in which no document can be found.
func blankPhoto(t *testing.T) *quality.Photo {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	a, _ := quality.New(quality.Options{})
	p, err := a.Analyze(context.Background(), b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return p.(*quality.Photo)
}

func TestReadNoDocument(t *testing.T) {
	p := blankPhoto(t)
	defer p.Close()
	if p.Quality().Corners != nil {
		t.Skip("the analyser found a document in a blank photo")
	}
	for _, tc := range []struct {
		kind precheck.DocumentKind
		want []string
	}{
		{precheck.KindUnknown, nil}, // an unknown kind is not a reason to retake
		{precheck.KindCNIDFront, []string{"name", "id_number"}},
		{precheck.KindCNIDBack, []string{"validity"}},
		{precheck.KindPassport, []string{"mrz"}},
	} {
		rd, err := reader(t).Read(context.Background(), p, tc.kind)
		if err != nil {
			t.Fatal(err)
		}
		if rd.Kind != precheck.KindUnknown || len(rd.Unreadable) != len(tc.want) {
			t.Errorf("%s: kind %s, unreadable %v, want unknown and %v", tc.kind, rd.Kind, rd.Unreadable, tc.want)
			continue
		}
		for i := range tc.want {
			if rd.Unreadable[i] != tc.want[i] {
				t.Errorf("%s: unreadable %v, want %v", tc.kind, rd.Unreadable, tc.want)
			}
		}
	}
}

func TestReadUnknownKindName(t *testing.T) {
	p := blankPhoto(t)
	defer p.Close()
	if _, err := reader(t).Read(context.Background(), p, "driving_licence"); err == nil {
		t.Error("Read with an unknown kind did not fail")
	}
}

func TestReadAfterClose(t *testing.T) {
	r, err := ocr.New(ocr.Options{PoolSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	dir := realdataDir(t)
	p := analyse(t, filepath.Join(dir, "mrz-specimens", "id2.jpg"))
	defer p.Close()
	if _, err := r.Read(context.Background(), p, precheck.KindPassport); !errors.Is(err, ocr.ErrClosed) {
		t.Errorf("Read after Close = %v, want ErrClosed", err)
	}
}

func TestReadCancelled(t *testing.T) {
	dir := realdataDir(t)
	p := analyse(t, filepath.Join(dir, "mrz-specimens", "id2.jpg"))
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := reader(t).Read(ctx, p, precheck.KindUnknown); !errors.Is(err, context.Canceled) {
		t.Errorf("Read(cancelled) = %v, want context.Canceled", err)
	}
}

// TestConcurrentReads reads one photo from several goroutines through a Reader with a single
// engine per language: every Read must wait its turn and read the same thing, and a Read whose
// context ends while it waits must give up.
func TestConcurrentReads(t *testing.T) {
	dir := realdataDir(t)
	r, err := ocr.New(ocr.Options{PoolSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var photos []*quality.Photo
	for range 4 {
		p := analyse(t, filepath.Join(dir, "midv2020-templates", "aze_passport", "images", "00.jpg"))
		defer p.Close()
		photos = append(photos, p)
	}
	var wg sync.WaitGroup
	lines := make([][]string, len(photos))
	errs := make([]error, len(photos))
	for i, p := range photos {
		wg.Go(func() {
			rd, err := r.Read(context.Background(), p, precheck.KindPassport)
			errs[i] = err
			if rd.MRZ != nil {
				lines[i] = rd.MRZ.Lines
			}
		})
	}
	// A Read that cannot get an engine before its deadline gives up with the context's error.
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	wg.Go(func() {
		time.Sleep(5 * time.Millisecond)
		if _, err := r.Read(ctx, photos[0], precheck.KindPassport); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Read with an ended context = %v", err)
		}
	})
	wg.Wait()
	for i := range photos {
		if errs[i] != nil {
			t.Fatalf("Read %d: %v", i, errs[i])
		}
		if len(lines[i]) != 2 || lines[i][0] != lines[0][0] || lines[i][1] != lines[0][1] {
			t.Errorf("Read %d: MRZ %q, Read 0: %q", i, lines[i], lines[0])
		}
	}
}
