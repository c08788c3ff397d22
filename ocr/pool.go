package ocr

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/otiai10/gosseract/v2"
)

// pageMode is a Tesseract page-segmentation mode.
type pageMode = gosseract.PageSegMode

// Page-segmentation modes used by the reader.
const (
	psmBlock pageMode = gosseract.PSM_SINGLE_BLOCK // a block of lines: MRZ, two-line titles
	psmLine  pageMode = gosseract.PSM_SINGLE_LINE  // one line of text: Latin fields
	psmRaw   pageMode = gosseract.PSM_RAW_LINE     // one line, no layout analysis: Chinese fields
	psmChar  pageMode = gosseract.PSM_SINGLE_CHAR  // one character: a doubtful MRZ column
)

// line is one text line that Tesseract read, with its mean confidence (0-100).
type line struct {
	text string
	conf float64
}

// engine is one Tesseract engine, loaded with one language set that never changes: changing the
// language of a gosseract client reloads its model. An engine is used by one goroutine at a time.
type engine struct {
	c         *gosseract.Client
	whitelist string
}

// newEngine creates a client for lang and initialises it at once by reading a blank image, so that
// the model is loaded here rather than in the first read, and so that the page-segmentation mode set
// before each later read is not reset by the initialisation.
func newEngine(lang, prefix string, dpi int) (*engine, error) {
	c := gosseract.NewClient()
	if prefix != "" {
		if err := c.SetTessdataPrefix(prefix); err != nil {
			c.Close()
			return nil, fmt.Errorf("%w: %v", ErrEngine, err)
		}
	}
	if err := c.SetLanguage(strings.Split(lang, "+")...); err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	// The crops carry no resolution; tell Tesseract the one they are cut at.
	c.SetVariable("user_defined_dpi", strconv.Itoa(dpi))
	c.SetVariable(gosseract.DEBUG_FILE, "/dev/null")
	if err := c.SetImageFromBytes(blankPGM); err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	if _, err := c.Text(); err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: language %q: %v", ErrEngine, lang, err)
	}
	return &engine{c: c}, nil
}

// blankPGM is a small white image used to initialise an engine.
var blankPGM = func() []byte {
	const w, h = 16, 16
	b := fmt.Appendf(nil, "P5\n%d %d\n255\n", w, h)
	for range w * h {
		b = append(b, 255)
	}
	return b
}()

// read recognises img (a PGM image) in mode psm with the character whitelist wl ("" for none) and
// returns the text lines found, top to bottom.
func (e *engine) read(img []byte, psm pageMode, wl string) ([]line, error) {
	boxes, err := e.recognise(img, psm, wl, gosseract.RIL_TEXTLINE)
	if err != nil {
		return nil, err
	}
	out := make([]line, 0, len(boxes))
	for _, b := range boxes {
		if t := strings.TrimSpace(b.Word); t != "" {
			out = append(out, line{text: t, conf: b.Confidence})
		}
	}
	return out, nil
}

// symbol is one character that Tesseract read, with its box in the crop and its confidence.
type symbol struct {
	text string
	box  image.Rectangle
	conf float64
}

// readSymbols is read returning each character with its position, in reading order.
func (e *engine) readSymbols(img []byte, psm pageMode, wl string) ([]symbol, error) {
	boxes, err := e.recognise(img, psm, wl, gosseract.RIL_SYMBOL)
	if err != nil {
		return nil, err
	}
	out := make([]symbol, 0, len(boxes))
	for _, b := range boxes {
		if t := strings.TrimSpace(b.Word); t != "" {
			out = append(out, symbol{text: t, box: b.Box, conf: b.Confidence})
		}
	}
	return out, nil
}

// recognise runs Tesseract on img and returns the results at the given level.
//
// gosseract v2.4.1 does not free the C strings Tesseract returns for each result: every call leaks
// a few dozen bytes per line or character read, a few kilobytes per document. That is accepted
// here and documented in the package's Security Considerations.
func (e *engine) recognise(img []byte, psm pageMode, wl string, level gosseract.PageIteratorLevel) ([]gosseract.BoundingBox, error) {
	if wl != e.whitelist {
		if err := e.c.SetWhitelist(wl); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrEngine, err)
		}
		e.whitelist = wl
	}
	// A mode set before the client's initialisation would be lost; the engine was initialised by
	// newEngine, and the mode is set before every read so that reads do not depend on each other.
	if err := e.c.SetPageSegMode(psm); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	if err := e.c.SetImageFromBytes(img); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	boxes, err := e.c.GetBoundingBoxes(level)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrEngine, err)
	}
	return boxes, nil
}

func (e *engine) close() { e.c.Close() }

// pool is a bounded set of engines of one language set, created lazily. A pool is safe for
// concurrent use.
type pool struct {
	lang   string
	prefix string
	dpi    int
	idle   chan *engine  // engines not in use
	slots  chan struct{} // one token per engine created, or being created
	done   chan struct{} // closed by close

	mu     sync.Mutex
	closed bool
	all    []*engine
}

func newPool(lang, prefix string, size, dpi int) *pool {
	return &pool{
		lang: lang, prefix: prefix, dpi: dpi,
		idle:  make(chan *engine, size),
		slots: make(chan struct{}, size),
		done:  make(chan struct{}),
	}
}

// get returns an idle engine, creates one if the pool is not full, or waits for one to be put back.
// Waiting ends with ctx.
func (p *pool) get(ctx context.Context) (*engine, error) {
	e, _, err := p.getTimed(ctx)
	return e, err
}

// getTimed is get that also returns the time spent creating an engine (loading its model), which
// a reading's time budget does not count: it is paid once per engine, not per photo.
func (p *pool) getTimed(ctx context.Context) (*engine, time.Duration, error) {
	select {
	case <-p.done:
		return nil, 0, ErrClosed
	default:
	}
	select {
	case e := <-p.idle:
		return e, 0, nil
	default:
	}
	select {
	case e := <-p.idle:
		return e, 0, nil
	case p.slots <- struct{}{}:
		start := time.Now()
		e, err := p.create()
		if err != nil {
			<-p.slots
			return nil, 0, err
		}
		return e, time.Since(start), nil
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	case <-p.done:
		return nil, 0, ErrClosed
	}
}

func (p *pool) create() (*engine, error) {
	e, err := newEngine(p.lang, p.prefix, p.dpi)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		e.close()
		return nil, ErrClosed
	}
	p.all = append(p.all, e)
	return e, nil
}

// put returns an engine obtained from get. It never blocks: the idle channel holds every engine.
func (p *pool) put(e *engine) { p.idle <- e }

// close waits for every engine in use to be put back, then frees them all.
func (p *pool) close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	close(p.done)
	n := len(p.all)
	p.mu.Unlock()
	for range n {
		e := <-p.idle
		e.close()
	}
}
