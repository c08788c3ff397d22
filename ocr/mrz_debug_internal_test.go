package ocr

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/quality"
)

// TestDebugZones prints what the finder and the glyph comparison make of the files in
// MRZ_DEBUG_FILES (space-separated paths); a development aid, skipped without them.
func TestDebugZones(t *testing.T) {
	files := strings.Fields(os.Getenv("MRZ_DEBUG_FILES"))
	if len(files) == 0 {
		t.Skip("MRZ_DEBUG_FILES not set")
	}
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	a, err := quality.New(quality.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gs := r.glyphs()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ph, err := a.Analyze(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		p := ph.(*quality.Photo)
		gray := gocv.NewMat()
		gocv.CvtColor(p.Mat(), &gray, gocv.ColorBGRToGray)
		zones, err := findZones(gray)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d zones", f, len(zones))
		if os.Getenv("MRZ_DEBUG_PGM") != "" {
			sm := gocv.NewMat()
			gocv.Resize(gray, &sm, image.Pt(gray.Cols()/2, gray.Rows()/2), 0, 0, gocv.InterpolationArea)
			savePNG(t, "/tmp/mrzlook/photo.png", grayCrop{w: sm.Cols(), h: sm.Rows(), pix: sm.ToBytes()})
			sm.Close()
			bl, _ := inkBlobs(gray)
			ls := chainLines(bl)
			for _, l := range ls {
				t.Logf("  line at y %.0f x %.0f..%.0f cols %d capH %.1f pitch %.1f slope %.3f", l.yAt(l.start()), l.start(), l.end(), l.columns(), l.capH, l.pitch, l.slope)
			}
		}
		for _, z := range zones {
			for _, l := range z.lines {
				t.Logf("  zone line y %.0f x %.0f..%.0f cols %d capH %.1f pitch %.1f n %d", l.yAt(l.start()), l.start(), l.end(), l.columns(), l.capH, l.pitch, len(l.blobs))
			}
			b, err := cutBand(gray, z)
			t.Logf("  band col0 %.1f pitch %.2f ncols %d w %d", b.col0, b.pitch, b.ncols, b.img.w)
			if err != nil {
				t.Log(err)
				continue
			}
			bands := []band{b, b.rotate180()}
			if gs.readBand(bands[1]).score > gs.readBand(bands[0]).score {
				bands = bands[1:]
			} else {
				bands = bands[:1]
			}
			for _, bb := range bands {
				rd := gs.readBand(bb)
				t.Logf("  width %d lines %d pitch %.1f score %.3f %q", z.width, len(z.lines), bb.pitch, rd.score, rd.lines)
				if want, err := os.ReadFile(strings.TrimSuffix(f, ".jpg") + ".txt"); err == nil && rd.lines != nil {
					w := strings.Fields(string(want))
					for li := range rd.lines {
						if li >= len(w) || len(w[li]) != len(rd.lines[li]) {
							continue
						}
						for ci := range rd.lines[li] {
							if rd.lines[li][ci] != w[li][ci] {
								c := rd.cells[li][ci]
								var alts []string
								for _, a := range c.alts[:min(4, len(c.alts))] {
									alts = append(alts, fmt.Sprintf("%c:%.3f", a.c, a.score))
								}
								t.Logf("    line %d col %d got %c want %c: %v", li, ci, rd.lines[li][ci], w[li][ci], alts)
							}
						}
					}
				}
				if os.Getenv("MRZ_DEBUG_PGM") != "" {
					savePNG(t, "/tmp/mrzlook/band.png", bb.img)
					sheet := grayCrop{w: normW * len(gs.chars), h: normH, pix: make([]byte, normW*normH*len(gs.chars))}
					for k, g := range gs.norm {
						for y := range normH {
							for x := range normW {
								sheet.pix[y*sheet.w+k*normW+x] = byte(255 - 255*g[y*normW+x])
							}
						}
					}
					savePNG(t, "/tmp/mrzlook/sheet.png", sheet)
				}
			}
		}
		gray.Close()
		p.Close()
	}
}

func savePNG(t *testing.T, path string, c grayCrop) {
	img := image.NewGray(image.Rect(0, 0, c.w, c.h))
	copy(img.Pix, c.pix)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, img)
}
