package quality_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/internal/testcard"
	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// card draws a pale ID-1 card with lines of print, axis-aligned at (x0,y0) with width w, on a
// textured mid-grey background, and returns the photo and the card's corners.
func card(W, H, x0, y0, w int, seed uint64) (*image.RGBA, precheck.Quad) {
	return testcard.Card(W, H, x0, y0, w, seed)
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}))
	return b.Bytes()
}

func measure(q precheck.Quality, code precheck.Code) (precheck.Measure, bool) {
	for _, m := range q.Measures {
		if m.Code == code {
			return m, true
		}
	}
	return precheck.Measure{}, false
}

func TestFindsCardCorners(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	img, want := card(1200, 900, 200, 180, 800, 1)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	q := p.Quality()
	require.NotNil(t, q.Corners, "document not found")
	for i := range want {
		assert.InDelta(t, want[i][0], q.Corners[i][0], 3, "corner %d x", i)
		assert.InDelta(t, want[i][1], q.Corners[i][1], 3, "corner %d y", i)
	}
	for _, code := range []precheck.Code{precheck.CodeNoDocument, precheck.CodeCutoff, precheck.CodeTooDark, precheck.CodeTilted} {
		m, ok := measure(q, code)
		require.True(t, ok, "measure %s missing", code)
		assert.False(t, m.Failed, "%s failed: %+v", code, m)
	}
}

func TestCutoffNamesCorners(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	// The card runs off the right edge of the photo.
	img, _ := card(1000, 750, 300, 150, 800, 2)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	m, ok := measure(p.Quality(), precheck.CodeCutoff)
	if !ok {
		m, _ = measure(p.Quality(), precheck.CodeNoDocument)
		t.Fatalf("cutoff not measured; no_document %+v", m)
	}
	assert.True(t, m.Failed)
	assert.ElementsMatch(t, []string{"top_right", "bottom_right"}, m.Corners)
}

// A card whose whole top side is out of the frame: its outline in the photo is four-cornered, two of
// the corners on the frame's edge, and that edge is where the card leaves the frame, not its side.
func TestCutoffAlongOneSide(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	img, _ := card(1000, 750, 150, -60, 700, 6)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	nd, _ := measure(p.Quality(), precheck.CodeNoDocument)
	require.False(t, nd.Failed, "card not found: %+v", nd)
	m, _ := measure(p.Quality(), precheck.CodeCutoff)
	assert.True(t, m.Failed)
	assert.Subset(t, m.Corners, []string{"top_left", "top_right"}, "%+v", m)
	assert.NotEmpty(t, m.Corners)
}

// A pale card cut off by the frame's left edge on a striped cloth whose pale stripes are as light as
// the card: the card's region merges with them, and no closed outline of it exists in the photo. Its
// three visible sides are straight edges, and the frame's edge stands in for the fourth. With the
// line-segment detector the cut-off corners are still named, but the outline is the block of print
// (the detector reports the ragged ends of the print's lines as a line, and the card's own right side
// is faint against the pale stripes): a known weakness, so the corners are checked on the finder's own
// edges only.
func TestCutoffCardOnStripes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dir     string
		corners bool
	}{{"own edges", quality.ModelsOff, true}, {"with the line model", "", false}} {
		t.Run(tc.name, func(t *testing.T) { cutoffCardOnStripes(t, tc.dir, tc.corners) })
	}
}

// A card lying whole on a sheet of printed paper that the frame cuts: the card is the document, not
// the sheet (which runs out of the frame and would be told cut off).
func TestCardOnPrintedSheet(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	for _, name := range []string{"018-cn-id-back-clean-cloth.jpg", "058-cn-id-front-glare-mild-paper.jpg", "138-cn-id-front-occluded-mild-cloth.jpg"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", name))
			require.NoError(t, err)
			p, err := a.Analyze(context.Background(), data)
			require.NoError(t, err)
			defer p.Close()
			q := p.Quality()
			m, _ := measure(q, precheck.CodeCutoff)
			assert.False(t, m.Failed, "%+v", m)
			require.NotNil(t, q.Corners)
			var area float64 // shoelace: the card covers well under half of the frame, the sheet most of it
			for i, c := range q.Corners {
				d := q.Corners[(i+1)%4]
				area += c[0]*d[1] - d[0]*c[1]
			}
			assert.Less(t, math.Abs(area)/2, 0.5*float64(q.Width*q.Height))
		})
	}
}

