package match

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

func BenchmarkName(b *testing.B) {
	cases := []struct{ name, typed, document string }{
		{"latin", "Anna Maria Eriksson", "ANNA MARIA ERIKSSON"},
		{"icao", "Jürgen Müller-Lüdenscheidt", "MUELLER LUEDENSCHEIDT JURGEN"},
		{"swapped", "Anna Maria Eriksson", "ERIKSSON ANNA MARIA"},
		{"mismatch", "Anna Maria Eriksson", "ERIKSSON ANNA MARIE"},
		{"chinese", "张 伟", "张伟"},
		{"hostile", strings.Repeat("Ü ", MaxInputBytes/3), strings.Repeat("UE ", MaxInputBytes/3-1) + "X"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Name(c.typed, c.document)
			}
		})
	}
}

func BenchmarkIDNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		IDNumber("１１０１０５ １９９００３０７ １２３ｘ", id18)
	}
}

func BenchmarkDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Date("1990年1月2日", "1990-01-02")
	}
}

// BenchmarkFoldPool compares taking the transform chain from the pool with
// building a new chain for each call, and reports the ratio new/pooled.
func BenchmarkFoldPool(b *testing.B) {
	const s = "Ａｎｎａ Maria Eriksson-Müller"
	b.ReportAllocs()
	var pooled, fresh time.Duration
	for b.Loop() {
		t0 := time.Now()
		fold(s, false)
		t1 := time.Now()
		c := transform.Chain(runes.ReplaceIllFormed(), width.Fold, norm.NFKC)
		transform.String(c, s)
		fresh += time.Since(t1)
		pooled += t1.Sub(t0)
	}
	if pooled > 0 {
		b.ReportMetric(float64(fresh)/float64(pooled), "new/pooled")
	}
}
