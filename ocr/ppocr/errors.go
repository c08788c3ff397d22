package ppocr

import "errors"

// ErrModelsMissing is returned, wrapped with the missing file's path, by New when the model
// directory lacks the dictionary or every recogniser model. Callers fall back to another reader.
var ErrModelsMissing = errors.New("ppocr: model files missing")

// ErrModel is returned, wrapped with details, by New when a model's output does not fit the
// dictionary (a model and dictionary from different releases) or the dictionary is malformed.
var ErrModel = errors.New("ppocr: model does not match its dictionary")

// ErrImage is returned, wrapped with details, by Recognize for a line image it cannot read: empty,
// or not 8-bit grey, BGR or BGRA.
var ErrImage = errors.New("ppocr: unsupported line image")

// ErrClosed is returned by Recognize after Close.
var ErrClosed = errors.New("ppocr: recognizer closed")
