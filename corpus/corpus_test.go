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

var (
	update = flag.Bool("update", false, "update golden files")
	also   = flag.Bool("also", false, "record this machine's changed answers as accepted alternatives in the golden file")
)

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
	// Also holds the answers that machines with another CPU give for the same photo. OpenCV picks its
	// vector code by CPU, and its floating-point results differ in the last bits: a photo whose
	// outline or measure lies at a threshold can tip either way. Recorded with -also after looking at
	// the photo; -update keeps them.
	Also []goldenAnswer `json:"also,omitempty"`
}

func (a goldenAnswer) same(b goldenAnswer) bool {
	return a.Verdict == b.Verdict && strings.Join(a.Codes, ",") == strings.Join(b.Codes, ",")
}

// accepts reports whether g is the golden answer or one of its alternatives.
func (a goldenAnswer) accepts(g goldenAnswer) bool {
	if a.same(g) {
		return true
	}
	for _, o := range a.Also {
		if o.same(g) {
			return true
		}
	}
	return false
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
// of issue codes changes. Run with -update to accept the new answers after looking at the diff, or with
// -also to accept them as another CPU's alternatives (see goldenAnswer.Also).
func TestCorpusGolden(t *testing.T) {
	set := loadCorpus(t)
	an, err := quality.New(quality.Options{})
	require.NoError(t, err)
	defer an.Close()
	if !an.LineDetector() {
		// The finder answers differently on its own edges (the README gives both sets of figures).
		msg := "the golden answers are those with the models that ./.ci/setup makes in models/ (the line-segment detector is missing here)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
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
	var want golden
	b, err := os.ReadFile(path)
	if err == nil {
		require.NoError(t, json.Unmarshal(b, &want))
	}
	if *update || *also {
		for f, g := range got.Photos {
			w, ok := want.Photos[f]
			switch {
			case !ok:
			case w.accepts(g):
				got.Photos[f] = w // unchanged here: the answers of other CPUs stay
			case *also:
				w.Also = append(w.Also, g)
				got.Photos[f] = w
			default:
				// The new answer replaces the golden one; the alternatives other machines gave stay.
				for _, o := range w.Also {
					if !o.same(g) {
						g.Also = append(g.Also, o)
					}
				}
				got.Photos[f] = g
			}
		}
		b, err := json.MarshalIndent(got, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
		return
	}
	require.NoError(t, err, "no golden file: run go test ./corpus -update")
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
		case !w.accepts(g):
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
