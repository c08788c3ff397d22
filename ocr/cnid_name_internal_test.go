package ocr

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/docprecheck/docprecheck/ocr/ppocr"
)

func TestNameAlternatives(t *testing.T) {
	ch := func(text string, p float64, second string, q float64) ppocr.Char {
		return ppocr.Char{Text: text, Confidence: p, RunnerUp: second, RunnerUpConfidence: q}
	}
	for _, tc := range []struct {
		what  string
		chars []ppocr.Char
		name  string
		want  []string
	}{
		{"uncommon second to common", []ppocr.Char{ch("余", 0.87, "佘", 0.07), ch("超", 1, "迢", 0), ch("志", 1, "忘", 0)}, "余超志", []string{"佘", "", ""}},
		{"uncommon second to common, later", []ppocr.Char{ch("彭", 1, "彪", 0), ch("乐", 1, "牙", 0), ch("毯", 0.5, "琰", 0.37)}, "彭乐毯", []string{"", "", "琰"}},
		// Read against the model's prior: the uncommon character was seen.
		{"common second to uncommon", []ppocr.Char{ch("谢", 1, "榭", 0), ch("倩", 0.88, "情", 0.11), ch("德", 1, "徳", 0)}, "谢倩德", nil},
		// 彧 is outside GB 2312, as the traditional forms are: without a table of those, it is no alternative.
		{"outside GB 2312", []ppocr.Char{ch("沈", 0.99, "沉", 0.01), ch("凯", 0.99, "凱", 0), ch("或", 0.74, "彧", 0.2)}, "沈凯或", nil},
		{"two common characters", []ppocr.Char{ch("张", 1, "涨", 0), ch("宇", 0.9, "字", 0.09)}, "张宇", nil},
		{"traditional form second", []ppocr.Char{ch("杨", 0.98, "楊", 0.02), ch("一", 1, "—", 0)}, "杨一", nil},
		{"second below the floor", []ppocr.Char{ch("逢", 0.99, "逄", 0.005), ch("德", 1, "徳", 0)}, "逢德", nil},
		{"non-Han read between", []ppocr.Char{ch("余", 0.8, "佘", 0.1), ch("-", 0.6, "", 0), ch("彤", 1, "形", 0)}, "余彤", []string{"佘", ""}},
		{"characters do not line up", []ppocr.Char{ch("余", 0.8, "佘", 0.1), ch("彤", 1, "形", 0)}, "余彤彤", nil},
	} {
		got := nameAlternatives(ppocr.Result{Chars: tc.chars}, tc.name)
		assert.Equal(t, tc.want, got, tc.what)
	}
}
