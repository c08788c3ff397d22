package quality

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// asTaken is a frame whose pixels are square, as the camera took them (finding.stretch).
var asTaken = pt{1, 1}

// The corners where the finder saw the document leave the frame are cut off even when the
// refinement moved them a few pixels into the frame.
func TestCutoffNamesCornersWhereTheDocumentLeaves(t *testing.T) {
	o, err := Options{}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	q := quad{{196, 6.3}, {1175, 15.6}, {1064, 661}, {140, 514}} // a 1280 x 960 photo
	m := cutoff(q, [4]bool{}, [4]bool{}, [4]bool{}, 1280, 960, asTaken, false, 0, o)
	assert.False(t, m.Failed, "%+v", m)

	m = cutoff(q, [4]bool{true, true, false, false}, [4]bool{}, [4]bool{}, 1280, 960, asTaken, false, 0, o)
	assert.True(t, m.Failed)
	assert.Equal(t, []string{"top_left", "top_right"}, m.Corners)
	assert.LessOrEqual(t, m.Score, 0.0)
}

// A scan cropped to the page puts the frame's top edge on the page's (a passport's fold): the side
// there is not seen, since nothing lies beyond it, and the page is whole; a corner far outside the
// frame is still cut off.
func TestCutoffOfACrop(t *testing.T) {
	o, err := Options{}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	q := quad{{60, 1}, {2340, 2}, {2330, 1600}, {70, 1590}} // a 2400 x 1650 scan
	seen := [4]bool{false, true, true, true}
	m := cutoff(q, [4]bool{true, true, false, false}, seen, [4]bool{}, 2400, 1650, asTaken, false, 0, o)
	assert.True(t, m.Failed, "a photo: the page goes on beyond the frame's edge")
	m = cutoff(q, [4]bool{true, true, false, false}, seen, [4]bool{}, 2400, 1650, asTaken, true, 0, o)
	assert.False(t, m.Failed, "%+v", m)

	q[0] = pt{60, -300}
	m = cutoff(q, [4]bool{true, true, false, false}, seen, [4]bool{}, 2400, 1650, asTaken, true, 0, o)
	assert.Equal(t, []string{"top_left"}, m.Corners)
}

// cardImage draws a light card (grey 220) spanning x0..x1, y0..y1 on a grey-90 background, w x h,
// clipped to the frame.
func cardImage(w, h, x0, y0, x1, y1 int) grayImage {
	g := grayImage{w: w, h: h, pix: make([]byte, w*h)}
	for y := range h {
		for x := range w {
			v := byte(90)
			if x >= x0 && x < x1 && y >= y0 && y < y1 {
				v = 220
			}
			g.pix[y*w+x] = v
		}
	}
	return g
}

// An outline whose corner was extrapolated past a whole card's own (its side on a line that runs
// on beyond the card) does not show the card reaching the frame's edge there; a card that the frame
// cuts does.
func TestReachesFrame(t *testing.T) {
	whole := cardImage(640, 480, 60, 150, 400, 390)
	q := quad{{60, 150}, {400, 150}, {400, 390}, {-40, 390}} // bottom-left put 100 px left of the card's
	assert.Equal(t, [4]bool{true, true, true, false}, reachesFrame(whole, q, 220))

	cut := cardImage(640, 480, -100, 150, 400, 390)
	q = quad{{-100, 150}, {400, 150}, {400, 390}, {-100, 390}}
	assert.Equal(t, [4]bool{true, true, true, true}, reachesFrame(cut, q, 220))
}

// A corner outside the frame where the document is not seen reaching the frame's edge is judged as
// a corner on the border: cut off unless both its sides are seen as the document's edges.
func TestCutoffOfAnUnreachedCorner(t *testing.T) {
	o, err := Options{}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	q := quad{{60, 150}, {400, 150}, {400, 390}, {-40, 390}}
	all := [4]bool{true, true, true, true}
	m := cutoff(q, [4]bool{}, all, [4]bool{}, 640, 480, asTaken, false, 0, o)
	assert.Equal(t, []string{"bottom_left"}, m.Corners, "reached: the corner is outside")
	m = cutoff(q, [4]bool{}, all, [4]bool{false, false, false, true}, 640, 480, asTaken, false, 0, o)
	assert.False(t, m.Failed, "%+v", m)
	m = cutoff(q, [4]bool{}, [4]bool{true, true, false, true}, [4]bool{false, false, false, true}, 640, 480, asTaken, false, 0, o)
	assert.Equal(t, []string{"bottom_left"}, m.Corners, "a side at the corner not seen")
}

