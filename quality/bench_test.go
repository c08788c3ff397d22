package quality_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/quality"
)

var (
	bigOnce sync.Once
	bigJPEG []byte
)

// photo12MP returns a 12 MP JPEG: the largest photo of the committed corpus, or a synthetic card.
func photo12MP(b *testing.B) []byte {
	bigOnce.Do(func() {
		dir := filepath.Join("..", "testdata", "corpus")
		if raw, err := os.ReadFile(filepath.Join(dir, "labels.json")); err == nil {
			var labels struct {
				Images []struct {
					File          string
					Width, Height int
					Defects       []string
				}
			}
			if json.Unmarshal(raw, &labels) == nil {
				for _, l := range labels.Images {
					if l.Width*l.Height >= 11_000_000 && len(l.Defects) == 0 {
						bigJPEG, _ = os.ReadFile(filepath.Join(dir, l.File))
						break
					}
				}
			}
		}
		if bigJPEG == nil {
			img, _ := card(4000, 3000, 700, 600, 2600, 7)
			bigJPEG = encodeJPEG(b, img)
		}
	})
	return bigJPEG
}

// BenchmarkDecode12MP is OpenCV's full decode of a 12 MP JPEG: the baseline a check is compared with.
func BenchmarkDecode12MP(b *testing.B) {
	data := photo12MP(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		m, err := gocv.IMDecode(data, gocv.IMReadColor)
		if err != nil {
			b.Fatal(err)
		}
		m.Close()
	}
}

// BenchmarkDecodeReduced12MP is the reduced decode (1/2 scale) that Analyze uses for a 12 MP JPEG.
func BenchmarkDecodeReduced12MP(b *testing.B) {
	data := photo12MP(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		m, err := gocv.IMDecode(data, gocv.IMReadReducedColor2)
		if err != nil {
			b.Fatal(err)
		}
		m.Close()
	}
}

// BenchmarkAnalyze12MP is decode plus every photo check, as Check runs them.
func BenchmarkAnalyze12MP(b *testing.B) {
	data := photo12MP(b)
	a, err := quality.New(quality.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p, err := a.Analyze(context.Background(), data)
		if err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}
