package specimen

import (
	"math/rand/v2"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

// A photo held in the hand is labelled clean only if it can be read: the
// thumb must cover no printed field, value or caption, wherever the
// document's print ended up.
func TestThumbCoversNoField(t *testing.T) {
	for _, k := range layout.Kinds() {
		dp, _ := printFor(k)
		for s := range 60 {
			rng := rand.New(rand.NewPCG(uint64(s), 1))
			pv := newPrintVar(rng, dp)
			texts := pv.textBoxes(dp, true)
			h := newHand(rng, texts, dp.wMM, dp.hMM)
			for _, b := range texts {
				for y := b.y0; y <= b.y1; y += 0.25 {
					for x := b.x0; x <= b.x1; x += 0.25 {
						if d := h.thumbSD(x-dp.wMM/2, y-dp.hMM/2); d < 0 {
							t.Fatalf("%s seed %d: the thumb covers printed text at (%.1f, %.1f) mm", k, s, x, y)
						}
					}
				}
			}
		}
	}
}
