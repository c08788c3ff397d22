package corpus_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
)

func TestSummarizeCountsPortraits(t *testing.T) {
	photo := func(file, kind string, defects []string, score float64, measured bool) corpus.Result {
		r := corpus.Result{Label: corpus.Label{File: file, Kind: kind, Defects: defects}, Report: &precheck.Report{}}
		if measured {
			r.Portrait = &precheck.Measure{Code: precheck.CodePortrait, Score: score, Threshold: 0.5}
		}
		return r
	}
	results := []corpus.Result{
		photo("001.jpg", "cn_id_front", nil, 0.8, true),
		photo("002.jpg", "passport", nil, 0.3, true),
		photo("003.jpg", "id_card", nil, 0, false),              // no document found: not found
		photo("004.jpg", "cn_id_back", nil, 0, true),            // no portrait on that side
		photo("005.jpg", "passport", []string{"blur"}, 0, true), // not clean
	}
	s := corpus.Summarize(2, results)
	assert.Equal(t, 3, s.PortraitPhotos)
	assert.Equal(t, 1, s.PortraitFound)
	assert.Equal(t, []string{"002.jpg 0.30", "003.jpg no measure"}, s.PortraitMisses)
	assert.Contains(t, s.Markdown(), "Portrait found on 1 of the 3 clean documents")

	// Without a face model no photo has a portrait measure, and nothing is counted.
	for i := range results {
		results[i].Portrait = nil
	}
	s = corpus.Summarize(2, results)
	assert.Zero(t, s.PortraitPhotos)
	assert.NotContains(t, s.Markdown(), "Portrait")
}
