// Command gencorpus writes the synthetic photo corpus: specimen documents of
// invented people, photographed on varied backgrounds with controlled
// defects, and their ground-truth labels.
//
//	go run ./specimen/gencorpus -seed 2 -out testdata/corpus
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"time"

	"github.com/docprecheck/docprecheck/specimen"
)

func main() {
	seed := flag.Int("seed", 2, "corpus seed")
	out := flag.String("out", "testdata/corpus", "output directory")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "photos rendered at once (does not change the output)")
	quiet := flag.Bool("q", false, "do not report progress")
	flag.Parse()

	start := time.Now()
	progress := func(done, total int, file string) {
		if !*quiet {
			fmt.Fprintf(os.Stderr, "[%3d/%3d] %s\n", done, total, file)
		}
	}
	if err := specimen.Generate(*seed, *out, specimen.WithWorkers(*workers), specimen.WithProgress(progress)); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s in %s\n", *out, time.Since(start).Round(time.Second))
}
