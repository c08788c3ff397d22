package ppocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"gocv.io/x/gocv"
)

// Height is the height, in pixels, every line is scaled to before recognition.
const Height = 48

// DictFile is the name of the recogniser's dictionary in the model directory.
const DictFile = "ppocr_keys_v1.txt"

// ModelWidths returns the input widths New looks for, narrowest first; ModelFile names their files.
func ModelWidths() []int {
	return []int{320, 640, 960}
}

// ModelFile returns the name, in the model directory, of the recogniser whose input is width
// pixels wide (as .ci/models writes it).
func ModelFile(width int) string {
	return fmt.Sprintf("ch_PP-OCRv4_rec_w%d.onnx", width)
}

// A Recognizer reads one line of printed Chinese, Latin letters and digits with PaddleOCR's
// PP-OCRv4 recogniser run by OpenCV's dnn module. It is safe for concurrent use: it keeps a pool of
// loaded models per input width and lends each to one goroutine at a time.
type Recognizer struct {
	mu     sync.RWMutex // held for reading by Recognize, for writing by Close
	closed bool
	widths []int            // input widths loaded, ascending
	pools  []chan *gocv.Net // pools[i] holds the models of widths[i]
	dict   []string         // class k+1 is dict[k]; class 0 is the CTC blank
	known  map[rune]bool    // the single-character entries of dict
	trim   bool             // trim lines to their band of ink
	nets   []*gocv.Net      // every model loaded, for Close
}

// Char is one character of a reading.
type Char struct {
	// Text is the character (a dictionary entry).
	Text string `json:"text"`
	// Confidence is the model's probability for the character, from 0 to 1.
	Confidence float64 `json:"confidence"`
	// Step is the model's output column where the character was read; a column covers 8 pixels of
	// the line scaled to 48 pixels high.
	Step int `json:"step"`
	// RunnerUp is the character the model found next most probable at the column where Text was
	// most probable (blank aside), and RunnerUpConfidence its probability there.
	RunnerUp           string  `json:"runner_up,omitempty"`
	RunnerUpConfidence float64 `json:"runner_up_confidence,omitempty"`
}

// Result is the reading of one line.
type Result struct {
	// Text is the line as read; empty when nothing was read.
	Text string `json:"text"`
	// Chars are the characters of Text with their confidences.
	Chars []Char `json:"chars"`
	// MinConfidence is the lowest character confidence (0 when nothing was read): compare this and
	// GapConfidence, not MeanConfidence, with a threshold before trusting the reading (Confident).
	// It does not reveal a character the dictionary lacks, which is read as a confident look-alike
	// or dropped: see Lacks.
	MinConfidence float64 `json:"min_confidence"`
	// MeanConfidence is the mean character confidence (0 when nothing was read).
	MeanConfidence float64 `json:"mean_confidence"`
	// Width is the input width of the model that read the line.
	Width int `json:"width"`
	// GapConfidence is the lowest probability of "no character here" among the model's columns
	// where no character was read (1 when there are none). A low value means a character may have
	// been dropped: the model hesitated between reading one and reading nothing.
	GapConfidence float64 `json:"gap_confidence"`
	// Box is the part of the line that was read, in the line's pixel coordinates: the band of ink
	// found in it (see WithTrim), or the whole line.
	Box image.Rectangle `json:"box"`
	// Squeezed is true when the line was too long for the widest model and was narrowed to fit,
	// which lowers accuracy: cut such a line in two.
	Squeezed bool `json:"squeezed"`
}

// ConfidentLevel is a confidence below which a reading should not be trusted, as measured on
// test lines of names and numbers drawn small, tilted and JPEG-compressed: 17 of the 20 misread
// lines were not Confident at this level (the 3 that were: 堃 read as 望, alone or in 龚堃), nor
// were 20 of the 48 lines read exactly, many of them digit strings, whose GapConfidence is lower
// (the model hesitates between repeated digits). Use it with Result.Confident; a caller that can
// check the text otherwise (the identity number's check character) need not.
const ConfidentLevel = 0.8

// Confident reports whether something was read, every character's confidence is at least min, and
// the blank's probability was at least min at every column where nothing was read (GapConfidence).
func (r Result) Confident(min float64) bool {
	return len(r.Chars) > 0 && r.MinConfidence >= min && r.GapConfidence >= min
}

