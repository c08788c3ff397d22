package quality

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"unsafe"

	"gocv.io/x/gocv"
)

// The line-segment detector is M-LSD's tiny model (Apache-2.0) as converted to ONNX by the npm package
// jp.keijiro.mlsd 1.0.0 and cut at its head by tools/models/rewrite.py; .ci/line-model makes it in
// models/. When the model directory holds it, the finder takes its segments as another source of
// straight edges (fromLines): on soft or cluttered photos it outlines a card's sides where the Canny
// edges of a blurred side break up or join a cable or a page beside it. Without it, the finder uses
// the Canny edges alone.
const (
	// LineModelFile is the file name of the line-segment detector in the model directory.
	LineModelFile = "mlsd_tiny_320.onnx"
	// lineModelSHA256 pins the rewritten model: any other file is refused before OpenCV parses it,
	// because a model OpenCV cannot parse aborts the process.
	lineModelSHA256 = "366333d93032cf2054e8ec399a3cb28acd888b6323a58027420bf7bc1f75fd85"
)

// ErrLineModel is wrapped by New when the model directory holds a line-segment detector that is not
// the expected file.
var ErrLineModel = errors.New("quality: line model")

// The detector's input side and its head: channels of a lineHead x lineHead map (a quarter of the
// input), upsampled twice before decoding as the original graph does.
const (
	lineInput = 320
	lineHead  = lineInput / 4
	lineMap   = lineInput / 2
	// lineCentre is the head's channel of the segments' centre score, lineOffsets the first of its
	// four channels of the offsets from the centre to the two ends (x1, y1, x2, y2), in map cells.
	lineCentre  = 7
	lineOffsets = 8
	lineChans   = 16
	// lineMinScore is the centre score from which a segment is taken: M-LSD's own demonstration uses
	// 0.1 for its tiny model.
	lineMinScore = 0.1
)

// lineDetector runs the line-segment model from a bounded pool of nets: a gocv Net is not safe for
// concurrent use. A lineDetector is safe for concurrent use.
type lineDetector struct {
	netPool
}

// newLineDetector reads and verifies the model in dir; it returns nil without error when dir does not
// hold one (the finder then works without it). It does not parse the model yet.
func newLineDetector(dir string) (*lineDetector, error) {
	path := filepath.Join(dir, LineModelFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLineModel, err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != lineModelSHA256 {
		return nil, fmt.Errorf("%w: %s is not the expected model (sha256 %x; run .ci/line-model)", ErrLineModel, path, sum)
	}
	return &lineDetector{newNetPool(data, ErrLineModel)}, nil
}

// segment is a straight segment from a to b.
type segment struct{ a, b pt }

// detect returns the line segments of the BGR image img at least minLen long, in img's pixels. The
// image is squashed to the model's square input and the segments stretched back.
func (d *lineDetector) detect(img gocv.Mat, minLen float64) ([]segment, error) {
	if img.Empty() || img.Channels() != 3 || img.Type() != gocv.MatTypeCV8UC3 {
		return nil, fmt.Errorf("%w: want a BGR image", ErrLineModel)
	}
	small := gocv.NewMat()
	defer small.Close()
	gocv.Resize(img, &small, imagePoint(lineInput, lineInput), 0, 0, gocv.InterpolationArea)
	pix, err := small.DataPtrUint8()
	if err != nil {
		return nil, err
	}
	// The input is NHWC: red, green, blue (0-255) and a channel of ones.
	in := make([]float32, lineInput*lineInput*4)
	for i := range lineInput * lineInput {
		in[4*i], in[4*i+1], in[4*i+2], in[4*i+3] = float32(pix[3*i+2]), float32(pix[3*i+1]), float32(pix[3*i]), 1
	}
	out, err := d.forward(in, []int{1, lineInput, lineInput, 4})
	if err != nil {
		return nil, err
	}
	defer out.Close()
	if sz := out.Size(); len(sz) != 4 || sz[1] != lineChans || sz[2] != lineHead || sz[3] != lineHead {
		return nil, fmt.Errorf("%w: unexpected output %v", ErrLineModel, sz)
	}
	head, err := out.DataPtrFloat32()
	if err != nil {
		return nil, err
	}
	// Upsample the channels used (bilinear, half-pixel centres, as the graph's Resize).
	var maps [5][]float32
	for k, c := range []int{lineCentre, lineOffsets, lineOffsets + 1, lineOffsets + 2, lineOffsets + 3} {
		ch, err := gocv.NewMatFromBytes(lineHead, lineHead, gocv.MatTypeCV32F, float32Bytes(head[c*lineHead*lineHead:(c+1)*lineHead*lineHead]))
		if err != nil {
			return nil, err
		}
		up := gocv.NewMat()
		gocv.Resize(ch, &up, imagePoint(lineMap, lineMap), 0, 0, gocv.InterpolationLinear)
		ch.Close()
		v, err := up.DataPtrFloat32()
		if err != nil {
			up.Close()
			return nil, err
		}
		maps[k] = append([]float32(nil), v...)
		up.Close()
	}
	// A segment's centre is a local maximum (3 x 3) of the score map, as M-LSD decodes it.
	score := maps[0]
	for i, v := range score {
		score[i] = float32(1 / (1 + math.Exp(-float64(v))))
	}
	sx := float64(img.Cols()) / lineMap
	sy := float64(img.Rows()) / lineMap
	var segs []segment
	for y := range lineMap {
		for x := range lineMap {
			v := score[y*lineMap+x]
			if v < lineMinScore || !localMax(score, lineMap, x, y) {
				continue
			}
			i := y*lineMap + x
			a := pt{(float64(x) + float64(maps[1][i])) * sx, (float64(y) + float64(maps[2][i])) * sy}
			b := pt{(float64(x) + float64(maps[3][i])) * sx, (float64(y) + float64(maps[4][i])) * sy}
			if a.dist(b) >= minLen {
				segs = append(segs, segment{a, b})
			}
		}
	}
	return segs, nil
}

// localMax reports whether the value at (x, y) of the n x n map m is the largest of its 3 x 3
// neighbourhood.
func localMax(m []float32, n, x, y int) bool {
	v := m[y*n+x]
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			xx, yy := x+dx, y+dy
			if xx >= 0 && yy >= 0 && xx < n && yy < n && m[yy*n+xx] > v {
				return false
			}
		}
	}
	return true
}

// float32Bytes views f's memory as bytes (gocv copies it into a Mat).
func float32Bytes(f []float32) []byte {
	if len(f) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&f[0])), len(f)*4)
}
