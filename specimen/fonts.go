package specimen

import (
	"encoding/binary"
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

// Default font locations (Debian packages fonts-noto-cjk, fonts-ocr-b,
// fonts-dejavu-core, fonts-wqy-zenhei, fonts-arphic-uming,
// fonts-arphic-ukai and fonts-liberation2).
const (
	DefaultNotoDir       = "/usr/share/fonts/opentype/noto"
	DefaultOCRBDir       = "/usr/share/fonts/opentype/ocr-b"
	DefaultDejaVuDir     = "/usr/share/fonts/truetype/dejavu"
	DefaultWQYDir        = "/usr/share/fonts/truetype/wqy"
	DefaultArphicDir     = "/usr/share/fonts/truetype/arphic"
	DefaultLiberationDir = "/usr/share/fonts/truetype/liberation2"
)

// fontStyle picks one of the loaded fonts.
type fontStyle int

const (
	styleSansSC fontStyle = iota
	styleSansSCBold
	styleSerifSC
	styleSerifSCBold
	styleZenHei
	styleUMing
	styleUKai
	styleOCRB
	styleLatin
	styleLatinBold
	styleLatinCond
	styleLatinSerif
	styleLatinSerifCond
	styleLiberationSans
	styleLiberationSansBold
	styleLiberationSerif
	numStyles
)

// fontNames are the family names of the styles, as written in the labels.
var fontNames = [numStyles]string{
	styleSansSC:             "Noto Sans CJK SC",
	styleSansSCBold:         "Noto Sans CJK SC Bold",
	styleSerifSC:            "Noto Serif CJK SC",
	styleSerifSCBold:        "Noto Serif CJK SC Bold",
	styleZenHei:             "WenQuanYi Zen Hei",
	styleUMing:              "AR PL UMing CN",
	styleUKai:               "AR PL UKai CN",
	styleOCRB:               "OCR-B",
	styleLatin:              "DejaVu Sans",
	styleLatinBold:          "DejaVu Sans Bold",
	styleLatinCond:          "DejaVu Sans Condensed",
	styleLatinSerif:         "DejaVu Serif",
	styleLatinSerifCond:     "DejaVu Serif Condensed",
	styleLiberationSans:     "Liberation Sans",
	styleLiberationSansBold: "Liberation Sans Bold",
	styleLiberationSerif:    "Liberation Serif",
}

// String returns the family name of the style.
func (s fontStyle) String() string {
	if s < 0 || s >= numStyles {
		return fmt.Sprintf("fontStyle(%d)", int(s))
	}
	return fontNames[s]
}

// fonts holds the parsed fonts. An sfnt.Font is safe for concurrent use;
// faces made from it are not, so each rendering makes its own.
type fonts struct {
	f [numStyles]*sfnt.Font
}

func (fs *fonts) font(s fontStyle) *sfnt.Font {
	if s < 0 || s >= numStyles || fs.f[s] == nil {
		return fs.f[styleSansSC]
	}
	return fs.f[s]
}

// fontDirs are the directories the fonts are read from.
type fontDirs struct {
	noto, ocrb, dejavu, wqy, arphic, liberation string
}

// loadFonts reads every font from the given directories. Every font is
// required: which fonts a corpus is drawn with must not depend on what a
// machine happens to have installed, or the corpus would not be the same
// everywhere.
func loadFonts(d fontDirs) (*fonts, error) {
	var fs fonts
	type src struct {
		style       fontStyle
		dir, file   string
		familyInTTC string
	}
	srcs := []src{
		{styleSansSC, d.noto, "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"},
		{styleSansSCBold, d.noto, "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"},
		{styleSerifSC, d.noto, "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"},
		{styleSerifSCBold, d.noto, "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"},
		{styleZenHei, d.wqy, "wqy-zenhei.ttc", "WenQuanYi Zen Hei"},
		{styleUMing, d.arphic, "uming.ttc", "AR PL UMing CN"},
		{styleUKai, d.arphic, "ukai.ttc", "AR PL UKai CN"},
		// OCRBS.otf ("OCR B Sharp") has the same design and metrics as
		// OCRB.otf, whose charstrings for "8", "<" and "j" use a CFF
		// operator (flex1) that the sfnt package cannot read.
		{styleOCRB, d.ocrb, "OCRBS.otf", ""},
		{styleLatin, d.dejavu, "DejaVuSans.ttf", ""},
		{styleLatinBold, d.dejavu, "DejaVuSans-Bold.ttf", ""},
		{styleLatinCond, d.dejavu, "DejaVuSansCondensed.ttf", ""},
		{styleLatinSerif, d.dejavu, "DejaVuSerif.ttf", ""},
		{styleLatinSerifCond, d.dejavu, "DejaVuSerifCondensed.ttf", ""},
		{styleLiberationSans, d.liberation, "LiberationSans-Regular.ttf", ""},
		{styleLiberationSansBold, d.liberation, "LiberationSans-Bold.ttf", ""},
		{styleLiberationSerif, d.liberation, "LiberationSerif-Regular.ttf", ""},
	}
	for _, s := range srcs {
		path := filepath.Join(s.dir, s.file)
		var f *sfnt.Font
		var err error
		if s.familyInTTC != "" {
			f, err = loadCollectionFace(path, s.familyInTTC)
		} else {
			f, err = loadFont(path)
		}
		if err != nil {
			return nil, err
		}
		fs.f[s.style] = f
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
// Each member is first copied out into a font file of its own with its
// tables on four-byte boundaries: some collections (WenQuanYi Zen Hei, AR
// PL UMing and UKai) leave them unaligned, which the sfnt package refuses.
func loadCollectionFace(path, family string) (*sfnt.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	if len(b) < 12 || string(b[:4]) != "ttcf" {
		return nil, fmt.Errorf("%w: %s: not a font collection", ErrFont, path)
	}
	n := int(binary.BigEndian.Uint32(b[8:12]))
	var buf sfnt.Buffer
	for i := range n {
		if 12+4*i+4 > len(b) {
			break
		}
		member, err := extractMember(b, int(binary.BigEndian.Uint32(b[12+4*i:])))
		if err != nil {
			continue
		}
		f, err := opentype.Parse(member)
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

// extractMember copies the font whose table directory starts at off in the
// collection b into a font file of its own, each table starting on a
// four-byte boundary.
func extractMember(b []byte, off int) ([]byte, error) {
	bad := errors.New("truncated font collection")
	if off < 0 || off+12 > len(b) {
		return nil, bad
	}
	nt := int(binary.BigEndian.Uint16(b[off+4:]))
	dirEnd := off + 12 + 16*nt
	if dirEnd > len(b) {
		return nil, bad
	}
	out := make([]byte, 12+16*nt)
	copy(out, b[off:off+12])
	for t := range nt {
		rec := b[off+12+16*t : off+28+16*t]
		to, tl := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if to < 0 || tl < 0 || to+tl > len(b) {
			return nil, bad
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		dst := out[12+16*t : 28+16*t]
		copy(dst, rec)
		binary.BigEndian.PutUint32(dst[8:], uint32(len(out)))
		out = append(out, b[to:to+tl]...)
	}
	return out, nil
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