// New loads the recogniser models and dictionary from dir, as made by .ci/models: DictFile and
// ModelFile(w) for each w of ModelWidths that is present. It returns an error wrapping
// ErrModelsMissing when the dictionary or every model is missing, and ErrModel when a model's
// output does not match the dictionary. Each model is run once on a blank line to check it. The files must be trusted: a
// malformed model aborts the process inside OpenCV.
func New(dir string, opts ...Option) (*Recognizer, error) {
	cfg := config{poolSize: 1, trim: true}
	for _, o := range opts {
		o.apply(&cfg)
	}
	f, err := os.Open(filepath.Join(dir, DictFile))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %v", ErrModelsMissing, err)
		}
		return nil, err
	}
	dict, err := readDict(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	r := &Recognizer{dict: dict, known: make(map[rune]bool, len(dict)), trim: cfg.trim}
	for _, e := range dict {
		if rs := []rune(e); len(rs) == 1 {
			r.known[rs[0]] = true
		}
	}
	for _, w := range ModelWidths() {
		path := filepath.Join(dir, ModelFile(w))
		fi, err := os.Stat(path)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
			continue
		}
		pool := make(chan *gocv.Net, cfg.poolSize)
		for range cfg.poolSize {
			net := gocv.ReadNetFromONNX(path)
			if net.Empty() {
				net.Close()
				r.Close()
				return nil, fmt.Errorf("%w: OpenCV could not load %s", ErrModel, path)
			}
			r.nets = append(r.nets, &net)
			if err := r.check(&net, w); err != nil {
				r.Close()
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			pool <- &net
		}
		r.widths = append(r.widths, w)
		r.pools = append(r.pools, pool)
	}
	if len(r.widths) == 0 {
		return nil, fmt.Errorf("%w: no %s in %s", ErrModelsMissing, ModelFile(ModelWidths()[0]), dir)
	}
	return r, nil
}

// check runs net on a blank line and checks the shape of its output.
func (r *Recognizer) check(net *gocv.Net, width int) error {
	canvas := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(127.5, 127.5, 127.5, 0), Height, width, gocv.MatTypeCV32FC3)
	defer canvas.Close()
	_, _, err := r.run(net, canvas, width)
	return err
}

// Widths returns the input widths of the models loaded, narrowest first.
func (r *Recognizer) Widths() []int {
	return slices.Clone(r.widths)
}

// Lacks returns the characters of s, in order and without repeats, that the recogniser's
// dictionary does not hold and that it therefore can never read. The model reads such a character
// as a look-alike, often confidently (赟 as 赞 with a confidence above 0.95), or not at all: a
// caller comparing a reading with an expected text (the name a user typed) should treat a text
// for which Lacks is not empty as unverifiable by this recogniser, whatever the confidence.
func (r *Recognizer) Lacks(s string) []rune {
	var out []rune
	for _, c := range s {
		if !r.known[c] && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Recognize reads line, a crop holding one line of text (8-bit grey, BGR or BGRA), the text
// horizontal. Unless WithTrim(false) was given, the crop is first trimmed to its band of ink (the
// band of rows with the most ink after Otsu binarisation, and a quarter of its height around it):
// the model misreads text that does not fill most of the height. The line is then scaled to 48 pixels high keeping
// its aspect ratio and padded on the right to the narrowest model input that holds it (or squeezed
// into the widest, see Result.Squeezed). The context is checked before waiting for a model and
// while waiting; a line already inside OpenCV cannot be interrupted (tens of milliseconds).
func (r *Recognizer) Recognize(ctx context.Context, line gocv.Mat) (Result, error) {
	return r.recognize(ctx, line, r.trim)
}

// RecognizeGlyph reads glyph, a crop cut to the ink of one character (8-bit grey, BGR or BGRA),
// without trimming it: the character fills the model's whole height. Read so, alone, the model
// leans less to a common look-alike than in its line (佘 read 余 in a name was read 佘 alone on 21
// of 30 test cards), though it is still often wrong (逄 read 逢 on 29 of 30 stayed 逢); use it as a
// second opinion on one doubted character, not to read a line. It is safe for concurrent use, as Recognize is.
func (r *Recognizer) RecognizeGlyph(ctx context.Context, glyph gocv.Mat) (Result, error) {
	return r.recognize(ctx, glyph, false)
}

// recognize is Recognize, trimming line to its band of ink when trim is set.
func (r *Recognizer) recognize(ctx context.Context, line gocv.Mat, trim bool) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return Result{}, ErrClosed
	}
	canvas, box, width, squeezed, err := prepare(line, r.widths, trim)
	if err != nil {
		return Result{}, err
	}
	defer canvas.Close()
	pool := r.pools[slices.Index(r.widths, width)]
	var net *gocv.Net
	select {
	case net = <-pool:
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	defer func() { pool <- net }()
	chars, gap, err := r.run(net, canvas, width)
	if err != nil {
		return Result{}, err
	}
	res := Result{Chars: chars, GapConfidence: gap, Box: box, Width: width, Squeezed: squeezed}
	var b strings.Builder
	for i, c := range chars {
		b.WriteString(c.Text)
		if i == 0 || c.Confidence < res.MinConfidence {
			res.MinConfidence = c.Confidence
		}
		res.MeanConfidence += c.Confidence
	}
	if len(chars) > 0 {
		res.MeanConfidence /= float64(len(chars))
	}
	res.Text = b.String()
	return res, nil
}

// run feeds canvas (48 x width, CV_32FC3, pixel values 0-255) to net and decodes its output.
func (r *Recognizer) run(net *gocv.Net, canvas gocv.Mat, width int) ([]Char, float64, error) {
	// (x/255-0.5)/0.5 = (x-127.5)/127.5, PaddleOCR's normalisation; BGR order, as PaddleOCR reads.
	blob := gocv.BlobFromImage(canvas, 1/127.5, image.Pt(width, Height), gocv.NewScalar(127.5, 127.5, 127.5, 0), false, false)
	defer blob.Close()
	net.SetInput(blob, "")
	out := net.Forward("")
	defer out.Close()
	dims := out.Size()
	classes := len(r.dict) + 1
	if len(dims) != 3 || dims[0] != 1 || dims[1] != width/8 || dims[2] != classes || out.Type() != gocv.MatTypeCV32F {
		return nil, 0, fmt.Errorf("%w: output %v for a %d-pixel line, want [1 %d %d] float32", ErrModel, dims, width, width/8, classes)
	}
	probs, err := out.DataPtrFloat32()
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrModel, err)
	}
	chars, gap := decode(probs, dims[1], classes, r.dict)
	return chars, gap, nil
}

