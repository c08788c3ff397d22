// Command precheck checks photos of identity documents before they are uploaded for KYC: photo
// quality (document found, cut off, blur, glare, shadow, exposure, resolution, tilt), the fields read
// from the document, and what the user typed.
//
//	precheck [flags] PHOTO...
//
// By default it prints a readable summary per photo; -json prints one JSON report per line. The exit
// status is 0 when every photo is accepted, 1 when any is not, 2 for a usage error or an unreadable
// input.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/photo"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

func main() {
	// Tesseract's OpenMP threads spin against the engines on a small machine (reading a card took
	// four times longer on 2 cores). OpenMP reads its thread limit when it loads, before main: unless
	// the caller chose one, the command starts itself again with one thread per engine.
	if _, set := os.LookupEnv("OMP_THREAD_LIMIT"); !set {
		if exe, err := os.Executable(); err == nil {
			_ = syscall.Exec(exe, os.Args, append(os.Environ(), "OMP_THREAD_LIMIT=1"))
		}
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the command line.
type config struct {
	typed       precheck.Typed
	lang        precheck.Lang
	jsonOut     bool
	qualityOnly bool
	annotate    string
	preset      string
	optsFile    string
	kind        string
	today       string
	files       []string
}

func parse(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("precheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: precheck [flags] PHOTO...\n\nChecks photos of identity documents before a KYC upload.\nExit status: 0 all accepted, 1 any not accepted, 2 usage error or unreadable input.\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.typed.Name, "name", "", "name the user typed")
	fs.StringVar(&c.typed.IDNumber, "id", "", "ID or document number the user typed")
	fs.StringVar(&c.typed.BirthDate, "birth", "", "birth date the user typed (1990-01-02, 1990/1/2, 19900102, 1990年1月2日, 02.01.1990)")
	fs.StringVar(&c.typed.Expiry, "expiry", "", "expiry date the user typed")
	lang := fs.String("lang", "en", "message language: en or zh")
	fs.BoolVar(&c.jsonOut, "json", false, "print one JSON report per photo, one per line")
	fs.BoolVar(&c.qualityOnly, "quality-only", false, "photo checks only, no OCR")
	fs.StringVar(&c.annotate, "annotate", "", "write an annotated PNG per photo into this directory")
	fs.StringVar(&c.preset, "preset", "normal", "thresholds: strict, normal or relaxed")
	fs.StringVar(&c.optsFile, "options", "", "JSON file of quality.Options (thresholds); overrides -preset")
	fs.StringVar(&c.kind, "kind", "", "document kind instead of recognising it: cn_id_front, cn_id_back, passport, id_card")
	fs.StringVar(&c.today, "today", "", "today's date for the expiry check, YYYY-MM-DD (default: the system date)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch *lang {
	case "en", "zh":
		c.lang = precheck.Lang(*lang)
	default:
		return c, fmt.Errorf("-lang must be en or zh, not %q", *lang)
	}
	switch c.kind {
	case "", "cn_id_front", "cn_id_back", "passport", "id_card":
	default:
		return c, fmt.Errorf("-kind %q is not one of cn_id_front, cn_id_back, passport, id_card", c.kind)
	}
	if c.today != "" {
		if _, err := time.Parse("2006-01-02", c.today); err != nil {
			return c, fmt.Errorf("-today must be YYYY-MM-DD: %v", err)
		}
	}
	c.files = fs.Args()
	if len(c.files) == 0 {
		fs.Usage()
		return c, errors.New("no photo given")
	}
	return c, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	c, err := parse(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "precheck:", err)
		}
		return 2
	}
	opts := quality.Options{Preset: c.preset}
	if c.optsFile != "" {
		b, err := os.ReadFile(c.optsFile)
		if err == nil {
			err = json.Unmarshal(b, &opts)
		}
		if err != nil {
			fmt.Fprintln(stderr, "precheck: -options:", err)
			return 2
		}
	}
	an, err := quality.New(opts)
	if err != nil {
		fmt.Fprintln(stderr, "precheck:", err)
		return 2
	}
	checkerOpts := []precheck.Option{precheck.WithLanguage(c.lang)}
	if c.kind != "" {
		checkerOpts = append(checkerOpts, precheck.WithKind(precheck.DocumentKind(c.kind)))
	}
	if c.today != "" {
		t, _ := time.Parse("2006-01-02", c.today)
		checkerOpts = append(checkerOpts, precheck.WithClock(func() time.Time { return t }))
	}
	var rd precheck.Reader
	if !c.qualityOnly {
		var closeReader func()
		rd, closeReader, err = newReader()
		if err != nil {
			fmt.Fprintln(stderr, "precheck: OCR:", err)
			return 2
		}
		defer closeReader()
		if rd != nil {
			checkerOpts = append(checkerOpts, precheck.WithReader(rd))
		}
	}
	if missing := missingModels(an, rd); len(missing) > 0 {
		fmt.Fprintf(stderr, "precheck: note: running without %s: no models/ found here or beside the module, and %s is not set. "+
			"Run .ci/setup in the checkout, or set %s to its models directory (%q to run without them and drop this note).\n",
			strings.Join(missing, " and "), quality.ModelsEnv, quality.ModelsEnv, quality.ModelsOff)
	}
	ck, err := precheck.New(an, checkerOpts...)
	if err != nil {
		fmt.Fprintln(stderr, "precheck:", err)
		return 2
	}
	if c.annotate != "" {
		if err := os.MkdirAll(c.annotate, 0o755); err != nil {
			fmt.Fprintln(stderr, "precheck:", err)
			return 2
		}
	}
	status := 0
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, f := range c.files {
		r, err := checkOne(ck, c, f)
		if err != nil {
			fmt.Fprintf(stderr, "precheck: %s: %v\n", f, err)
			if c.jsonOut {
				_ = enc.Encode(map[string]string{"file": f, "error": err.Error(), "error_code": errorCode(err)})
			}
			status = 2
			continue
		}
		if r.Verdict != precheck.Accept && status == 0 {
			status = 1
		}
		if c.jsonOut {
			_ = enc.Encode(r)
		} else {
			printSummary(stdout, r, c.lang)
		}
	}
	return status
}

// missingModels names the optional models the checker runs without, unless they were turned off
// ($DOCPRECHECK_MODELS "off", see Analyzer.ModelsOff): a program run away from its checkout finds
// none, and its finder then misses more of the cards in cluttered photos.
func missingModels(an *quality.Analyzer, rd precheck.Reader) []string {
	if an.ModelsOff() {
		return nil
	}
	var missing []string
	if !an.LineDetector() {
		missing = append(missing, "the line-segment detector (the document finder misses more cards in cluttered photos)")
	}
	if r, ok := rd.(*ocr.Reader); ok && !r.Models() {
		missing = append(missing, "the PP-OCRv4 recogniser (Chinese fields are read by Tesseract alone)")
	}
	return missing
}

// errorCode names the kind of input error, for machine-readable output.
func errorCode(err error) string {
	switch {
	case errors.Is(err, photo.ErrEmpty):
		return "empty"
	case errors.Is(err, photo.ErrUnsupportedFormat):
		return "unsupported_format"
	case errors.Is(err, photo.ErrCorrupt):
		return "corrupt"
	case errors.Is(err, photo.ErrTooLarge):
		return "too_large"
	case errors.Is(err, photo.ErrTooSmall):
		return "too_small"
	}
	return "unreadable"
}

func checkOne(ck *precheck.Checker, c config, file string) (*precheck.Report, error) {
	data, err := readLimited(file, photo.DefaultMaxBytes)
	if err != nil {
		return nil, err
	}
	r, p, err := ck.CheckPhoto(context.Background(), data, c.typed)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	r.File = file
	if c.annotate != "" {
		qp, ok := p.(*quality.Photo)
		if ok {
			png, err := quality.Annotate(qp, quality.ReportAnnotation(r))
			if err == nil {
				name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + ".png"
				err = os.WriteFile(filepath.Join(c.annotate, name), png, 0o644)
			}
			if err != nil {
				return nil, fmt.Errorf("annotate: %w", err)
			}
		}
	}
	return r, nil
}

// readLimited reads a file, refusing one larger than limit without reading it all.
func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: larger than %d bytes", photo.ErrTooLarge, limit)
	}
	return data, nil
}