// A card's side put on an object's edge beyond it is found again on the card's own side; a "side"
// across the card at a steep angle to the opposite one (from a corner to the far end of a portrait,
// a shadow's edge) is not a document's side.
func TestCompleteSide(t *testing.T) {
	card := cardImage(640, 480, 60, 150, 440, 390) // 380 x 240, ID-1's shape
	beyond := quad{{60, 150}, {560, 150}, {560, 390}, {60, 390}}
	q, ok := completeSide(card, beyond, 1, 220, pt{1, 1})
	require.True(t, ok)
	// The search steps by 0.025 of the neighbouring sides (12.5 px here).
	assert.InDelta(t, 440, q[1].X, 13)
	assert.InDelta(t, 440, q[2].X, 13)

	// Paper whose only edge on the right runs from (440, 150) down to (340, 390).
	slanted := cardImage(640, 480, 60, 150, 440, 390)
	for y := 150; y < 390; y++ {
		edge := 440 - 100*(y-150)/240
		for x := edge; x < 440; x++ {
			slanted.pix[y*640+x] = 90
		}
	}
	_, ok = completeSide(slanted, beyond, 1, 220, pt{1, 1})
	assert.False(t, ok)
}

// A corner past the frame's edge by more than the rounded corner reaches is cut off in a sharp
// photo; in a blurred one the outline's corners are known less well, and the same corner is allowed.
func TestCornerAllowanceGrowsWithBlur(t *testing.T) {
	o, err := Options{}.resolve()
	require.NoError(t, err)
	// A card 380 x 240 whose top-right corner lies 8 px (0.033 of its short side) past the frame.
	q := quad{{900, 200}, {1288, 200}, {1288, 440}, {900, 440}}
	all := [4]bool{true, true, true, true}
	m := cutoff(q, [4]bool{}, all, [4]bool{}, 1280, 960, asTaken, false, 0.0003, o)
	assert.Equal(t, []string{"top_right", "bottom_right"}, m.Corners, "sharp: %+v", m)
	m = cutoff(q, [4]bool{}, all, [4]bool{}, 1280, 960, asTaken, false, 0.004, o)
	assert.False(t, m.Failed, "blurred: %+v", m)
	// Within the rounding's reach (0.02 of the short side) the card is whole however sharp.
	q = quad{{900, 200}, {1284, 200}, {1284, 440}, {900, 440}}
	m = cutoff(q, [4]bool{}, all, [4]bool{}, 1280, 960, asTaken, false, 0, o)
	assert.False(t, m.Failed, "%+v", m)
	// A crop keeps the whole allowance: its corners on the frame's edge come from sides the frame
	// cuts short.
	assert.Equal(t, cornerAllowance(0.004, false), cornerAllowance(0, true))
}

