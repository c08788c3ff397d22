package specimen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

// TestTextInsidePrintBoxes renders documents, nominal and varied, and checks
// that every dark (ink) pixel lies in a box of the generator's own print
// description moved by the document's offsets: the Print boxes of a label
// say where the print really is.
func TestTextInsidePrintBoxes(t *testing.T) {
	r := testRenderer(t)
	const ppm = 12
	const marginMM = 0.6
	for _, k := range layout.Kinds() {
		dp, ok := printFor(k)
		if !ok {
			t.Fatalf("%s: no print description", k)
		}
		for i := range 6 {
			rng := rand.New(rand.NewPCG(uint64(i), 11))
			p, err := NewPerson(k, rng)
			if err != nil {
				t.Fatal(err)
			}
			pv := nominalVar()
			if i > 0 {
				pv = newPrintVar(rng, dp)
			}
			var boxes []rectMM
			for _, it := range dp.items {
				boxes = append(boxes, pv.valueBox(it))
				if !it.capBox.empty() {
					boxes = append(boxes, pv.captionBox(it))
				}
			}
			if dp.mrz != nil {
				boxes = append(boxes, pv.mrzBox(dp))
			}
			img := r.renderDocument(p, ppm, dp, pv, rng)
			b := img.Bounds()
			outside, total := 0, 0
			for y := range b.Dy() {
				for x := range b.Dx() {
					o := img.PixOffset(x, y)
					if img.Pix[o+3] < 255 || luma(float32(img.Pix[o]), float32(img.Pix[o+1]), float32(img.Pix[o+2])) > 100 {
						continue
					}
					total++
					fx, fy := (float64(x)+0.5)/ppm, (float64(y)+0.5)/ppm
					in := false
					for _, bx := range boxes {
						if fx >= bx.x0-marginMM && fx <= bx.x1+marginMM && fy >= bx.y0-marginMM && fy <= bx.y1+marginMM {
							in = true
							break
						}
					}
					if !in {
						outside++
					}
				}
			}
			if total == 0 {
				t.Errorf("%s #%d: no ink", k, i)
			}
			if outside > 0 {
				t.Errorf("%s #%d: %d of %d ink pixels outside every print box", k, i, outside, total)
			}
		}
	}
}

// TestPrintVaries checks that documents differ in fonts, type scale and
// print offsets, within the stated bounds.
func TestPrintVaries(t *testing.T) {
	r := testRenderer(t)
	for _, k := range layout.Kinds() {
		dp, _ := printFor(k)
		fonts := map[string]bool{}
		lo, hi := math.Inf(1), math.Inf(-1)
		var maxOff float64
		for i := range 40 {
			rng := rand.New(rand.NewPCG(uint64(i), 23))
			p, err := NewPerson(k, rng)
			if err != nil {
				t.Fatal(err)
			}
			pv := newPrintVar(rng, dp)
			pr := pv.label(dp)
			if i < 3 {
				// Rendering is slow; the label is what the corpus records.
				img, pr2 := r.RenderDocument(p, 6, rng)
				if img == nil || pr2 == nil || len(pr2.Boxes) == 0 {
					t.Fatalf("%s: RenderDocument gave no document", k)
				}
			}
			for _, f := range pr.Fonts {
				fonts[f] = true
			}
			lo, hi = min(lo, pr.FontScale), max(hi, pr.FontScale)
			if pr.FontScale < MinFontScale || pr.FontScale > MaxFontScale {
				t.Errorf("%s: font scale %.3f", k, pr.FontScale)
			}
			for b, d := range pr.OffsetsMM {
				lim := MaxPrintOffsetMM
				if b == BlockMRZ {
					lim = MRZToleranceMM
				}
				for _, v := range d {
					if math.Abs(v) > lim+0.005 {
						t.Errorf("%s: block %s offset %v beyond %.1f mm", k, b, d, lim)
					}
					maxOff = max(maxOff, math.Abs(v))
				}
			}
		}
		if len(fonts) < 4 {
			t.Errorf("%s: only fonts %v over 40 documents", k, fonts)
		}
		if lo > 0.9 || hi < 1.1 {
			t.Errorf("%s: font scale only spans %.3f-%.3f", k, lo, hi)
		}
		if maxOff < 2 {
			t.Errorf("%s: largest print offset %.2f mm", k, maxOff)
		}
	}
}

// TestPrintAgainstLayout compares where the corpus prints each field with
// the reader's boxes in package layout. The nominal descriptions are
// written independently from the same published designs and must agree to
// a few millimetres; the printed documents must then stray from the
// reader's boxes by up to the printing tolerance, or the corpus could not
// catch a box that misses real print.
func TestPrintAgainstLayout(t *testing.T) {
	for _, k := range layout.Kinds() {
		dp, _ := printFor(k)
		l, _ := layout.For(k)
		p, err := NewPerson(k, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		for name := range p.Printed() {
			if _, ok := nominalVar().label(dp).Boxes[name]; !ok {
				t.Errorf("%s: printed field %q has no place in the print description", k, name)
			}
		}
		centreMM := func(b [4]float64) (float64, float64) {
			return (b[0] + b[2]) / 2 * dp.wMM, (b[1] + b[3]) / 2 * dp.hMM
		}
		var worst float64
		var worstField string
		for i := range 60 {
			pv := nominalVar()
			if i > 0 {
				pv = newPrintVar(rand.New(rand.NewPCG(uint64(i), 5)), dp)
			}
			for name, b := range pv.label(dp).Boxes {
				f, ok := l.Field(name)
				if !ok {
					continue
				}
				x, y := centreMM(b)
				lx, ly := centreMM([4]float64{f.Box.X, f.Box.Y, f.Box.X + f.Box.W, f.Box.Y + f.Box.H})
				d := math.Max(math.Abs(x-lx), math.Abs(y-ly))
				if i == 0 && d > 2.5 {
					t.Errorf("%s %s: the nominal print is %.1f mm from the layout box", k, name, d)
				}
				if d > worst {
					worst, worstField = d, name
				}
			}
		}
		t.Logf("%s: printed fields stray up to %.1f mm from the layout boxes (%s)", k, worst, worstField)
		if worst < 2.5 {
			t.Errorf("%s: printed fields stray at most %.1f mm from the layout boxes", k, worst)
		}
	}
}

// TestNoLayoutGeometry checks that the generator takes no position or size
// from package layout: only the kinds' names may be shared.
func TestNoLayoutGeometry(t *testing.T) {
	allowed := map[string]bool{"Kind": true, "Kinds": true, "CNIDFront": true, "CNIDBack": true, "Passport": true, "IDCard": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "layout" && !allowed[sel.Sel.Name] {
				t.Errorf("%s: uses layout.%s", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
