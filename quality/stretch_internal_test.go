package quality

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
	xdraw "golang.org/x/image/draw"

	"github.com/docprecheck/docprecheck/internal/testcard"
)

// A 16:9 photo resized to a square thumbnail squashes the card to an aspect ratio no document has
// (about 2.8 here): the finder reads the square frame as a 16:9 one too, outlines the card, and orders
// its corners as the card reads.
func TestSquashedSquareFrame(t *testing.T) {
	img, want := testcard.Card(1280, 720, 340, 180, 600, 4)
	sq := image.NewRGBA(image.Rect(0, 0, 720, 720))
	xdraw.CatmullRom.Scale(sq, sq.Bounds(), img, img.Bounds(), xdraw.Src, nil)
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, sq, &jpeg.Options{Quality: 92}))
	m, err := gocv.IMDecode(b.Bytes(), gocv.IMReadColor)
	require.NoError(t, err)
	defer m.Close()
	g := toGray(m)
	defer g.Close()
	fs := findDocument(m, g, focalFactor*720, 0.45, findLongSide, nil, nil)
	require.NotEmpty(t, fs)
	f := fs[0]
	assert.Equal(t, pt{16.0 / 9, 1}, f.stretch)
	assert.InDelta(t, 1.586, f.aspect, 0.05)
	for i := range want {
		assert.InDelta(t, want[i][0]*720/1280, f.q[i].X, 4, "corner %d x", i)
		assert.InDelta(t, want[i][1], f.q[i].Y, 4, "corner %d y", i)
	}
}
