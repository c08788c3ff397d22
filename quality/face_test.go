package quality_test

import (
	"context"
	"encoding/csv"
	"errors"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
	"github.com/docprecheck/docprecheck/specimen"
)

// modelDir returns the directory of the face model fetched by .ci/face-model (models/ at the module's
// root), or skips the test when the model is absent: the portrait measure is then off.
func modelDir(t testing.TB) string {
	dir := os.Getenv(quality.ModelsEnv)
	if dir == "" {
		dir = filepath.Join("..", "models")
	}
	if _, err := os.Stat(filepath.Join(dir, quality.FaceModelFile)); err != nil {
		t.Skipf("face model not found in %s: run .ci/face-model (the portrait measure is off without it)", dir)
	}
	return dir
}

func TestFaceModelLoadsAndFindsNoFaceOnBlankCard(t *testing.T) {
	a, err := quality.New(quality.Options{ModelDir: modelDir(t)})
	require.NoError(t, err)
	defer a.Close()
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	m, ok := measure(p.Quality(), precheck.CodePortrait)
	require.True(t, ok, "portrait measure missing")
	assert.False(t, m.Failed, "the portrait measure never fails in quality")
	assert.Less(t, m.Score, m.Threshold, "a face found on a card with no portrait: %+v", m)
	assert.Empty(t, m.Regions)
}

func TestFaceModelMissingOrWrong(t *testing.T) {
	_, err := quality.New(quality.Options{ModelDir: t.TempDir()})
	assert.ErrorIs(t, err, quality.ErrFaceModel)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, quality.FaceModelFile), []byte("not a model"), 0o600))
	_, err = quality.New(quality.Options{ModelDir: dir})
	assert.ErrorIs(t, err, quality.ErrFaceModel, "a file that is not the pinned model must not reach OpenCV")
	a, err := quality.New(quality.Options{ModelDir: quality.ModelsOff})
	require.NoError(t, err)
	defer a.Close()
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	_, ok := measure(p.Quality(), precheck.CodePortrait)
	assert.False(t, ok, "no model: no portrait measure")
}

// TestPortraitOnRealDocuments: the portrait of real documents with one is found, inside the document,
// and covering it (a grey card laid over the face) makes it disappear.
func TestPortraitOnRealDocuments(t *testing.T) {
	dir := realdataDir(t)
	a, err := quality.New(quality.Options{ModelDir: modelDir(t)})
	require.NoError(t, err)
	defer a.Close()
	for _, f := range []string{
		"midv2020-templates/aze_passport/images/00.jpg", "midv2020-templates/aze_passport/images/01.jpg",
		"midv2020-templates/alb_id/images/00.jpg", "midv2020-templates/alb_id/images/01.jpg",
		"mrz-specimens/id2.jpg",
	} {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, f))
			require.NoError(t, err)
			p, err := a.Analyze(context.Background(), data)
			require.NoError(t, err)
			m, ok := measure(p.Quality(), precheck.CodePortrait)
			p.Close()
			require.True(t, ok)
			t.Logf("%s: portrait %+v", f, m)
			require.GreaterOrEqual(t, m.Score, m.Threshold, "portrait not found: %+v", m)
			require.NotEmpty(t, m.Regions)

			// Cover the face found with a plain grey card.
			src, _, err := image.Decode(strings.NewReader(string(data)))
			require.NoError(t, err)
			rgba := image.NewRGBA(src.Bounds())
			draw.Draw(rgba, rgba.Bounds(), src, src.Bounds().Min, draw.Src)
			r := m.Regions[0]
			grow := r.W / 2
			draw.Draw(rgba, image.Rect(r.X-grow, r.Y-grow, r.X+r.W+grow, r.Y+r.H+grow), &image.Uniform{color.RGBA{150, 150, 150, 255}}, image.Point{}, draw.Src)
			p, err = a.Analyze(context.Background(), encodeJPEG(t, rgba))
			require.NoError(t, err)
			defer p.Close()
			m, ok = measure(p.Quality(), precheck.CodePortrait)
			require.True(t, ok)
			assert.Less(t, m.Score, m.Threshold, "covered portrait still found: %+v", m)
		})
	}
}