func printSummary(w io.Writer, r *precheck.Report, lang precheck.Lang) {
	verdicts := map[precheck.Verdict][2]string{
		precheck.Accept:   {"ACCEPT", "通过"},
		precheck.Retake:   {"RETAKE", "请重拍"},
		precheck.Mismatch: {"MISMATCH", "信息不一致"},
		precheck.Reject:   {"REJECT", "证件无法通过"},
	}
	k := 0
	if lang == precheck.Chinese {
		k = 1
	}
	fmt.Fprintf(w, "%s: %s  (document: %s; %.0f ms)\n", r.File, verdicts[r.Verdict][k], r.Document.Kind, r.Timings.Total)
	for _, is := range r.Issues {
		if is.Threshold != 0 {
			fmt.Fprintf(w, "  - [%s] %s (score %.3g, threshold %.3g)\n", is.Code, is.Message, is.Score, is.Threshold)
		} else {
			fmt.Fprintf(w, "  - [%s] %s\n", is.Code, is.Message)
		}
	}
	f := r.Fields
	for _, kv := range [][2]string{{"name", f.Name}, {"id_number", f.IDNumber}, {"birth_date", f.BirthDate}, {"expiry", f.Expiry}} {
		if kv[1] == "" {
			continue
		}
		m := r.Matches[kv[0]]
		if m != "" {
			m = "  [" + m + "]"
		}
		fmt.Fprintf(w, "  %-10s %s%s\n", kv[0], kv[1], m)
	}
	if r.Document.MRZ != nil {
		fmt.Fprintf(w, "  mrz (%s, valid=%v): %s\n", r.Document.MRZ.Format, r.Document.MRZ.Valid, strings.Join(r.Document.MRZ.Lines, " / "))
	}
}
