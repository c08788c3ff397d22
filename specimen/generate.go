package specimen

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
)

// GenerateOption configures Generate.
type GenerateOption interface{ applyGen(*genConfig) }

type genConfig struct {
	workers  int
	renderer *Renderer
	progress func(done, total int, file string)
	specs    func(seed int) []PhotoSpec
}

type genOptionFunc func(*genConfig)

func (f genOptionFunc) applyGen(c *genConfig) { f(c) }

// WithWorkers sets the number of photos rendered at once (default
// GOMAXPROCS). The output does not depend on it.
func WithWorkers(n int) GenerateOption {
	return genOptionFunc(func(c *genConfig) { c.workers = n })
}

// WithRenderer uses r instead of a renderer with the default fonts.
func WithRenderer(r *Renderer) GenerateOption {
	return genOptionFunc(func(c *genConfig) { c.renderer = r })
}

// WithProgress calls f after each photo is written. Calls are serialised.
func WithProgress(f func(done, total int, file string)) GenerateOption {
	return genOptionFunc(func(c *genConfig) { c.progress = f })
}

// WithPlan replaces Plan, e.g. to render a subset of the corpus.
func WithPlan(plan func(seed int) []PhotoSpec) GenerateOption {
	return genOptionFunc(func(c *genConfig) { c.specs = plan })
}

// corpusFile matches the photos a previous run wrote.
var corpusFile = regexp.MustCompile(`^[0-9]{3}-.*\.jpg$`)

// Generate renders the corpus of seed into outDir: the photos of Plan(seed)
// as JPEG files and their labels in labels.json. Photos left in outDir by an
// earlier run are removed first. The output is byte-identical for a given
// seed whatever the number of workers.
func Generate(seed int, outDir string, opts ...GenerateOption) error {
	cfg := genConfig{workers: runtime.GOMAXPROCS(0), specs: Plan}
	for _, o := range opts {
		o.applyGen(&cfg)
	}
	if cfg.renderer == nil {
		r, err := NewRenderer()
		if err != nil {
			return err
		}
		cfg.renderer = r
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	old, err := os.ReadDir(outDir)
	if err != nil {
		return err
	}
	for _, e := range old {
		if !e.IsDir() && corpusFile.MatchString(e.Name()) {
			if err := os.Remove(filepath.Join(outDir, e.Name())); err != nil {
				return err
			}
		}
	}

	specs := cfg.specs(seed)
	labels := make([]Label, len(specs))
	errs := make([]error, len(specs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range max(1, cfg.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				ph, err := cfg.renderer.RenderPhoto(specs[i])
				if err == nil {
					err = os.WriteFile(filepath.Join(outDir, ph.Label.File), ph.JPEG, 0o644)
				}
				if err != nil {
					errs[i] = err
					continue
				}
				labels[i] = ph.Label
				if cfg.progress != nil {
					mu.Lock()
					done++
					cfg.progress(done, len(specs), ph.Label.File)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range specs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("specimen: generate: %w", err)
		}
	}
	l := Labels{Seed: seed, Generator: GeneratorName, Images: labels}
	return l.Write(filepath.Join(outDir, "labels.json"))
}