func cutoffCardOnStripes(t *testing.T, dir string, corners bool) {
	a, err := quality.New(quality.Options{ModelDir: dir})
	require.NoError(t, err)
	defer a.Close()
	rng := rand.New(rand.NewPCG(8, 1))
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	stripes := []color.RGBA{{236, 214, 214, 255}, {226, 236, 214, 255}, {236, 214, 214, 255}, {30, 110, 60, 255}}
	for y := range 900 {
		for x := range 1200 {
			c := stripes[(x/70)%len(stripes)]
			n := uint8(rng.IntN(8))
			img.Set(x, y, color.RGBA{c.R - n, c.G - n, c.B - n, 255})
		}
	}
	want := testcard.Paint(img, -150, 160, 760, color.RGBA{198, 210, 226, 255}, rng)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	q := p.Quality()
	nd, _ := measure(q, precheck.CodeNoDocument)
	require.False(t, nd.Failed, "card not found: %+v", nd)
	m, _ := measure(q, precheck.CodeCutoff)
	assert.True(t, m.Failed)
	assert.ElementsMatch(t, []string{"top_left", "bottom_left"}, m.Corners, "%+v", m)
	if !corners {
		return
	}
	for _, i := range []int{1, 2} { // the corners in the frame
		assert.InDelta(t, want[i][0], q.Corners[i][0], 4, "corner %d x", i)
		assert.InDelta(t, want[i][1], q.Corners[i][1], 4, "corner %d y", i)
	}
}

func TestBlurIndependentOfPhotoSize(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	var scores []float64
	for _, scale := range []int{1, 3} {
		img, _ := card(1200*scale, 900*scale, 200*scale, 180*scale, 800*scale, 3)
		p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
		require.NoError(t, err)
		m, ok := measure(p.Quality(), precheck.CodeBlur)
		p.Close()
		require.True(t, ok)
		assert.False(t, m.Failed, "sharp card at scale %d reported blurry: %+v", scale, m)
		scores = append(scores, m.Score)
	}
	assert.InDelta(t, scores[0], scores[1], 0.0015, "blur score depends on photo size: %v", scores)
}

func TestNoDocumentOnEmptyPhoto(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range img.Pix {
		img.Pix[i] = uint8(100 + rng.IntN(30))
	}
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	m, ok := measure(p.Quality(), precheck.CodeNoDocument)
	require.True(t, ok)
	assert.True(t, m.Failed)
	assert.Nil(t, p.Quality().Corners)
}

// tilesScene draws a photo of floor tiles (pale squares, dark grout, a few stains) with no document.
func tilesScene(W, H int) *image.RGBA {
	rng := rand.New(rand.NewPCG(5, 5))
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	for y := range H {
		for x := range W {
			v := uint8(170 + rng.IntN(12))
			if x%150 < 8 || y%150 < 8 {
				v = 70
			}
			if (x/150+y/150)%3 == 0 && (x%150-75)*(x%150-75)+(y%150-60)*(y%150-60) < 300 {
				v = 110
			}
			img.Set(x, y, color.RGBA{v, v, v - 10, 255})
		}
	}
	return img
}