// A card whose short side lies on the frame's edge shows no edge there, and the part in the frame
// already has a whole card's length: it is whole. A card that goes on beyond the frame is shorter in
// it, or its long sides run on past the outline's far side (a line of its design); a long side on the
// frame's edge proves nothing.
func TestShortSideOnBorder(t *testing.T) {
	o, err := Options{}.resolve()
	require.NoError(t, err)
	judge := func(g grayImage, q quad, aspect float64) (seen [4]bool, m bool) {
		seen = shortSideOnBorder(g, q, sidesSeen(g, q, 220), aspect, 220, pt{1, 1})
		return seen, cutoff(q, [4]bool{}, seen, [4]bool{}, float64(g.w), float64(g.h), asTaken, false, 0, o).Failed
	}

	whole := cardImage(640, 480, 0, 150, 380, 390) // 380 x 240, ID-1's shape, its left side on the edge
	q := quad{{0, 150}, {380, 150}, {380, 390}, {0, 390}}
	require.Equal(t, [4]bool{true, true, true, false}, sidesSeen(whole, q, 220))
	seen, cut := judge(whole, q, 380.0/240)
	assert.Equal(t, [4]bool{true, true, true, true}, seen)
	assert.False(t, cut)

	// On a table as light as the card, its top shows no edge; its length is still seen.
	onWhite := cardImage(640, 480, 0, 150, 380, 390)
	for i := range 150 * 640 {
		onWhite.pix[i] = 220
	}
	require.Equal(t, [4]bool{false, true, true, false}, sidesSeen(onWhite, q, 220))
	seen, cut = judge(onWhite, q, 380.0/240)
	assert.Equal(t, [4]bool{true, true, true, true}, seen)
	assert.False(t, cut)
	// Not when the far side is not seen either: nothing then measures the length.
	for y := range 480 {
		for x := 380; x < 640; x++ {
			onWhite.pix[y*640+x] = 220
		}
	}
	seen, cut = judge(onWhite, q, 380.0/240)
	assert.False(t, seen[3])
	assert.True(t, cut)

	short := cardImage(640, 480, -100, 150, 300, 390) // 300 of its 400 px in the frame
	q = quad{{0, 150}, {300, 150}, {300, 390}, {0, 390}}
	seen, cut = judge(short, q, 300.0/240)
	assert.False(t, seen[3])
	assert.True(t, cut)

	// A card running out on the right with its portrait on the left: an outline from the portrait's
	// edge to the frame's edge has a card's shape, but the card's top and bottom go on past it.
	design := cardImage(640, 480, 60, 150, 700, 390)
	for y := 170; y < 370; y++ {
		for x := 80; x < 256; x++ {
			design.pix[y*640+x] = 60
		}
	}
	q = quad{{256, 150}, {639, 150}, {639, 390}, {256, 390}}
	require.Equal(t, [4]bool{true, false, true, true}, sidesSeen(design, q, 220))
	seen, cut = judge(design, q, 383.0/240)
	assert.False(t, seen[1])
	assert.True(t, cut)

	// Cut along its length, a card looks longer than it is.
	long := cardImage(640, 480, 100, -100, 480, 140)
	q = quad{{100, 0}, {480, 0}, {480, 140}, {100, 140}}
	seen, cut = judge(long, q, 380.0/140)
	assert.False(t, seen[0])
	assert.True(t, cut)
	seen, cut = judge(long, q, 1.6) // even when read as a card's shape
	assert.False(t, seen[0])
	assert.True(t, cut)
}

// A square frame resized from 16:9 video squashes the card: its corner past the frame's edge is
// measured against its true short side, with the pixels restored, not the squashed one. Found so
// on a GICSD frame (21_1_53), a whole card 4 of the source's pixels past the edge at a rounded corner.
func TestCornerAllowanceInRestoredGeometry(t *testing.T) {
	o, err := Options{}.resolve()
	require.NoError(t, err)
	// A card 687 x 261 in a 768 x 768 frame whose height was squashed by 16:9 (1.48 restored), its
	// bottom-left corner 16 px past the left edge: 0.06 of the squashed short side, 0.034 of the true one.
	q := quad{{55, 276}, {742, 295}, {752, 538}, {-16, 512}}
	all := [4]bool{true, true, true, true}
	m := cutoff(q, [4]bool{}, all, [4]bool{}, 768, 768, asTaken, false, 0.005, o)
	assert.Equal(t, []string{"bottom_left"}, m.Corners, "as taken: %+v", m)
	m = cutoff(q, [4]bool{}, all, [4]bool{}, 768, 768, pt{1, 16.0 / 9}, false, 0.005, o)
	assert.False(t, m.Failed, "restored: %+v", m)
	// Along the stretched axis a corner lies farther out than it looks: 16 px past the top edge are
	// 28 restored, more than the true short side's allowance (0.05 of 464).
	q = quad{{55, -16}, {742, 3}, {752, 246}, {45, 220}}
	m = cutoff(q, [4]bool{}, all, [4]bool{}, 768, 768, pt{1, 16.0 / 9}, false, 0.005, o)
	assert.Equal(t, []string{"top_left"}, m.Corners, "restored, past the top: %+v", m)
}
