package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/webp"

	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
)

// report is the expected outcome of a hostile input that can be evaluated: a 200 with a verdict.
const report = "report"

// hostileInputs are odd and hostile uploads with the error code each must give, or report.
func hostileInputs(t *testing.T) []struct {
	name string
	data []byte
	want string
} {
	card := cardImage(800, 600, 100, 90, 600, 11)
	good := encodeJPEG(t, card, 88)
	goodPNG := encodePNG(t, card)
	gray := convert(image.NewGray(card.Bounds()), card)
	rgba64 := convert(image.NewRGBA64(card.Bounds()), card)
	paletted := image.NewPaletted(card.Bounds(), color.Palette{color.Black, color.Gray{100}, color.Gray{210}, color.White})
	paletted = convert(paletted, card)
	transparent := convert(image.NewNRGBA(card.Bounds()), card)
	for i := 3; i < len(transparent.Pix); i += 4 {
		transparent.Pix[i] = uint8(i / 4 % 256)
	}
	corruptScan := bytes.Clone(good)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := len(good) / 3; i < len(good)/3+400; i++ {
		corruptScan[i] = byte(rng.IntN(256))
	}
	webpCard := cardWebP(800, 600)
	badExif := withExifOrientation(good, 99)
	// An Exif IFD that claims 65535 entries in a 30-byte segment.
	hugeIFD := withExifOrientation(good, 6)
	hugeIFD[2+4+6+8], hugeIFD[2+4+6+9] = 0xFF, 0xFF

	return []struct {
		name string
		data []byte
		want string
	}{
		{"0 bytes", nil, CodeEmpty},
		{"truncated JPEG", good[:len(good)/2], CodeCorrupt},
		{"truncated PNG", goodPNG[:len(goodPNG)*2/3], CodeCorrupt},
		{"JPEG cut inside its header", good[:40], CodeCorrupt},
		{"garbage after the JPEG magic", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 200)...), CodeCorrupt},
		{"PNG magic then garbage", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xAB}, 200)...), CodeCorrupt},
		{"corrupt scan data", corruptScan, "any"},
		{"1x1 JPEG", encodeJPEG(t, image.NewGray(image.Rect(0, 0, 1, 1)), 80), CodeTooSmall},
		{"1x1 PNG", encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1))), CodeTooSmall},
		{"30000x30000 PNG header", pngBomb(t, 30000, 30000), CodeTooLarge},
		{"30000x30000 JPEG header", jpegBomb(t, 30000, 30000), CodeTooLarge},
		{"65535x65535 JPEG header", jpegBomb(t, 65535, 65535), CodeTooLarge},
		{"PDF named .jpg", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"), CodeUnsupportedFormat},
		{"HTML named .jpg", []byte("\xef\xbb\xbf  <!doctype html><html><head><script>alert(1)</script></head></html>"), CodeUnsupportedFormat},
		{"GIF named .jpg", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"), CodeUnsupportedFormat},
		{"HEIC named .jpg", append([]byte{0, 0, 0, 24}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...), CodeUnsupportedFormat},
		{"CMYK JPEG", cmykJPEG(t, gray), report},
		{"16-bit PNG", encodePNG(t, rgba64), report},
		{"grayscale JPEG", encodeJPEG(t, gray, 88), report},
		{"grayscale PNG", encodePNG(t, gray), report},
		{"paletted PNG", encodePNG(t, paletted), report},
		{"PNG with alpha", encodePNG(t, transparent), report},
		{"lossless WebP", webpCard, report},
		{"truncated WebP", webpCard[:len(webpCard)/2], CodeCorrupt},
		{"Exif orientation 99", badExif, report},
		{"Exif IFD overruns its segment", hugeIFD, report},
	}
}

