package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	xdraw "golang.org/x/image/draw"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
)

// The photos reportOnDesk draws: three frame sizes, onDeskPerSize photos each for each of two seeds.
var onDeskSizes = []image.Point{{1600, 1200}, {1920, 1080}, {4000, 3000}}

const onDeskPerSize = 16

// reportOnDesk draws real documents' print (the MIDV-2020 templates: an Albanian ID card and an
// Azerbaijani passport page, whose layouts the reader does not share) on real desks (GICSD frames:
// keyboards, rulers, cables, printed pages and other documents), seen through a pinhole camera
// whose focal length (1.0 times the longer side) is not the one the checks assume, the card tilted up
// to 20 degrees about a random axis and turned up to 15 degrees in the frame, with rounded corners,
// a little blur, noise and JPEG. Every card is whole in the frame and large (0.45 to 0.7 of the
// frame's width, 0.3 to 0.5 in a 4000-pixel one, shrunk by 5% at a time while it does not fit: over
// 720 pixels across in every photo drawn): any retake for the photo is wrong, and the outline is
// scored against the drawn corners. The drawing is the same on every run (fixed seeds).
func reportOnDesk(ck *precheck.Checker, dir, annotate string, verbose bool) {
	templates, tnames, err := loadTemplates(dir)
	if err != nil {
		fmt.Printf("## ondesk\n\nskipped: %v\n\n", err)
		return
	}
	frames, err := corpus.LoadGICSD(dir)
	if err != nil {
		fmt.Printf("## ondesk\n\nskipped: %v\n\n", err)
		return
	}
	// One frame in ten, in name order, as the desks.
	sort.Slice(frames, func(i, j int) bool { return frames[i].Name < frames[j].Name })
	var desks []image.Image
	var dnames []string
	for i := 0; i < len(frames); i += 10 {
		if img, err := decodeFile(frames[i].Path); err == nil {
			desks, dnames = append(desks, img), append(dnames, frames[i].Name)
		}
	}
	if len(desks) == 0 {
		fmt.Printf("## ondesk\n\nskipped: no GICSD frame decoded\n\n")
		return
	}
	var res []result
	for seed := uint64(1); seed <= 2; seed++ {
		for si, size := range onDeskSizes {
			for k := range onDeskPerSize {
				rng := rand.New(rand.NewPCG(seed, uint64(si*onDeskPerSize+k)))
				t, d := k%len(templates), rng.IntN(len(desks))
				img, q := drawOnDesk(templates[t], desks[d], size, rng)
				var b bytes.Buffer
				if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85 + rng.IntN(8)}); err != nil {
					continue
				}
				ph := corpus.RealPhoto{
					Set: "ondesk", Path: tnames[t], Quad: &q,
					Name:  fmt.Sprintf("%s on %s %dx%d seed %d #%d", filepath.Base(filepath.Dir(filepath.Dir(tnames[t]))), dnames[d], size.X, size.Y, seed, k),
					Group: fmt.Sprintf("%d x %d", size.X, size.Y),
				}
				res = append(res, checkData(ck, ph, b.Bytes(), annotate, false))
			}
		}
	}
	fmt.Printf("## ondesk (%d photos of real documents' print drawn on GICSD desks)\n\n", len(res))
	fmt.Println("| frame | photos | photo accepted | outlined (corner IoU >= 0.9) | mean corner IoU | photo codes told |")
	fmt.Println("|---|---|---|---|---|---|")
	groups := []string{}
	for _, s := range onDeskSizes {
		groups = append(groups, fmt.Sprintf("%d x %d", s.X, s.Y))
	}
	for _, g := range append(groups, "all") {
		var n, acc, found int
		var sum float64
		counts := map[precheck.Code]int{}
		for _, r := range res {
			if g != "all" && r.ph.Group != g {
				continue
			}
			n++
			sum += r.iou
			if r.iou >= 0.9 {
				found++
			}
			if r.rep == nil {
				continue
			}
			if !photoRetake(r) {
				acc++
			}
			for _, is := range r.rep.Issues {
				if photoCode(is.Code) {
					counts[is.Code]++
				}
			}
		}
		if n == 0 {
			continue
		}
		fmt.Printf("| %s | %d | %d | %d | %.3f | %s |\n", g, n, acc, found, sum/float64(n), codeCounts(counts))
	}
	fmt.Println("\nEvery card is whole and large enough: a retake for the photo is wrong, and so is an outline off the drawn corners\n(with -read, a document's own verdict, such as a template's expiry, is not counted).")
	fmt.Println()
	if verbose {
		for _, r := range res {
			if missed(r, false) {
				fmt.Printf("  miss %s: IoU %.3f, %s\n", r.ph.Name, r.iou, r.codes())
			}
		}
		fmt.Println()
	}
	reportTimes(res, false, 1)
}

