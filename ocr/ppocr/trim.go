package ppocr

import (
	"image"

	"gocv.io/x/gocv"
)

// inkMask returns the Otsu binarisation of the grey line with ink as non-zero bytes, ink being the
// darker class unless it covers more than half the crop (light text on a dark ground).
func inkMask(gray gocv.Mat) []byte {
	bin := gocv.NewMat()
	defer bin.Close()
	gocv.Threshold(gray, &bin, 0, 255, gocv.ThresholdBinaryInv|gocv.ThresholdOtsu)
	if 2*gocv.CountNonZero(bin) > bin.Rows()*bin.Cols() {
		gocv.BitwiseNot(bin, &bin)
	}
	return bin.ToBytes()
}

// inkBox returns the part of a w x h line crop the recogniser should read, from its ink mask (row
// by row, non-zero for ink): the band of rows holding the most ink, padded by a quarter of its
// height on every side, and within it the columns from the first to the last with ink. Rows with
// ink closer together than half the taller band's height belong to one band (the parts of a character).
// The recogniser was trained on such boxes; a crop with blank space above and below the text is
// misread. ok is false when the crop holds no ink.
func inkBox(mask []byte, w, h int) (box image.Rectangle, ok bool) {
	minRow := max(1, w/100)
	type band struct{ y0, y1, ink int }
	var bands []band
	for y := range h {
		n := 0
		for _, v := range mask[y*w : (y+1)*w] {
			if v != 0 {
				n++
			}
		}
		if n < minRow {
			continue
		}
		if k := len(bands) - 1; k >= 0 && bands[k].y1 == y {
			bands[k].y1, bands[k].ink = y+1, bands[k].ink+n
			continue
		}
		bands = append(bands, band{y, y + 1, n})
	}
	if len(bands) == 0 {
		return image.Rect(0, 0, w, h), false
	}
	merged := bands[:1]
	for _, b := range bands[1:] {
		last := &merged[len(merged)-1]
		if gap := b.y0 - last.y1; 2*gap <= max(last.y1-last.y0, b.y1-b.y0) {
			last.y1, last.ink = b.y1, last.ink+b.ink
			continue
		}
		merged = append(merged, b)
	}
	best := merged[0]
	for _, b := range merged[1:] {
		if b.ink > best.ink {
			best = b
		}
	}
	x0, x1 := w, 0
	for y := best.y0; y < best.y1; y++ {
		for x, v := range mask[y*w : (y+1)*w] {
			if v != 0 {
				x0, x1 = min(x0, x), max(x1, x+1)
			}
		}
	}
	pad := max(1, (best.y1-best.y0)/4)
	return image.Rect(x0-pad, best.y0-pad, x1+pad, best.y1+pad).Intersect(image.Rect(0, 0, w, h)), true
}
