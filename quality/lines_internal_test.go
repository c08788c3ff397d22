package quality

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

// An edge broken into pieces (a thumb across it, a gap at a crossing) is one straight edge covering
// the pieces; a parallel edge a few pixels away on the other side is another.
func TestStraightEdgesJoinsPieces(t *testing.T) {
	m := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(0, 0, 0, 0), 480, 640, gocv.MatTypeCV8U)
	defer m.Close()
	white := color.RGBA{255, 255, 255, 0}
	gocv.Line(&m, image.Pt(100, 100), image.Pt(300, 104), white, 1)
	gocv.Line(&m, image.Pt(350, 105), image.Pt(550, 109), white, 1)
	gocv.Line(&m, image.Pt(100, 300), image.Pt(500, 300), white, 1)
	es := straightEdges(houghSegments(m, 640), 640, nil)
	require.Len(t, es, 2)
	broken := es[0]
	if math.Abs(broken.l.dist(pt{300, 300})) < 2 {
		broken = es[1]
	}
	assert.InDelta(t, 0, broken.l.dist(pt{200, 102}), 1)
	assert.InDelta(t, 0, broken.l.dist(pt{450, 107}), 1)
	// The probabilistic Hough transform leaves gaps of its own in a slanted edge; most is covered,
	// the gap between the pieces is not.
	assert.Greater(t, broken.length, 0.6*400)
	assert.Less(t, broken.covered(broken.pos(pt{305, 104}), broken.pos(pt{345, 105})), 10.0)
}

// A line of a tiled floor runs on past the corner of an outline made of such lines; a document's side
// ends there (its rounded corner curves away).
func TestRunsOn(t *testing.T) {
	l, _ := fitLine([]pt{{0, 100}, {600, 100}})
	e := &edgeLine{l: l, origin: pt{0, 100}, dir: pt{1, 0}}
	e.spans = [][2]float64{{100, 300}, {306, 500}} // a crossing's gap at 300
	e.length = 394
	assert.True(t, e.runsOn(pt{300, 100}, pt{100, 100}, 640, 480), "the line goes on past 300")
	assert.False(t, e.runsOn(pt{500, 100}, pt{300, 100}, 640, 480), "the line ends at 500")
	assert.False(t, e.runsOn(pt{620, 100}, pt{100, 100}, 640, 480), "past the frame's edge nothing can be seen")
	e.spans = [][2]float64{{100, 300}, {320, 330}, {360, 370}}
	assert.False(t, e.runsOn(pt{300, 100}, pt{100, 100}, 640, 480), "a few marks past the corner are not the line")
}

// The paper inside a document's side is of one colour, in light or in a shadow; a checked cloth's
// squares along a line are not.
func TestEvenAlong(t *testing.T) {
	img := bgrImage{w: 200, h: 100, pix: make([]byte, 3*200*100)}
	set := func(x, y int, b, g, r byte) {
		i := 3 * (y*200 + x)
		img.pix[i], img.pix[i+1], img.pix[i+2] = b, g, r
	}
	fill := func(check bool, shadow bool) {
		for y := range 100 {
			for x := range 200 {
				b, g, r := byte(215), byte(205), byte(200)
				if shadow && x > 120 {
					b, g, r = 129, 123, 120 // 0.6 of the light
				}
				if check && (x/25)%2 == 1 {
					b, g, r = 60, 60, 200
				}
				set(x, y, b, g, r)
			}
		}
	}
	a, b, mid := pt{10, 20}, pt{190, 20}, pt{100, 60}
	fill(false, false)
	assert.True(t, img.evenAlong(a, b, mid, 3), "plain paper")
	fill(false, true)
	assert.True(t, img.evenAlong(a, b, mid, 3), "paper in part in a shadow")
	fill(true, false)
	assert.False(t, img.evenAlong(a, b, mid, 3), "squares of another colour")
}

// The inside of a card's side printed on an iridescent ground changes colour steadily along it, from
// cyan to pink: it is the card's paper. The same two colours in alternating blocks are a pattern.
func TestEvenAlongColourSweep(t *testing.T) {
	img := bgrImage{w: 200, h: 100, pix: make([]byte, 3*200*100)}
	cyan, pink := [3]float64{235, 225, 150}, [3]float64{200, 140, 250} // B, G, R
	fill := func(at func(x int) float64) {
		for y := range 100 {
			for x := range 200 {
				f := at(x)
				i := 3 * (y*200 + x)
				for c := range 3 {
					img.pix[i+c] = byte(cyan[c] + f*(pink[c]-cyan[c]))
				}
			}
		}
	}
	a, b, mid := pt{10, 20}, pt{190, 20}, pt{100, 60}
	fill(func(x int) float64 { return math.Max(0, math.Min(1, float64(x-28)/144)) }) // over the side's samples
	assert.True(t, img.evenAlong(a, b, mid, 3), "a sweep from cyan to pink")
	fill(func(x int) float64 { return float64((x / 25) % 2) })
	assert.False(t, img.evenAlong(a, b, mid, 3), "cyan and pink blocks")
}

