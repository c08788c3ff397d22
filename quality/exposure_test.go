package quality_test

import (
	"context"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/internal/testcard"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// TestTooBrightIsWashedOutPrint: a white card whose paper is clipped to white but whose print stays black
// (a white page, a scan) is not over-exposed; the same card with its print lifted to light grey, as a
// lens's veiling flare does in an over-exposed photo, is. A grey, hazy card whose paper is not clipped
// is not over-exposed either (that is not too much light).
func TestTooBrightIsWashedOutPrint(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	for _, tc := range []struct {
		name        string
		paper, ink  uint8
		overexposed bool
	}{
		{"white paper, black print", 255, 35, false},
		{"white paper, washed-out print", 255, 175, true},
		{"grey paper, grey print (haze)", 215, 160, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, _ := card(1200, 900, 200, 180, 800, 3)
			testcard.PaintInk(img, 200, 180, 800, color.RGBA{tc.paper - 5, tc.paper - 5, tc.paper - 5, 255},
				color.RGBA{tc.ink, tc.ink, tc.ink, 255}, rand.New(rand.NewPCG(3, 2)))
			p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
			require.NoError(t, err)
			defer p.Close()
			require.NotNil(t, p.Quality().Corners, "card not found")
			m, ok := measure(p.Quality(), precheck.CodeTooBright)
			require.True(t, ok)
			assert.Equal(t, tc.overexposed, m.Failed, "%+v", m)
			g, _ := measure(p.Quality(), precheck.CodeGlare)
			assert.False(t, g.Failed, "clipped paper with print on it is not glare: %+v", g)
		})
	}
}

// TestHologramIsNotGlare: a printed holographic or guilloche pattern (fine light lines over white,
// clipped between them) is not glare; a reflection (a solid saturated blob over the print) of the same
// size is.
func TestHologramIsNotGlare(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	for _, tc := range []struct {
		name  string
		solid bool
	}{{"guilloche", false}, {"reflection", true}} {
		t.Run(tc.name, func(t *testing.T) {
			img, _ := card(1200, 900, 200, 180, 800, 4)
			// A disc a fifth of the card's height across, over the print.
			cx, cy, r := 560.0, 400.0, 110.0
			for y := int(cy - r); y <= int(cy+r); y++ {
				for x := int(cx - r); x <= int(cx+r); x++ {
					dx, dy := float64(x)-cx, float64(y)-cy
					if dx*dx+dy*dy > r*r {
						continue
					}
					v := uint8(255)
					if !tc.solid {
						// Interleaved wavy lines two pixels wide, every five pixels: white between them.
						if int(math.Abs(float64(y)+12*math.Sin(float64(x)/15)))%5 < 2 {
							v = 200
						}
					}
					img.SetRGBA(x, y, color.RGBA{v, v, v, 255})
				}
			}
			p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
			require.NoError(t, err)
			defer p.Close()
			require.NotNil(t, p.Quality().Corners, "card not found")
			m, _ := measure(p.Quality(), precheck.CodeGlare)
			assert.Equal(t, tc.solid, m.Failed, "%+v", m)
		})
	}
}
