package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/internal/testcard"
)

// corpusDir holds the synthetic corpus (specimen/gencorpus); it may not have been generated.
const corpusDir = "../../testdata/corpus"

// realDataDir holds real specimen images; absent in a user's clone (patterns under it then match
// nothing).
var realDataDir, _ = corpus.RealdataDir()

// namedPhoto is a test photo and where it came from.
type namedPhoto struct {
	name string
	path string // empty for a generated photo
	data []byte
}

// samplePhotos returns up to n corpus photos, or generated card photos when the corpus has not been
// generated.
func samplePhotos(t testing.TB, n int) []namedPhoto {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.jpg"))
	sort.Strings(paths)
	var out []namedPhoto
	for _, p := range paths {
		if len(out) == n {
			break
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, namedPhoto{name: filepath.Base(p), path: p, data: data})
	}
	for i := uint64(0); len(out) < n; i++ {
		img := cardImage(1200, 900, 180+int(i%3)*20, 160, 820, i+1)
		out = append(out, namedPhoto{name: "generated-card", data: encodeJPEG(t, img, 90)})
	}
	return out
}

// cardImage draws a pale ID-1 card with lines of print, axis-aligned at (x0, y0) and w wide, on a
// textured mid-grey background.
func cardImage(W, H, x0, y0, w int, seed uint64) *image.RGBA {
	img, _ := testcard.Card(W, H, x0, y0, w, seed)
	return img
}

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// convert draws img into dst and returns dst.
func convert[I draw.Image](dst I, img image.Image) I {
	draw.Draw(dst, dst.Bounds(), img, img.Bounds().Min, draw.Src)
	return dst
}

// pngBomb returns a valid small PNG whose header declares w x h pixels.
func pngBomb(t testing.TB, w, h uint32) []byte {
	b := encodePNG(t, image.NewGray(image.Rect(0, 0, 8, 8)))
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// jpegBomb returns a valid small JPEG whose frame header declares w x h pixels.
func jpegBomb(t testing.TB, w, h uint16) []byte {
	b := encodeJPEG(t, image.NewGray(image.Rect(0, 0, 16, 16)), 80)
	for i := 2; i+9 < len(b); {
		marker, n := b[i+1], int(binary.BigEndian.Uint16(b[i+2:]))
		if marker == 0xC0 {
			binary.BigEndian.PutUint16(b[i+5:], h)
			binary.BigEndian.PutUint16(b[i+7:], w)
			return b
		}
		i += 2 + n
	}
	t.Fatal("no SOF0 in the JPEG")
	return nil
}

// withExifOrientation returns the JPEG with an APP1 Exif segment holding orientation o inserted
// right after SOI.
func withExifOrientation(jpg []byte, o uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))      // offset of IFD0
	binary.Write(&tiff, binary.BigEndian, uint16(1))      // one entry
	binary.Write(&tiff, binary.BigEndian, uint16(0x0112)) // Orientation
	binary.Write(&tiff, binary.BigEndian, uint16(3))      // SHORT
	binary.Write(&tiff, binary.BigEndian, uint32(1))      // count
	binary.Write(&tiff, binary.BigEndian, o)
	binary.Write(&tiff, binary.BigEndian, uint16(0))
	binary.Write(&tiff, binary.BigEndian, uint32(0)) // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// rotateCCW returns img turned 90 degrees counter-clockwise: the stored form of a photo whose EXIF
// orientation 6 says "turn 90 degrees clockwise to view".
func rotateCCW(img image.Image) *image.RGBA {
	b := img.Bounds()
	W, H := b.Dx(), b.Dy()
	out := image.NewRGBA(image.Rect(0, 0, H, W))
	for sy := range W {
		for sx := range H {
			out.Set(sx, sy, img.At(b.Min.X+W-1-sy, b.Min.Y+sx))
		}
	}
	return out
}

