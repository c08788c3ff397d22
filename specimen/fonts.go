package specimen

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// ErrFont is returned, wrapped with the file concerned, when a font the
// renderer needs cannot be found or parsed.
var ErrFont = errors.New("specimen: font unavailable")

// Default font locations (Debian packages fonts-noto-cjk, fonts-ocr-b and
// fonts-dejavu-core).
const (
	DefaultNotoDir   = "/usr/share/fonts/opentype/noto"
	DefaultOCRBDir   = "/usr/share/fonts/opentype/ocr-b"
	DefaultDejaVuDir = "/usr/share/fonts/truetype/dejavu"
)

// fonts holds the parsed fonts. An sfnt.Font is safe for concurrent use;
// faces made from it are not, so each rendering makes its own.
type fonts struct {
	sansSC, sansSCBold, serifSC *sfnt.Font
	ocrb                        *sfnt.Font
	latin, latinBold, latinCond *sfnt.Font
}

// fontStyle picks one of the loaded fonts.
type fontStyle int

const (
	styleSansSC fontStyle = iota
	styleSansSCBold
	styleSerifSC
	styleOCRB
	styleLatin
	styleLatinBold
	styleLatinCond
)

func (fs *fonts) font(s fontStyle) *sfnt.Font {
	switch s {
	case styleSansSCBold:
		return fs.sansSCBold
	case styleSerifSC:
		return fs.serifSC
	case styleOCRB:
		return fs.ocrb
	case styleLatin:
		return fs.latin
	case styleLatinBold:
		return fs.latinBold
	case styleLatinCond:
		return fs.latinCond
	}
	return fs.sansSC
}

// loadFonts reads every font from the given directories.
func loadFonts(notoDir, ocrbDir, dejavuDir string) (*fonts, error) {
	var fs fonts
	var err error
	if fs.sansSC, err = loadCollectionFace(filepath.Join(notoDir, "NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC"); err != nil {
		return nil, err
	}
	if fs.sansSCBold, err = loadCollectionFace(filepath.Join(notoDir, "NotoSansCJK-Bold.ttc"), "Noto Sans CJK SC"); err != nil {
		return nil, err
	}
	if fs.serifSC, err = loadCollectionFace(filepath.Join(notoDir, "NotoSerifCJK-Regular.ttc"), "Noto Serif CJK SC"); err != nil {
		return nil, err
	}
	// OCRBS.otf ("OCR B Sharp") has the same design and metrics as OCRB.otf,
	// whose charstrings for "8", "<" and "j" use a CFF operator (flex1) that
	// the sfnt package cannot read.
	if fs.ocrb, err = loadFont(filepath.Join(ocrbDir, "OCRBS.otf")); err != nil {
		return nil, err
	}
	if fs.latin, err = loadFont(filepath.Join(dejavuDir, "DejaVuSans.ttf")); err != nil {
		return nil, err
	}
	if fs.latinBold, err = loadFont(filepath.Join(dejavuDir, "DejaVuSans-Bold.ttf")); err != nil {
		return nil, err
	}
	if fs.latinCond, err = loadFont(filepath.Join(dejavuDir, "DejaVuSansCondensed.ttf")); err != nil {
		return nil, err
	}
	return &fs, nil
}

func loadFont(path string) (*sfnt.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFont, path, err)
	}
	return f, nil
}

// loadCollectionFace returns the font of the collection at path whose family
// name is family (Noto CJK collections hold JP, KR, SC, TC and HK faces).
func loadCollectionFace(path, family string) (*sfnt.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	c, err := opentype.ParseCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFont, path, err)
	}
	var buf sfnt.Buffer
	for i := range c.NumFonts() {
		f, err := c.Font(i)
		if err != nil {
			continue
		}
		name, err := f.Name(&buf, sfnt.NameIDFamily)
		if err != nil {
			continue
		}
		if strings.EqualFold(name, family) {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%w: %s has no face %q", ErrFont, path, family)
}

// textStyle is how one piece of text is drawn on a document.
type textStyle struct {
	font fontStyle
	// emMM is the em size in millimetres on the document.
	emMM float64
	col  color.RGBA
	// trackMM is extra space after every character, in millimetres.
	trackMM float64
}

// canvas draws text on a document raster at a given resolution. A canvas is
// not safe for concurrent use.
type canvas struct {
	dst   *image.RGBA
	ppm   float64 // pixels per millimetre
	fs    *fonts
	faces map[faceKey]font.Face
}

type faceKey struct {
	f  fontStyle
	px int // em size in 1/64 px
}

func newCanvas(dst *image.RGBA, ppm float64, fs *fonts) *canvas {
	return &canvas{dst: dst, ppm: ppm, fs: fs, faces: map[faceKey]font.Face{}}
}

func (c *canvas) face(s fontStyle, emMM float64) font.Face {
	k := faceKey{s, int(emMM * c.ppm * 64)}
	if f, ok := c.faces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(c.fs.font(s), &opentype.FaceOptions{
		Size: float64(k.px) / 64, DPI: 72, Hinting: font.HintingNone,
	})
	if err != nil {
		// Only an invalid size fails; sizes here are positive constants.
		panic(fmt.Sprintf("specimen: face: %v", err))
	}
	c.faces[k] = f
	return f
}

// measure returns the advance width of s in millimetres.
func (c *canvas) measure(st textStyle, s string) float64 {
	f := c.face(st.font, st.emMM)
	w := font.MeasureString(f, s)
	n := len([]rune(s))
	return float64(w)/64/c.ppm + float64(n)*st.trackMM
}

// text draws s with its baseline starting at (xMM, baselineMM).
func (c *canvas) text(st textStyle, xMM, baselineMM float64, s string) {
	f := c.face(st.font, st.emMM)
	d := font.Drawer{Dst: c.dst, Src: image.NewUniform(st.col), Face: f}
	x := xMM * c.ppm
	y := baselineMM * c.ppm
	if st.trackMM == 0 {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
		d.DrawString(s)
		return
	}
	for _, r := range s {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
		d.DrawString(string(r))
		x = float64(d.Dot.X)/64 + st.trackMM*c.ppm
	}
}

// textFit draws s at (xMM, baselineMM), condensing the tracking (and, if
// that is not enough, the size) so that it is at most maxMM wide.
func (c *canvas) textFit(st textStyle, xMM, baselineMM, maxMM float64, s string) {
	for i := 0; i < 20 && c.measure(st, s) > maxMM; i++ {
		if st.trackMM > 0 {
			st.trackMM = max(0, st.trackMM-0.1)
			continue
		}
		st.emMM *= 0.95
	}
	c.text(st, xMM, baselineMM, s)
}
