package photo_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/photo"
)

// inspectSentinels are the errors every failure of Inspect must wrap.
var inspectSentinels = []error{photo.ErrEmpty, photo.ErrUnsupportedFormat, photo.ErrCorrupt, photo.ErrTooLarge, photo.ErrTooSmall}

// solidWebP is a 96x64 lossless WebP of one colour (golang.org/x/image has no WebP encoder).
const solidWebP = "524946461a000000574542505650384c0d0000002f5fc00f00286d550bdaff020000"

// inspectSeeds returns the corpus photos (testdata/corpus, when generated), the real specimens (when
// present) and small generated photos of every accepted format and a few odd ones.
func inspectSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	var paths []string
	real, _ := corpus.RealdataDir() // patterns under an absent folder match nothing
	for _, pattern := range []string{
		"../testdata/corpus/*.jpg",
		filepath.Join(real, "mrz-specimens", "*.jpg"),
		filepath.Join(real, "mrz-specimens", "*.png"),
		filepath.Join(real, "midv2020-templates", "*", "images", "*.jpg"),
	} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	for i, p := range paths {
		if i == 12 { // a few photos are enough: the fuzzer mutates headers, not pixels
			break
		}
		if b, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, headAndTail(b))
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, 96, 72))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 50})
	seeds = append(seeds, bytes.Clone(b.Bytes()), seedWithExif(b.Bytes(), 6))
	b.Reset()
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 70, 70)), nil)
	seeds = append(seeds, bytes.Clone(b.Bytes()))
	b.Reset()
	png.Encode(&b, img)
	seeds = append(seeds, bytes.Clone(b.Bytes()))
	b.Reset()
	png.Encode(&b, image.NewPaletted(image.Rect(0, 0, 80, 64), color.Palette{color.Black, color.White}))
	seeds = append(seeds, bytes.Clone(b.Bytes()))
	w, _ := hex.DecodeString(solidWebP)
	seeds = append(seeds, w,
		nil,
		[]byte("%PDF-1.7\n"),
		[]byte("<!doctype html><p>"),
		[]byte{0xFF, 0xD8, 0xFF},
		[]byte("\x89PNG\r\n\x1a\n"),
		[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "),
	)
	return seeds
}

// headAndTail shortens a large photo to its first 16 KiB and its last 64 bytes: Inspect reads only
// the header and looks for the end marker, and a seed of megabytes would slow every execution.
func headAndTail(b []byte) []byte {
	if len(b) <= 32<<10 {
		return b
	}
	return append(bytes.Clone(b[:16<<10]), b[len(b)-64:]...)
}

// seedWithExif returns jpg with an APP1 Exif segment holding orientation o inserted after SOI.
func seedWithExif(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	binary.BigEndian.PutUint16(tiff[18:], o)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append(append([]byte{}, jpg[:2]...), seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// FuzzInspect checks that Inspect never panics, that every failure wraps one of the package's
// sentinel errors, and that what it accepts is within the limits.
func FuzzInspect(f *testing.F) {
	for _, s := range inspectSeeds(f) {
		f.Add(s)
	}
	limits := []photo.Limits{{}, {MaxBytes: 1 << 16, MaxPixels: 1 << 20, MinSide: 8}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range limits {
			h, err := photo.Inspect(data, lim)
			if err != nil {
				if !wrapsInspectSentinel(err) {
					t.Fatalf("Inspect error %q wraps no photo.Err* sentinel", err)
				}
				continue
			}
			sf, serr := photo.Sniff(data)
			if serr != nil || sf != h.Format {
				t.Fatalf("Inspect says %s, Sniff says %s (%v)", h.Format, sf, serr)
			}
			maxPixels, minSide := int64(photo.DefaultMaxPixels), photo.DefaultMinSide
			if lim.MaxPixels > 0 {
				maxPixels, minSide = int64(lim.MaxPixels), lim.MinSide
			}
			if int64(h.Width)*int64(h.Height) > maxPixels || h.Width < minSide || h.Height < minSide {
				t.Fatalf("Inspect accepted %dx%d beyond %+v", h.Width, h.Height, lim)
			}
			if h.Orientation < 1 || h.Orientation > 8 {
				t.Fatalf("orientation %d outside 1..8", h.Orientation)
			}
			w, hh := h.Upright()
			if w*hh != h.Width*h.Height {
				t.Fatalf("Upright %dx%d is not a rotation of %dx%d", w, hh, h.Width, h.Height)
			}
		}
	})
}

func wrapsInspectSentinel(err error) bool {
	for _, s := range inspectSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
