package corpus

import (
	"image"
	"image/color"
	"image/draw"
)

// DarkSurround is the grey a real scan is framed by to see it as a scanner whose bed is darker than
// its lid, or a scan photographed on a desk, gives it.
var DarkSurround = color.RGBA{90, 90, 90, 255}

// Surround returns img framed by a border m pixels wide of the colour c, and how far img's pixels
// moved.
func Surround(img image.Image, m int, c color.Color) (*image.RGBA, image.Point) {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()+2*m, b.Dy()+2*m))
	draw.Draw(out, out.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	draw.Draw(out, b.Sub(b.Min).Add(image.Pt(m, m)), img, b.Min, draw.Src)
	return out, image.Pt(m, m).Sub(b.Min)
}
