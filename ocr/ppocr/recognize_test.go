package ppocr_test

import (
	"context"
	"image"
	"testing"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/ocr/ppocr"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lines are invented names and identity numbers in the shapes a Chinese identity card prints.
var lines = []string{
	"欧阳喆", "龚", "堃", "琰", "昇", "龚堃", "李琰", "陈昇", "王晨磊", "刘建磊", "司马相如", "阿依古丽·买买提",
	"11010519491231002X", "440304200012125678", "310101198001011234",
	"1990年1月1日", "北京市朝阳区建国路88号",
}

func TestRecognizeRenderedLines(t *testing.T) {
	r := shared(t)
	for _, st := range []struct {
		name string
		style
	}{{"sans", sans}, {"serif", serif}, {"small-grey", smallGrey}} {
		for _, want := range lines {
			t.Run(st.name+"/"+want, func(t *testing.T) {
				m := render(t, want, st.style)
				defer m.Close()
				res, err := r.Recognize(context.Background(), m)
				require.NoError(t, err)
				t.Logf("%q width %d min %.3f mean %.3f", res.Text, res.Width, res.MinConfidence, res.MeanConfidence)
				assert.Equal(t, want, res.Text)
			})
		}
	}
}

// TestDegradedLines reads the lines drawn small, with low contrast, tilted and JPEG-compressed,
// where rare characters are misread (磊 as 器, 堃 as 望) or dropped (王晨磊 as 王晨). It asserts that most lines are still
// read exactly and that nearly every misread line is not Confident at ConfidentLevel, so that a
// caller following that advice mostly reports "unreliable" instead of a wrong name. These floors
// guard against regressions; they are set a little below what was measured (exact 0.71, misreads
// caught 0.85 with this set of lines).
func TestDegradedLines(t *testing.T) {
	r := shared(t)
	var total, exact, flaggedRight, wrong, caught int
	for _, st := range []style{
		phone,
		{file: sans.file, name: sans.name, size: 17, ink: 70, paper: 170, blur: 3, rotate: -2, jpeg: 35},
		{file: serif.file, name: serif.name, size: 20, ink: 50, paper: 160, blur: 3, rotate: 1, jpeg: 30},
		{file: sans.file, name: sans.name, size: 14, ink: 30, paper: 200, blur: 0, rotate: 0, jpeg: 50},
	} {
		for _, want := range lines {
			m := render(t, want, st)
			res, err := r.Recognize(context.Background(), m)
			m.Close()
			require.NoError(t, err)
			total++
			confident := res.Confident(ppocr.ConfidentLevel)
			if res.Text == want {
				exact++
				if !confident {
					flaggedRight++
				}
				continue
			}
			wrong++
			if !confident {
				caught++
			}
			t.Logf("%.0fpx %s: %q read as %q, min confidence %.3f gap %.3f", st.size, st.name, want, res.Text, res.MinConfidence, res.GapConfidence)
		}
	}
	t.Logf("exact %d of %d lines (%d of them not confident); misread %d, of which %d not confident",
		exact, total, flaggedRight, wrong, caught)
	assert.GreaterOrEqual(t, float64(exact), 0.65*float64(total), "lines read exactly")
	assert.GreaterOrEqual(t, float64(caught), 0.8*float64(wrong), "misreads not confident")
}

// TestMargins reads the clean lines cut with different margins, as a caller's field boxes may be:
// tight to the glyphs' line box, with an em around, and with a line and a half of blank above and
// below. Without trimming to the ink, the model read 6 and 0 of the 17 lines of the last two.
func TestMargins(t *testing.T) {
	trimmed := shared(t)
	untrimmed := newRecognizer(t, ppocr.WithTrim(false))
	for _, m := range []struct {
		name string
		h, v float64
	}{
		{"tight", 0.01, 0.01},
		{"one-em", 1, 1},
		{"tall", 0.25, 1.5},
	} {
		st := sans
		st.margin, st.marginV = m.h, m.v
		exact, exactUntrimmed := 0, 0
		for _, want := range lines {
			img := render(t, want, st)
			res, err := trimmed.Recognize(context.Background(), img)
			require.NoError(t, err)
			raw, err := untrimmed.Recognize(context.Background(), img)
			img.Close()
			require.NoError(t, err)
			if res.Text == want {
				exact++
			} else {
				t.Logf("%s: %q read as %q (min %.3f)", m.name, want, res.Text, res.MinConfidence)
			}
			if raw.Text == want {
				exactUntrimmed++
			}
		}
		t.Logf("%s: %d of %d exact (%d without trimming)", m.name, exact, len(lines), exactUntrimmed)
		assert.Equal(t, len(lines), exact, m.name)
		if m.v >= 1 {
			assert.Less(t, exactUntrimmed, exact, "%s: trimming should matter", m.name)
		}
	}
}

// TestRecognizeGlyph reads single characters cut to their ink, which RecognizeGlyph does not trim:
// the box read is the whole crop, and clear common characters are read right.
func TestRecognizeGlyph(t *testing.T) {
	r := shared(t)
	for _, want := range []string{"王", "林", "欣", "张", "余"} {
		m := render(t, want, sans)
		bin := gocv.NewMat()
		gocv.Threshold(m, &bin, 0, 255, gocv.ThresholdBinaryInv|gocv.ThresholdOtsu)
		ink := gocv.NewMat()
		gocv.FindNonZero(bin, &ink)
		pts := gocv.NewPointVectorFromMat(ink)
		box := gocv.BoundingRect(pts)
		pts.Close()
		cell := m.Region(box)
		res, err := r.RecognizeGlyph(context.Background(), cell)
		cell.Close()
		ink.Close()
		bin.Close()
		m.Close()
		require.NoError(t, err)
		assert.Equal(t, want, res.Text)
		assert.Equal(t, image.Rect(0, 0, box.Dx(), box.Dy()), res.Box, "%s: the glyph is read untrimmed", want)
	}
}
