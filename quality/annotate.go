package quality

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/precheck"
)

// Annotation is what Annotate draws over a photo, in photo pixels.
type Annotation struct {
	// Title is written in a banner at the top (the verdict and the issue codes). ASCII only: the
	// built-in OpenCV fonts have no other glyphs.
	Title string
	// Pass colours the banner green when true, red otherwise.
	Pass bool
	// Corners is the document outline.
	Corners *precheck.Quad
	// Issues are drawn by their regions: glare in yellow, shade in blue, others in red.
	Issues []precheck.Issue
	// Boxes are the field regions that were read, labelled with their names.
	Boxes map[string]precheck.Quad
}

var (
	green  = color.RGBA{0, 200, 0, 0}
	red    = color.RGBA{220, 30, 30, 0}
	yellow = color.RGBA{255, 220, 0, 0}
	blue   = color.RGBA{40, 120, 255, 0}
	purple = color.RGBA{200, 0, 200, 0}
)

// ReportAnnotation is what a report shows over its photo: the verdict and the issue codes in the
// banner, the document outline, the issue regions and the field boxes that were read.
func ReportAnnotation(r *precheck.Report) Annotation {
	codes := make([]string, 0, len(r.Issues))
	for _, is := range r.Issues {
		codes = append(codes, string(is.Code))
	}
	title := strings.ToUpper(string(r.Verdict))
	if len(codes) > 0 {
		title += ": " + strings.Join(codes, ", ")
	}
	return Annotation{
		Title: title, Pass: r.Verdict == precheck.Accept, Corners: r.Document.Corners,
		Issues: r.Issues, Boxes: r.Document.FieldBoxes,
	}
}

// Annotate draws a over the photo (at working resolution) and returns it as a PNG.
func Annotate(p *Photo, a Annotation) ([]byte, error) {
	if p == nil || p.work.Empty() {
		return nil, fmt.Errorf("quality: annotate: no image")
	}
	img := p.work.Clone()
	defer img.Close()
	s := 1 / p.scale
	th := max(2, img.Cols()/400)
	toPt := func(q precheck.Point) image.Point { return image.Pt(int(q[0]*s), int(q[1]*s)) }
	poly := func(q precheck.Quad, c color.RGBA, t int) {
		pv := gocv.NewPointsVectorFromPoints([][]image.Point{{toPt(q[0]), toPt(q[1]), toPt(q[2]), toPt(q[3])}})
		defer pv.Close()
		gocv.Polylines(&img, pv, true, c, t)
	}
	for _, is := range a.Issues {
		c := red
		switch is.Code {
		case precheck.CodeGlare:
			c = yellow
		case precheck.CodeShadow:
			c = blue
		}
		for _, r := range is.Regions {
			rc := image.Rect(int(float64(r.X)*s), int(float64(r.Y)*s), int(float64(r.X+r.W)*s), int(float64(r.Y+r.H)*s))
			gocv.Rectangle(&img, rc, c, th)
			gocv.PutText(&img, string(is.Code), image.Pt(rc.Min.X+4, rc.Min.Y+int(14*float64(th))), gocv.FontHersheySimplex, 0.4*float64(th), c, th)
		}
	}
	for name, q := range a.Boxes {
		poly(q, purple, max(1, th/2))
		gocv.PutText(&img, name, toPt(q[0]).Add(image.Pt(0, -3)), gocv.FontHersheySimplex, 0.3*float64(th), purple, max(1, th/2))
	}
	if a.Corners != nil {
		poly(*a.Corners, green, th)
		for i, c := range a.Corners {
			gocv.Circle(&img, toPt(c), 3*th, green, -1)
			gocv.PutText(&img, cornerNames[i], toPt(c).Add(image.Pt(4*th, -4*th)), gocv.FontHersheySimplex, 0.35*float64(th), green, max(1, th/2))
		}
	}
	if a.Title != "" {
		bh := 16 * th
		c := red
		if a.Pass {
			c = green
		}
		gocv.Rectangle(&img, image.Rect(0, 0, img.Cols(), bh), c, -1)
		gocv.PutText(&img, a.Title, image.Pt(6, bh-5*th), gocv.FontHersheySimplex, 0.45*float64(th), color.RGBA{255, 255, 255, 0}, max(1, th/2))
	}
	buf, err := gocv.IMEncode(gocv.PNGFileExt, img)
	if err != nil {
		return nil, fmt.Errorf("quality: annotate: %w", err)
	}
	defer buf.Close()
	return append([]byte(nil), buf.GetBytes()...), nil
}
