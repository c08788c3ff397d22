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
	m := cutoff(q, [4]bool{}, [4]bool{}, 1280, 960, o)
	assert.False(t, m.Failed, "%+v", m)

	m = cutoff(q, [4]bool{true, true, false, false}, [4]bool{}, 1280, 960, o)
	assert.True(t, m.Failed)
	assert.Equal(t, []string{"top_left", "top_right"}, m.Corners)
	assert.LessOrEqual(t, m.Score, 0.0)
}
