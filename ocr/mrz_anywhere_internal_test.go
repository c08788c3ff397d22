package ocr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"gocv.io/x/gocv"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/docprecheck/docprecheck/mrz"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// testMRZ is a TD3 MRZ whose document number holds the look-alikes that check digits cannot
// always see: S and 8 have the same value modulo 10, and O and 0 differ only in shape.
func testMRZ(t testing.TB) []string {
	t.Helper()
	lines, err := mrz.Build(mrz.TD3, mrz.Fields{
		DocumentCode: "P", IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
		DocumentNumber: "S8O0S80O8", Nationality: "UTO", BirthDate: "740812", Sex: "F",
		ExpiryDate: "320415", OptionalData1: "ZE184226B",
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// ocrbFace returns an OCR-B face of the given size from the installed font (the sharp variant,
// which golang.org/x/image draws whole), skipping the test when it is absent. The test draws its
// own print, so that the reader's glyphs are not the only description of the font it sees.
func ocrbFace(t testing.TB, size float64) font.Face {
	t.Helper()
	data, err := os.ReadFile("/usr/share/fonts/opentype/ocr-b/OCRBS.otf")
	if err != nil {
		t.Skip("OCR-B font not installed (fonts-ocr-b)")
	}
	f, err := opentype.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { face.Close() })
	return face
}

// pageWithMRZ draws a light, speckled page of w x h pixels with some grey print and the MRZ lines
// at (x, y) in OCR-B of the given size (x < 0: that far from the right edge), turned clockwise by
// the given number of quarter turns, and returns it as JPEG.
func pageWithMRZ(t testing.TB, lines []string, w, h, x, y int, size float64, quarters int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(7, 9))
	for i := 0; i < len(img.Pix); i += 4 {
		v := uint8(225 + rng.IntN(20))
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, v-4, v-10, 255
	}
	// Grey blocks standing for a photo and printed fields elsewhere on the page.
	draw.Draw(img, image.Rect(w/20, h/10, w/20+w/5, h/10+h/3), image.NewUniform(color.RGBA{150, 140, 130, 255}), image.Point{}, draw.Over)
	for i := range 6 {
		r := image.Rect(w/3, h/10+i*h/16, w/3+w/4+rng.IntN(w/5), h/10+i*h/16+h/60)
		draw.Draw(img, r, image.NewUniform(color.RGBA{90, 90, 100, 255}), image.Point{}, draw.Over)
	}
	face := ocrbFace(t, size)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.RGBA{25, 25, 30, 255}), Face: face}
	lineH := int(size * 1.45)
	if x < 0 && len(lines) > 0 { // right-aligned, x pixels from the right edge
		x = w + x - d.MeasureString(lines[0]).Ceil()
	}
	for i, l := range lines {
		d.Dot = fixed.P(x, y+i*lineH)
		d.DrawString(l)
	}
	var out image.Image = img
	for range quarters % 4 {
		b := out.Bounds()
		turned := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
		for yy := range b.Dy() {
			for xx := range b.Dx() {
				turned.Set(b.Dy()-1-yy, xx, out.At(xx, yy))
			}
		}
		out = turned
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: 88}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readPage analyses a photo and reads it with r.
func readPage(t *testing.T, r *Reader, data []byte, kind precheck.DocumentKind) precheck.Reading {
	t.Helper()
	a, err := quality.New(quality.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Analyze(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rd, err := r.Read(context.Background(), p, kind)
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// TestMRZAnywhere reads an MRZ that no layout places: drawn at an arbitrary position and size on
// a page, upright, upside down and sideways. The document number mixes S with 8 and O with 0, which the
// check digits do not all see: the glyphs must tell them apart.
func TestMRZAnywhere(t *testing.T) {
	want := testMRZ(t)
	r, err := New(Options{PoolSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct {
		name       string
		w, h, x, y int
		size       float64
		quarters   int
	}{
		{"right_small", 1600, 1100, -40, 620, 24, 0},
		{"lower_left_large", 1800, 1200, 60, 900, 36, 0},
		{"upside_down", 1600, 1100, 300, 700, 30, 2},
		{"sideways", 1600, 1100, 300, 700, 30, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			rd := readPage(t, r, pageWithMRZ(t, want, c.w, c.h, c.x, c.y, c.size, c.quarters), precheck.KindUnknown)
			if rd.MRZ == nil {
				t.Fatalf("no MRZ read: %+v", rd)
			}
			if !slices.Equal(rd.MRZ.Lines, want) || !rd.MRZ.Valid {
				t.Errorf("MRZ %q valid %v, want %q", rd.MRZ.Lines, rd.MRZ.Valid, want)
			}
			if rd.Kind != precheck.KindPassport {
				t.Errorf("kind %s, want passport", rd.Kind)
			}
			if rd.MRZFields == nil || rd.MRZFields.IDNumber != "S8O0S80O8" || rd.MRZFields.BirthDate != "1974-08-12" {
				t.Errorf("MRZ fields %+v", rd.MRZFields)
			}
			if _, ok := rd.Boxes["mrz"]; !ok {
				t.Error("no box for the MRZ")
			}
		})
	}
}

// TestGlyphsLookAlikes compares glyphs drawn small and soft with the reader's glyphs: S and 8, O
// and 0, B and 8, D and 0 are told apart by shape alone.
func TestGlyphsLookAlikes(t *testing.T) {
	gs, err := loadGlyphs(DefaultOCRBFont)
	if err != nil {
		t.Skipf("OCR-B font not installed: %v", err)
	}
	face := ocrbFace(t, 30)
	for _, c := range "S8O0B8DQ5G6I1Z2<" {
		const W, H = 40, 40
		img := image.NewGray(image.Rect(0, 0, W, H))
		draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
		d := font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(10, 32)}
		d.DrawString(string(c))
		ink := make([]float64, W*H)
		for i, v := range img.Pix {
			ink[i] = 1 - float64(v)/255
		}
		// Soften: a 3x3 box blur, as a scan or a photo does.
		soft := make([]float64, W*H)
		for y := 1; y < H-1; y++ {
			for x := 1; x < W-1; x++ {
				var s float64
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						s += ink[(y+dy)*W+x+dx]
					}
				}
				soft[y*W+x] = s / 9
			}
		}
		box := inkBox(soft, W, H, 0.5)
		_, hb := ocrbCap(face)
		got := gs.classify(normalise(soft, W, box), float64(box.Dy())/hb, (32-float64(box.Min.Y+box.Max.Y)/2)/hb)
		if got[0].c != byte(c) {
			t.Errorf("%c read as %c (scores %c %.3f, %c %.3f)", c, got[0].c, got[0].c, got[0].score, got[1].c, got[1].score)
		}
	}
}

// ocrbCap returns the ink height of a capital H in face, in pixels.
func ocrbCap(face font.Face) (int, float64) {
	b, _, _ := face.GlyphBounds('H')
	h := (b.Max.Y - b.Min.Y).Ceil()
	return h, float64(h)
}

// TestBudget reads a passport whose MRZ the reader has no time for: a clock that jumps a second at
// every look ends the budget before the first reading. The fields are marked unreadable for want
// of time, which the Reading says.
func TestBudget(t *testing.T) {
	page := pageWithMRZ(t, testMRZ(t), 1600, 1100, 300, 700, 30, 0)
	r, err := New(Options{PoolSize: 1, BudgetMS: 1500})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var ticks atomic.Int64
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return base.Add(time.Duration(ticks.Add(1)) * time.Second) }
	rd := readPage(t, r, page, precheck.KindPassport)
	if rd.MRZ != nil {
		t.Errorf("MRZ read past the budget: %+v", rd.MRZ)
	}
	if !slices.Contains(rd.Unreadable, "mrz") || !slices.Contains(rd.OutOfTime, "mrz") {
		t.Errorf("unreadable %v, out of time %v: want mrz in both", rd.Unreadable, rd.OutOfTime)
	}
	// The same page with a clock that stands still is read.
	r.now = func() time.Time { return base }
	rd = readPage(t, r, page, precheck.KindPassport)
	if rd.MRZ == nil || !rd.MRZ.Valid || len(rd.OutOfTime) > 0 {
		t.Errorf("with time to spare: MRZ %+v, unreadable %v, out of time %v", rd.MRZ, rd.Unreadable, rd.OutOfTime)
	}
}