// boxBlur approximates a Gaussian blur of standard deviation about r/sqrt(3) by three box passes of
// radius r/2 in each direction.
func boxBlur(img *image.RGBA, r int) *image.RGBA {
	b := img.Bounds()
	cur := image.NewRGBA(b)
	copy(cur.Pix, img.Pix)
	for range 3 {
		for _, horiz := range []bool{true, false} {
			next := image.NewRGBA(b)
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					var sum [3]int
					n := 0
					for d := -r / 2; d <= r/2; d++ {
						xx, yy := x, y
						if horiz {
							xx = min(max(x+d, b.Min.X), b.Max.X-1)
						} else {
							yy = min(max(y+d, b.Min.Y), b.Max.Y-1)
						}
						i := cur.PixOffset(xx, yy)
						sum[0] += int(cur.Pix[i])
						sum[1] += int(cur.Pix[i+1])
						sum[2] += int(cur.Pix[i+2])
						n++
					}
					i := next.PixOffset(x, y)
					next.Pix[i], next.Pix[i+1], next.Pix[i+2], next.Pix[i+3] = uint8(sum[0]/n), uint8(sum[1]/n), uint8(sum[2]/n), 255
				}
			}
			cur = next
		}
	}
	return cur
}

// motionBlur averages img along a line of the given length (pixels) and angle (degrees), as a camera
// moving during the exposure does.
func motionBlur(img *image.RGBA, length, angle float64) *image.RGBA {
	if length < 1 {
		return img
	}
	b := img.Bounds()
	out := image.NewRGBA(b)
	dx, dy := math.Cos(angle*math.Pi/180), math.Sin(angle*math.Pi/180)
	n := int(length) + 1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			var sum [3]int
			for k := range n {
				t := -length/2 + length*float64(k)/float64(n-1)
				xx := min(b.Max.X-1, max(b.Min.X, x+int(math.Round(t*dx))))
				yy := min(b.Max.Y-1, max(b.Min.Y, y+int(math.Round(t*dy))))
				i := img.PixOffset(xx, yy)
				sum[0] += int(img.Pix[i])
				sum[1] += int(img.Pix[i+1])
				sum[2] += int(img.Pix[i+2])
			}
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(sum[0]/n), uint8(sum[1]/n), uint8(sum[2]/n), 255
		}
	}
	return out
}

// A shake during the exposure smears the print along the motion while the smeared strokes keep steep
// ends: the edges' widths hardly change, and the blur is found from the motion itself. A motion of
// 3.5% of the card's height is blur; one of 1% is not. The photo is a tight crop of the card (the frame
// is the document), so that what is tested is the measure, not the finder.
func TestMotionBlur(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	// Grey print on pale paper, as a laser-printed or a faded card shows it.
	w := 1000
	h := int(float64(w) / testcard.Aspect)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	testcard.PaintInk(img, 0, 0, w, color.RGBA{200, 202, 206, 255}, color.RGBA{110, 110, 115, 255}, rand.New(rand.NewPCG(9, 1)))
	for _, tc := range []struct {
		share   float64
		blurred bool
	}{{0.035, true}, {0.05, true}, {0.01, false}, {0, false}} {
		for _, angle := range []float64{30, 100, 160} {
			t.Run(fmt.Sprintf("%.1f%% at %.0f degrees", 100*tc.share, angle), func(t *testing.T) {
				p, err := a.Analyze(context.Background(), encodeJPEG(t, motionBlur(img, tc.share*float64(h), angle)))
				require.NoError(t, err)
				defer p.Close()
				nd, _ := measure(p.Quality(), precheck.CodeNoDocument)
				require.False(t, nd.Failed, "card not found: %+v", p.Quality())
				m, _ := measure(p.Quality(), precheck.CodeBlur)
				assert.Equal(t, tc.blurred, m.Failed, "%+v", m)
			})
		}
	}
}

