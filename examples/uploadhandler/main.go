// Command uploadhandler serves a page on which a user photographs an identity document and types
// their details, and an endpoint that pre-checks the photos before a KYC upload.
//
//	go run ./examples/uploadhandler -addr 127.0.0.1:8080
//
// # Endpoints
//
// GET / serves the upload page (plain HTML and a little JavaScript, sized for a phone).
//
// POST /check takes a multipart/form-data body:
//
//	front     file, required: the photo of the front side
//	back      file, optional: the photo of the back side
//	name      typed name            id      typed ID or document number
//	birth     typed birth date      expiry  typed expiry date
//	lang      message language: en (default) or zh
//	annotate  1 to receive an annotated PNG per side
//
// It answers 200 with
//
//	{"verdict": "accept|retake|mismatch|reject",
//	 "front": Report, "back": Report (absent without a back photo),
//	 "annotated": {"front": "data:image/png;base64,...", "back": "..."} (only with annotate=1)}
//
// where Report is precheck.Report's JSON, its messages in the chosen language. The overall verdict
// is the most urgent of the sides: retake, then reject, then mismatch, then accept (see
// OverallVerdict). When the photos cannot be checked it answers
//
//	{"error": "readable explanation", "code": "...", "side": "front|back" (when one side is at fault)}
//
// with these codes and statuses:
//
//	bad_request         400  not multipart, no front photo, a field too long; 405 for a method other than POST
//	empty               400  a photo of 0 bytes
//	too_large           413  the body exceeds MaxBytes, or a photo declares more than MaxPixels
//	unsupported_format  415  not a JPEG, PNG or WebP (a PDF or HTML page named .jpg)
//	corrupt             422  truncated or malformed image
//	too_small           422  a side shorter than 64 pixels
//	busy                503  no check slot free within QueueWait; Retry-After says when to try again
//	timeout             504  the check took longer than Timeout
//	internal            500  anything else (logged, not shown)
//
// # Security Considerations
//
// Every upload is treated as hostile: the body is capped with http.MaxBytesReader and read as a
// stream (never spooled to disk), each photo's header is read with photo.Inspect and refused above
// MaxPixels before it is decoded, the format is recognised from the bytes and not from the file
// name, and the number of uploads held in memory and of checks running is bounded (see Handler).
// The server sets ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout. Serve it behind TLS:
// the photos are identity documents.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

func main() {
	// Tesseract's OpenMP threads spin against the engines on a small machine; OpenMP reads its thread
	// limit when it loads, before main: unless the caller chose one, the server starts itself again
	// with one thread per engine.
	if _, set := os.LookupEnv("OMP_THREAD_LIMIT"); !set {
		if exe, err := os.Executable(); err == nil {
			_ = syscall.Exec(exe, os.Args, append(os.Environ(), "OMP_THREAD_LIMIT=1"))
		}
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "uploadhandler:", err)
		os.Exit(1)
	}
}

// Server timeouts. ReadTimeout allows a 32 MiB upload at about 1 MB/s from a phone.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	idleTimeout       = 120 * time.Second
)

func run(args []string) error {
	fs := flag.NewFlagSet("uploadhandler", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	var cfg Config
	fs.Int64Var(&cfg.MaxBytes, "max-bytes", DefaultMaxBytes, "largest request body in bytes")
	fs.IntVar(&cfg.MaxPixels, "max-pixels", DefaultMaxPixels, "largest width*height a photo may declare")
	fs.DurationVar(&cfg.Timeout, "timeout", DefaultTimeout, "longest check of one request, after its upload")
	fs.IntVar(&cfg.MaxConcurrent, "concurrency", 0, "checks running at once (default GOMAXPROCS)")
	fs.IntVar(&cfg.MaxQueued, "queue", 0, "uploaded requests waiting for a check slot (default -concurrency)")
	fs.DurationVar(&cfg.QueueWait, "queue-wait", DefaultQueueWait, "longest wait for a check slot before 503")
	preset := fs.String("preset", "normal", "quality thresholds: strict, normal or relaxed")
	qualityOnly := fs.Bool("quality-only", false, "photo checks only: no OCR, nothing compared with the typed fields")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg = cfg.withDefaults()

	var opts []precheck.Option
	if !*qualityOnly {
		rd, closeReader, err := newReader(cfg.MaxConcurrent)
		if err != nil {
			return fmt.Errorf("OCR: %w", err)
		}
		defer closeReader()
		opts = append(opts, precheck.WithReader(rd))
	}
	ck, err := newChecker(*preset, cfg, opts...)
	if err != nil {
		return err
	}
	srv := newServer(NewHandler(ck, cfg))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	slog.Info("serving", "url", "http://"+ln.Addr().String()+"/")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.Timeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newChecker returns a Checker whose analyzer refuses what cfg refuses, with the named thresholds.
func newChecker(preset string, cfg Config, opts ...precheck.Option) (*precheck.Checker, error) {
	cfg = cfg.withDefaults()
	an, err := quality.New(quality.Options{
		Preset: preset,
		Limits: photo.Limits{MaxBytes: cfg.MaxBytes, MaxPixels: cfg.MaxPixels},
	})
	if err != nil {
		return nil, err
	}
	if !an.LineDetector() && !an.ModelsOff() {
		cfg.Logger.Warn("running without the line-segment detector: the document finder misses more cards in cluttered photos; "+
			"run .ci/setup in the checkout, or set "+quality.ModelsEnv+" to its models directory", "preset", preset)
	}
	return precheck.New(an, opts...)
}

// newServer returns the server for h: the page at GET /, the check at /check, and timeouts that
// bound slow clients. WriteTimeout runs from the end of the request's headers, so it covers the
// upload, the wait for a slot and the check.
func newServer(h *Handler) *http.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", servePage)
	mux.Handle("/check", h)
	cfg := h.Config()
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      readTimeout + cfg.QueueWait + cfg.Timeout + 10*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
}
