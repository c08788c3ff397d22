// Command corpusreport runs the checker over a labelled corpus and prints, per issue code, the recall
// on photos with that defect, the share of clean photos told to retake, and the mean corner IoU.
//
//	go run ./examples/corpusreport [-dir testdata/corpus] [-json] [-preset normal] [-options file.json] [-v]
//
// Several corpora given as -dir a,b,c are pooled into one table, so that recall is measured on more
// photos per code than one corpus holds.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

func main() {
	dir := flag.String("dir", "testdata/corpus", "corpus directory holding labels.json; several, comma-separated, are pooled")
	asJSON := flag.Bool("json", false, "print the summary as JSON")
	preset := flag.String("preset", "normal", "threshold preset: strict, normal, relaxed")
	optsFile := flag.String("options", "", "JSON file of quality.Options")
	verbose := flag.Bool("v", false, "list missed defects and false retakes")
	scores := flag.Bool("scores", false, "print every photo's measures (score/threshold), to choose thresholds")
	flag.Parse()

	var sets []*corpus.Set
	for _, d := range strings.Split(*dir, ",") {
		set, err := corpus.Load(d)
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpusreport:", err)
			os.Exit(2)
		}
		sets = append(sets, set)
	}
	opts := quality.Options{Preset: *preset}
	if *optsFile != "" {
		b, err := os.ReadFile(*optsFile)
		if err == nil {
			err = json.Unmarshal(b, &opts)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpusreport:", err)
			os.Exit(2)
		}
	}
	an, err := quality.New(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusreport:", err)
		os.Exit(2)
	}
	ck, _ := precheck.New(an)
	var sum corpus.Summary
	if len(sets) == 1 {
		sum = corpus.Summarize(sets[0].Seed, corpus.Run(context.Background(), ck, sets[0], nil, runtime.NumCPU()))
	} else {
		var seeds []int
		var results [][]corpus.Result
		for _, set := range sets {
			seeds = append(seeds, set.Seed)
			results = append(results, corpus.Run(context.Background(), ck, set, nil, runtime.NumCPU()))
		}
		sum = corpus.Pool(seeds, results)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(sum)
		return
	}
	fmt.Print(sum.Markdown())
	if *verbose {
		codes := make([]string, 0, len(sum.Misses))
		for c := range sum.Misses {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			fmt.Printf("\nmissed %s:\n", c)
			for _, f := range sum.Misses[c] {
				fmt.Println("  ", f)
			}
		}
		fmt.Println("\ncorner IoU under 0.95:")
		for _, f := range sum.LowIoU {
			fmt.Println("  ", f)
		}
		fmt.Println("\nfalse retakes:")
		for _, f := range sum.FalseRetakes {
			fmt.Println("  ", f)
		}
		if sum.PortraitPhotos > 0 {
			fmt.Println("\nportraits not found on clean documents:")
			for _, f := range sum.PortraitMisses {
				fmt.Println("  ", f)
			}
		}
	}
	if *scores {
		for _, set := range sets {
			printScores(an, set)
		}
	}
}

// printScores prints one line per photo: its labels and every measure's score, failed ones marked.
func printScores(an *quality.Analyzer, set *corpus.Set) {
	for _, l := range set.Images {
		data, err := os.ReadFile(filepath.Join(set.Dir, l.File))
		if err != nil {
			continue
		}
		p, err := an.Analyze(context.Background(), data)
		if err != nil {
			fmt.Printf("%-50s ERROR %v\n", l.File, err)
			continue
		}
		line := fmt.Sprintf("%-50s d=%v m=%v", l.File, l.Defects, l.Mild)
		for _, m := range p.Quality().Measures {
			mark := ""
			if m.Failed {
				mark = "*"
			}
			line += fmt.Sprintf(" %s=%.4g%s", m.Code, m.Score, mark)
		}
		fmt.Println(line)
		p.Close()
	}
}