// A photo too blurred for any outline to be found is reported blurred as well as without a document;
// a sharp photo without a document is not, nor is an even surface with nothing to judge focus by.
func TestBlurWithoutDocument(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	sharp := tilesScene(900, 600)
	flat := image.NewRGBA(image.Rect(0, 0, 900, 600))
	for i := range flat.Pix {
		flat.Pix[i] = 160
	}
	for _, tc := range []struct {
		name     string
		img      image.Image
		measured bool
		blurred  bool
	}{
		{"sharp tiles", sharp, true, false},
		{"defocused tiles", boxBlur(sharp, 24), true, true}, // sigma about 14 px: 2.3% of the shorter side
		{"even surface", flat, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := a.Analyze(context.Background(), encodeJPEG(t, tc.img))
			require.NoError(t, err)
			defer p.Close()
			nd, _ := measure(p.Quality(), precheck.CodeNoDocument)
			require.True(t, nd.Failed, "a document was found: %+v", p.Quality())
			m, ok := measure(p.Quality(), precheck.CodeBlur)
			require.Equal(t, tc.measured, ok, "blur measured: %+v", m)
			assert.Equal(t, tc.blurred, m.Failed, "%+v", m)
		})
	}
}

func TestBadInputIsTypedError(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	img, _ := card(640, 480, 80, 80, 480, 5)
	good := encodeJPEG(t, img)
	var one bytes.Buffer
	require.NoError(t, png.Encode(&one, image.NewGray(image.Rect(0, 0, 1, 1))))
	// A PNG header declaring 30000 x 30000 pixels, with nothing behind it.
	var bomb bytes.Buffer
	require.NoError(t, png.Encode(&bomb, image.NewGray(image.Rect(0, 0, 8, 8))))
	bombBytes := bomb.Bytes()
	bombBytes[16], bombBytes[17], bombBytes[18], bombBytes[19] = 0, 0, 0x75, 0x30
	bombBytes[20], bombBytes[21], bombBytes[22], bombBytes[23] = 0, 0, 0x75, 0x30
	binary.BigEndian.PutUint32(bombBytes[29:], crc32.ChecksumIEEE(bombBytes[12:29]))
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, photo.ErrEmpty},
		{"truncated jpeg", good[:len(good)/2], photo.ErrCorrupt},
		{"1x1", one.Bytes(), photo.ErrTooSmall},
		{"30000x30000 header", bombBytes, photo.ErrTooLarge},
		{"pdf named jpg", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), photo.ErrUnsupportedFormat},
		{"html", []byte("<!DOCTYPE html><html><body>hi</body></html>"), photo.ErrUnsupportedFormat},
		{"garbage after jpeg magic", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 100)...), photo.ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := a.Analyze(context.Background(), tc.data)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.True(t, errors.Is(err, tc.want), "got %v, want %v", err, tc.want)
		})
	}
}