// TestOccludedFalseAlarmsOnRealFrames measures how often occluded fires on the real phone frames in
// which the whole document is visible (gicsd-dev FULL_VISIBILITY, many of them held in a hand). The
// frames are greyscale, so only the dark-object cue can fire there.
func TestOccludedFalseAlarmsOnRealFrames(t *testing.T) {
	if testing.Short() {
		t.Skip("400 frames")
	}
	dir := filepath.Join(realdataDir(t), "gicsd-dev")
	fh, err := os.Open(filepath.Join(dir, "labels.csv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("gicsd-dev absent")
	}
	require.NoError(t, err)
	rows, err := csv.NewReader(fh).ReadAll()
	fh.Close()
	require.NoError(t, err)
	a, err := quality.New(quality.Options{ModelDir: quality.ModelsOff})
	require.NoError(t, err)
	defer a.Close()
	n, fired, found, alone := 0, 0, 0, 0
	for _, r := range rows[1:] {
		if r[1] != "FULL_VISIBILITY" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, r[0]))
		require.NoError(t, err)
		p, err := a.Analyze(context.Background(), data)
		require.NoError(t, err)
		q := p.Quality()
		p.Close()
		n++
		m, ok := measure(q, precheck.CodeOccluded)
		if !ok {
			continue
		}
		found++
		if !m.Failed {
			continue
		}
		fired++
		var others []precheck.Code
		for _, o := range q.Measures {
			if o.Failed && o.Code != precheck.CodeOccluded {
				others = append(others, o.Code)
			}
		}
		if len(others) == 0 {
			alone++
		}
		t.Logf("%s: %+v; also %v", r[0], m, others)
	}
	t.Logf("occluded on %d of %d FULL_VISIBILITY frames with a document found (%d frames); the only issue on %d (GOMAXPROCS %d)", fired, found, n, alone, runtime.GOMAXPROCS(0))
	assert.LessOrEqual(t, float64(alone), 0.03*float64(found), "retakes occluded adds")
	assert.LessOrEqual(t, float64(fired), 0.1*float64(found), "occluded reported")
}

// TestOccludedFalseAlarmsOnPassportScans measures occluded on the 96 passport data-page scans of
// mrz-passports-dev (colour, some with the facing page or the scanner's bed, nothing lying on them).
func TestOccludedFalseAlarmsOnPassportScans(t *testing.T) {
	if testing.Short() {
		t.Skip("96 scans")
	}
	files, _ := filepath.Glob(filepath.Join(realdataDir(t), "mrz-passports-dev", "*", "*.jpg"))
	if len(files) == 0 {
		t.Skip("mrz-passports-dev absent")
	}
	a, err := quality.New(quality.Options{ModelDir: quality.ModelsOff})
	require.NoError(t, err)
	defer a.Close()
	found, fired := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := a.Analyze(context.Background(), data)
		require.NoError(t, err)
		q := p.Quality()
		p.Close()
		m, ok := measure(q, precheck.CodeOccluded)
		if !ok {
			continue
		}
		found++
		if m.Failed {
			fired++
			t.Logf("%s: %+v", f[len(f)-10:], m)
		}
	}
	t.Logf("occluded on %d of %d passport scans with a document found (%d scans)", fired, found, len(files))
	assert.LessOrEqual(t, float64(fired), 0.03*float64(found))
}

// TestPortraitUpsideDown: a passport page photographed upside down still shows its portrait.
func TestPortraitUpsideDown(t *testing.T) {
	dir := realdataDir(t)
	a, err := quality.New(quality.Options{ModelDir: modelDir(t)})
	require.NoError(t, err)
	defer a.Close()
	data, err := os.ReadFile(filepath.Join(dir, "mrz-specimens/id2.jpg"))
	require.NoError(t, err)
	src, _, err := image.Decode(strings.NewReader(string(data)))
	require.NoError(t, err)
	b := src.Bounds()
	turned := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			turned.Set(b.Max.X-1-(x-b.Min.X), b.Max.Y-1-(y-b.Min.Y), src.At(x, y))
		}
	}
	p, err := a.Analyze(context.Background(), encodeJPEG(t, turned))
	require.NoError(t, err)
	defer p.Close()
	m, ok := measure(p.Quality(), precheck.CodePortrait)
	require.True(t, ok)
	assert.GreaterOrEqual(t, m.Score, m.Threshold, "%+v", m)
	require.NotEmpty(t, m.Regions)
	// The face is on the right of the turned page (it was on the left).
	assert.Greater(t, m.Regions[0].X, b.Dx()/2, "%+v", m.Regions[0])
}

// BenchmarkAnalyzeFaceModel compares Analyze on a 12 MP photo without and with the portrait measure;
// the difference is the face detector's cost per photo (one run of the network).
func BenchmarkAnalyzeFaceModel(b *testing.B) {
	data := photo12MP(b)
	for _, tc := range []struct{ name, dir string }{{"off", quality.ModelsOff}, {"on", modelDir(b)}} {
		b.Run(tc.name, func(b *testing.B) {
			a, err := quality.New(quality.Options{ModelDir: tc.dir})
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			b.ReportAllocs()
			for b.Loop() {
				p, err := a.Analyze(context.Background(), data)
				if err != nil {
					b.Fatal(err)
				}
				p.Close()
			}
		})
	}
}

