package quality

import (
	"fmt"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/photo"
)

// workLongSide is the longest side, in pixels, that the checks need. Larger photos are decoded at a
// reduced scale by the JPEG decoder itself (1/2, 1/4 or 1/8), which is faster than a full decode and
// keeps the text of a document that fills a fair part of the frame legible for OCR.
const workLongSide = 1600

// decoded is a photo decoded at working resolution.
type decoded struct {
	mat    gocv.Mat // BGR, 8-bit, 3 channels, upright (EXIF orientation applied)
	scale  float64  // photo pixels per working pixel
	width  int      // upright photo width in photo pixels
	height int
}

// decode checks the header against the limits, then decodes data with OpenCV at the smallest scale
// that keeps the long side at or above workLongSide. OpenCV applies the EXIF orientation.
func decode(data []byte, lim photo.Limits) (decoded, error) {
	h, err := photo.Inspect(data, lim)
	if err != nil {
		return decoded{}, err
	}
	w, hh := h.Upright()
	long := max(w, hh)
	flag, factor := gocv.IMReadColor, 1
	if h.Format == photo.JPEG {
		switch {
		case long/8 >= workLongSide:
			flag, factor = gocv.IMReadReducedColor8, 8
		case long/4 >= workLongSide:
			flag, factor = gocv.IMReadReducedColor4, 4
		case long/2 >= workLongSide:
			flag, factor = gocv.IMReadReducedColor2, 2
		}
	}
	m, err := gocv.IMDecode(data, flag)
	if err != nil {
		m.Close()
		return decoded{}, fmt.Errorf("%w: %v", photo.ErrCorrupt, err)
	}
	if m.Empty() || m.Channels() != 3 || m.Type() != gocv.MatTypeCV8UC3 {
		m.Close()
		return decoded{}, fmt.Errorf("%w: the decoder produced no usable image", photo.ErrCorrupt)
	}
	d := decoded{mat: m, width: w, height: hh}
	d.scale = float64(w) / float64(m.Cols())
	if factor == 1 {
		d.scale = 1
	}
	// A non-JPEG larger than the working size is reduced here, so every check sees the same scale.
	if factor == 1 && long > 2*workLongSide {
		s := float64(workLongSide) / float64(long)
		small := gocv.NewMat()
		gocv.Resize(m, &small, imagePoint(int(float64(m.Cols())*s+0.5), int(float64(m.Rows())*s+0.5)), 0, 0, gocv.InterpolationArea)
		m.Close()
		d.mat = small
		d.scale = float64(w) / float64(small.Cols())
	}
	return d, nil
}
