package specimen

import (
	"image"
	"math/rand/v2"
	"testing"
)

// TestPortraitDrawsThreeValues: drawPortrait takes three values from the document's random stream,
// as the silhouette it replaced did, so that replacing it moved nothing else in a corpus.
func TestPortraitDrawsThreeValues(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 380))
	rng := rand.New(rand.NewPCG(5, 6))
	drawPortrait(img, 10, 2, 2, 28, 36, rgb{238, 240, 242}, rng)
	ref := rand.New(rand.NewPCG(5, 6))
	for range 3 {
		ref.Float64()
	}
	if got, want := rng.Uint64(), ref.Uint64(); got != want {
		t.Fatalf("the stream after the portrait is not the stream after three draws: %d, want %d", got, want)
	}
}

// TestPortraitsVary: portraits of different documents differ, span skin tones from light to dark,
// and keep the photo's background around the head.
func TestPortraitsVary(t *testing.T) {
	w, h, ppm := 26.0, 32.0, 8.0
	bg := rgb{238, 240, 242}
	var lumas []float64
	var first *image.RGBA
	for seed := range 12 {
		img := image.NewRGBA(image.Rect(0, 0, int(w*ppm), int(h*ppm)))
		drawPortrait(img, ppm, 0, 0, w, h, bg, rand.New(rand.NewPCG(uint64(seed), 1)))
		// The top corners are background; the face's centre is not.
		if c := img.RGBAAt(3, 3); absDiff(c.R, uint8(bg[0])) > 4 {
			t.Errorf("seed %d: corner %v is not the background", seed, c)
		}
		// A cheek, beside the nose on the left of the face: skin.
		c := img.RGBAAt(int(0.32*w*ppm), int(0.6*h*ppm))
		lumas = append(lumas, 0.299*float64(c.R)+0.587*float64(c.G)+0.114*float64(c.B))
		if first == nil {
			first = img
		} else if string(first.Pix) == string(img.Pix) {
			t.Errorf("seed %d draws the same portrait as seed 0", seed)
		}
	}
	lo, hi := lumas[0], lumas[0]
	for _, l := range lumas {
		lo, hi = min(lo, l), max(hi, l)
	}
	t.Logf("cheek luma %.0f-%.0f", lo, hi)
	if hi-lo < 50 {
		t.Errorf("skin luma spans %.0f-%.0f over 12 portraits: tones do not run from light to dark", lo, hi)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
