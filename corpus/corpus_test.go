package corpus_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

var update = flag.Bool("update", false, "update golden files")

const corpusDir = "../testdata/corpus"

// golden is the committed answer of the photo checks for every corpus photo.
type golden struct {
	OpenCV string                  `json:"opencv"`
	Seed   int                     `json:"seed"`
	Photos map[string]goldenAnswer `json:"photos"`
}

type goldenAnswer struct {
	Verdict string   `json:"verdict"`
	Codes   []string `json:"codes"`
}

func loadCorpus(t *testing.T) *corpus.Set {
	t.Helper()
	set, err := corpus.Load(corpusDir)
	if os.IsNotExist(err) {
		t.Skipf("no corpus at %s: generate it with go run ./specimen/gencorpus -seed 2 -out testdata/corpus", corpusDir)
	}
	require.NoError(t, err)
	return set
}

// TestCorpusGolden runs the photo checks over every corpus photo and fails when a verdict or the set
// of issue codes changes. Run with -update to accept the new answers after looking at the diff.
func TestCorpusGolden(t *testing.T) {
	set := loadCorpus(t)
	an, err := quality.New(quality.Options{})
	require.NoError(t, err)
	ck, err := precheck.New(an)
	require.NoError(t, err)
	results := corpus.Run(context.Background(), ck, set, nil, runtime.NumCPU())

	got := golden{OpenCV: gocv.OpenCVVersion(), Seed: set.Seed, Photos: map[string]goldenAnswer{}}
	for _, r := range results {
		require.NoError(t, r.Err, r.Label.File)
		got.Photos[r.Label.File] = goldenAnswer{Verdict: string(r.Report.Verdict), Codes: r.Codes()}
	}
	sum := corpus.Summarize(set.Seed, results)
	t.Logf("\n%s", sum.Markdown())

	path := filepath.Join("testdata", "quality.golden.json")
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
		return
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file: run go test ./corpus -update")
	var want golden
	require.NoError(t, json.Unmarshal(b, &want))
	if want.OpenCV != got.OpenCV {
		t.Skipf("golden answers were recorded with OpenCV %s, this is %s", want.OpenCV, got.OpenCV)
	}
	require.Equal(t, want.Seed, got.Seed, "the corpus was regenerated with another seed: run -update")
	var diff []string
	for f, w := range want.Photos {
		g, ok := got.Photos[f]
		switch {
		case !ok:
			diff = append(diff, fmt.Sprintf("%s: missing from the corpus", f))
		case g.Verdict != w.Verdict || strings.Join(g.Codes, ",") != strings.Join(w.Codes, ","):
			diff = append(diff, fmt.Sprintf("%s: %s %v, golden %s %v", f, g.Verdict, g.Codes, w.Verdict, w.Codes))
		}
	}
	for f := range got.Photos {
		if _, ok := want.Photos[f]; !ok {
			diff = append(diff, fmt.Sprintf("%s: not in the golden file", f))
		}
	}
	if len(diff) > 0 {
		t.Errorf("%d photos changed (run with -update to accept):\n%s", len(diff), strings.Join(diff, "\n"))
	}
}
