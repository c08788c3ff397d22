package quality

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// A white ground taken in with the document along its edges (a scanner's lid round a page, framed by
// a darker surround) is saturated and solid, but it is a band bent round the document's corners, not
// a reflection: its least rectangle is the document's own, so only its width tells. A reflection's
// streak, widening as it crosses the print, and a blob in a corner stay glare.
func TestWhiteGroundAlongTheEdgesIsNotGlare(t *testing.T) {
	const w, h = 1250, 880 // a passport page's shape
	o, err := Options{}.resolve()
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		white func(x, y int) bool
		glare bool
	}{
		{"ground along the top and right", func(x, y int) bool { return y < 60 || x >= w-70 }, false},
		{"ground along three sides", func(x, y int) bool { return y < 50 || x < 60 || x >= w-60 }, false},
		{"streak across the print", func(x, y int) bool {
			// From 80 pixels wide at the left to 260 at the right, rising across the print.
			t := float64(x-300) / 650
			if t < 0 || t > 1 {
				return false
			}
			mid := 650 - 350*t
			return math.Abs(float64(y)-mid) < (80+180*t)/2
		}, true},
		{"blob in a corner", func(x, y int) bool { return math.Hypot(float64(x-w), float64(y)) < 230 }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, w, h))
			rng := rand.New(rand.NewPCG(5, 7))
			paper, ink := color.RGBA{205, 200, 190, 255}, color.RGBA{40, 40, 50, 255}
			for y := range h {
				for x := range w {
					img.SetRGBA(x, y, paper)
				}
			}
			// Lines of print: words of dark strokes.
			for y := 120; y < h-80; y += 45 {
				for x := 120; x < w-120; {
					n := 30 + rng.IntN(120)
					for yy := y; yy < y+18; yy++ {
						for xx := x; xx < min(x+n, w-120); xx++ {
							if (xx/4+yy/3)%3 != 0 {
								img.SetRGBA(xx, yy, ink)
							}
						}
					}
					x += n + 25
				}
			}
			for y := range h {
				for x := range w {
					if tc.white(x, y) {
						img.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
					}
				}
			}
			work, err := gocv.ImageToMatRGB(img)
			require.NoError(t, err)
			defer work.Close()
			W, H := float64(w-1), float64(h-1)
			r := rectify(work, quad{{0, 0}, {W, 0}, {W, H}, {0, H}}, aspectID3)
			defer r.close()
			m := glare(r, o, func(b image.Rectangle) precheck.Rect { return precheck.Rect{} })
			t.Logf("glare %.3f over %d regions", m.Score, len(m.Regions))
			assert.Equal(t, tc.glare, m.Failed, "%+v", m)
		})
	}
}
