package specimen

import (
	"math/rand/v2"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

// TestTextInsideLayoutBoxes renders documents and checks that every dark
// (ink) pixel below the header lies in a field's box or caption box: the
// layout boxes a reader crops really contain what is printed.
func TestTextInsideLayoutBoxes(t *testing.T) {
	r := testRenderer(t)
	// Headers printed above the fields, in millimetres from the top.
	header := map[layout.Kind]float64{layout.Passport: 10.5, layout.IDCard: 6.8}
	for _, k := range layout.Kinds() {
		l, _ := layout.For(k)
		for i := range 6 {
			rng := rand.New(rand.NewPCG(uint64(i), 11))
			p, err := NewPerson(k, rng)
			if err != nil {
				t.Fatal(err)
			}
			const ppm = 12
			img := r.RenderDocument(p, ppm, rng)
			b := img.Bounds()
			w, h := b.Dx(), b.Dy()
			outside := map[string]int{}
			total := 0
			for y := int(header[k] * ppm); y < h; y++ {
				for x := range w {
					o := img.PixOffset(x, y)
					if img.Pix[o+3] < 255 || luma(float32(img.Pix[o]), float32(img.Pix[o+1]), float32(img.Pix[o+2])) > 100 {
						continue
					}
					total++
					fx, fy := (float64(x)+0.5)/float64(w), (float64(y)+0.5)/float64(h)
					in := false
					for _, f := range l.Fields {
						for _, bx := range []layout.Box{f.Box, f.LabelBox} {
							if !bx.Empty() && fx >= bx.X && fx <= bx.X+bx.W && fy >= bx.Y && fy <= bx.Y+bx.H {
								in = true
							}
						}
					}
					if !in {
						outside[string(k)]++
					}
				}
			}
			if n := outside[string(k)]; n > 0 {
				t.Errorf("%s #%d: %d of %d ink pixels outside every box", k, i, n, total)
			}
		}
	}
}
