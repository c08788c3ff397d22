package ppocr_test

import (
	"context"
	"strings"
	"testing"

	"github.com/otiai10/gosseract/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

// TestCompareTesseract reads the test lines with Tesseract's chi_sim model too (as a raw line, the
// mode package ocr uses for Chinese fields) and logs both scores; it asserts only that the
// recogniser reads at least as many lines exactly.
func TestCompareTesseract(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: Tesseract on every test line")
	}
	r := shared(t)
	tess := gosseract.NewClient()
	defer tess.Close()
	if err := tess.SetLanguage("chi_sim"); err != nil {
		t.Skip(err)
	}
	require.NoError(t, tess.SetPageSegMode(gosseract.PSM_RAW_LINE))
	var total, pp, ts int
	for _, st := range []struct {
		name string
		style
	}{{"sans", sans}, {"serif", serif}, {"small-grey", smallGrey}} {
		for _, want := range lines {
			m := render(t, want, st.style)
			res, err := r.Recognize(context.Background(), m)
			require.NoError(t, err)
			buf, err := gocv.IMEncode(gocv.PNGFileExt, m)
			m.Close()
			require.NoError(t, err)
			require.NoError(t, tess.SetImageFromBytes(buf.GetBytes()))
			buf.Close()
			got, err := tess.Text()
			require.NoError(t, err)
			// chi_sim puts spaces between Chinese characters.
			got = strings.Join(strings.Fields(got), "")
			total++
			if res.Text == want {
				pp++
			}
			if got == want {
				ts++
			}
			if got != want || res.Text != want {
				t.Logf("%s %q: ppocr %q, tesseract %q", st.name, want, res.Text, got)
			}
		}
	}
	t.Logf("exact lines: ppocr %d/%d, tesseract chi_sim %d/%d", pp, total, ts, total)
	assert.GreaterOrEqual(t, pp, ts)
}