func TestContextCancelled(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	img, _ := card(640, 480, 80, 80, 480, 6)
	_, err = a.Analyze(ctx, encodeJPEG(t, img))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestPresets(t *testing.T) {
	s, err := quality.Preset("strict")
	require.NoError(t, err)
	r, err := quality.Preset("relaxed")
	require.NoError(t, err)
	assert.Less(t, s.MaxBlur, r.MaxBlur)
	assert.Less(t, s.MaxGlare, r.MaxGlare)
	assert.Greater(t, s.MinDocumentPixels, r.MinDocumentPixels)
	n, err := quality.Preset("normal")
	require.NoError(t, err)
	assert.Greater(t, s.MinDocumentShare, n.MinDocumentShare)
	assert.Negative(t, r.MinDocumentShare, "relaxed does not judge the document's share of the frame")
	_, err = quality.Preset("lenient")
	assert.Error(t, err)
	// Zero fields take the preset's values; set fields are kept.
	a, err := quality.New(quality.Options{Preset: "strict", MaxGlare: 0.2})
	require.NoError(t, err)
	defer a.Close()
	assert.Equal(t, 0.2, a.Options().MaxGlare)
	assert.Equal(t, s.MaxBlur, a.Options().MaxBlur)
	assert.False(t, math.IsNaN(a.Options().MaxTiltDegrees))
}

// A card whose left side lies two pixels from the frame's edge, with the background between: its four
// sides are in the photo, so it is whole, not cut off.
func TestCardReachingTheEdgeIsWhole(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	img, _ := card(1000, 750, 2, 200, 640, 3)
	p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
	require.NoError(t, err)
	defer p.Close()
	nd, _ := measure(p.Quality(), precheck.CodeNoDocument)
	require.False(t, nd.Failed, "card not found: %+v", nd)
	m, _ := measure(p.Quality(), precheck.CodeCutoff)
	assert.False(t, m.Failed, "%+v", m)
}

// A card photographed from too far, 13 to 22% of a 12 MP photo's width (520 to 880 pixels), is found
// and told too small, not missing: its print, too small to be counted on the whole card at the
// working size, shows in its boxes of print. From 16% it has the pixels (640) but not the share of
// the frame (a quarter of its width); at 30% it has both.
func TestFarCardIsFoundAndTooSmall(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	for _, share := range []float64{0.13, 0.15, 0.20, 0.22, 0.30} {
		for _, seed := range []uint64{7, 8} {
			w := int(share * 4000)
			img, want := card(4000, 3000, 1500, 1200, w, seed)
			tol := 0.05 * float64(w) / testcard.Aspect // a twentieth of the card's height
			p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
			require.NoError(t, err)
			q := p.Quality()
			p.Close()
			require.NotNil(t, q.Corners, "share %.2f seed %d: not found", share, seed)
			for i := range want {
				assert.InDelta(t, want[i][0], q.Corners[i][0], tol, "share %.2f seed %d corner %d x", share, seed, i)
				assert.InDelta(t, want[i][1], q.Corners[i][1], tol, "share %.2f seed %d corner %d y", share, seed, i)
			}
			for _, code := range []precheck.Code{precheck.CodeNoDocument, precheck.CodeCutoff} {
				m, ok := measure(q, code)
				require.True(t, ok, "measure %s missing", code)
				assert.False(t, m.Failed, "share %.2f seed %d: %+v", share, seed, m)
			}
			m, ok := measure(q, precheck.CodeLowResolution)
			require.True(t, ok)
			assert.Equal(t, share < 0.25, m.Failed, "share %.2f seed %d: %+v", share, seed, m)
		}
	}
}

// A card on an A4 scan (the frame is 1.414, ID-3's shape, and the card fills a tenth of it) lies on
// the scanner's even white lid: it is the document, found whole where it lies, not the frame (a frame
// of a document's shape is otherwise taken as a tight crop of it).
func TestCardOnScannerBed(t *testing.T) {
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer a.Close()
	for _, at := range []image.Point{{120, 150}, {500, 1100}} {
		img := image.NewRGBA(image.Rect(0, 0, 1414, 2000))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{247, 247, 245, 255}), image.Point{}, draw.Src)
		const w = 720
		want := testcard.PaintInk(img, at.X, at.Y, w, color.RGBA{222, 214, 190, 255}, color.RGBA{40, 40, 50, 255},
			rand.New(rand.NewPCG(5, uint64(at.X))))
		p, err := a.Analyze(context.Background(), encodeJPEG(t, img))
		require.NoError(t, err)
		q := p.Quality()
		p.Close()
		require.NotNil(t, q.Corners, "card at %v not found", at)
		tol := 0.03 * w
		for i := range want {
			assert.InDelta(t, want[i][0], q.Corners[i][0], tol, "card at %v corner %d x", at, i)
			assert.InDelta(t, want[i][1], q.Corners[i][1], tol, "card at %v corner %d y", at, i)
		}
		for _, code := range []precheck.Code{precheck.CodeNoDocument, precheck.CodeCutoff} {
			m, ok := measure(q, code)
			require.True(t, ok, "measure %s missing", code)
			assert.False(t, m.Failed, "card at %v: %+v", at, m)
		}
	}
}
