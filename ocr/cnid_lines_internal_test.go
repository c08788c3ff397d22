package ocr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCaptionRuns(t *testing.T) {
	// c: caption run, n: narrow run of value-black ink, v: wide value run.
	for _, tc := range []struct {
		runs string
		want int
	}{
		{"vv", 0},
		{"ccvv", 2},
		{"ncv", 2},  // a sliver of the caption cut by the band's edge before it
		{"cncv", 3}, // a sliver between the caption's characters
		{"cnnv", 1}, // the value's narrow strokes (川) after the caption are kept
		{"nnv", 0},  // no caption: the value starts with narrow strokes
		{"cvcv", 1}, // a caption-coloured run inside the value is not dropped
		{"", 0},
	} {
		runs := []byte(tc.runs)
		got := captionRuns(runs, func(r byte) bool { return r == 'c' }, func(r byte) bool { return r == 'n' })
		assert.Equal(t, tc.want, got, tc.runs)
	}
}

// TestFindFieldLineCaptionSliver draws a name line as a photo shows it: the blue caption, whose
// first stroke is a sliver that JPEG has made as dark as the value, then the black value. The
// value alone is the line found.
func TestFindFieldLineCaptionSliver(t *testing.T) {
	const ppm = 12.0
	w, h := 400, 90
	c := colourCrop{w: w, h: h, pix: make([]byte, 3*w*h)}
	for i := range c.pix {
		c.pix[i] = 235
	}
	fill := func(x0, x1, y0, y1 int, b, g, r byte) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				i := 3 * (y*w + x)
				c.pix[i], c.pix[i+1], c.pix[i+2] = b, g, r
			}
		}
	}
	y0, y1 := 27, 63                       // a line 3 mm high
	fill(4, 5, y0, y1, 60, 60, 60)         // sliver of the caption's first character
	fill(12, 40, y0+4, y1-4, 190, 120, 70) // caption characters, blue
	fill(52, 80, y0+4, y1-4, 190, 120, 70) //
	fill(120, 156, y0, y1, 25, 25, 25)     // value characters, black
	fill(164, 200, y0, y1, 25, 25, 25)     //
	want := lineBox{x0: 110, y0: 20, x1: 300, y1: 70}
	got, ok := findFieldLine(c, want, ppm)
	assert.True(t, ok)
	assert.Equal(t, 120, got.x0, "the line starts with the value")
	assert.Equal(t, 200, got.x1)
}