// An open passport's data page shares two corners with the booklet; a box of the same shape and size
// inside a page (the text beside the portrait) does not.
func TestPageOfBookletSharesCorners(t *testing.T) {
	book := quad{{0, 0}, {880, 0}, {880, 1250}, {0, 1250}} // 88 x 125 mm pages side by side, upright
	page := quad{{0, 625}, {880, 625}, {880, 1250}, {0, 1250}}
	assert.True(t, pageOfBooklet(book, 1250.0/880, page, 880.0/625))
	inner := quad{{0, 560}, {880, 560}, {880, 1185}, {0, 1185}}.scale(1)
	for i := range inner {
		inner[i].X = inner[i].X*0.98 + 80
	}
	assert.False(t, pageOfBooklet(book, 1250.0/880, inner, 1.38))
}

// horizontal is an edge along y covering the given stretches of x.
func horizontal(y float64, spans ...[2]float64) *edgeLine {
	l, _ := fitLine([]pt{{0, y}, {600, y}})
	e := &edgeLine{l: l, origin: pt{0, y}, dir: pt{1, 0}, spans: spans}
	for _, s := range spans {
		e.length += s[1] - s[0]
	}
	return e
}

// vertical is an edge along x covering the given stretches of y.
func vertical(x float64, spans ...[2]float64) *edgeLine {
	l, _ := fitLine([]pt{{x, 0}, {x, 600}})
	e := &edgeLine{l: l, origin: pt{x, 0}, dir: pt{0, 1}, spans: spans}
	for _, s := range spans {
		e.length += s[1] - s[0]
	}
	return e
}

// A side that starts at a crossing edge ends at the far end of its run; one that runs on past the
// crossing, or goes on again just beyond its end, does not end there.
func TestEndFrom(t *testing.T) {
	left, right := vertical(100), vertical(400)
	for _, tc := range []struct {
		name string
		e    *edgeLine
		from *edgeLine
		want pt
		ok   bool
	}{
		{"from the left", horizontal(50, [2]float64{100, 400}), left, pt{400, 50}, true},
		{"from the right", horizontal(50, [2]float64{100, 400}), right, pt{100, 50}, true},
		{"pieces joined", horizontal(50, [2]float64{100, 250}, [2]float64{262, 400}), left, pt{400, 50}, true},
		{"a thumb over the corner", horizontal(50, [2]float64{160, 400}), left, pt{400, 50}, true},
		{"running on past the crossing", horizontal(50, [2]float64{40, 400}), left, pt{}, false},
		{"going on beyond the end", horizontal(50, [2]float64{100, 400}, [2]float64{440, 600}), left, pt{}, false},
		{"too short", horizontal(50, [2]float64{100, 130}), left, pt{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := endFrom(tc.e, tc.from, 20)
			require.Equal(t, tc.ok, ok)
			if ok {
				assert.InDelta(t, tc.want.X, got.X, 0.5)
				assert.InDelta(t, tc.want.Y, got.Y, 0.5)
			}
		})
	}
}

// A card on a sheet as light as itself: three of its sides are straight edges, the fourth shows in
// the edge map only in pieces, too short for a straight edge. Its outline is still built, the fourth
// side drawn where the edges along it end; without the edge map along that side it is not, nor when
// the edge map is as full inside the side as along it.
func TestFromLinesDrawsAFourthSide(t *testing.T) {
	c, img, mark, near := cardOnSheet([3]byte{190, 190, 190}, [3]byte{235, 235, 235})
	for y := 120; y <= 335; y++ {
		mark(150, y)
	}
	sup := c.support
	es := []*edgeLine{horizontal(120, [2]float64{158, 484}), horizontal(335, [2]float64{156, 486}), vertical(150, [2]float64{126, 330})}
	assert.False(t, near(c.fromLines(es, img)), "the fourth side shows no edge")
	for y := 120; y <= 335; y++ {
		if (y/20)%4 != 0 { // pieces of an edge, three quarters of it
			mark(490, y)
		}
	}
	assert.True(t, near(c.fromLines(es, img)), "the fourth side is drawn through where the other two end")
	// In a texture (wood grain) edges are found everywhere, inside the side as much as along it.
	for i := range sup.pix {
		sup.pix[i] = 255
	}
	assert.False(t, near(c.fromLines(es, img)), "edges everywhere")
}

