package ocr

import (
	"image"
	"image/color"
	"image/draw"
	"os"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// renderLine draws s in the Noto Sans CJK SC face at size pixels per em, black on white, with a
// margin, as a grey crop; the test is skipped when the font is not installed.
func renderLine(t *testing.T, s string, size float64, spacing int) grayCrop {
	t.Helper()
	raw, err := os.ReadFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	if err != nil {
		t.Skip("fonts-noto-cjk is not installed")
	}
	coll, err := opentype.ParseCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	var face font.Face
	for i := range coll.NumFonts() {
		f, _ := coll.Font(i)
		if name, _ := f.Name(nil, 1); name == "Noto Sans CJK SC" {
			face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if face == nil {
		t.Skip("Noto Sans CJK SC not found")
	}
	w, h := int(size)*(len([]rune(s))+2)+spacing*len([]rune(s)), int(size*1.6)
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face, Dot: fixed.P(int(size/2), int(size*1.15))}
	for _, r := range s {
		d.DrawString(string(r))
		d.Dot.X += fixed.I(spacing)
	}
	return grayCrop{w: w, h: h, pix: img.Pix}
}

func TestSquareGlyphs(t *testing.T) {
	for _, tc := range []struct {
		text    string
		spacing int
	}{
		{"吴欣雨", 0}, {"吴欣雨", 6}, {"林艳", 0}, {"欧阳娜娜", 2}, {"川小卜", 0}, {"王一", 4},
		{"张三", 0}, {"司马相如", 0}, {"明", 0}, {"阿依古丽", 3}, {"北川", 0},
	} {
		c := renderLine(t, tc.text, 40, tc.spacing)
		got := squareGlyphs(trim(otsu(c), 0, 2), 2)
		if want := len([]rune(tc.text)); got != want {
			t.Errorf("%q spaced %d: %d characters counted, want %d", tc.text, tc.spacing, got, want)
		}
	}
	if n := squareGlyphs(grayCrop{w: 10, h: 10, pix: make([]byte, 100)}, 2); n != 1 {
		t.Errorf("an all-ink crop counts %d characters, want 1", n)
	}
	blank := grayCrop{w: 10, h: 10, pix: make([]byte, 100)}
	for i := range blank.pix {
		blank.pix[i] = 255
	}
	if n := squareGlyphs(blank, 2); n != 0 {
		t.Errorf("a blank crop counts %d characters, want 0", n)
	}
}

// TestGlyphSpans checks that each character's columns hold that character's ink and nothing of
// its neighbours': every span is narrower than a character and more than half as wide, the spans
// do not overlap, and a run of touching characters is cut into as many parts.
func TestGlyphSpans(t *testing.T) {
	for _, text := range []string{"吴欣雨", "佘丹妍", "欧阳娜娜", "北川"} {
		line := trim(otsu(renderLine(t, text, 40, 4)), 0, 2)
		spans := glyphSpans(line, 2)
		if len(spans) != len([]rune(text)) {
			t.Fatalf("%q: %d spans, want %d", text, len(spans), len([]rune(text)))
		}
		for i, sp := range spans {
			if w := sp[1] - sp[0]; float64(w) > maxGlyphWidth*float64(line.h) || 2*w < line.h {
				t.Errorf("%q: character %d spans %d columns on a line %d high", text, i, w, line.h)
			}
			if i > 0 && sp[0] < spans[i-1][1] {
				t.Errorf("%q: spans %v and %v overlap", text, spans[i-1], sp)
			}
		}
	}
	// Two all-ink squares side by side touch: one run, two characters.
	touching := grayCrop{w: 20, h: 10, pix: make([]byte, 200)}
	if got := glyphSpans(touching, 2); len(got) != 2 || got[0] != [2]int{0, 10} || got[1] != [2]int{10, 20} {
		t.Errorf("a run two characters wide: spans %v, want [[0 10] [10 20]]", got)
	}
}
