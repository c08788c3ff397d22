package quality_test

import (
	"context"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// skin is a light skin tone; the thumbs below are drawn with a little shading across their width.
var skin = color.RGBA{222, 170, 140, 255}

// capsule paints on img a rounded bar of width w from a to b: a thumb or a pen. shade darkens its
// sides as a round object's are.
func capsule(img *image.RGBA, a, b image.Point, w float64, c color.RGBA, shade bool) {
	ax, ay, bx, by := float64(a.X), float64(a.Y), float64(b.X), float64(b.Y)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	r := w / 2
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			t := math.Max(0, math.Min(1, ((float64(x)-ax)*dx+(float64(y)-ay)*dy)/l2))
			px, py := ax+t*dx, ay+t*dy
			d := math.Hypot(float64(x)-px, float64(y)-py)
			if d > r {
				continue
			}
			k := 1.0
			if shade {
				k = 1 - 0.25*(d/r)*(d/r)
			}
			img.SetRGBA(x, y, color.RGBA{uint8(float64(c.R) * k), uint8(float64(c.G) * k), uint8(float64(c.B) * k), 255})
		}
	}
}

func analyze(t *testing.T, img image.Image) precheck.Quality {
	t.Helper()
	a, err := quality.New(quality.Options{ModelDir: quality.ModelsOff})
	require.NoError(t, err)
	defer a.Close()
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	return p.Quality()
}

// The card below is 800 x 504 px at (200, 180) in a 1200 x 900 photo.
const (
	cardX, cardY, cardW, cardH = 200, 180, 800, 504
)

func TestOccludedClean(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.False(t, m.Failed, "%+v", m)
	assert.Less(t, m.Score, 0.002)
}

// A card held by its edge: a thumb on the margin only is not an occlusion.
func TestOccludedThumbOnMargin(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	capsule(img, image.Pt(cardX+400, cardY+cardH+200), image.Pt(cardX+400, cardY+cardH+45), 150, skin, true) // reaches 30 px (6 %) in
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.False(t, m.Failed, "%+v", m)
	c, _ := measure(q, precheck.CodeCutoff)
	assert.False(t, c.Failed, "%+v", c)
}

// A thumb reaching from below the card over its print (where the number is on most cards).
func TestOccludedThumbOverNumber(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	capsule(img, image.Pt(cardX+300, cardY+cardH+250), image.Pt(cardX+330, cardY+cardH-200), 160, skin, true)
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.True(t, m.Failed, "%+v", m)
	assert.Greater(t, m.Score, 0.02)
	require.NotEmpty(t, m.Regions)
	// The region is where the thumb is, in photo pixels.
	r := m.Regions[0]
	assert.InDelta(t, cardX+315, r.X+r.W/2, 60, "%+v", r)
	assert.Greater(t, r.Y+r.H, cardY+cardH-40, "%+v", r)
}

// A thumb over a corner inside the frame: occluded with that corner named, not cutoff.
func TestOccludedThumbOverCorner(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	capsule(img, image.Pt(cardX+cardW+180, cardY+cardH+200), image.Pt(cardX+cardW-40, cardY+cardH-40), 170, skin, true)
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.True(t, m.Failed, "%+v", m)
	assert.Contains(t, m.Corners, "bottom_right", "%+v", m)
	c, _ := measure(q, precheck.CodeCutoff)
	assert.False(t, c.Failed, "a corner inside the frame is not cut off: %+v", c)
}

// A pen lying across the bottom lines of print (where a passport's MRZ is).
func TestOccludedPenAcrossMRZ(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	y := cardY + cardH - 80
	capsule(img, image.Pt(cardX-150, y+30), image.Pt(cardX+cardW-120, y-10), 40, color.RGBA{25, 25, 35, 255}, true)
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.True(t, m.Failed, "%+v", m)
	require.NotEmpty(t, m.Regions)
}

// A printed portrait has skin tones but lies inside the outline: not an occlusion.
func TestOccludedNotPrintedPortrait(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	capsule(img, image.Pt(cardX+cardW-170, cardY+170), image.Pt(cardX+cardW-170, cardY+300), 150, skin, true)
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.False(t, m.Failed, "%+v", m)
}

// A fingertip over a corner that stays within the card's margin: it reaches no print, as a finger
// holding the card does, but it hides the corner, which must be seen: occluded, not cutoff.
func TestOccludedFingertipOverCornerMargin(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	tip := image.Pt(cardX+cardW-5, cardY+cardH-5)
	capsule(img, image.Pt(cardX+cardW+200, cardY+cardH+180), tip, 90, skin, true) // 50 px (10 %) in at most
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.True(t, m.Failed, "%+v", m)
	assert.Equal(t, []string{"bottom_right"}, m.Corners, "%+v", m)
	require.NotEmpty(t, m.Regions)
	c, _ := measure(q, precheck.CodeCutoff)
	assert.False(t, c.Failed, "a corner inside the frame is not cut off: %+v", c)

	// The same fingertip on the middle of the lower edge hides no corner and no print.
	img, _ = card(1200, 900, cardX, cardY, cardW, 1)
	capsule(img, image.Pt(cardX+cardW/2+60, cardY+cardH+250), image.Pt(cardX+cardW/2, cardY+cardH-5), 90, skin, true)
	m, _ = measure(analyze(t, img), precheck.CodeOccluded)
	assert.False(t, m.Failed, "a finger on the margin: %+v", m)
}

// A copper coin lying across the lower edge, over the print: its hue is in the skin range.
func TestOccludedCoinOverEdge(t *testing.T) {
	img, _ := card(1200, 900, cardX, cardY, cardW, 1)
	c := image.Pt(cardX+cardW/3, cardY+cardH-15)
	capsule(img, c, c.Add(image.Pt(1, 0)), 130, color.RGBA{184, 112, 80, 255}, true) // reaches 80 px (16 %) in
	q := analyze(t, img)
	m, ok := measure(q, precheck.CodeOccluded)
	require.True(t, ok)
	assert.True(t, m.Failed, "%+v", m)
	// The covered share counts the coin's part over the margin too: about half its disc.
	half := math.Pi * 65 * 65 / 2 / float64(cardW*cardH)
	assert.InDelta(t, half, m.Score, 0.4*half, "%+v", m)
	assert.Empty(t, m.Corners)
}
