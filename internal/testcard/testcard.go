// Package testcard draws simple identity-card-like images for tests: a pale ID-1 card with lines of
// glyph-like print on a textured background. The images are meant for tests of the photo checks and of
// the code around them; they are not specimens of any document (see package specimen for those).
//
// Every function is safe for concurrent use.
//
// # Security Considerations
//
// The package only draws into memory that the caller provides or that it allocates for the requested
// size; callers choose the sizes.
package testcard

import (
	"image"
	"image/color"
	"math/rand/v2"

	"github.com/docprecheck/docprecheck/precheck"
)

// Aspect is the ID-1 card's width over its height.
const Aspect = 85.60 / 53.98

// Card draws a pale ID-1 card w pixels wide with lines of print, axis-aligned at (x0, y0), on a
// textured mid-grey W x H background, and returns the photo and the card's corners. The card may run
// out of the frame.
func Card(W, H, x0, y0, w int, seed uint64) (*image.RGBA, precheck.Quad) {
	rng := rand.New(rand.NewPCG(seed, 1))
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	for y := range H {
		for x := range W {
			v := uint8(90 + rng.IntN(20) + (x/17+y/23)%2*10)
			img.SetRGBA(x, y, color.RGBA{v, v - 10, v - 20, 255})
		}
	}
	return img, Paint(img, x0, y0, w, color.RGBA{205, 205, 210, 255}, rng)
}

// Paint draws on img a card of the given paper colour w pixels wide with lines of black print,
// axis-aligned at (x0, y0), and returns its corners. rng adds a little noise to the paper.
func Paint(img *image.RGBA, x0, y0, w int, paper color.RGBA, rng *rand.Rand) precheck.Quad {
	return PaintInk(img, x0, y0, w, paper, color.RGBA{40, 40, 45, 255}, rng)
}

// PaintInk is Paint with print of the given ink.
func PaintInk(img *image.RGBA, x0, y0, w int, paper, ink color.RGBA, rng *rand.Rand) precheck.Quad {
	h := int(float64(w) / Aspect)
	b := img.Bounds()
	for y := max(y0, b.Min.Y); y < min(y0+h, b.Max.Y); y++ {
		for x := max(x0, b.Min.X); x < min(x0+w, b.Max.X); x++ {
			c := paper
			n := uint8(rng.IntN(6))
			c.R, c.G, c.B = c.R+n, c.G+n, c.B+n
			if Print(x-x0, y-y0, w) {
				c = ink
			}
			img.SetRGBA(x, y, c)
		}
	}
	return precheck.Quad{{float64(x0), float64(y0)}, {float64(x0 + w - 1), float64(y0)}, {float64(x0 + w - 1), float64(y0 + h - 1)}, {float64(x0), float64(y0 + h - 1)}}
}

// Print reports whether the pixel (x, y) of a card w pixels wide, counted from its top-left corner,
// is print. The print is lines of glyphs: each a few strokes two units thick on a grid of 6 by 8 units,
// a line every other row of glyph cells, left-aligned, about as large on the card as a document's
// characters.
func Print(x, y, w int) bool {
	h := int(float64(w) / Aspect)
	unit := max(1, w/400)
	cw, ch := 7*unit, 10*unit // a glyph's cell: 6 x 8 units and a unit of space each way
	row, col := y/(2*ch), x/cw
	gx, gy := (x%cw)/unit, (y%(2*ch))/unit
	if x < 0 || y < 0 || y%(2*ch) >= ch || row < 2 || row >= h/(2*ch)-1 || col < 4 || col >= w/cw*3/4 || gx >= 6 || gy >= 8 {
		return false
	}
	bits := uint(row*7919+col*104729) * 2654435761 >> 7
	return (bits&1 != 0 && gx < 2) || (bits&2 != 0 && gx >= 4) || // left and right stems
		(bits&4 != 0 && gy < 2) || (bits&8 != 0 && gy >= 3 && gy < 5) || (bits&16 != 0 && gy >= 6) || // bars
		(bits&32 != 0 && (gx-gy*3/4 == 0 || gx-gy*3/4 == 1)) // a diagonal
}
