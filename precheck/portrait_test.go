package precheck_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/precheck"
)

func withPortrait(score float64) precheck.Quality {
	q := goodQuality()
	q.Measures = append(q.Measures, precheck.Measure{Code: precheck.CodePortrait, Score: score, Threshold: 0.5})
	return q
}

func TestCoveredPortrait(t *testing.T) {
	back := cnFront()
	back.Kind = precheck.KindCNIDBack
	for _, tc := range []struct {
		name string
		q    precheck.Quality
		rd   precheck.Reading
		want precheck.Verdict
	}{
		{"portrait found", withPortrait(0.9), cnFront(), precheck.Accept},
		{"portrait covered", withPortrait(0.2), cnFront(), precheck.Retake},
		{"no face model: not measured, not required", goodQuality(), cnFront(), precheck.Accept},
		{"a side without a portrait", withPortrait(0), back, precheck.Accept},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.q, &tc.rd, precheck.Typed{})
			assert.Equal(t, tc.want, r.Verdict, "%+v", r.Issues)
			if tc.want == precheck.Retake {
				require.Len(t, r.Issues, 1)
				is := r.Issues[0]
				assert.Equal(t, precheck.CodeOccluded, is.Code)
				assert.Equal(t, "portrait", is.Field)
				assert.Contains(t, is.Message, "portrait")
				assert.Contains(t, precheck.Message(is, precheck.Chinese), "人像")
			}
		})
	}
}

func TestOccludedMessages(t *testing.T) {
	corner := precheck.Issue{Code: precheck.CodeOccluded, Corners: []string{"bottom_right"}}
	assert.Contains(t, precheck.Message(corner, precheck.English), "bottom-right corner")
	assert.Contains(t, precheck.Message(corner, precheck.English), "edges")
	assert.Contains(t, precheck.Message(corner, precheck.Chinese), "右下角")
	print := precheck.Issue{Code: precheck.CodeOccluded}
	assert.Contains(t, precheck.Message(print, precheck.English), "text")
	assert.Contains(t, precheck.Message(print, precheck.Chinese), "遮挡")
}
