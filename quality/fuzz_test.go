package quality_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	xdraw "golang.org/x/image/draw"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/quality"
)

// fuzzMaxPixels bounds the photos FuzzAnalyze decodes: a larger declared size is refused by
// photo.Inspect before any pixel is allocated, so no execution decodes more than this.
const fuzzMaxPixels = 4_000_000

// fuzzSolidWebP is a 96x64 lossless WebP of one colour (golang.org/x/image has no WebP encoder).
const fuzzSolidWebP = "524946461a000000574542505650384c0d0000002f5fc00f00286d550bdaff020000"

// analyzeSeeds returns the corpus photos and real specimens (when present) reduced to at most
// 480 pixels wide, and small generated photos: a card in JPEG, PNG and grey, one with EXIF
// orientation 6, and a WebP.
func analyzeSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	var paths []string
	real, _ := corpus.RealdataDir() // patterns under an absent folder match nothing
	for _, pattern := range []string{
		"../testdata/corpus/*.jpg",
		filepath.Join(real, "mrz-specimens", "*.jpg"),
		filepath.Join(real, "midv2020-templates", "*", "images", "00.jpg"),
	} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	for i, p := range paths {
		if i == 8 {
			break
		}
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		img, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			continue
		}
		sb := img.Bounds()
		w := min(480, sb.Dx())
		small := image.NewRGBA(image.Rect(0, 0, w, sb.Dy()*w/sb.Dx()))
		xdraw.ApproxBiLinear.Scale(small, small.Bounds(), img, sb, xdraw.Src, nil)
		seeds = append(seeds, encodeSeed(tb, small, "jpeg"))
	}

	c := fuzzCard(320, 240)
	j := encodeSeed(tb, c, "jpeg")
	gray := image.NewGray(c.Bounds())
	xdraw.Draw(gray, gray.Bounds(), c, image.Point{}, xdraw.Src)
	w, _ := hex.DecodeString(fuzzSolidWebP)
	return append(seeds, j, encodeSeed(tb, c, "png"), encodeSeed(tb, gray, "jpeg"), fuzzExif6(j), w)
}

// fuzzCard draws a pale card with dark bars on a darker background.
func fuzzCard(W, H int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	for y := range H {
		for x := range W {
			v := uint8(80 + (x/7+y/5)%3*10)
			if x > W/6 && x < W*5/6 && y > H/5 && y < H*4/5 {
				v = 210
				if (y-H/5)%12 < 3 && x > W/4 && x < W*2/3 {
					v = 40
				}
			}
			img.SetRGBA(x, y, color.RGBA{v, v, v, 255})
		}
	}
	return img
}

func encodeSeed(tb testing.TB, img image.Image, format string) []byte {
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 75})
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// fuzzExif6 returns jpg with an APP1 Exif segment holding orientation 6 inserted after SOI.
func fuzzExif6(jpg []byte) []byte {
	seg := []byte("\xFF\xE1\x00\x22Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00")
	out := append(append([]byte{}, jpg[:2]...), seg...)
	return append(out, jpg[2:]...)
}

// FuzzAnalyze checks that Analyze never crashes (a failed OpenCV assertion would abort the process)
// and that it either measures the photo or returns an error wrapping a photo.Err* sentinel. Inputs
// declaring more than fuzzMaxPixels are refused before decoding. Skipped with -short.
func FuzzAnalyze(f *testing.F) {
	if testing.Short() {
		f.Skip("FuzzAnalyze decodes images with OpenCV: skipped with -short")
	}
	a, err := quality.New(quality.Options{Limits: photo.Limits{MaxPixels: fuzzMaxPixels}})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range analyzeSeeds(f) {
		f.Add(s)
	}
	sentinels := []error{photo.ErrEmpty, photo.ErrUnsupportedFormat, photo.ErrCorrupt, photo.ErrTooLarge, photo.ErrTooSmall}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := a.Analyze(context.Background(), data)
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("Analyze error %q wraps no photo.Err* sentinel", err)
		}
		defer p.Close()
		q := p.Quality()
		if q.Width <= 0 || q.Height <= 0 || int64(q.Width)*int64(q.Height) > fuzzMaxPixels {
			t.Fatalf("measured %dx%d", q.Width, q.Height)
		}
		if len(q.Measures) == 0 {
			t.Fatal("a photo that could be evaluated has no measures")
		}
		for _, m := range q.Measures {
			if m.Code == "" || m.Score != m.Score {
				t.Fatalf("bad measure %+v", m)
			}
		}
	})
}
