package ocr

import (
	"image"
	"math"
)

// otsu returns a black-on-white copy of c thresholded at Otsu's level, which drops the light
// security background (guilloches, rosettes) printed behind the fields.
func otsu(c grayCrop) grayCrop {
	level, _, _ := otsuLevel(c)
	out := grayCrop{w: c.w, h: c.h, pix: make([]byte, len(c.pix))}
	for i, v := range c.pix {
		if int(v) > level {
			out.pix[i] = 255
		}
	}
	return out
}

// inkProfile counts the ink (pixels darker than mid-grey) of each row and each column of c.
func inkProfile(c grayCrop) (rows, cols []int) {
	rows = make([]int, c.h)
	cols = make([]int, c.w)
	for y := 0; y < c.h; y++ {
		for x, v := range c.pix[y*c.w : (y+1)*c.w] {
			if v < 128 {
				rows[y]++
				cols[x]++
			}
		}
	}
	return rows, cols
}

// inkSpan returns the first and last index of n holding at least minInk, or -1, -1.
func inkSpan(n []int, minInk int) (first, last int) {
	first, last = -1, -1
	for i, v := range n {
		if v >= minInk {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// trim crops c to the bounding box of its ink (pixels darker than mid-grey) grown by margin pixels,
// dropping rows and columns with fewer than minInk dark pixels as noise. A crop without ink is
// returned unchanged. Tesseract's raw-line mode, which reads Chinese lines more reliably than its
// single-line mode, needs the line cropped this way.
func trim(c grayCrop, margin, minInk int) grayCrop {
	rows, cols := inkProfile(c)
	y0, y1 := inkSpan(rows, minInk)
	x0, x1 := inkSpan(cols, minInk)
	if y0 < 0 || x0 < 0 {
		return c
	}
	// The margin is white: the crop is binarised, and the engine needs clear space around the line.
	w, h := x1-x0+1+2*margin, y1-y0+1+2*margin
	out := grayCrop{w: w, h: h, pix: make([]byte, w*h)}
	for i := range out.pix {
		out.pix[i] = 255
	}
	for y := y0; y <= y1; y++ {
		copy(out.pix[(y-y0+margin)*w+margin:], c.pix[y*c.w+x0:y*c.w+x1+1])
	}
	return out
}

// sub returns the part of c inside r (clipped) surrounded by a white margin of margin pixels.
func (c grayCrop) sub(r image.Rectangle, margin int) grayCrop {
	r = r.Intersect(image.Rect(0, 0, c.w, c.h))
	w, h := r.Dx()+2*margin, r.Dy()+2*margin
	out := grayCrop{w: w, h: h, pix: make([]byte, w*h)}
	for i := range out.pix {
		out.pix[i] = 255
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(out.pix[(y-r.Min.Y+margin)*w+margin:], c.pix[y*c.w+r.Min.X:y*c.w+r.Max.X])
	}
	return out
}

// squareGlyphs estimates how many Chinese characters a binarised line of text holds, from its ink
// alone: Chinese characters are about as wide as the line is high, and the parts of one character
// (the two halves of 欣) lie within that width. Columns of ink are grouped from the left, a group
// ending where adding the next run of ink would make it wider than maxGlyphWidth times the line's
// height. It returns 0 when the crop holds no line to count.
func squareGlyphs(c grayCrop, minInk int) int {
	return len(glyphSpans(c, minInk))
}

// glyphSpans returns the columns [x0, x1) of each character squareGlyphs counts, left to right; a
// run of ink wider than a character (characters touching) is cut into as many equal parts as it
// holds characters. It returns nil when the crop holds no line.
func glyphSpans(c grayCrop, minInk int) [][2]int {
	rows, cols := inkProfile(c)
	y0, y1 := inkSpan(rows, minInk)
	if y0 < 0 {
		return nil
	}
	h := float64(y1 - y0 + 1)
	var spans [][2]int
	start := -1
	for x := 0; x < c.w; {
		if cols[x] == 0 {
			x++
			continue
		}
		end := x // the run of ink columns x..end
		for end+1 < c.w && cols[end+1] != 0 {
			end++
		}
		// The run joins the current character when that stays no wider than a character.
		if start >= 0 && float64(end-start+1) <= maxGlyphWidth*h {
			spans[len(spans)-1][1] = end + 1
			x = end + 1
			continue
		}
		start = x
		n := 1
		// A run wider than a character is characters touching: counted by their width.
		if w := float64(end - x + 1); w > maxGlyphWidth*h {
			n = int(math.Round(w / h))
			start = end - int(h) + 1
		}
		for k := range n {
			spans = append(spans, [2]int{x + k*(end+1-x)/n, x + (k+1)*(end+1-x)/n})
		}
		x = end + 1
	}
	return spans
}

// maxGlyphWidth is the widest a Chinese character is, in line heights: square characters are 0.9
// to 1.0 of the height of a line, which the tallest of them sets.
const maxGlyphWidth = 1.15
