package ppocr

import (
	"image"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

func TestPickWidth(t *testing.T) {
	ws := []int{320, 640, 960}
	for _, tc := range []struct {
		cols, rows, width, scaled int
		squeezed                  bool
	}{
		{100, 48, 320, 100, false},
		{320, 48, 320, 320, false},
		{321, 48, 640, 321, false},
		{200, 24, 640, 400, false},
		{1000, 60, 960, 800, false},
		{3000, 48, 960, 960, true},
		{1, 1000, 320, 1, false},
	} {
		w, s, sq := pickWidth(tc.cols, tc.rows, ws)
		assert.Equal(t, tc.width, w, "%dx%d", tc.cols, tc.rows)
		assert.Equal(t, tc.scaled, s, "%dx%d", tc.cols, tc.rows)
		assert.Equal(t, tc.squeezed, sq, "%dx%d", tc.cols, tc.rows)
	}
	w, s, sq := pickWidth(500, 48, []int{320})
	assert.Equal(t, []any{320, 320, true}, []any{w, s, sq})
}

func TestReadDict(t *testing.T) {
	d, err := readDict(strings.NewReader("a\r\n王\nb"))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "王", "b", " "}, d)
	_, err = readDict(strings.NewReader("a\n\nb\n"))
	assert.ErrorIs(t, err, ErrModel)
	_, err = readDict(strings.NewReader(""))
	assert.ErrorIs(t, err, ErrModel)
}

func TestDecode(t *testing.T) {
	dict := []string{"a", "b", " "}
	const classes = 4 // blank, a, b, space
	// steps: a a blank a b b blank blank: "aab", a's second run is a new character.
	rows := [][]float32{
		{0.1, 0.6, 0.2, 0.1},
		{0.0, 0.9, 0.1, 0.0},
		{0.8, 0.1, 0.1, 0.0},
		{0.3, 0.5, 0.1, 0.1},
		{0.2, 0.1, 0.7, 0.0},
		{0.05, 0.15, 0.8, 0.0},
		{0.9, 0.0, 0.1, 0.0},
		{0.7, 0.1, 0.1, 0.1},
	}
	var probs []float32
	for _, r := range rows {
		probs = append(probs, r...)
	}
	got, gap := decode(probs, len(rows), classes, dict)
	assert.InDelta(t, 0.7, gap, 1e-6)
	// The runner-up is taken at the step where the character is most probable (a's at step 1,
	// b's at step 5), the blank aside.
	want := []Char{
		{Text: "a", Confidence: 0.9, Step: 0, RunnerUp: "b", RunnerUpConfidence: 0.1},
		{Text: "a", Confidence: 0.5, Step: 3, RunnerUp: "b", RunnerUpConfidence: 0.1},
		{Text: "b", Confidence: 0.8, Step: 4, RunnerUp: "a", RunnerUpConfidence: 0.15},
	}
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Text, got[i].Text)
		assert.InDelta(t, want[i].Confidence, got[i].Confidence, 1e-6)
		assert.Equal(t, want[i].Step, got[i].Step)
		assert.Equal(t, want[i].RunnerUp, got[i].RunnerUp)
		assert.InDelta(t, want[i].RunnerUpConfidence, got[i].RunnerUpConfidence, 1e-6)
	}
	none, gap := decode(probs[:classes*0], 0, classes, dict)
	assert.Empty(t, none)
	assert.Equal(t, 1.0, gap)
}

func TestPrepareRejects(t *testing.T) {
	ws := []int{320}
	empty := gocv.NewMat()
	defer empty.Close()
	_, _, _, _, err := prepare(empty, ws, true)
	assert.ErrorIs(t, err, ErrImage)
	deep := gocv.NewMatWithSize(20, 40, gocv.MatTypeCV16UC1)
	defer deep.Close()
	_, _, _, _, err = prepare(deep, ws, true)
	assert.ErrorIs(t, err, ErrImage)
	fl := gocv.NewMatWithSize(20, 40, gocv.MatTypeCV32FC3)
	defer fl.Close()
	_, _, _, _, err = prepare(fl, ws, true)
	assert.ErrorIs(t, err, ErrImage)
}

func TestPreparePads(t *testing.T) {
	for _, typ := range []gocv.MatType{gocv.MatTypeCV8UC1, gocv.MatTypeCV8UC3, gocv.MatTypeCV8UC4} {
		line := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(0, 0, 0, 255), 24, 100, typ)
		canvas, box, w, sq, err := prepare(line, []int{320, 640}, false)
		line.Close()
		require.NoError(t, err)
		assert.Equal(t, 320, w)
		assert.Equal(t, image.Rect(0, 0, 100, 24), box)
		assert.False(t, sq)
		assert.Equal(t, []int{Height, 320}, canvas.Size())
		assert.Equal(t, gocv.MatTypeCV32FC3, canvas.Type())
		// the line scaled to 48 x 200 is black; the padding after it is mid-grey.
		assert.InDelta(t, 0, canvas.GetVecfAt(10, 199)[0], 1e-3)
		assert.InDelta(t, 127.5, canvas.GetVecfAt(10, 200)[2], 1e-3)
		canvas.Close()
	}
}

// maskOf draws a mask from rows of text: '#' is ink.
func maskOf(rows ...string) ([]byte, int, int) {
	w, h := len(rows[0]), len(rows)
	m := make([]byte, w*h)
	for y, r := range rows {
		for x, c := range r {
			if c == '#' {
				m[y*w+x] = 255
			}
		}
	}
	return m, w, h
}

func TestInkBox(t *testing.T) {
	// a line of text in the middle of a tall crop, a rule at the top.
	m, w, h := maskOf(
		"####################",
		"....................",
		"....................",
		"....................",
		"....................",
		"....................",
		"....................",
		"....................",
		"...##.#..##.##......",
		"...#####.#####......",
		"...##.#..#.#.#......",
		"...#####.#####......",
		"....................",
		"....................",
		"....................",
		"....................",
	)
	box, ok := inkBox(m, w, h)
	require.True(t, ok)
	assert.Equal(t, image.Rect(2, 7, 15, 13), box)

	// a character's strokes with a small gap stay one band with the taller part.
	m, w, h = maskOf(
		"..........",
		"..######..",
		"..######..",
		"..........",
		"..##..##..",
		"..##..##..",
		"..##..##..",
		"..........",
		"..........",
		"..........",
		"..........",
		"..........",
	)
	box, ok = inkBox(m, w, h)
	require.True(t, ok)
	assert.Equal(t, image.Rect(1, 0, 9, 8), box)

	m, w, h = maskOf("....", "....")
	box, ok = inkBox(m, w, h)
	assert.False(t, ok)
	assert.Equal(t, image.Rect(0, 0, 4, 2), box)
}

func TestInkMaskPolarity(t *testing.T) {
	for _, light := range []bool{false, true} {
		paper, ink := 220.0, 30.0
		if light {
			paper, ink = ink, paper
		}
		g := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(paper, 0, 0, 0), 20, 40, gocv.MatTypeCV8UC1)
		r := g.Region(image.Rect(10, 8, 30, 12))
		r.SetTo(gocv.NewScalar(ink, 0, 0, 0))
		r.Close()
		mask := inkMask(g)
		g.Close()
		box, ok := inkBox(mask, 40, 20)
		require.True(t, ok)
		assert.Equal(t, image.Rect(9, 7, 31, 13), box, "light text %v", light)
	}
}
