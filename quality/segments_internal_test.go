package quality

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

// lineModelDir returns the directory holding the line-segment detector made by .ci/line-model (models/
// at the module's root, or $DOCPRECHECK_MODELS), or skips the test when it is absent.
func lineModelDir(t *testing.T) string {
	dir := os.Getenv(ModelsEnv)
	if dir == "" || dir == ModelsOff {
		dir = filepath.Join("..", "models")
	}
	if _, err := os.Stat(filepath.Join(dir, LineModelFile)); err != nil {
		t.Skipf("line model not found in %s: run .ci/line-model (the finder uses its own edges without it)", dir)
	}
	return dir
}

// TestLineDetectorFindsACardsSides loads the model (a model OpenCV cannot load aborts the process, so
// this is where a bad rewrite shows) and checks that the four sides of a light card on a dark desk
// are each found as a segment along them.
func TestLineDetectorFindsACardsSides(t *testing.T) {
	d, err := newLineDetector(lineModelDir(t))
	require.NoError(t, err)
	require.NotNil(t, d)
	defer d.close()
	img := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(60, 70, 80, 0), 600, 800, gocv.MatTypeCV8UC3)
	defer img.Close()
	corners := []image.Point{{150, 140}, {660, 170}, {640, 480}, {130, 450}}
	pv := gocv.NewPointsVectorFromPoints([][]image.Point{corners})
	defer pv.Close()
	gocv.FillPoly(&img, pv, color.RGBA{230, 225, 215, 0})
	gocv.PutText(&img, "SPECIMEN 1234", image.Pt(220, 320), gocv.FontHersheySimplex, 1.2, color.RGBA{40, 40, 40, 0}, 2)

	segs, err := d.detect(img, 60)
	require.NoError(t, err)
	for i := range corners {
		a := pt{float64(corners[i].X), float64(corners[i].Y)}
		b := pt{float64(corners[(i+1)%4].X), float64(corners[(i+1)%4].Y)}
		l, _ := fitLine([]pt{a, b})
		found := false
		for _, s := range segs {
			if math.Abs(l.dist(s.a)) < 6 && math.Abs(l.dist(s.b)) < 6 && s.a.dist(s.b) > 0.5*a.dist(b) {
				found = true
				break
			}
		}
		assert.True(t, found, "side %d (%v to %v) not among the %d segments", i, a, b, len(segs))
	}
	// Nothing is found on an even surface.
	blank := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 128, 128, 0), 600, 800, gocv.MatTypeCV8UC3)
	defer blank.Close()
	segs, err = d.detect(blank, 60)
	require.NoError(t, err)
	assert.Empty(t, segs)
}

func TestLineModelMissingOrWrong(t *testing.T) {
	d, err := newLineDetector(t.TempDir())
	assert.NoError(t, err, "the line model is optional")
	assert.Nil(t, d)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, LineModelFile), []byte("not a model"), 0o600))
	_, err = newLineDetector(dir)
	assert.ErrorIs(t, err, ErrLineModel, "a file that is not the pinned model must not reach OpenCV")
}

// An Analyzer tells whether it found the line detector in its model directory.
func TestAnalyzerLineDetector(t *testing.T) {
	off, err := New(Options{ModelDir: ModelsOff})
	require.NoError(t, err)
	defer off.Close()
	assert.False(t, off.LineDetector())
	on, err := New(Options{ModelDir: lineModelDir(t)})
	require.NoError(t, err)
	defer on.Close()
	assert.True(t, on.LineDetector())
}

// An Analyzer tells models turned off from models not found: only the first is ModelsOff.
func TestAnalyzerModelsOff(t *testing.T) {
	off, err := New(Options{ModelDir: ModelsOff})
	require.NoError(t, err)
	defer off.Close()
	assert.True(t, off.ModelsOff())

	t.Setenv(ModelsEnv, ModelsOff)
	byEnv, err := New(Options{})
	require.NoError(t, err)
	defer byEnv.Close()
	assert.True(t, byEnv.ModelsOff(), "%s=%s turns them off", ModelsEnv, ModelsOff)
	assert.False(t, byEnv.LineDetector())

	t.Setenv(ModelsEnv, "")
	t.Chdir(t.TempDir()) // no models/ here, and no go.mod above to find one beside
	none, err := New(Options{})
	require.NoError(t, err)
	defer none.Close()
	assert.False(t, none.ModelsOff(), "not found is not turned off")
	assert.False(t, none.LineDetector())
}

func BenchmarkLineDetector(b *testing.B) {
	dir := os.Getenv(ModelsEnv)
	if dir == "" || dir == ModelsOff {
		dir = filepath.Join("..", "models")
	}
	d, err := newLineDetector(dir)
	if err != nil || d == nil {
		b.Skip("line model not found: run .ci/line-model")
	}
	defer d.close()
	img := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(60, 70, 80, 0), 480, 640, gocv.MatTypeCV8UC3)
	defer img.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.detect(img, 38); err != nil {
			b.Fatal(err)
		}
	}
}