// A light card on a light page may show no straight edge along either short side: both are drawn
// through where its long sides' edges end, when edges are found along them and not just inside them,
// and not when the long edges run on past those ends (a page's or a table's edge).
func TestFromLinesDrawsBothShortSides(t *testing.T) {
	c, img, mark, near := cardOnSheet([3]byte{215, 215, 215}, [3]byte{235, 232, 230})
	sup := c.support
	es := func(top ...[2]float64) []*edgeLine {
		return []*edgeLine{horizontal(120, top...), horizontal(335, [2]float64{156, 486})}
	}
	assert.False(t, near(c.fromLines(es([2]float64{158, 484}), img)), "the short sides show no edge")
	for y := 120; y <= 335; y++ {
		if (y/20)%4 != 0 { // pieces of an edge, three quarters of it
			mark(150, y)
			mark(490, y)
		}
	}
	assert.True(t, near(c.fromLines(es([2]float64{158, 484}), img)), "both short sides drawn through the long edges' ends")
	assert.False(t, near(c.fromLines(es([2]float64{158, 484}, [2]float64{510, 600}), img)), "the top edge runs on past the corner")
	for i := range sup.pix {
		sup.pix[i] = 255
	}
	assert.False(t, near(c.fromLines(es([2]float64{158, 484}), img)), "edges everywhere")
}

// A shadow may cover most of a side, and darken it to a third of the light; it covers one stretch
// of it. A pattern's dark squares alternate with its light ones, and a black background is darker
// than any shadow on paper.
func TestEvenAlongDeepShadow(t *testing.T) {
	img := bgrImage{w: 200, h: 100, pix: make([]byte, 3*200*100)}
	fill := func(dark func(x int) bool, level float64) {
		for y := range 100 {
			for x := range 200 {
				v := [3]float64{215, 205, 200}
				if dark(x) {
					v = [3]float64{v[0] * level, v[1] * level, v[2] * level}
				}
				i := 3 * (y*200 + x)
				img.pix[i], img.pix[i+1], img.pix[i+2] = byte(v[0]), byte(v[1]), byte(v[2])
			}
		}
	}
	a, b, mid := pt{10, 20}, pt{190, 20}, pt{100, 60}
	fill(func(x int) bool { return x > 70 }, 0.3)
	assert.True(t, img.evenAlong(a, b, mid, 3), "a deep shadow over most of the side")
	fill(func(x int) bool { return (x/25)%2 == 1 }, 0.3)
	assert.False(t, img.evenAlong(a, b, mid, 3), "grey squares alternating with white ones")
	fill(func(x int) bool { return x > 70 }, 0.1)
	assert.False(t, img.evenAlong(a, b, mid, 3), "a black background along most of the side")
}

// cardOnSheet draws an ID-1 card (BGR card) from (150, 120) to (490, 335) on a 640 x 480 sheet (BGR
// sheet), with edges on the finder's edge map along its long sides. mark puts an edge on the map at a
// point; near tells whether an outline among cands is the card's.
func cardOnSheet(sheet, card [3]byte) (c finderContext, img bgrImage, mark func(x, y int), near func(cands []candidate) bool) {
	w, h := 640, 480
	img = bgrImage{w: w, h: h, pix: make([]byte, 3*w*h)}
	for i := 0; i < len(img.pix); i += 3 {
		copy(img.pix[i:i+3], sheet[:])
	}
	outline := quad{{150, 120}, {490, 120}, {490, 335}, {150, 335}} // ID-1's 1.58
	for y := 120; y <= 335; y++ {
		for x := 150; x <= 490; x++ {
			i := 3 * (y*w + x)
			copy(img.pix[i:i+3], card[:])
		}
	}
	sup := grayImage{w: w, h: h, pix: make([]byte, w*h)}
	mark = func(x, y int) {
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				sup.pix[(y+dy)*w+x+dx] = 255
			}
		}
	}
	for x := 150; x <= 490; x++ {
		mark(x, 120)
		mark(x, 335)
	}
	near = func(cands []candidate) bool {
		for _, cd := range cands {
			if quadOverlap(cd.q, outline) > 0.95 {
				return true
			}
		}
		return false
	}
	return finderContext{w: w, h: h, focal: focalFactor * float64(w), support: sup}, img, mark, near
}
