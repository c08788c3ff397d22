package ocr_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/docprecheck/docprecheck/quality"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/specimen"
)

// corpusDir returns the directory of the synthetic corpus (DOCPRECHECK_CORPUS, default
// testdata/corpus) and its labels, skipping when there are none.
func corpusDir(tb testing.TB) (string, *specimen.Labels) {
	tb.Helper()
	dir := os.Getenv("DOCPRECHECK_CORPUS")
	if dir == "" {
		dir = filepath.Dir(corpusLabels)
	}
	labels, err := specimen.LoadLabels(filepath.Join(dir, "labels.json"))
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("no corpus at %s: build it with go run ./specimen/gencorpus (or set DOCPRECHECK_CORPUS)", dir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return dir, labels
}

// clean reports whether a label is a clean photo of a document: no defect, no mild imperfection.
func clean(l specimen.Label) bool {
	return l.Kind != specimen.KindNone && l.Kind != "" && len(l.Defects) == 0 && len(l.Mild) == 0 &&
		l.Variant != specimen.Mild
}

// labelledPhoto is a photo analysed by package quality whose document corners are replaced by the
// labelled ones, so that the reader is measured apart from the document finder. The corners keep
// the order the finder gives (top-left on screen first, half a turn from the reading order when the
// document is upside down): the reader must still find which way up the document is.
type labelledPhoto struct {
	*quality.Photo
	corners [4][2]float64
}

func (p labelledPhoto) CornersF() [4][2]float64 { return p.corners }

func (p labelledPhoto) Quality() precheck.Quality {
	q := p.Photo.Quality()
	var c precheck.Quad
	for i, v := range p.corners {
		c[i] = precheck.Point{v[0] * p.Scale(), v[1] * p.Scale()}
	}
	q.Corners = &c
	return q
}

func (p labelledPhoto) Aspect() float64 {
	c := p.corners
	d := func(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
	return (d(c[0], c[1]) + d(c[3], c[2])) / (d(c[0], c[3]) + d(c[1], c[2]))
}

// withLabelledCorners wraps p with the corners of l.
func withLabelledCorners(p *quality.Photo, l specimen.Label) labelledPhoto {
	lp := labelledPhoto{Photo: p}
	c := l.Corners
	if c[0][1] > c[3][1] { // upside down on screen: the finder starts from the other end
		c = [][2]float64{c[2], c[3], c[0], c[1]}
	}
	for i := range 4 {
		lp.corners[i] = [2]float64{c[i][0] / p.Scale(), c[i][1] / p.Scale()}
	}
	return lp
}

// rate counts exact matches.
type rate struct{ ok, n int }

func (r *rate) add(ok bool) {
	r.n++
	if ok {
		r.ok++
	}
}

func (r rate) value() float64 {
	if r.n == 0 {
		return 1
	}
	return float64(r.ok) / float64(r.n)
}

func (r rate) String() string { return fmt.Sprintf("%d/%d = %.3f", r.ok, r.n, r.value()) }

// Accuracy targets on the clean photos of the corpus.
const (
	targetIDNumber = 0.98
	targetDates    = 0.98
	targetCNName   = 0.95
	targetMRZValid = 0.95
)

// rates are the exact-match rates of one set of photos.
type rates struct {
	kind, idNumber, dates, cnName, mrzValid rate
}

func (r *rates) log(t *testing.T, what string) {
	t.Logf("%s:", what)
	t.Logf("  kind recognised:      %v", r.kind)
	t.Logf("  ID/document number:   %v (target %.2f)", r.idNumber, targetIDNumber)
	t.Logf("  dates:                %v (target %.2f)", r.dates, targetDates)
	t.Logf("  Chinese names:        %v (target %.2f)", r.cnName, targetCNName)
	t.Logf("  MRZ all check digits: %v (target %.2f)", r.mrzValid, targetMRZValid)
}

// held reports a photo of a document held in the hand: the corpus generator's thumb may then cover
// printed fields (it hides the MRZ's dates on some such photos labelled clean), and the labels do
// not say where it lies, so the truth of what can be read is unknown.
func held(l specimen.Label) bool { return l.Background == "hand" }

// TestCorpusAccuracy reads every clean photo of the synthetic corpus, letting the reader recognise
// the kind, and reports the exact-match rates of the fields: ID and document numbers, dates, Chinese
// names and MRZs with every check digit valid. The targets are asserted on the reader alone, given
// the labelled document corners, on the photos of documents not held in the hand (see held); the
// rates on every clean photo, and end to end with the corners found by package quality (which has
// its own tests), are reported beside them.
func TestCorpusAccuracy(t *testing.T) {
	dir, labels := corpusDir(t)
	for _, labelled := range []bool{true, false} {
		name := "found_corners"
		if labelled {
			name = "labelled_corners"
		}
		t.Run(name, func(t *testing.T) { corpusAccuracy(t, dir, labels, labelled) })
	}
}

func corpusAccuracy(t *testing.T, dir string, labels *specimen.Labels, labelled bool) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	r := unhurried(t)
	var (
		mu            sync.Mutex
		all, notHeld  rates
		failures      []string
		photos, inHnd int
	)
	sem := make(chan struct{}, r.Options().PoolSize)
	var wg sync.WaitGroup
	for _, l := range labels.Images {
		if !clean(l) {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			qp := analyse(t, filepath.Join(dir, l.File))
			defer qp.Close()
			var p precheck.Photo = qp
			if labelled {
				p = withLabelledCorners(qp, l)
			}
			rd, err := r.Read(context.Background(), p, precheck.KindUnknown)
			if err != nil {
				t.Errorf("%s: %v", l.File, err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			photos++
			if held(l) {
				inHnd++
			}
			var bad []string
			check := func(pick func(*rates) *rate, what string, ok bool, got, want any) {
				pick(&all).add(ok)
				if !held(l) {
					pick(&notHeld).add(ok)
				}
				if !ok {
					bad = append(bad, fmt.Sprintf("%s %v, want %v", what, got, want))
				}
			}
			eq := func(pick func(*rates) *rate, what, got, want string) {
				check(pick, what, got == want, fmt.Sprintf("%q", got), fmt.Sprintf("%q", want))
			}
			var (
				kind  = func(r *rates) *rate { return &r.kind }
				id    = func(r *rates) *rate { return &r.idNumber }
				dates = func(r *rates) *rate { return &r.dates }
				name  = func(r *rates) *rate { return &r.cnName }
				mrzOK = func(r *rates) *rate { return &r.mrzValid }
			)
			f := l.Fields
			eq(kind, "kind", string(rd.Kind), string(l.Kind))
			switch l.Kind {
			case layout.CNIDFront:
				eq(id, "id_number", rd.Printed.IDNumber, f["id_number"])
				eq(dates, "birth_date", rd.Printed.BirthDate, f["birth_date"])
				eq(name, "name", rd.Printed.Name, f["name"])
			case layout.CNIDBack:
				want, got := f["expiry"], rd.Printed.Expiry
				if want == "" {
					want, got = "long_term", got+rd.Extra["validity"]
				}
				eq(dates, "expiry", got, want)
			case layout.Passport, layout.IDCard:
				eq(id, "document_number", rd.Printed.IDNumber, f["document_number"])
				eq(dates, "birth_date", rd.Printed.BirthDate, f["birth_date"])
				eq(dates, "expiry", rd.Printed.Expiry, f["expiry"])
				check(mrzOK, "MRZ", rd.MRZ != nil && rd.MRZ.Valid, fmt.Sprintf("%+v", rd.MRZ), "valid")
			}
			if len(bad) > 0 {
				failures = append(failures, fmt.Sprintf("%s (%s): %s", l.File, l.Kind, strings.Join(bad, "; ")))
			}
		})
	}
	wg.Wait()
	slices.Sort(failures)
	for _, f := range failures {
		t.Log("miss: " + f)
	}
	if photos == 0 {
		t.Fatal("no clean photo in the corpus")
	}
	all.log(t, fmt.Sprintf("all %d clean photos", photos))
	notHeld.log(t, fmt.Sprintf("%d clean photos not held in the hand", photos-inHnd))
	if !labelled {
		return
	}
	for _, c := range []struct {
		name   string
		r      rate
		target float64
	}{
		{"ID number", notHeld.idNumber, targetIDNumber},
		{"dates", notHeld.dates, targetDates},
		{"Chinese names", notHeld.cnName, targetCNName},
		{"MRZ valid", notHeld.mrzValid, targetMRZValid},
	} {
		if c.r.value() < c.target {
			t.Errorf("%s: %v below the target %.2f", c.name, c.r, c.target)
		}
	}
}
