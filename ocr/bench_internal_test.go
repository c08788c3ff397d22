package ocr

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/quality"
)

// benchField cuts one field out of a real specimen: the passport number of the Azerbaijani
// passport template (a single line, read in PSM 7 like most fields).
func benchField(b *testing.B) grayCrop {
	b.Helper()
	dir := os.Getenv("DOCPRECHECK_REALDATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "realdata")
	}
	data, err := os.ReadFile(filepath.Join(dir, "midv2020-templates", "aze_passport", "images", "00.jpg"))
	if err != nil {
		b.Skipf("real specimen images not found at %s (set DOCPRECHECK_REALDATA)", dir)
	}
	a, _ := quality.New(quality.Options{})
	pp, err := a.Analyze(context.Background(), data)
	if err != nil {
		b.Fatal(err)
	}
	defer pp.Close()
	p := pp.(*quality.Photo)
	l, _ := layout.For(layout.Passport)
	f, _ := l.Field("passport_number")
	g := newDocGeom(l, p.CornersF(), p.Scale())
	c, err := g.cut(p.Mat(), fieldRect(l, f, DefaultPadMM), DefaultPixelsPerMM, false)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkPooledClient reads one field with an engine taken from a pool and put back, as Read
// does. Compare with BenchmarkNewClientPerCall.
func BenchmarkPooledClient(b *testing.B) {
	img := benchField(b).pgm()
	p := newPool(langEng, "", 1, 305)
	defer p.close()
	ctx := context.Background()
	e, err := p.get(ctx) // create the engine and load its model before the timing
	if err != nil {
		b.Fatal(err)
	}
	p.put(e)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e, err := p.get(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.read(img, psmLine, layout.UpperAlnum); err != nil {
			b.Fatal(err)
		}
		p.put(e)
	}
}

// BenchmarkNewClientPerCall reads the same field with a client created for the call, which loads
// the model each time.
func BenchmarkNewClientPerCall(b *testing.B) {
	img := benchField(b).pgm()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e, err := newEngine(langEng, "", 305)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.read(img, psmLine, layout.UpperAlnum); err != nil {
			b.Fatal(err)
		}
		e.close()
	}
}
