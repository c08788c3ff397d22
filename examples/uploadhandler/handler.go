package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// Default limits, used for zero fields of Config.
const (
	// DefaultMaxBytes caps a whole request body: two sides of a 50 MP phone photo fit.
	DefaultMaxBytes = 32 << 20
	// DefaultMaxPixels caps the pixels a photo may declare, as photo.DefaultMaxPixels does.
	DefaultMaxPixels = photo.DefaultMaxPixels
	// DefaultTimeout bounds one request from the end of its upload to its answer.
	DefaultTimeout = 30 * time.Second
	// DefaultQueueWait is how long a request waits for a free check slot before it is refused.
	DefaultQueueWait = 2 * time.Second
	// maxFieldBytes caps each typed text field.
	maxFieldBytes = 1 << 10
)

// Config bounds what a Handler accepts. The zero value means the defaults; JSON tags let a
// deployment keep its limits in a file.
type Config struct {
	// MaxBytes caps the request body (both sides and the typed fields), enforced with
	// http.MaxBytesReader while reading. Default DefaultMaxBytes.
	MaxBytes int64 `json:"max_bytes,omitempty"`
	// MaxPixels caps width*height declared by each photo's header; photo.Inspect refuses a larger
	// photo before anything is decoded. Default DefaultMaxPixels.
	MaxPixels int `json:"max_pixels,omitempty"`
	// Timeout bounds one request from the end of its upload to its answer: waiting for a slot and
	// checking both sides. A stage already inside OpenCV or Tesseract finishes before the request
	// ends. Default DefaultTimeout.
	Timeout time.Duration `json:"timeout,omitempty"`
	// MaxConcurrent is the number of checks that run at once (the decoding and OpenCV work is
	// CPU-bound). Default runtime.GOMAXPROCS(0).
	MaxConcurrent int `json:"max_concurrent,omitempty"`
	// MaxQueued is the number of requests, beyond MaxConcurrent, that may upload and then wait for a
	// check slot. A request that finds MaxConcurrent+MaxQueued requests in the handler is refused at
	// once, before its body is read. Default MaxConcurrent.
	MaxQueued int `json:"max_queued,omitempty"`
	// QueueWait is how long an uploaded request waits for a check slot before it is answered 503
	// with Retry-After. Default DefaultQueueWait.
	QueueWait time.Duration `json:"queue_wait,omitempty"`
	// Logger receives the errors that are not the client's fault. Default slog.Default().
	Logger *slog.Logger `json:"-"`
}

