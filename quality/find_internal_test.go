package quality

import (
	"image"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQuadFromPolygonBorderSides(t *testing.T) {
	c := finderContext{w: 640, h: 480}
	for _, tc := range []struct {
		name       string
		poly       []image.Point
		ok, three  bool
		leavesWant [4]bool
	}{
		{"in the frame", []image.Point{{100, 100}, {500, 110}, {490, 360}, {95, 350}}, true, false, [4]bool{}},
		// A card whose top-left corner is just out of the frame, outlined with that corner on the edge.
		{"a corner on the frame's edge", []image.Point{{100, 0}, {500, 15}, {490, 360}, {95, 350}}, true, false, [4]bool{true, false, false, false}},
		// A card cut along the top: its outline's top side is the frame's edge.
		{"one side along the top edge", []image.Point{{100, 0}, {500, 1}, {490, 360}, {95, 350}}, true, true, [4]bool{true, true, false, false}},
		// A plank across the frame: its ends are the frame's left and right edges.
		{"two sides along the frame", []image.Point{{0, 200}, {639, 100}, {639, 300}, {0, 400}}, false, false, [4]bool{}},
		// A corner of the table: two of its sides are the frame's.
		{"a corner of the frame", []image.Point{{0, 0}, {300, 0}, {300, 200}, {0, 250}}, false, false, [4]bool{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, three, ok := c.quadFromPolygon(tc.poly)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.three, three)
			if ok {
				var leaves [4]bool
				for i, v := range q {
					leaves[i] = c.onBorder(v)
				}
				assert.Equal(t, tc.leavesWant, leaves, "corners %v", q)
			}
		})
	}
}

func TestScoreRejectsImpossiblySteepOutlines(t *testing.T) {
	w, h := 640, 480
	sup := grayImage{w: w, h: h, pix: make([]byte, w*h)}
	for i := range sup.pix {
		sup.pix[i] = 255 // every side fully on edges: only the shape decides
	}
	c := finderContext{w: w, h: h, focal: focalFactor * float64(w), support: sup}
	flat := quad{{170, 140}, {470, 140}, {470, 329}, {170, 329}}
	// A wedge whose sides have a card's proportions (1.53) but whose perspective would have the card
	// turned 76 degrees away from the camera.
	steep := quad{{250, 209}, {390, 209}, {470, 329}, {170, 329}}
	for _, tc := range []struct {
		name string
		q    quad
		ok   bool
	}{{"facing the camera", flat, true}, {"a wedge", steep, false}} {
		tilt := tiltDegrees(tc.q, c.focal, pt{float64(w) / 2, float64(h) / 2})
		_, ok := c.score(tc.q, tc.q.area(), false)
		assert.Equal(t, tc.ok, ok, "%s: tilt %.1f degrees", tc.name, tilt)
	}
}

func TestMostlyInFrame(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    quad
		want bool
	}{
		{"in the frame", quad{{100, 100}, {500, 110}, {490, 360}, {95, 350}}, true},
		// A card on the left edge whose outline's bottom-left corner was extrapolated past it.
		{"a corner just past the edge", quad{{20, 150}, {600, 160}, {590, 400}, {-30, 390}}, true},
		// A plank across the frame, its ends far outside.
		{"running across the frame", quad{{-300, 200}, {900, 180}, {900, 300}, {-300, 320}}, false},
		{"half out", quad{{-200, 100}, {200, 100}, {200, 400}, {-200, 400}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, mostlyInFrame(tc.q, 640, 480))
		})
	}
}

// A frame without an outline is taken as the document when it has a document's shape. A crop at the
// document's edges keeps that shape (an exact template, a card cropped a pixel off); a crop inside a
// passport's page, 2% narrower, cuts it.
func TestFullFrameCutsWhenNotTheDocumentsShape(t *testing.T) {
	for _, c := range []struct {
		w, h       int
		frame, cut bool
	}{
		{2167, 1525, true, false}, // a passport page's template (ID-3)
		{2167, 1360, true, false}, // an ID card's template (ID-1)
		{707, 492, true, false},   // 1.2% off a page: within a crop's precision
		{1128, 810, true, true},   // 1.9% narrower than a page
		{1600, 1200, false, false},
	} {
		f, ok := asFullFrame(c.w, c.h)
		assert.Equal(t, c.frame, ok, "%d x %d", c.w, c.h)
		assert.Equal(t, c.cut, f.frameCuts, "%d x %d", c.w, c.h)
	}
}

// Marks that mostly do not stand in rows are not print, whatever rows a few of them make by chance
// (a keyboard's 145 keys and legends, 11 of them in rows); a card's print, most of its marks in rows,
// is full evidence.
func TestPrintEvidenceNeedsMostMarksInRows(t *testing.T) {
	assert.Zero(t, printEvidence(145, 11, 0.36, 1, true), "a keyboard")
	assert.Zero(t, printEvidence(400, 55, 0.5, 1, false), "grain: 55 rows among 400 marks")
	assert.InDelta(t, 1, printEvidence(120, 60, 0.5, 1, true), 1e-9, "a card's print")
	assert.InDelta(t, 0.5, printEvidence(80, 15, 0.5, 1, true), 1e-9, "15 rows of the 30 wanted")
}

func TestFlatScoreKeepsRectangles(t *testing.T) {
	rect := quad{{100, 100}, {500, 100}, {500, 380}, {100, 380}}
	// The same rectangle turned 20 degrees: a page askew on the glass.
	var turned quad
	s, c := math.Sin(20*math.Pi/180), math.Cos(20*math.Pi/180)
	for i, p := range rect {
		turned[i] = pt{300 + (p.X-300)*c - (p.Y-240)*s, 240 + (p.X-300)*s + (p.Y-240)*c}
	}
	// An ESP scan's outline: the page's left, right and bottom sides, and a diagonal of its print
	// from the left side to the top-right corner for its top.
	slanted := quad{{100, 200}, {500, 100}, {500, 380}, {100, 380}}
	assert.InDelta(t, 0, rect.squareness(), 1e-9)
	assert.InDelta(t, 0, turned.squareness(), 1e-6)
	assert.InDelta(t, 14.04, slanted.squareness(), 0.01)
	assert.Equal(t, 1.0, flatScore(rect.squareness()))
	assert.Equal(t, 1.0, flatScore(turned.squareness()))
	assert.Less(t, flatScore(slanted.squareness()), 0.1)
	assert.Less(t, flatScore(6), flatScore(4))
}
