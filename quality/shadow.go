package quality

import (
	"image"
	"math"
	"sort"

	"github.com/docprecheck/docprecheck/precheck"
)

// Shadow grid: the document is divided into cells; each cell's paper brightness is a high percentile
// of its pixels, which ignores the printing in it.
const (
	shadowCols = 16
	shadowRows = 10
)

// shadow measures how much part of the document is shaded: 1 - (dim cells' paper brightness / lit
// cells' paper brightness), using the 10th and 90th percentiles over the cells. The ratio does not
// change when the whole photo is evenly dark (that is too_dark), only when part of it is.
func shadow(r *rectified, o Options, toPhoto func(image.Rectangle) precheck.Rect) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodeShadow, Threshold: o.MaxShadow}
	type cell struct {
		rect  image.Rectangle
		paper float64
	}
	var cells []cell
	cw, chh := r.w/shadowCols, r.h/shadowRows
	for cy := range shadowRows {
		for cx := range shadowCols {
			var hist [256]int
			n := 0
			for y := cy * chh; y < (cy+1)*chh; y++ {
				for x := cx * cw; x < (cx+1)*cw; x++ {
					i := y*r.w + x
					if r.inside[i] {
						hist[r.gray.pix[i]]++
						n++
					}
				}
			}
			if n < cw*chh/2 {
				continue
			}
			target, acc, v := int(0.95*float64(n)), 0, 0
			for v = 0; v < 256; v++ {
				acc += hist[v]
				if acc > target {
					break
				}
			}
			cells = append(cells, cell{image.Rect(cx*cw, cy*chh, (cx+1)*cw, (cy+1)*chh), float64(v)})
		}
	}
	if len(cells) < 8 {
		return m
	}
	vals := make([]float64, len(cells))
	for i, c := range cells {
		vals[i] = c.paper
	}
	sort.Float64s(vals)
	lo := vals[len(vals)/10]
	hi := math.Max(vals[len(vals)*9/10], 1)
	m.Score = round3(math.Max(0, 1-lo/hi))
	m.Failed = m.Score > o.MaxShadow
	if m.Failed {
		// Report the shaded area as the bounding box of the cells darker than the threshold allows.
		lim := hi * (1 - o.MaxShadow)
		box := image.Rectangle{}
		for _, c := range cells {
			if c.paper < lim {
				box = box.Union(c.rect)
			}
		}
		if !box.Empty() {
			m.Regions = append(m.Regions, toPhoto(box))
		}
	}
	return m
}
