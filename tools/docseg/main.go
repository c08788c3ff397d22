// Command docseg renders the training photos of the document segmenter that package quality embeds
// (quality/model/docseg.onnx): the synthetic corpus's photos (specimen.Plan) of the given seeds,
// every one under 4000 pixels, with the corners of the document in each. train.py trains the model
// on them; README.md says how the shipped model was made.
//
//	go run ./tools/docseg -seeds 200-214 -out /tmp/docseg
//
// It writes the JPEG photos and labels.jsonl (one JSON object per photo: file, width, height, kind
// and corners, top-left first, in photo pixels; no corners without a document). Photos already
// written are kept, so an interrupted run can be resumed.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/docprecheck/docprecheck/specimen"
)

// record is one line of labels.jsonl.
type record struct {
	File    string       `json:"file"`
	Width   int          `json:"width"`
	Height  int          `json:"height"`
	Kind    string       `json:"kind"`
	Corners [][2]float64 `json:"corners,omitempty"`
}

// maxSide leaves out the corpus's 12-megapixel photos: the model sees every photo at 128 x 128.
const maxSide = 4000

func main() {
	var first, last int
	seeds := flag.String("seeds", "200-214", "seeds of the corpus plans to render, first-last")
	out := flag.String("out", "docseg-data", "output directory")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "photos rendered at once")
	flag.Parse()
	if _, err := fmt.Sscanf(*seeds, "%d-%d", &first, &last); err != nil || last < first {
		log.Fatalf("docseg: -seeds %q: want first-last", *seeds)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	r, err := specimen.NewRenderer()
	if err != nil {
		log.Fatal(err)
	}
	var specs []specimen.PhotoSpec
	for seed := first; seed <= last; seed++ {
		for _, s := range specimen.Plan(seed) {
			if s.Width < maxSide && s.Height < maxSide {
				specs = append(specs, s)
			}
		}
	}
	recs := make([]*record, len(specs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for range max(1, *workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rec, err := render(r, specs[i], *out)
				mu.Lock()
				if err != nil {
					log.Printf("docseg: %v", err)
					failed++
				} else {
					recs[i] = rec
				}
				mu.Unlock()
			}
		}()
	}
	for i := range specs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var lines []byte
	n := 0
	for _, rec := range recs {
		if rec == nil {
			continue
		}
		b, err := json.Marshal(rec)
		if err != nil {
			log.Fatal(err)
		}
		lines = append(append(lines, b...), '\n')
		n++
	}
	if err := os.WriteFile(filepath.Join(*out, "labels.jsonl"), lines, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("docseg: %d photos in %s, %d failed", n, *out, failed)
}

// render renders one photo into dir, unless it is there from an earlier run, and returns its record.
func render(r *specimen.Renderer, s specimen.PhotoSpec, dir string) (*record, error) {
	name := fmt.Sprintf("%d-%s", s.Seed, s.FileName())
	meta := filepath.Join(dir, name+".json")
	if b, err := os.ReadFile(meta); err == nil {
		var rec record
		if json.Unmarshal(b, &rec) == nil {
			return &rec, nil
		}
	}
	ph, err := r.RenderPhoto(s)
	if err != nil {
		return nil, err
	}
	rec := &record{File: name, Width: s.Width, Height: s.Height, Kind: string(s.Kind)}
	for _, c := range ph.Label.Corners {
		rec.Corners = append(rec.Corners, [2]float64{c[0], c[1]})
	}
	if err := os.WriteFile(filepath.Join(dir, name), ph.JPEG, 0o644); err != nil {
		return nil, err
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	return rec, os.WriteFile(meta, b, 0o644)
}