// photoRetake tells whether r was told to retake the photo itself (a photo check failed).
func photoRetake(r result) bool {
	for _, is := range r.rep.Issues {
		if photoCode(is.Code) {
			return true
		}
	}
	return false
}

// codeCounts lists codes with their counts, in code order, for a table's cell.
func codeCounts(counts map[precheck.Code]int) string {
	if len(counts) == 0 {
		return "-"
	}
	return strings.Join(countList(counts), ", ")
}

// decodeFile decodes the image in the file at path.
func decodeFile(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}

// loadTemplates decodes the MIDV-2020 template images (CMYK JPEG) to RGBA.
func loadTemplates(dir string) ([]*image.RGBA, []string, error) {
	paths, _ := filepath.Glob(filepath.Join(dir, "midv2020-templates", "*", "images", "*.jpg"))
	sort.Strings(paths)
	var out []*image.RGBA
	var names []string
	for _, p := range paths {
		img, err := decodeFile(p)
		if err != nil {
			continue
		}
		rgba := image.NewRGBA(img.Bounds())
		xdraw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, xdraw.Src)
		out, names = append(out, rgba), append(names, p)
	}
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("%w: %s", corpus.ErrNoRealSet, filepath.Join(dir, "midv2020-templates"))
	}
	return out, names, nil
}

// drawOnDesk draws the document doc on the desk scaled to size, and returns the photo and the
// document's corners in it (top-left first as it reads). The card lies in a plane turned by a tilt
// about an axis in it and by a turn within it, at the distance where its pixels are the plane's; each
// photo pixel's ray is followed to that plane (so the perspective is a real camera's).
func drawOnDesk(doc *image.RGBA, desk image.Image, size image.Point, rng *rand.Rand) (*image.RGBA, [4][2]float64) {
	W, H := float64(size.X), float64(size.Y)
	f := math.Max(W, H)
	lo, hi := 0.45, 0.7
	if W >= 3000 {
		lo, hi = 0.3, 0.5
	}
	dw := W * (lo + (hi-lo)*rng.Float64())
	dh := dw * float64(doc.Rect.Dy()) / float64(doc.Rect.Dx())
	var rot [3][3]float64
	var q [4][2]float64
	var shift [2]float64
	for try := 0; ; try++ {
		turn := (rng.Float64()*30 - 15) * math.Pi / 180
		tilt := rng.Float64() * 20 * math.Pi / 180
		axis := rng.Float64() * math.Pi
		rot = mul3(axisRotation([3]float64{math.Cos(axis), math.Sin(axis), 0}, tilt), axisRotation([3]float64{0, 0, 1}, turn))
		shift = [2]float64{(rng.Float64() - 0.5) * 0.1 * W, (rng.Float64() - 0.5) * 0.1 * H}
		inside := true
		for i, c := range [4][2]float64{{-dw / 2, -dh / 2}, {dw / 2, -dh / 2}, {dw / 2, dh / 2}, {-dw / 2, dh / 2}} {
			p := apply3(rot, [3]float64{c[0], c[1], 0})
			z := p[2] + f
			q[i] = [2]float64{W/2 + shift[0] + f*p[0]/z, H/2 + shift[1] + f*p[1]/z}
			inside = inside && q[i][0] > 0.01*W && q[i][0] < 0.99*W && q[i][1] > 0.01*H && q[i][1] < 0.99*H
		}
		if inside || try == 20 {
			break
		}
		dw, dh = dw*0.95, dh*0.95
	}

	out := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
	xdraw.ApproxBiLinear.Scale(out, out.Rect, desk, desk.Bounds(), xdraw.Src, nil)
	// The desk a little darker and of a light tint, as a room's light gives it.
	tint := [3]float64{0.6 + 0.3*rng.Float64(), 0.6 + 0.3*rng.Float64(), 0.6 + 0.3*rng.Float64()}
	for i := 0; i < len(out.Pix); i += 4 {
		for c := range 3 {
			out.Pix[i+c] = uint8(float64(out.Pix[i+c]) * tint[c])
		}
	}

	// The card: each pixel's ray meets the card's plane (normal n through the point at distance f
	// straight ahead, shifted) at a point whose coordinates in the plane say where on the card it is.
	n := apply3(rot, [3]float64{0, 0, 1})
	ex, ey := apply3(rot, [3]float64{1, 0, 0}), apply3(rot, [3]float64{0, 1, 0})
	cx, cy := W/2+shift[0], H/2+shift[1]
	radius := 0.037 * dw // ID-1's rounded corner, 3.18 mm on 85.6 mm
	x0, y0, x1, y1 := W, H, 0.0, 0.0
	for _, c := range q {
		x0, y0, x1, y1 = math.Min(x0, c[0]), math.Min(y0, c[1]), math.Max(x1, c[0]), math.Max(y1, c[1])
	}
	sx, sy := float64(doc.Rect.Dx())/dw, float64(doc.Rect.Dy())/dh
	for y := int(y0); y <= int(y1)+1 && y < size.Y; y++ {
		for x := int(x0); x <= int(x1)+1 && x < size.X; x++ {
			d := [3]float64{(float64(x) + 0.5 - cx) / f, (float64(y) + 0.5 - cy) / f, 1}
			t := f * n[2] / (n[0]*d[0] + n[1]*d[1] + n[2]*d[2])
			p := [3]float64{t * d[0], t * d[1], t*d[2] - f}
			u, v := p[0]*ex[0]+p[1]*ex[1]+p[2]*ex[2]+dw/2, p[0]*ey[0]+p[1]*ey[1]+p[2]*ey[2]+dh/2
			if u < 0 || v < 0 || u >= dw || v >= dh || !inRounded(u, v, dw, dh, radius) {
				continue
			}
			r, g, b := bilinearRGB(doc, u*sx, v*sy)
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2] = r, g, b
		}
	}
	softAndNoisy(out, rng)
	return out, q
}

