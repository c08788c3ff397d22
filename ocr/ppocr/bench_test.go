package ppocr_test

import (
	"context"
	"strconv"
	"testing"
)

// BenchmarkRecognize times one line per model width (the line's preparation, the model and the
// decoding); the 960/320 ratio is reported on the 960 run.
func BenchmarkRecognize(b *testing.B) {
	r := shared(b)
	var perOp = map[int]float64{}
	for _, w := range r.Widths() {
		b.Run("w"+strconv.Itoa(w), func(b *testing.B) {
			m := render(b, longLines[w], sans)
			defer m.Close()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := r.Recognize(context.Background(), m)
				if err != nil || res.Width != w {
					b.Fatal(err, res.Width)
				}
			}
			perOp[w] = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if base := perOp[320]; base > 0 && w != 320 {
				b.ReportMetric(perOp[w]/base, "x-w320")
			}
		})
	}
}
