package ocr

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
	"github.com/docprecheck/docprecheck/quality"
)

func TestExpMRZ(t *testing.T) {
	a, _ := quality.New(quality.Options{})
	eng, err := newEngine("eng", "", 300)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.close()
	for _, tc := range []struct {
		f string
		k layout.Kind
	}{
		{"mrz-specimens/id2.jpg", layout.Passport},
		{"midv2020-templates/aze_passport/images/00.jpg", layout.Passport},
		{"midv2020-templates/aze_passport/images/01.jpg", layout.Passport},
		{"mrz-specimens/id1.jpg", layout.IDCard},
		{"mrz-specimens/id_fail.png", layout.IDCard},
	} {
		data, _ := os.ReadFile("/work/shared/realdata/" + tc.f)
		pp, err := a.Analyze(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		p := pp.(*quality.Photo)
		t.Logf("%s corners=%v aspect=%.3f scale=%.2f size=%dx%d", tc.f, p.CornersF(), p.Aspect(), p.Scale(), 0, 0)
		l, _ := layout.For(tc.k)
		g := newDocGeom(l, p.CornersF(), p.Scale())
		f, _ := l.Field("mrz")
		r := boxMM(l, f.Box, 1.5)
		t.Logf("  working px/mm %.1f", g.workingPixelsPerMM(r))
		for _, ppm := range []float64{8, 10, 12, 16} {
			c, err := g.cut(p.Mat(), r, ppm, false)
			if err != nil {
				t.Fatal(err)
			}
			t0 := time.Now()
			lines, err := eng.read(c.pgm(), psmBlock, layout.MRZCharset)
			if err != nil {
				t.Fatal(err)
			}
			var txt string
			for _, l := range lines {
				txt += l.text + "\n"
			}
			fl := mrz.FindLines(txt)
			valid := false
			var d *mrz.Document
			if fl != nil {
				d, err = mrz.Repair(fl)
				if err == nil {
					valid = d.Valid
				}
			}
			t.Logf("  ppm %v %v valid=%v %q", ppm, time.Since(t0), valid, txt)
			if d != nil {
				t.Logf("     %v", d.Lines)
			}
		}
		p.Close()
	}
}
