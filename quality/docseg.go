package quality

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"runtime"

	"gocv.io/x/gocv"
)

// The document segmenter is a small convolutional network (a U-Net of 256,000 weights) that tools/docseg
// trains on photos of the synthetic corpus (seeds 200-214; the committed corpus is seed 2) to mark
// where the document lies. It sees the whole photo at 128 x 128 and answers where the card is as a
// region, not by its edges: on a soft frame among cables, a ruler and printed pages it holds the card
// where no edge outlines it whole. The finder outlines the region as one more candidate (fromSegMask).
// The model is embedded (1 MB) and used unless the models are turned off (ModelsOff); OpenCV loading
// it is tested.
//
//go:embed model/docseg.onnx
var docSegModel []byte

// errSegModel is wrapped by the errors of the document segmenter; the finder goes on without its map.
var errSegModel = errors.New("quality: document segmentation model")

// The segmenter's input side and output side: it sees the photo in grey levels squashed to a
// segInput square and answers, for each cell of a segOutput square, the logit that the cell lies on
// the document.
const (
	segInput  = 128
	segOutput = segInput / 2
)

// docSegmenter runs the document segmentation model from a bounded pool of nets. A docSegmenter is
// safe for concurrent use.
type docSegmenter struct {
	netPool
}

func newDocSegmenter(model []byte) *docSegmenter {
	return &docSegmenter{newNetPool(model, errSegModel)}
}

// segment returns the segmenter's map of the grey image g; nil without error for a nil segmenter.
func (d *docSegmenter) segment(g gocv.Mat) (*segMap, error) {
	if d == nil {
		return nil, nil
	}
	if g.Empty() || g.Channels() != 1 || g.Type() != gocv.MatTypeCV8U {
		return nil, fmt.Errorf("%w: want a grey image", errSegModel)
	}
	small := gocv.NewMat()
	defer small.Close()
	gocv.Resize(g, &small, imagePoint(segInput, segInput), 0, 0, gocv.InterpolationArea)
	pix, err := small.DataPtrUint8()
	if err != nil {
		return nil, err
	}
	// The model takes the photo with its grey levels standardised: mean 0, standard deviation 1.
	var sum, sq float64
	for _, v := range pix {
		f := float64(v) / 255
		sum += f
		sq += f * f
	}
	n := float64(len(pix))
	mean := sum / n
	std := float32(math.Sqrt(math.Max(0, sq/n-mean*mean)) + 1e-3)
	in := make([]float32, len(pix))
	for i, v := range pix {
		in[i] = (float32(v)/255 - float32(mean)) / std
	}
	out, err := d.forward(in, []int{1, 1, segInput, segInput})
	if err != nil {
		return nil, err
	}
	defer out.Close()
	if sz := out.Size(); len(sz) != 4 || sz[1] != 1 || sz[2] != segOutput || sz[3] != segOutput {
		return nil, fmt.Errorf("%w: unexpected output %v", errSegModel, sz)
	}
	logits, err := out.DataPtrFloat32()
	if err != nil {
		return nil, err
	}
	m := &segMap{p: make([]float32, len(logits))}
	for i, l := range logits {
		m.p[i] = float32(1 / (1 + math.Exp(-float64(l))))
	}
	return m, nil
}

// segMap is the segmenter's answer for one photo: the probability that each cell of a segOutput
// square, the photo squashed to it, lies on the document.
type segMap struct {
	p []float32
}

// mask returns the document's region as a w x h binary mask (255 on the document): the map
// upsampled (bilinear) and cut at probability one half. The caller closes it.
func (m *segMap) mask(w, h int) gocv.Mat {
	pm, err := gocv.NewMatFromBytes(segOutput, segOutput, gocv.MatTypeCV32F, float32Bytes(m.p))
	if err != nil {
		return gocv.NewMatWithSizeFromScalar(gocv.NewScalar(0, 0, 0, 0), h, w, gocv.MatTypeCV8U)
	}
	defer pm.Close()
	up := gocv.NewMat()
	defer up.Close()
	gocv.Resize(pm, &up, imagePoint(w, h), 0, 0, gocv.InterpolationLinear)
	runtime.KeepAlive(m) // pm may point into m.p
	bin := gocv.NewMat()
	defer bin.Close()
	gocv.Threshold(up, &bin, 0.5, 255, gocv.ThresholdBinary)
	out := gocv.NewMat()
	bin.ConvertTo(&out, gocv.MatTypeCV8U)
	return out
}
