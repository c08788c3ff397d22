package ocr

import (
	"errors"
	"fmt"
	"runtime"

	"gocv.io/x/gocv"

	"github.com/docprecheck/docprecheck/internal/modeldir"
	"github.com/docprecheck/docprecheck/ocr/ppocr"
)

// ModelsEnv is the environment variable that names the directory of the PP-OCRv4 models when
// Options.ModelsDir is empty: DOCPRECHECK_MODELS, as for package quality.
const ModelsEnv = modeldir.Env

// ModelsOff ("off") is the value of Options.ModelsDir (or of ModelsEnv) that reads with Tesseract
// alone.
const ModelsOff = modeldir.Off

// modelsDir returns the directory of the PP-OCRv4 models to load, or "" to read with Tesseract
// alone, and whether the directory was asked for explicitly (its absence is then an error).
func modelsDir(opt string) (dir string, explicit bool) {
	dir, off := modeldir.Named(opt)
	switch {
	case off:
		return "", false
	case dir != "":
		return dir, true
	}
	return modeldir.Find(ppocr.DictFile), false
}

// loadModels loads the PP-OCRv4 recogniser named by the options, or returns nil when none is to be
// used. A directory named explicitly (Options.ModelsDir or ModelsEnv) must hold the models.
func loadModels(o Options) (*ppocr.Recognizer, error) {
	dir, explicit := modelsDir(o.ModelsDir)
	if dir == "" {
		return nil, nil
	}
	rec, err := ppocr.New(dir, ppocr.WithPoolSize(o.PoolSize))
	if errors.Is(err, ppocr.ErrModelsMissing) && !explicit {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ocr: models in %s: %w", dir, err)
	}
	return rec, nil
}

// Models reports whether the Reader reads Chinese names and authorities with the PP-OCRv4
// recogniser (true) or with Tesseract alone.
func (r *Reader) Models() bool { return r.rec != nil }

// Lacks returns the characters of text, a value typed for field, that the Reader cannot read on a
// document: the characters of a Chinese name outside the PP-OCRv4 recogniser's dictionary, which
// it reads as look-alikes. It returns nil for other fields and when the Reader reads with Tesseract
// alone. Doubt uses it so that a typed name holding such a character is reported unverifiable
// rather than mismatched.
func (r *Reader) Lacks(field, text string) []rune {
	if r.rec == nil || field != "name" {
		return nil
	}
	return r.rec.Lacks(text)
}

// ppRead reads the region r of d, one line of print, with the PP-OCRv4 recogniser, cut in colour at
// 4/3 of Options.PixelsPerMM.
func (s *session) ppRead(d doc, r rectMM) (ppocr.Result, error) {
	crop, err := d.g.cut(s.work, r, s.r.opts.PixelsPerMM*4/3, true)
	if err != nil {
		return ppocr.Result{}, err
	}
	m, err := gocv.NewMatFromBytes(crop.h, crop.w, gocv.MatTypeCV8UC3, crop.pix)
	if err != nil {
		return ppocr.Result{}, err
	}
	defer m.Close()
	defer runtime.KeepAlive(crop.pix) // m points into it (gocv does not copy)
	return s.r.rec.Recognize(s.ctx, m)
}