func (c Config) withDefaults() Config {
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.MaxPixels <= 0 {
		c.MaxPixels = DefaultMaxPixels
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = runtime.GOMAXPROCS(0)
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = c.MaxConcurrent
	}
	if c.QueueWait <= 0 {
		c.QueueWait = DefaultQueueWait
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Handler answers POST /check: it checks the uploaded photos of a document's sides and answers with
// the reports as JSON. A Handler is safe for concurrent use; its configuration is fixed by
// NewHandler.
//
// # Memory
//
// Two semaphores bound the memory that requests hold. The admission semaphore has
// MaxConcurrent+MaxQueued places: a request takes one before it reads a byte of its body and keeps
// it until it has answered, and a request that finds no place is answered 503 at once, its body
// unread (it stays in the client's socket and is discarded when the connection closes). The check
// semaphore has MaxConcurrent places: an uploaded request waits for one at most QueueWait. So at
// most MaxConcurrent+MaxQueued uploads of at most MaxBytes each are held (up to twice that for a
// moment while a read buffer grows), whatever the number of clients waiting, and at most
// MaxConcurrent photos are decoded at once. With the defaults on 8 cores that is 16 uploads of
// 32 MiB: 512 MiB at worst, plus the decoding of 8 photos.
//
// The body is read before the check slot is taken, not after, so that a phone uploading slowly
// over a mobile network does not keep a CPU slot idle; the server's ReadTimeout bounds how long an
// upload can take.
type Handler struct {
	checker *precheck.Checker
	cfg     Config
	admit   chan struct{}
	slots   chan struct{}
}

// NewHandler returns a Handler that checks photos with ck within the limits of cfg. ck should be
// built on an analyzer whose own pixel limit is not below cfg.MaxPixels (see newChecker in main.go).
func NewHandler(ck *precheck.Checker, cfg Config) *Handler {
	cfg = cfg.withDefaults()
	return &Handler{
		checker: ck,
		cfg:     cfg,
		admit:   make(chan struct{}, cfg.MaxConcurrent+cfg.MaxQueued),
		slots:   make(chan struct{}, cfg.MaxConcurrent),
	}
}

// Config returns the limits in use, defaults filled in.
func (h *Handler) Config() Config { return h.cfg }

// Error codes of the JSON error answer. They are part of the contract: never renamed.
const (
	CodeEmpty             = "empty"
	CodeUnsupportedFormat = "unsupported_format"
	CodeCorrupt           = "corrupt"
	CodeTooLarge          = "too_large"
	CodeTooSmall          = "too_small"
	CodeBadRequest        = "bad_request"
	CodeBusy              = "busy"
	CodeTimeout           = "timeout"
	CodeInternal          = "internal"
)

// Response is the JSON answer to a successful check.
type Response struct {
	// Verdict is the worst verdict of the sides, in the order of OverallVerdict.
	Verdict precheck.Verdict `json:"verdict"`
	Front   *precheck.Report `json:"front"`
	// Back is absent when no back side was uploaded.
	Back *precheck.Report `json:"back,omitempty"`
	// Annotated holds an annotated PNG per side as a data URL, keyed "front" and "back"; present
	// only when the form field annotate=1 was sent.
	Annotated map[string]string `json:"annotated,omitempty"`
}

// ErrorResponse is the JSON answer when the photos could not be checked.
type ErrorResponse struct {
	Error string `json:"error"`
	Code  string `json:"code"`
	// Side names the side whose photo was refused, "front" or "back", when one was.
	Side string `json:"side,omitempty"`
}

// verdictRank orders the verdicts for OverallVerdict, most urgent first.
var verdictRank = map[precheck.Verdict]int{
	precheck.Retake:   4,
	precheck.Reject:   3,
	precheck.Mismatch: 2,
	precheck.Accept:   1,
}

// OverallVerdict returns the most urgent verdict of the sides: retake, then reject, then mismatch,
// then accept. It is precheck's own order for the issues of one photo: a photo problem asks for a
// retake first, because what was read from a poor photo is not trusted; only then can a document
// be rejected or the typed data be found different.
func OverallVerdict(reports ...*precheck.Report) precheck.Verdict {
	best := precheck.Accept
	for _, r := range reports {
		if r != nil && verdictRank[r.Verdict] > verdictRank[best] {
			best = r.Verdict
		}
	}
	return best
}

// upload is a parsed request.
type upload struct {
	sides    [2][]byte // front, back; back nil when absent
	hasSide  [2]bool
	typed    precheck.Typed
	lang     precheck.Lang
	annotate bool
}

var sideNames = [2]string{"front", "back"}

// ServeHTTP checks the uploaded photos; see the package documentation for the contract.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.fail(w, http.StatusMethodNotAllowed, CodeBadRequest, "", "use POST with a multipart/form-data body")
		return
	}
	if r.ContentLength > h.cfg.MaxBytes {
		h.fail(w, http.StatusRequestEntityTooLarge, CodeTooLarge, "",
			fmt.Sprintf("the request is %d bytes, the limit is %d", r.ContentLength, h.cfg.MaxBytes))
		return
	}
	// Admission: a place here allows holding one upload in memory.
	select {
	case h.admit <- struct{}{}:
		defer func() { <-h.admit }()
	default:
		h.busy(w)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBytes)
	up, status, code, msg := h.read(r)
	if code != "" {
		h.fail(w, status, code, "", msg)
		return
	}
	lim := photo.Limits{MaxBytes: h.cfg.MaxBytes, MaxPixels: h.cfg.MaxPixels}
	for i, data := range up.sides {
		if !up.hasSide[i] {
			continue
		}
		if _, err := photo.Inspect(data, lim); err != nil {
			status, code := inputStatus(err)
			h.fail(w, status, code, sideNames[i], sideNames[i]+": "+err.Error())
			return
		}
	}

	ctx, cancel := context.WithTimeout(r.Context(), h.cfg.Timeout)
	defer cancel()
	release, err := h.acquire(ctx)
	if err != nil {
		h.ctxFail(w, r, err)
		return
	}
	defer release()

	resp := Response{}
	var reports [2]*precheck.Report
	for i, data := range up.sides {
		if !up.hasSide[i] {
			continue
		}
		rep, annotated, err := h.checkSide(ctx, data, up)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				h.ctxFail(w, r, err)
				return
			}
			if status, code := inputStatus(err); code != CodeInternal {
				h.fail(w, status, code, sideNames[i], sideNames[i]+": "+err.Error())
				return
			}
			h.cfg.Logger.Error("check failed", "side", sideNames[i], "err", err)
			h.fail(w, http.StatusInternalServerError, CodeInternal, sideNames[i], "the photo could not be checked")
			return
		}
		reports[i] = rep
		if annotated != "" {
			if resp.Annotated == nil {
				resp.Annotated = map[string]string{}
			}
			resp.Annotated[sideNames[i]] = annotated
		}
	}
	resp.Front, resp.Back = reports[0], reports[1]
	resp.Verdict = OverallVerdict(reports[:]...)
	writeJSON(w, http.StatusOK, resp)
}

