package ppocr_test

import (
	"image"
	"image/color"
	"image/draw"
	"os"
	"sync"
	"testing"

	"github.com/docprecheck/docprecheck/ocr/ppocr"
	"gocv.io/x/gocv"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

const notoDir = "/usr/share/fonts/opentype/noto/"

// sharedRecognizer is loaded once by shared and closed by TestMain.
var (
	sharedOnce       sync.Once
	sharedRecognizer *ppocr.Recognizer
	sharedErr        error
)

// shared returns one Recognizer for the tests that neither close it nor need options, skipping the
// test when the models are absent.
func shared(tb testing.TB) *ppocr.Recognizer {
	tb.Helper()
	dir, ok := modelsDir()
	if !ok {
		tb.Skip("models/ is absent: run .ci/models")
	}
	sharedOnce.Do(func() { sharedRecognizer, sharedErr = ppocr.New(dir) })
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedRecognizer
}

// newRecognizer loads the models from models/ at the module root, skipping the test when they are
// absent (TestMain says so loudly).
func newRecognizer(tb testing.TB, opts ...ppocr.Option) *ppocr.Recognizer {
	tb.Helper()
	dir, ok := modelsDir()
	if !ok {
		tb.Skip("models/ is absent: run .ci/models")
	}
	r, err := ppocr.New(dir, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { r.Close() })
	return r
}

// face returns the named face of a Noto CJK collection at size pixels per em, skipping the test
// when the font is not installed.
func face(tb testing.TB, file, name string, size float64) font.Face {
	tb.Helper()
	raw, err := os.ReadFile(notoDir + file)
	if err != nil {
		tb.Skip("fonts-noto-cjk is not installed")
	}
	coll, err := opentype.ParseCollection(raw)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			tb.Fatal(err)
		}
		if n, _ := f.Name(nil, 1); n == name {
			fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
			if err != nil {
				tb.Fatal(err)
			}
			return fc
		}
	}
	tb.Skipf("%s not found in %s", name, file)
	return nil
}

// style says how a test line is drawn.
type style struct {
	file, name string  // font collection and face
	size       float64 // pixels per em
	ink, paper uint8   // grey levels
	blur       int     // Gaussian kernel size, 0 for none
	rotate     float64 // degrees, counter-clockwise
	jpeg       int     // JPEG quality the line is compressed at, 0 for none
	margin     float64 // blank space around the ink's box, in ems (0 means a quarter em)
	marginV    float64 // blank space above and below, in ems, when not margin
}

var (
	sans  = style{file: "NotoSansCJK-Regular.ttc", name: "Noto Sans CJK SC", size: 40, ink: 0, paper: 255}
	serif = style{file: "NotoSerifCJK-Regular.ttc", name: "Noto Serif CJK SC", size: 40, ink: 0, paper: 255}
	// small and grey: a field of a card photographed at about 8 pixels per millimetre, ink on a
	// tinted background, slightly out of focus.
	smallGrey = style{file: "NotoSansCJK-Regular.ttc", name: "Noto Sans CJK SC", size: 22, ink: 40, paper: 190, blur: 3}
	// phone: smaller still, low contrast, tilted by 2 degrees and JPEG-compressed hard, like a field
	// cut from a phone photo of a card held at arm's length.
	phone = style{file: "NotoSerifCJK-Regular.ttc", name: "Noto Serif CJK SC", size: 17, ink: 70, paper: 170, blur: 3, rotate: 2, jpeg: 35}
)

// render draws s in the style as a grey line crop with a margin (a quarter em unless the style
// says) around the font's line box; the caller closes the Mat.
func render(tb testing.TB, s string, st style) gocv.Mat {
	tb.Helper()
	fc := face(tb, st.file, st.name, st.size)
	defer fc.Close()
	adv := font.MeasureString(fc, s).Ceil()
	m := fc.Metrics()
	pad, padV := int(st.size/4), int(st.size/4)
	if st.margin > 0 {
		pad, padV = int(st.margin*st.size), int(st.margin*st.size)
	}
	if st.marginV > 0 {
		padV = int(st.marginV * st.size)
	}
	w, h := adv+2*pad, (m.Ascent+m.Descent).Ceil()+2*padV
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{st.paper}), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Gray{st.ink}), Face: fc, Dot: fixed.P(pad, padV+m.Ascent.Ceil())}
	d.DrawString(s)
	mat, err := gocv.NewMatFromBytes(h, w, gocv.MatTypeCV8UC1, img.Pix)
	if err != nil {
		tb.Fatal(err)
	}
	if st.blur > 0 {
		gocv.GaussianBlur(mat, &mat, image.Pt(st.blur, st.blur), 0, 0, gocv.BorderReplicate)
	}
	if st.rotate != 0 {
		rot := gocv.GetRotationMatrix2D(image.Pt(w/2, h/2), st.rotate, 1)
		gocv.WarpAffineWithParams(mat, &mat, rot, image.Pt(w, h), gocv.InterpolationLinear, gocv.BorderReplicate, color.RGBA{})
		rot.Close()
	}
	if st.jpeg > 0 {
		buf, err := gocv.IMEncodeWithParams(gocv.JPEGFileExt, mat, []int{gocv.IMWriteJpegQuality, st.jpeg})
		if err != nil {
			tb.Fatal(err)
		}
		mat.Close()
		mat, err = gocv.IMDecode(buf.GetBytes(), gocv.IMReadGrayScale)
		buf.Close()
		if err != nil || mat.Empty() {
			tb.Fatal("JPEG round trip failed", err)
		}
	}
	return mat
}
