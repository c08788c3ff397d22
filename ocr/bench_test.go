package ocr_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/otiai10/gosseract/v2"

	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/specimen"
)

// largePhoto returns the path and label of a clean photo of at least 12 megapixels from the
// corpus, skipping when there is none.
func largePhoto(b *testing.B) (string, specimen.Label) {
	b.Helper()
	dir, labels := corpusDir(b)
	for _, inHand := range []bool{false, true} { // a document held in the hand may be half hidden
		for _, l := range labels.Images {
			if clean(l) && held(l) == inHand && l.Width*l.Height >= 12_000_000 {
				return filepath.Join(dir, l.File), l
			}
		}
	}
	b.Skip("no clean 12-megapixel photo in the corpus")
	return "", specimen.Label{}
}

// BenchmarkReadDocument reads the fields of a 12-megapixel photo, recognising the kind; the photo
// is decoded and analysed once, outside the timing. Compare with BenchmarkWholePhotoTesseract.
func BenchmarkReadDocument(b *testing.B) {
	path, l := largePhoto(b)
	p := analyse(b, path)
	defer p.Close()
	r := reader(b)
	ctx := context.Background()
	if _, err := r.Read(ctx, p, precheck.KindUnknown); err != nil { // load the models
		b.Fatal(err)
	}
	b.Logf("%s (%s, %dx%d)", filepath.Base(path), l.Kind, l.Width, l.Height)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Read(ctx, p, precheck.KindUnknown); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFullCheck is the whole check of a 12-megapixel photo as an upload handler runs it:
// decode, every photo check, reading the fields and comparing them with typed data. Compare with
// BenchmarkWholePhotoTesseract, which only reads the text.
func BenchmarkFullCheck(b *testing.B) {
	path, l := largePhoto(b)
	data, a := photoFile(b, path)
	ck, err := precheck.New(a, precheck.WithReader(reader(b)))
	if err != nil {
		b.Fatal(err)
	}
	typed := precheck.Typed{Name: l.Fields["name"], IDNumber: l.Fields["id_number"], BirthDate: l.Fields["birth_date"]}
	ctx := context.Background()
	if _, err := ck.Check(ctx, data, typed); err != nil { // load the models
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ck.Check(ctx, data, typed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWholePhotoTesseract is the naive way: the whole 12-megapixel photo given to one
// Tesseract client (English and simplified Chinese, automatic page segmentation), which decodes it
// itself. The client is created and its models loaded outside the timing.
func BenchmarkWholePhotoTesseract(b *testing.B) {
	path, _ := largePhoto(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	c := gosseract.NewClient()
	defer c.Close()
	if err := c.SetLanguage("eng", "chi_sim"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := c.SetImageFromBytes(data); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Text(); err != nil {
			b.Fatal(err)
		}
	}
}