// pickWidth returns the model width for a line of the given size: the narrowest that holds the line
// scaled to Height, else the widest (squeezed). scaled is the line's width once scaled.
func pickWidth(cols, rows int, widths []int) (width, scaled int, squeezed bool) {
	scaled = int(math.Ceil(float64(Height) * float64(cols) / float64(rows)))
	scaled = max(scaled, 1)
	for _, w := range widths {
		if scaled <= w {
			return w, scaled, false
		}
	}
	w := widths[len(widths)-1]
	return w, w, true
}

// prepare checks line, trims it to its band of ink when trim is set, and returns it scaled to
// Height, as float BGR 0-255, padded on the right with mid-grey (zero once normalised, as PaddleOCR
// pads) to the chosen model width, with the part of line it holds.
func prepare(line gocv.Mat, widths []int, trim bool) (canvas gocv.Mat, box image.Rectangle, width int, squeezed bool, err error) {
	if line.Empty() || line.Rows() < 1 || line.Cols() < 1 {
		return gocv.Mat{}, box, 0, false, fmt.Errorf("%w: empty", ErrImage)
	}
	bgr := gocv.NewMat()
	defer bgr.Close()
	switch line.Type() {
	case gocv.MatTypeCV8UC1:
		gocv.CvtColor(line, &bgr, gocv.ColorGrayToBGR)
	case gocv.MatTypeCV8UC3:
		line.CopyTo(&bgr)
	case gocv.MatTypeCV8UC4:
		gocv.CvtColor(line, &bgr, gocv.ColorBGRAToBGR)
	default:
		return gocv.Mat{}, box, 0, false, fmt.Errorf("%w: Mat type %v", ErrImage, line.Type())
	}
	box = image.Rect(0, 0, bgr.Cols(), bgr.Rows())
	if trim {
		gray := gocv.NewMat()
		gocv.CvtColor(bgr, &gray, gocv.ColorBGRToGray)
		if b, ok := inkBox(inkMask(gray), gray.Cols(), gray.Rows()); ok {
			box = b
		}
		gray.Close()
	}
	src := bgr.Region(box)
	defer src.Close()
	width, scaled, squeezed := pickWidth(box.Dx(), box.Dy(), widths)
	resized := gocv.NewMat()
	defer resized.Close()
	gocv.Resize(src, &resized, image.Pt(scaled, Height), 0, 0, gocv.InterpolationLinear)
	fl := gocv.NewMat()
	defer fl.Close()
	resized.ConvertTo(&fl, gocv.MatTypeCV32FC3)
	canvas = gocv.NewMatWithSizeFromScalar(gocv.NewScalar(127.5, 127.5, 127.5, 0), Height, width, gocv.MatTypeCV32FC3)
	roi := canvas.Region(image.Rect(0, 0, scaled, Height))
	fl.CopyTo(&roi)
	roi.Close()
	return canvas, box, width, squeezed, nil
}

// Close frees the models, after waiting for the recognitions in progress. Recognize returns
// ErrClosed afterwards. Close is idempotent.
func (r *Recognizer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	for _, n := range r.nets {
		n.Close()
	}
	r.nets, r.pools = nil, nil
	return nil
}
