package main

import (
	"context"
	"fmt"
	"os"

	"github.com/docprecheck/docprecheck/quality"
)

func main() {
	a, _ := quality.New(quality.Options{})
	for _, f := range os.Args[1:] {
		data, _ := os.ReadFile(f)
		p, err := a.Analyze(context.Background(), data)
		if err != nil {
			fmt.Println(f, "ERR", err)
			continue
		}
		q := p.Quality()
		fmt.Printf("%s %dx%d dec=%.0fms q=%.0fms corners=%v\n", f, q.Width, q.Height, q.DecodeMS, q.QualityMS, q.Corners)
		for _, m := range q.Measures {
			fl := ""
			if m.Failed {
				fl = "FAIL"
			}
			fmt.Printf("   %-15s %8.3f thr %8.3f %s %v\n", m.Code, m.Score, m.Threshold, fl, m.Corners)
		}
		p.Close()
	}
}