// TestUnknownWithoutMRZ reads a page of no known kind that has no MRZ: it is reported as of
// unknown kind, and nothing is unreadable (the user is not asked to retake for it).
func TestUnknownWithoutMRZ(t *testing.T) {
	page := pageWithMRZ(t, nil, 1600, 1100, 0, 0, 30, 0)
	r, err := New(Options{PoolSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rd := readPage(t, r, page, precheck.KindUnknown)
	if rd.Kind != precheck.KindUnknown || rd.MRZ != nil {
		t.Errorf("kind %s, MRZ %+v: want unknown and none", rd.Kind, rd.MRZ)
	}
	if len(rd.Unreadable) > 0 {
		t.Errorf("unreadable %v for a document of unknown kind", rd.Unreadable)
	}
}

// BenchmarkMRZStages times the stages of reading an MRZ found anywhere, on a drawn page of
// 1600 x 1100 pixels: the search for the zone, cutting the band, and comparing its cells with the
// glyphs (both ways up).
func BenchmarkMRZStages(b *testing.B) {
	page := pageWithMRZ(b, testMRZ(b), 1600, 1100, 300, 700, 30, 0)
	gs, err := loadGlyphs(DefaultOCRBFont)
	if err != nil {
		b.Skipf("OCR-B font not installed: %v", err)
	}
	img, err := gocv.IMDecode(page, gocv.IMReadGrayScale)
	if err != nil || img.Empty() {
		b.Fatal("cannot decode the page")
	}
	defer img.Close()
	zones, err := findZones(img)
	if err != nil || len(zones) == 0 {
		b.Fatal("no zone found")
	}
	band, err := cutBand(img, zones[0])
	if err != nil {
		b.Fatal(err)
	}
	b.Run("find", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			findZones(img)
		}
	})
	b.Run("cut", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			cutBand(img, zones[0])
		}
	})
	b.Run("glyphs", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			gs.readBand(band)
			gs.readBand(band.rotate180())
		}
	})
}