// cmykJPEG turns a grayscale baseline JPEG into a four-component Adobe JPEG (transform 0: CMYK)
// whose components are copies of the grey one, each in its own non-interleaved scan. Go's encoder
// writes no CMYK, so this is how a test gets one without a binary fixture.
func cmykJPEG(t testing.TB, gray *image.Gray) []byte {
	t.Helper()
	src := encodeJPEG(t, gray, 90)
	var dqt, dht, sof, scan []byte
	for i := 2; i < len(src); {
		marker := src[i+1]
		n := int(binary.BigEndian.Uint16(src[i+2:]))
		seg := src[i : i+2+n]
		switch marker {
		case 0xDB:
			dqt = append(dqt, seg...)
		case 0xC4:
			dht = append(dht, seg...)
		case 0xC0:
			sof = seg
		case 0xDA:
			scan = src[i+2+n : len(src)-2] // entropy-coded data up to EOI
		}
		i += 2 + n
		if marker == 0xDA {
			break
		}
	}
	if sof == nil || scan == nil || sof[9] != 1 {
		t.Fatal("unexpected grayscale JPEG layout")
	}
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xD8})
	// APP14 Adobe: version 100, flags 0, 0, transform 0 (CMYK, no colour transform).
	b.Write([]byte{0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0})
	b.Write(dqt)
	b.Write([]byte{0xFF, 0xC0, 0, 20, 8})
	b.Write(sof[5:9]) // height, width
	b.WriteByte(4)
	for c := byte(1); c <= 4; c++ {
		b.Write([]byte{c, 0x11, 0})
	}
	b.Write(dht)
	for c := byte(1); c <= 4; c++ {
		b.Write([]byte{0xFF, 0xDA, 0, 8, 1, c, 0x00, 0, 63, 0})
		b.Write(scan)
	}
	b.Write([]byte{0xFF, 0xD9})
	return b.Bytes()
}

// bitWriter writes bits least-significant first, as VP8L reads them.
type bitWriter struct {
	buf  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.nacc > 0 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc, w.nacc = 0, 0
	}
	return w.buf
}

// twoToneWebP encodes a lossless (VP8L) WebP of w x h pixels, each grey lo or hi as on(x, y) says.
// golang.org/x/image has no WebP encoder; this one writes the simplest valid stream: no transforms,
// no colour cache, and "simple" prefix codes of two symbols for green, red and blue (one bit each
// per pixel) and one symbol for alpha and distance (no bits).
func twoToneWebP(w, h int, lo, hi uint8, on func(x, y int) bool) []byte {
	var bw bitWriter
	bw.write(0x2f, 8)
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	bw.write(0, 1) // alpha not used
	bw.write(0, 3) // version 0
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	twoSymbols := func() {
		bw.write(1, 1) // simple code
		bw.write(1, 1) // two symbols
		bw.write(1, 1) // first symbol has 8 bits
		bw.write(uint64(lo), 8)
		bw.write(uint64(hi), 8)
	}
	oneSymbol := func(s uint64) {
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		bw.write(1, 1) // 8 bits
		bw.write(s, 8)
	}
	twoSymbols()   // green
	twoSymbols()   // red
	twoSymbols()   // blue
	oneSymbol(255) // alpha
	oneSymbol(0)   // distance
	for y := range h {
		for x := range w {
			var bit uint64
			if on(x, y) {
				bit = 1 // hi > lo gets the code 1
			}
			bw.write(bit|bit<<1|bit<<2, 3) // green, red, blue
		}
	}
	data := bw.bytes()
	chunk := len(data)
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+chunk+chunk%2))
	b.WriteString("WEBPVP8L")
	binary.Write(&b, binary.LittleEndian, uint32(chunk))
	b.Write(data)
	if chunk%2 == 1 {
		b.WriteByte(0)
	}
	return b.Bytes()
}

// cardWebP is a two-tone card on a darker background with lines of print, as a lossless WebP.
func cardWebP(w, h int) []byte {
	x0, y0, cw := w/6, h/6, w*2/3
	ch := int(float64(cw) / 1.586)
	return twoToneWebP(w, h, 70, 215, func(x, y int) bool {
		if x < x0 || x >= x0+cw || y < y0 || y >= y0+ch {
			return false
		}
		return !testcard.Print(x-x0, y-y0, cw)
	})
}
