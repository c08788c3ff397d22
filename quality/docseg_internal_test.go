package quality

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/internal/testcard"
	"github.com/docprecheck/docprecheck/specimen"
)

// segmentOf runs the embedded segmenter on the BGR photo m.
func segmentOf(t testing.TB, d *docSegmenter, m gocv.Mat) *segMap {
	g := toGray(m)
	defer g.Close()
	sm, err := d.segment(g)
	require.NoError(t, err)
	require.NotNil(t, sm)
	return sm
}

// agreement is the soft intersection over union of the outline q, in a w x h frame, and the region
// that m marks: 1 when the two coincide, 0 when they do not meet.
func agreement(m *segMap, q quad, w, h float64) float64 {
	sx, sy := segOutput/w, segOutput/h
	var sq quad
	for i, p := range q {
		sq[i] = pt{p.X * sx, p.Y * sy}
	}
	inside, area, total := 0.0, 0.0, 0.0
	for y := range segOutput {
		for x := range segOutput {
			v := float64(m.p[y*segOutput+x])
			total += v
			if insideQuad(sq, pt{float64(x) + 0.5, float64(y) + 0.5}) {
				inside += v
				area++
			}
		}
	}
	return inside / math.Max(1e-9, total+area-inside)
}

// marked is the share of the map's cells on the document with a probability over one half: the
// region the finder outlines (segMap.mask).
func marked(m *segMap) float64 {
	n := 0
	for _, v := range m.p {
		if v > 0.5 {
			n++
		}
	}
	return float64(n) / float64(len(m.p))
}

// TestDocSegmenterMarksTheCard loads the embedded model (a model OpenCV cannot load aborts the
// process, so this is where a bad model shows) and checks that it marks the document: a drawn card on
// a textured desk and a photo of the committed corpus (seed 2; the model was trained on other seeds)
// agree with their true outlines, the drawn card's moved off it does not, and the desk without the card
// is not marked.
func TestDocSegmenterMarksTheCard(t *testing.T) {
	d := newDocSegmenter(docSegModel)
	defer d.close()

	img, card := testcard.Card(800, 600, 180, 150, 440, 3)
	m, err := gocv.ImageToMatRGB(img)
	require.NoError(t, err)
	defer m.Close()
	sm := segmentOf(t, d, m)
	var q, off quad
	for i, p := range card {
		q[i] = pt{p[0], p[1]}
		off[i] = pt{p[0] + 460, p[1]}
	}
	assert.Greater(t, agreement(sm, q, 800, 600), 0.7, "the drawn card")
	assert.Less(t, agreement(sm, off, 800, 600), 0.2, "beside the drawn card")

	labels, err := specimen.LoadLabels(filepath.Join("..", "testdata", "corpus", "labels.json"))
	require.NoError(t, err)
	for _, l := range labels.Images {
		if l.File != "001-cn-id-front-clean-wood.jpg" && l.File != "021-passport-clean-tablecloth.jpg" {
			continue
		}
		photo := gocv.IMRead(filepath.Join("..", "testdata", "corpus", l.File), gocv.IMReadColor)
		require.False(t, photo.Empty(), l.File)
		sm := segmentOf(t, d, photo)
		W, H := float64(photo.Cols()), float64(photo.Rows())
		photo.Close()
		var q quad
		for i, c := range l.Corners {
			q[i] = pt{c[0], c[1]}
		}
		assert.Greater(t, agreement(sm, q, W, H), 0.7, l.File)
	}

	// The same desk without the card.
	bare, _ := testcard.Card(800, 600, 900, 150, 440, 3)
	bm, err := gocv.ImageToMatRGB(bare)
	require.NoError(t, err)
	defer bm.Close()
	sm = segmentOf(t, d, bm)
	assert.Less(t, marked(sm), minMaskArea, "the bare desk: no region the finder would outline")
}

// TestAnalyzerSegmenter checks that the segmenter is used unless the models are turned off, and that
// a nil segmenter answers no map.
func TestAnalyzerSegmenter(t *testing.T) {
	off, err := New(Options{ModelDir: ModelsOff})
	require.NoError(t, err)
	defer off.Close()
	assert.Nil(t, off.seg)

	t.Setenv(ModelsEnv, "")
	t.Chdir(t.TempDir()) // no models/ here: the segmenter is embedded and needs none
	on, err := New(Options{})
	require.NoError(t, err)
	defer on.Close()
	assert.NotNil(t, on.seg)

	var none *docSegmenter
	g := gocv.NewMatWithSize(10, 10, gocv.MatTypeCV8U)
	defer g.Close()
	sm, err := none.segment(g)
	assert.NoError(t, err)
	assert.Nil(t, sm)
}

func BenchmarkDocSegmenter(b *testing.B) {
	d := newDocSegmenter(docSegModel)
	defer d.close()
	g := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(128, 0, 0, 0), 768, 1024, gocv.MatTypeCV8U)
	defer g.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.segment(g); err != nil {
			b.Fatal(err)
		}
	}
}
