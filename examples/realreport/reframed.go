package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"os"
	"strings"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
)

// The framings the passport scans are given again (reportReframed). Only cropInside cuts the page.
const (
	whiteBorder = "white border"
	greyBorder  = "on a grey surround"
	onA4        = "on an A4 lid"
	tightCrop   = "cropped to the page"
	cropInside  = "cropped inside the page"
)

// reportReframed frames each passport scan whose data page the checker finds whole again, as other
// scanners and users frame theirs: a white border around the scan (5% of its width), a dark grey one
// (8%: a scanner's bed darker than its lid, or a scan photographed on a desk), the page alone on a
// white A4 sheet (a scanner's lid; the page 55% of its width), cropped to the page (0.5% of its size
// around it) and cropped inside it (5% of its width off its left and right sides). The page is where
// the checker found it in the scan as given (JPN's scans, cropped inside their page, are left out).
// The first four are the whole page and must not be told cutoff; the last must. None is glare or
// over-exposed.
func reportReframed(ck *precheck.Checker, dir, annotate string, verbose bool) {
	scans, err := corpus.LoadMRZPassports(dir)
	if err != nil {
		fmt.Printf("## reframed\n\nskipped: %v\n\n", err)
		return
	}
	framings := []string{whiteBorder, greyBorder, onA4, tightCrop, cropInside}
	var res []result
	used := 0
	for _, sc := range scans {
		if sc.Group == "JPN" {
			continue
		}
		data, err := os.ReadFile(sc.Path)
		if err != nil {
			continue
		}
		orig := checkData(ck, sc, data, "", false)
		if orig.rep == nil || orig.rep.Document.Corners == nil || orig.has(precheck.CodeCutoff) {
			continue
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			continue
		}
		used++
		corners := *orig.rep.Document.Corners
		page := bounds(corners)
		for _, f := range framings {
			var b bytes.Buffer
			framed, shift := reframe(img, page, f)
			if err := jpeg.Encode(&b, framed, &jpeg.Options{Quality: 92}); err != nil {
				continue
			}
			ph := sc
			ph.Set, ph.Group = "reframed", f
			ph.Name = sc.Name + " " + strings.ReplaceAll(f, " ", "-")
			if f != cropInside {
				var q [4][2]float64
				for i, c := range corners {
					q[i] = [2]float64{c[0] + float64(shift.X), c[1] + float64(shift.Y)}
				}
				ph.Quad = &q
			}
			res = append(res, checkData(ck, ph, b.Bytes(), annotate, false))
		}
	}
	fmt.Printf("## reframed (%d framings of %d passport scans)\n\n", len(res), used)
	fmt.Println("| framing | scans | told cutoff | told no_document | told glare or too_bright | wrong | page found (corner IoU >= 0.9) |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, f := range framings {
		var n, cut, none, light, wrong, found int
		for _, r := range res {
			if r.ph.Group != f {
				continue
			}
			n++
			if r.has(precheck.CodeCutoff) {
				cut++
			}
			if r.has(precheck.CodeNoDocument) {
				none++
			}
			if r.has(precheck.CodeGlare, precheck.CodeTooBright) {
				light++
			}
			if missed(r, false) {
				wrong++
			}
			if r.iou >= 0.9 {
				found++
			}
		}
		fd := "-"
		if f != cropInside {
			fd = fmt.Sprintf("%d", found)
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %s |\n", f, n, cut, none, light, wrong, fd)
	}
	fmt.Println("\nOnly a crop inside the page cuts it: `cutoff` is right there and wrong for the other framings; `glare` and `too_bright` are wrong for all.")
	fmt.Println()
	if verbose {
		for _, r := range res {
			if missed(r, false) {
				fmt.Printf("  miss %s: %s\n", r.ph.Name, r.codes())
			}
		}
		fmt.Println()
	}
	reportTimes(res, false, 1)
}

// bounds returns the rectangle holding the quad q (photo pixels).
func bounds(q precheck.Quad) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range q {
		x0, y0, x1, y1 = math.Min(x0, c[0]), math.Min(y0, c[1]), math.Max(x1, c[0]), math.Max(y1, c[1])
	}
	return image.Rect(int(x0), int(y0), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
}

// reframe returns img framed as f, page being where the document lies in it, and how far the page
// moved.
func reframe(img image.Image, page image.Rectangle, f string) (image.Image, image.Point) {
	b := img.Bounds()
	white := image.NewUniform(color.RGBA{250, 250, 248, 255})
	grown := func(fx, fy float64) image.Rectangle {
		dx, dy := int(fx*float64(page.Dx())), int(fy*float64(page.Dy()))
		return image.Rect(page.Min.X-dx, page.Min.Y-dy, page.Max.X+dx, page.Max.Y+dy).Intersect(b)
	}
	switch f {
	case whiteBorder:
		return corpus.Surround(img, b.Dx()/20, white.C)
	case greyBorder:
		return corpus.Surround(img, b.Dx()*8/100, corpus.DarkSurround)
	case onA4:
		src := grown(0.01, 0.01)
		w := int(float64(src.Dx()) / 0.55)
		out := image.NewRGBA(image.Rect(0, 0, w, int(float64(w)*math.Sqrt2)))
		draw.Draw(out, out.Bounds(), white, image.Point{}, draw.Src)
		at := image.Pt(w/20, out.Bounds().Dy()/25)
		draw.Draw(out, src.Sub(src.Min).Add(at), img, src.Min, draw.Src)
		return out, at.Sub(src.Min)
	case tightCrop:
		r := grown(0.005, 0.005)
		return crop(img, r), image.Point{}.Sub(r.Min)
	default: // cropInside
		dx := int(0.05 * float64(page.Dx()))
		r := grown(0, 0.02)
		r = image.Rect(r.Min.X+dx, r.Min.Y, r.Max.X-dx, r.Max.Y)
		return crop(img, r), image.Point{}.Sub(r.Min)
	}
}

// crop copies the part r of img.
func crop(img image.Image, r image.Rectangle) image.Image {
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}
