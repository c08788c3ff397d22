package quality

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

// Print is ink that stands out from the paper right around it. The blobs that wood grain's dark
// streaks break into are as dark as ink against the lightest wood and half of them line up in rows
// along the grain, but they are hardly darker than the streak they lie in: no print. Two corpus photos:
// the boards of a desk without a document (127, outlined there as a board running to the frame's edge)
// and a card on a wooden desk (001, its labelled corners).
func TestPrintStandsOutFromItsGround(t *testing.T) {
	for _, c := range []struct {
		file  string
		q     quad
		print bool
	}{
		{"127-none-no-document-near-wood.jpg", quad{{929, 590}, {1595, 812}, {1595, 1142}, {1018, 876}}, false},
		{"001-cn-id-front-clean-wood.jpg", quad{{205, 536}, {1076, 508}, {1113, 1060}, {215, 1099}}, true},
	} {
		work := gocv.IMRead(filepath.Join("..", "testdata", "corpus", c.file), gocv.IMReadColor)
		require.False(t, work.Empty(), c.file)
		half := &halfFrame{work: work}
		r := rectifyFrom(work, half, c.q, aspectID1) // as chooseDocument rectifies each outline
		marks, rows, ink, stand := printMarksRows(r)
		e := printEvidence(marks, rows, ink, stand, true)
		t.Logf("%s: %d marks, %d in rows, ink %.2f, standing out %.3f: evidence %.2f", c.file, marks, rows, ink, stand, e)
		if c.print {
			assert.GreaterOrEqual(t, stand, standFull, c.file)
			assert.Greater(t, e, 0.9, c.file)
		} else {
			// As many rows and as dark as print: only how the marks stand out tells them apart.
			assert.Greater(t, rows, rowsForPrint, "%s: the grain's blobs stand in rows", c.file)
			assert.Greater(t, ink, inkFaint, c.file)
			assert.Less(t, stand, standNone, c.file)
			assert.Zero(t, e, c.file)
		}
		r.close()
		half.close()
		work.Close()
	}
}
