package corpus_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
)

func TestPoolCountsEveryCorpus(t *testing.T) {
	photo := func(file string, defects []string, codes ...precheck.Code) corpus.Result {
		r := &precheck.Report{}
		for _, c := range codes {
			r.Issues = append(r.Issues, precheck.Issue{Code: c})
		}
		return corpus.Result{Label: corpus.Label{File: file, Defects: defects}, Report: r}
	}
	s := corpus.Pool([]int{4, 5}, [][]corpus.Result{
		{photo("041.jpg", []string{"blur"}, precheck.CodeBlur), photo("001.jpg", nil)},
		{photo("041.jpg", []string{"blur"}, precheck.CodeNoDocument), photo("001.jpg", nil, precheck.CodeTilted)},
	})
	assert.Equal(t, []int{4, 5}, s.Seeds)
	assert.Equal(t, 4, s.Photos)
	for _, c := range s.Codes {
		if c.Code == "blur" {
			assert.Equal(t, 2, c.Photos)
			assert.Equal(t, 1, c.Detected)
		}
	}
	assert.Equal(t, []string{"seed5/041.jpg [no_document]"}, s.Misses["blur"])
	assert.Equal(t, 1, s.CleanRetake)
	assert.Equal(t, 2, s.Clean)
	assert.Contains(t, s.Markdown(), "seeds 4, 5 pooled")
}
