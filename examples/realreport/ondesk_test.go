package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The corners drawOnDesk reports are where it drew the document: inside them lies the document's
// colour, just outside them the desk's, and the document is whole in the frame.
func TestDrawOnDeskCornersAreTheDocuments(t *testing.T) {
	doc := image.NewRGBA(image.Rect(0, 0, 856, 540))
	draw.Draw(doc, doc.Rect, image.NewUniform(color.RGBA{230, 40, 40, 255}), image.Point{}, draw.Src)
	desk := image.NewRGBA(image.Rect(0, 0, 192, 192))
	draw.Draw(desk, desk.Rect, image.NewUniform(color.RGBA{40, 200, 40, 255}), image.Point{}, draw.Src)
	red := func(img *image.RGBA, p [2]float64) bool {
		c := img.RGBAAt(int(p[0]), int(p[1]))
		return c.R > 150 && c.G < 100
	}
	for seed := range uint64(8) {
		size := image.Pt(1600, 1200)
		img, q := drawOnDesk(doc, desk, size, rand.New(rand.NewPCG(seed, 1)))
		var mid [2]float64
		for _, c := range q {
			require.True(t, c[0] > 0 && c[1] > 0 && c[0] < float64(size.X) && c[1] < float64(size.Y), "seed %d: corner %v outside", seed, c)
			mid[0], mid[1] = mid[0]+c[0]/4, mid[1]+c[1]/4
		}
		assert.True(t, red(img, mid), "seed %d: the middle is not the document's", seed)
		for i := range 4 {
			a, b := q[i], q[(i+1)%4]
			side := [2]float64{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
			dx, dy := side[0]-mid[0], side[1]-mid[1]
			l := math.Hypot(dx, dy)
			in := [2]float64{side[0] - 6*dx/l, side[1] - 6*dy/l}
			out := [2]float64{side[0] + 6*dx/l, side[1] + 6*dy/l}
			assert.True(t, red(img, in), "seed %d side %d: just inside is not the document's", seed, i)
			assert.False(t, red(img, out), "seed %d side %d: just outside is the document's", seed, i)
		}
		// The corners are in reading order: the top side, from the first corner, is one of the long ones.
		top, left := math.Hypot(q[1][0]-q[0][0], q[1][1]-q[0][1]), math.Hypot(q[3][0]-q[0][0], q[3][1]-q[0][1])
		assert.Greater(t, top, left, "seed %d", seed)
	}
}