// inRounded tells whether (u, v) lies inside a w x h rectangle whose corners are rounded by r.
func inRounded(u, v, w, h, r float64) bool {
	cu, cv := math.Max(r, math.Min(w-r, u)), math.Max(r, math.Min(h-r, v))
	return math.Hypot(u-cu, v-cv) <= r
}

// bilinearRGB samples img at (x, y), its pixels' centres at half-integers.
func bilinearRGB(img *image.RGBA, x, y float64) (r, g, b uint8) {
	x, y = x-0.5, y-0.5
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	var acc [3]float64
	for _, c := range [4]struct {
		dx, dy int
		w      float64
	}{{0, 0, (1 - fx) * (1 - fy)}, {1, 0, fx * (1 - fy)}, {0, 1, (1 - fx) * fy}, {1, 1, fx * fy}} {
		px := max(0, min(img.Rect.Dx()-1, x0+c.dx))
		py := max(0, min(img.Rect.Dy()-1, y0+c.dy))
		i := img.PixOffset(px+img.Rect.Min.X, py+img.Rect.Min.Y)
		for k := range 3 {
			acc[k] += c.w * float64(img.Pix[i+k])
		}
	}
	return uint8(acc[0] + 0.5), uint8(acc[1] + 0.5), uint8(acc[2] + 0.5)
}

// softAndNoisy blurs img a little (a 3 x 3 box, a lens a little soft) and adds sensor noise.
func softAndNoisy(img *image.RGBA, rng *rand.Rand) {
	src := append([]uint8(nil), img.Pix...)
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			i := img.PixOffset(x, y)
			for c := range 3 {
				s := 0
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						s += int(src[i+c+4*dx+img.Stride*dy])
					}
				}
				v := float64(s)/9 + rng.NormFloat64()*2.5
				img.Pix[i+c] = uint8(math.Max(0, math.Min(255, v+0.5)))
			}
		}
	}
}

// axisRotation is the rotation by angle a about the unit axis u (Rodrigues).
func axisRotation(u [3]float64, a float64) [3][3]float64 {
	c, s := math.Cos(a), math.Sin(a)
	var m [3][3]float64
	for i := range 3 {
		for j := range 3 {
			m[i][j] = (1 - c) * u[i] * u[j]
			if i == j {
				m[i][j] += c
			}
		}
	}
	m[0][1] -= s * u[2]
	m[0][2] += s * u[1]
	m[1][0] += s * u[2]
	m[1][2] -= s * u[0]
	m[2][0] -= s * u[1]
	m[2][1] += s * u[0]
	return m
}

func mul3(a, b [3][3]float64) [3][3]float64 {
	var m [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				m[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return m
}

func apply3(m [3][3]float64, v [3]float64) [3]float64 {
	return [3]float64{
		m[0][0]*v[0] + m[0][1]*v[1] + m[0][2]*v[2],
		m[1][0]*v[0] + m[1][1]*v[1] + m[1][2]*v[2],
		m[2][0]*v[0] + m[2][1]*v[1] + m[2][2]*v[2],
	}
}
