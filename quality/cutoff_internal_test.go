package quality

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The corners where the finder saw the document leave the frame are cut off even when the
// refinement moved them a few pixels into the frame.
func TestCutoffNamesCornersWhereTheDocumentLeaves(t *testing.T) {
	o, err := Options{}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	q := quad{{196, 6.3}, {1175, 15.6}, {1064, 661}, {140, 514}} // a 1280 x 960 photo
	m := cutoff(q, [4]bool{}, [4]bool{}, 1280, 960, false, o)
	assert.False(t, m.Failed, "%+v", m)

	m = cutoff(q, [4]bool{true, true, false, false}, [4]bool{}, 1280, 960, false, o)
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
	m := cutoff(q, [4]bool{true, true, false, false}, seen, 2400, 1650, false, o)
	assert.True(t, m.Failed, "a photo: the page goes on beyond the frame's edge")
	m = cutoff(q, [4]bool{true, true, false, false}, seen, 2400, 1650, true, o)
	assert.False(t, m.Failed, "%+v", m)

	q[0] = pt{60, -300}
	m = cutoff(q, [4]bool{true, true, false, false}, seen, 2400, 1650, true, o)
	assert.Equal(t, []string{"top_left"}, m.Corners)
}
