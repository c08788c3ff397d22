package quality

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/internal/testcard"
	"github.com/docprecheck/docprecheck/precheck"
)

// benchDoc decodes a 1600 x 1200 photo of a card and rectifies the card, as measure does.
func benchDoc(b *testing.B) (gocv.Mat, quad, *rectified) {
	img, q := testcard.Card(1600, 1200, 250, 250, 1100, 3)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	work, err := gocv.IMDecode(buf.Bytes(), gocv.IMReadColor)
	if err != nil || work.Empty() {
		b.Fatal("decode", err)
	}
	var wq quad
	for i, c := range q {
		wq[i] = pt{c[0], c[1]}
	}
	return work, wq, rectify(work, wq, testcard.Aspect)
}

// BenchmarkOccluded is the cost the occluded check adds to a photo.
func BenchmarkOccluded(b *testing.B) {
	work, q, doc := benchDoc(b)
	defer work.Close()
	defer doc.close()
	o, _ := Options{}.resolve()
	b.ReportAllocs()
	for b.Loop() {
		occluded(work, q, doc, o, q)
	}
}

// BenchmarkPortrait is the cost of the portrait measure (one run of the face detector on the
// rectified document stacked with its half-turned copy), with a pooled network.
func BenchmarkPortrait(b *testing.B) {
	dir := filepath.Join("..", "models")
	if _, err := os.Stat(filepath.Join(dir, FaceModelFile)); err != nil {
		b.Skip("face model absent: run .ci/face-model")
	}
	d, err := newFaceDetector(dir, true)
	if err != nil {
		b.Fatal(err)
	}
	defer d.close()
	work, q, doc := benchDoc(b)
	defer work.Close()
	defer doc.close()
	o, _ := Options{}.resolve()
	b.ReportAllocs()
	for b.Loop() {
		d.portrait(doc, o, func(r image.Rectangle) precheck.Rect { return doc.toPhoto(r, q) })
	}
}
