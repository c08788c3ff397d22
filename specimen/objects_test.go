package specimen

import (
	"math/rand/v2"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

// A photo held in the hand is labelled clean only if it can be read: the
// thumb must cover no printed field, value or caption.
func TestThumbCoversNoField(t *testing.T) {
	for _, k := range layout.Kinds() {
		lay, _ := layout.For(k)
		for s := range 60 {
			rng := rand.New(rand.NewPCG(uint64(s), 1))
			h := newHand(rng, lay, lay.WidthMM, lay.HeightMM)
			for _, f := range lay.Fields {
				if f.Lang == "" {
					continue
				}
				for _, b := range []layout.Box{f.Box, f.LabelBox} {
					if b.Empty() {
						continue
					}
					for y := b.Y; y <= b.Y+b.H; y += 0.25 / lay.HeightMM {
						for x := b.X; x <= b.X+b.W; x += 0.25 / lay.WidthMM {
							if d := h.thumbSD((x-0.5)*lay.WidthMM, (y-0.5)*lay.HeightMM); d < 0 {
								t.Fatalf("%s seed %d: the thumb covers field %s at (%.1f, %.1f) mm", k, s, f.Name, x*lay.WidthMM, y*lay.HeightMM)
							}
						}
					}
				}
			}
		}
	}
}
