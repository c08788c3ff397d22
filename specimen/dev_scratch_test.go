package specimen

import (
	"image/png"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

func TestScratchDocs(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range layout.Kinds() {
		rng := rand.New(rand.NewPCG(7, uint64(i)))
		p, err := NewPerson(k, rng)
		if err != nil {
			t.Fatal(err)
		}
		img := r.RenderDocument(p, 12, rng)
		f, _ := os.Create("/tmp/doc-" + string(k) + ".png")
		png.Encode(f, img)
		f.Close()
		t.Logf("%s %+v", k, p.Printed())
	}
}
