package ocr_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/specimen"
)

// BenchmarkCNFront reads a clean photo of a Chinese card front (its kind given) with Tesseract alone
// and with the PP-OCRv4 models beside it, in the same run: the difference is what the models cost
// per card (or save: a confident reading of the name spares Tesseract's two or three readings).
func BenchmarkCNFront(b *testing.B) {
	rend := renderer(b)
	rng := rand.New(rand.NewPCG(3, 3))
	p, err := specimen.NewPerson(layout.CNIDFront, rng)
	if err != nil {
		b.Fatal(err)
	}
	ph, _ := photographCard(b, rend, p, rng)
	defer ph.Close()
	for _, bc := range []struct {
		name string
		dir  string
	}{{"tesseract", ocr.ModelsOff}, {"ppocr", ""}} {
		b.Run(bc.name, func(b *testing.B) {
			r, err := ocr.New(ocr.Options{ModelsDir: bc.dir})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			if bc.dir == "" && !r.Models() {
				b.Skip("no models: run ./.ci/models")
			}
			ctx := context.Background()
			if _, err := r.Read(ctx, ph, precheck.KindCNIDFront); err != nil { // load the engines
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := r.Read(ctx, ph, precheck.KindCNIDFront); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