// read parses the multipart body, holding at most MaxBytes of it. On failure it returns the status,
// the error code and a message.
func (h *Handler) read(r *http.Request) (up upload, status int, code, msg string) {
	bad := func(format string, a ...any) (upload, int, string, string) {
		return upload{}, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(format, a...)
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return bad("the body must be multipart/form-data")
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	up.lang = precheck.English
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return h.readFail(err)
		}
		name := part.FormName()
		switch name {
		case "front", "back":
			i := 0
			if name == "back" {
				i = 1
			}
			if up.hasSide[i] {
				part.Close()
				return bad("the %s photo was sent twice", name)
			}
			var b bytes.Buffer
			if _, err := b.ReadFrom(part); err != nil {
				part.Close()
				return h.readFail(err)
			}
			// A browser sends an empty back part when no file was chosen: treat it as absent.
			if name == "back" && b.Len() == 0 && part.FileName() == "" {
				part.Close()
				continue
			}
			up.sides[i], up.hasSide[i] = b.Bytes(), true
		case "name", "id", "birth", "expiry", "lang", "annotate":
			v, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
			if err != nil {
				part.Close()
				return h.readFail(err)
			}
			if len(v) > maxFieldBytes {
				part.Close()
				return bad("the field %s is longer than %d bytes", name, maxFieldBytes)
			}
			s := strings.TrimSpace(string(v))
			switch name {
			case "name":
				up.typed.Name = s
			case "id":
				up.typed.IDNumber = s
			case "birth":
				up.typed.BirthDate = s
			case "expiry":
				up.typed.Expiry = s
			case "lang":
				up.lang = precheck.ParseLang(s)
			case "annotate":
				up.annotate = s == "1" || s == "true" || s == "on"
			}
		default:
			// Unknown parts are read and dropped; MaxBytesReader still caps them.
			if _, err := io.Copy(io.Discard, part); err != nil {
				part.Close()
				return h.readFail(err)
			}
		}
		part.Close()
	}
	if !up.hasSide[0] {
		return bad("the front photo (form file \"front\") is required")
	}
	if len(up.sides[0]) == 0 {
		return upload{}, http.StatusBadRequest, CodeEmpty, "front: " + photo.ErrEmpty.Error()
	}
	if up.hasSide[1] && len(up.sides[1]) == 0 {
		return upload{}, http.StatusBadRequest, CodeEmpty, "back: " + photo.ErrEmpty.Error()
	}
	return up, 0, "", ""
}

func (h *Handler) readFail(err error) (upload, int, string, string) {
	if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return upload{}, http.StatusRequestEntityTooLarge, CodeTooLarge,
			fmt.Sprintf("the request is larger than %d bytes", mbe.Limit)
	}
	return upload{}, http.StatusBadRequest, CodeBadRequest, "the multipart body could not be read: " + err.Error()
}

// acquire waits for a check slot, at most QueueWait and not beyond ctx.
func (h *Handler) acquire(ctx context.Context) (release func(), err error) {
	release = func() { <-h.slots }
	select {
	case h.slots <- struct{}{}:
		return release, nil
	default:
	}
	t := time.NewTimer(h.cfg.QueueWait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

var errBusy = errors.New("no check slot became free in time")

// checkSide checks one photo and, when asked, draws the annotated PNG as a data URL.
func (h *Handler) checkSide(ctx context.Context, data []byte, up upload) (*precheck.Report, string, error) {
	rep, p, err := h.checker.CheckPhoto(ctx, data, up.typed)
	if err != nil {
		return nil, "", err
	}
	defer p.Close()
	rep.Localize(up.lang)
	if !up.annotate {
		return rep, "", nil
	}
	qp, ok := p.(*quality.Photo)
	if !ok {
		return rep, "", nil
	}
	png, err := quality.Annotate(qp, quality.ReportAnnotation(rep))
	if err != nil {
		return nil, "", err
	}
	return rep, "data:image/png;base64," + base64.StdEncoding.EncodeToString(png), nil
}

// inputStatus maps an error of photo.Inspect or of the checker to a status and an error code;
// CodeInternal when it wraps no photo.Err* sentinel.
func inputStatus(err error) (int, string) {
	switch {
	case errors.Is(err, photo.ErrEmpty):
		return http.StatusBadRequest, CodeEmpty
	case errors.Is(err, photo.ErrUnsupportedFormat):
		return http.StatusUnsupportedMediaType, CodeUnsupportedFormat
	case errors.Is(err, photo.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, CodeTooLarge
	case errors.Is(err, photo.ErrCorrupt):
		return http.StatusUnprocessableEntity, CodeCorrupt
	case errors.Is(err, photo.ErrTooSmall):
		return http.StatusUnprocessableEntity, CodeTooSmall
	}
	return http.StatusInternalServerError, CodeInternal
}

// ctxFail answers a request whose wait or check ended early: busy, timed out, or abandoned.
func (h *Handler) ctxFail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, errBusy):
		h.busy(w)
	case r.Context().Err() != nil:
		// The client went away (or the server is shutting down): nobody reads an answer.
		w.WriteHeader(http.StatusServiceUnavailable)
	default:
		h.fail(w, http.StatusGatewayTimeout, CodeTimeout, "",
			fmt.Sprintf("the check took longer than %s", h.cfg.Timeout))
	}
}

func (h *Handler) busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(h.cfg.QueueWait.Seconds(), 1)))))
	h.fail(w, http.StatusServiceUnavailable, CodeBusy, "", "the server is busy checking other photos; try again shortly")
}

func (h *Handler) fail(w http.ResponseWriter, status int, code, side, msg string) {
	writeJSON(w, status, ErrorResponse{Error: msg, Code: code, Side: side})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
