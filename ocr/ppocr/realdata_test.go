package ppocr_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/ocr/ppocr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

// via is the part of a VIA annotation file the test reads.
type via struct {
	Images map[string]struct {
		Filename string `json:"filename"`
		Regions  []struct {
			Shape struct {
				X, Y, Width, Height int
			} `json:"shape_attributes"`
			Attributes struct {
				Field string `json:"field_name"`
				Value string `json:"value"`
			} `json:"region_attributes"`
		} `json:"regions"`
	} `json:"_via_img_metadata"`
}

// TestRealTemplateFields reads every annotated text field of the MIDV-2020 template images (real
// printing of mock Albanian and Azerbaijani documents, Latin script), each cut out by its annotated
// rectangle widened by a fifth of its height on every side, and again by its whole height (as a
// layout's padded field box may be, taking in parts of the neighbouring lines), and compares the reading with the
// annotation. Fields holding a character the dictionary lacks (ç, ë, ə...) cannot be read exactly and
// are counted apart; for the others the test asserts that most are read exactly, and that every
// field of digits and separators (dates, numbers) that is read wrongly is not read confidently.
func TestRealTemplateFields(t *testing.T) {
	root, ok := corpus.RealdataDir()
	if !ok {
		t.Skip("real data absent")
	}
	r := shared(t)
	dir := filepath.Join(root, "midv2020-templates")
	for _, margin := range []float64{0.2, 1} {
		t.Run(fmt.Sprintf("margin-%.1f", margin), func(t *testing.T) { readTemplates(t, r, dir, margin) })
	}
}

// readTemplates reads the template fields cut with margin times their height on every side.
func readTemplates(t *testing.T, r *ppocr.Recognizer, dir string, margin float64) {
	var fields, readable, exact, caseless, digits, digitsExact int
	for _, doc := range []string{"alb_id", "aze_passport"} {
		b, err := os.ReadFile(filepath.Join(dir, doc, "annotations", doc+".json"))
		require.NoError(t, err)
		var ann via
		require.NoError(t, json.Unmarshal(b, &ann))
		for _, name := range []string{"00.jpg", "01.jpg"} {
			img := gocv.IMRead(filepath.Join(dir, doc, "images", name), gocv.IMReadColor)
			if img.Empty() {
				img.Close()
				t.Fatalf("cannot read %s/%s", doc, name)
			}
			bounds := image.Rect(0, 0, img.Cols(), img.Rows())
			for _, im := range ann.Images {
				if im.Filename != name {
					continue
				}
				for _, reg := range im.Regions {
					want, s := reg.Attributes.Value, reg.Shape
					if want == "" || s.Width < 4 || s.Height < 4 {
						continue
					}
					m := int(margin * float64(s.Height))
					rect := image.Rect(s.X-m, s.Y-m, s.X+s.Width+m, s.Y+s.Height+m).Intersect(bounds)
					crop := img.Region(rect)
					res, err := r.Recognize(context.Background(), crop)
					crop.Close()
					require.NoError(t, err)
					fields++
					lacks := r.Lacks(want)
					ok := res.Text == want
					isDigits := strings.IndexFunc(want, func(c rune) bool { return !unicode.IsDigit(c) && !strings.ContainsRune("-./ ", c) }) < 0
					if len(lacks) == 0 {
						readable++
						if ok {
							exact++
						}
						if strings.EqualFold(strings.ReplaceAll(res.Text, " ", ""), strings.ReplaceAll(want, " ", "")) {
							caseless++
						}
					}
					if isDigits {
						digits++
						if ok {
							digitsExact++
						} else {
							assert.False(t, res.Confident(0.9), "%s/%s %s: %q read as %q with min confidence %.3f", doc, name, reg.Attributes.Field, want, res.Text, res.MinConfidence)
						}
					}
					if !ok {
						t.Logf("%s/%s %-14s %q -> %q (min %.2f, lacks %q)", doc, name, reg.Attributes.Field, want, res.Text, res.MinConfidence, string(lacks))
					}
				}
			}
			img.Close()
		}
	}
	t.Logf("fields %d; without unknown characters %d: exact %d, ignoring case and spaces %d; digit fields %d: exact %d",
		fields, readable, exact, caseless, digits, digitsExact)
	assert.GreaterOrEqual(t, float64(exact), 0.7*float64(readable), "exact reads of readable fields")
}