func TestHostileInputs(t *testing.T) {
	url := testServer(t, realHandler(t, Config{Timeout: 20 * time.Second}))
	inputs := hostileInputs(t)
	if paths, _ := filepath.Glob(filepath.Join(realDataDir, "midv2020-templates", "*", "images", "00.jpg")); len(paths) > 0 {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			inputs = append(inputs, struct {
				name string
				data []byte
				want string
			}{"real CMYK " + filepath.Base(filepath.Dir(filepath.Dir(p))), data, report})
		}
	} else {
		t.Logf("%s is absent: real CMYK templates not tried", realDataDir)
	}
	for _, tc := range inputs {
		t.Run(tc.name, func(t *testing.T) {
			a := post(t, url, form{files: map[string][]byte{"front": tc.data}})
			switch tc.want {
			case report:
				require.Equal(t, http.StatusOK, a.status, "%+v", a.err)
				assert.Contains(t, verdicts, a.ok.Verdict)
				t.Logf("verdict %s, issues %v", a.ok.Verdict, codes(a.ok.Front))
			case "any":
				if a.status == http.StatusOK {
					assert.Contains(t, verdicts, a.ok.Verdict)
				} else {
					assert.NotEqual(t, CodeInternal, a.err.Code, "%+v", a.err)
					assert.Less(t, a.status, 500, "%+v", a.err)
				}
				t.Logf("status %d %s %v", a.status, a.err.Code, a.ok.Verdict)
			default:
				assert.Equal(t, tc.want, a.err.Code, "status %d: %+v", a.status, a.err)
				assert.Less(t, a.status, 500)
			}
		})
	}
}

// TestTestPhotos checks that the hand-made CMYK JPEG and WebP are what they claim to be.
func TestTestPhotos(t *testing.T) {
	card := cardImage(320, 240, 40, 40, 200, 3)
	gray := convert(image.NewGray(card.Bounds()), card)
	img, err := jpeg.Decode(bytes.NewReader(cmykJPEG(t, gray)))
	require.NoError(t, err)
	assert.IsType(t, &image.CMYK{}, img)
	assert.Equal(t, card.Bounds(), img.Bounds())

	w := cardWebP(320, 240)
	h, err := photo.Inspect(w, photo.Limits{})
	require.NoError(t, err)
	assert.Equal(t, photo.WebP, h.Format)
	wimg, err := webp.Decode(bytes.NewReader(w))
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 320, 240), wimg.Bounds())
	r, g, b, _ := wimg.At(0, 0).RGBA()
	assert.Equal(t, [3]uint32{70, 70, 70}, [3]uint32{r >> 8, g >> 8, b >> 8}, "background")
	r, g, b, _ = wimg.At(320/6+2, 240/6+2).RGBA()
	assert.Equal(t, [3]uint32{215, 215, 215}, [3]uint32{r >> 8, g >> 8, b >> 8}, "card")
}

// TestExifRotatedPhoto checks that a photo stored sideways with EXIF orientation 6 is measured
// upright: its dimensions and the document's corners are those of the upright photo.
func TestExifRotatedPhoto(t *testing.T) {
	const W, H = 1200, 900 // 4:3, as a phone takes it
	upright := cardImage(W, H, 150, 120, 640, 21)
	stored := rotateCCW(upright)
	data := withExifOrientation(encodeJPEG(t, stored, 90), 6)

	hd, err := photo.Inspect(data, photo.Limits{})
	require.NoError(t, err)
	assert.Equal(t, 6, hd.Orientation)
	assert.Equal(t, [2]int{H, W}, [2]int{hd.Width, hd.Height}, "stored dimensions")
	uw, uh := hd.Upright()
	assert.Equal(t, [2]int{W, H}, [2]int{uw, uh}, "upright dimensions")

	ck, err := newChecker("normal", Config{})
	require.NoError(t, err)
	ctx := context.Background()
	got, gp, err := ck.CheckPhoto(ctx, data, precheck.Typed{})
	require.NoError(t, err)
	defer gp.Close()
	want, wp, err := ck.CheckPhoto(ctx, encodeJPEG(t, upright, 90), precheck.Typed{})
	require.NoError(t, err)
	defer wp.Close()

	q := gp.Quality()
	assert.Equal(t, [2]int{W, H}, [2]int{q.Width, q.Height}, "measured dimensions")
	require.NotNil(t, want.Document.Corners, "no document found in the upright photo")
	require.NotNil(t, got.Document.Corners, "no document found in the rotated photo")
	for i := range want.Document.Corners {
		for k := range 2 {
			assert.InDelta(t, want.Document.Corners[i][k], got.Document.Corners[i][k], 4, "corner %d axis %d", i, k)
		}
	}
	// The card's top-left corner is at (150, 120) in the upright photo.
	assert.InDelta(t, 150, got.Document.Corners[0][0], 6)
	assert.InDelta(t, 120, got.Document.Corners[0][1], 6)
	assert.Equal(t, want.Verdict, got.Verdict)
}