// TestPortraitConcurrent: one Analyzer shared by goroutines gives each photo the same portrait
// measure (its pooled networks are not shared between concurrent runs).
func TestPortraitConcurrent(t *testing.T) {
	dir := realdataDir(t)
	a, err := quality.New(quality.Options{ModelDir: modelDir(t)})
	require.NoError(t, err)
	defer a.Close()
	data, err := os.ReadFile(filepath.Join(dir, "mrz-specimens/id2.jpg"))
	require.NoError(t, err)
	score := func() float64 {
		p, err := a.Analyze(context.Background(), data)
		if err != nil {
			return -1
		}
		defer p.Close()
		m, _ := measure(p.Quality(), precheck.CodePortrait)
		return m.Score
	}
	want := score()
	require.Greater(t, want, 0.5)
	got := make(chan float64, 8)
	for range 4 {
		go func() {
			for range 2 {
				got <- score()
			}
		}()
	}
	for range 8 {
		assert.Equal(t, want, <-got)
	}
}

func TestFaceModelFromEnvironment(t *testing.T) {
	t.Setenv(quality.ModelsEnv, t.TempDir())
	_, err := quality.New(quality.Options{})
	assert.ErrorIs(t, err, quality.ErrFaceModel, "an empty directory named by the environment")
	t.Setenv(quality.ModelsEnv, quality.ModelsOff)
	_, err = quality.New(quality.Options{})
	assert.NoError(t, err)
	t.Setenv(quality.ModelsEnv, "")
	_, err = quality.New(quality.Options{})
	assert.NoError(t, err)
}

// TestPortraitOnSpecimenDocuments: the generator's drawn portraits are found on its documents laid
// flat on a plain table, at resolutions from a distant phone photo's (9 px/mm) to a close one's, and
// a thumb laid over the face hides it. The detector's threshold is the normal preset's.
func TestPortraitOnSpecimenDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and analyses 24 documents")
	}
	dir := modelDir(t)
	r, err := specimen.NewRenderer()
	if errors.Is(err, specimen.ErrFont) {
		t.Skipf("fonts missing: %v", err)
	}
	require.NoError(t, err)
	a, err := quality.New(quality.Options{ModelDir: dir})
	require.NoError(t, err)
	defer a.Close()
	analyze := func(img image.Image) precheck.Measure {
		p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
		require.NoError(t, err)
		defer p.Close()
		m, ok := measure(p.Quality(), precheck.CodePortrait)
		require.True(t, ok)
		return m
	}
	found, n := 0, 0
	for _, k := range []layout.Kind{layout.CNIDFront, layout.Passport, layout.IDCard} {
		for seed := range 8 {
			rng := rand.New(rand.NewPCG(uint64(seed), 11))
			person, err := specimen.NewPerson(k, rng)
			require.NoError(t, err)
			ppm := []float64{9, 12, 16, 20}[seed%4]
			doc, _ := r.RenderDocument(person, ppm, rng)
			b := doc.Bounds()
			img := image.NewRGBA(image.Rect(0, 0, b.Dx()*3/2, b.Dy()*3/2))
			draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{96, 74, 56, 255}}, image.Point{}, draw.Src)
			at := image.Pt(b.Dx()/4, b.Dy()/4)
			draw.Draw(img, b.Add(at), doc, image.Point{}, draw.Over)
			m := analyze(img)
			n++
			if m.Score < m.Threshold || len(m.Regions) == 0 {
				t.Logf("%s seed %d at %g px/mm: portrait not found (%.2f)", k, seed, ppm, m.Score)
				continue
			}
			found++
			if seed%2 == 1 {
				continue
			}
			// A thumb from below the document over the face.
			f := m.Regions[0]
			centre := image.Pt(f.X+f.W/2, f.Y+f.H/2)
			capsule(img, image.Pt(centre.X+f.W/3, img.Bounds().Dy()), centre, 1.3*float64(f.W), skin, true)
			c := analyze(img)
			assert.Less(t, c.Score, c.Threshold, "%s seed %d: portrait under a thumb still found: %+v", k, seed, c)
		}
	}
	t.Logf("portrait found on %d of %d specimen documents", found, n)
	assert.GreaterOrEqual(t, float64(found), 0.9*float64(n), "portrait found on %d of %d", found, n)
}
