// Command realreport measures the checker on real photos and scans: the sets of the folder that
// corpus.RealdataDir names (GICSD phone frames, the MIDV-500 frame, passport scans with their MRZ,
// specimen scans and templates), each scored with its own labels.
//
//	go run ./examples/realreport [-root DIR] [-sets gicsd,midv500,mrz-passports,specimens,reframed,ondesk] [-read] [-v] [-annotate DIR]
//
// Per set it prints the rates its labels allow and the time per photo (median, p95, max), measured
// one photo at a time unless -workers says otherwise. -read also reads the documents (package ocr)
// and scores the MRZ; without it only the photo checks run. GICSD
// frames are split by document type (types 1-25 and 27-49), so that a rule chosen on one half is seen
// on the other. The reframed set is the passport scans framed again (see reportReframed): the same
// page in another scan's framing gets the same answer. The ondesk set is real documents' print (the
// MIDV-2020 templates) drawn on GICSD frames as desks through a pinhole camera (see reportOnDesk),
// the same photos on every run: whole, large cards whose corners are known. The photo checks use the models of
// $DOCPRECHECK_MODELS when it is set (DOCPRECHECK_MODELS=models: the finder with the line-segment
// detector, and the portrait measure).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/ocr"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

type result struct {
	ph     corpus.RealPhoto
	rep    *precheck.Report
	err    error
	photoS float64 // decode and photo checks
	totalS float64 // the whole check
	iou    float64
}

func (r result) has(codes ...precheck.Code) bool {
	if r.rep == nil {
		return false
	}
	for _, is := range r.rep.Issues {
		if slices.Contains(codes, is.Code) {
			return true
		}
	}
	return false
}

func (r result) codes() string {
	if r.err != nil {
		return "error: " + r.err.Error()
	}
	var s []string
	for _, is := range r.rep.Issues {
		c := string(is.Code)
		if is.Field != "" {
			c += "(" + is.Field + ")"
		}
		s = append(s, c)
	}
	return string(r.rep.Verdict) + " " + strings.Join(s, ",")
}

func main() {
	root := flag.String("root", "", "folder of the real sets (default: corpus.RealdataDir)")
	sets := flag.String("sets", "gicsd,midv500,mrz-passports,specimens,reframed,ondesk", "sets to measure, comma-separated")
	read := flag.Bool("read", false, "also read the documents (OCR) and score the MRZ")
	verbose := flag.Bool("v", false, "list every miss")
	annotate := flag.String("annotate", "", "write an annotated PNG of every miss into this folder")
	// One photo at a time by default: the time per photo is then the latency a user sees, not the
	// latency of photos competing for the same cores.
	workers := flag.Int("workers", 1, "photos checked at once (the times are per photo only at 1)")
	flag.Parse()

	dir := *root
	if dir == "" {
		var ok bool
		if dir, ok = corpus.RealdataDir(); !ok {
			fmt.Fprintf(os.Stderr, "realreport: real sets not found at %q (set %s or -root)\n", dir, corpus.RealdataEnv)
			os.Exit(2)
		}
	}
	an, err := quality.New(quality.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "realreport:", err)
		os.Exit(2)
	}
	opts := []precheck.Option{}
	if *read {
		rd, err := ocr.New(ocr.Options{PoolSize: *workers})
		if err != nil {
			fmt.Fprintln(os.Stderr, "realreport:", err)
			os.Exit(2)
		}
		defer rd.Close()
		opts = append(opts, precheck.WithReader(rd))
	}
	ck, _ := precheck.New(an, opts...)
	if *annotate != "" {
		if err := os.MkdirAll(*annotate, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "realreport:", err)
			os.Exit(2)
		}
	}
	loaders := map[string]func(string) ([]corpus.RealPhoto, error){
		"gicsd": corpus.LoadGICSD, "midv500": corpus.LoadMIDV500Frame,
		"mrz-passports": corpus.LoadMRZPassports, "specimens": corpus.LoadSpecimens,
	}
	for _, name := range strings.Split(*sets, ",") {
		if name == "reframed" { // the passport scans, framed again: its own report
			reportReframed(ck, dir, *annotate, *verbose)
			continue
		}
		if name == "ondesk" { // the templates drawn on GICSD desks: its own report
			reportOnDesk(ck, dir, *annotate, *verbose)
			continue
		}
		load, ok := loaders[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "realreport: unknown set %q\n", name)
			os.Exit(2)
		}
		photos, err := load(dir)
		if err != nil {
			fmt.Printf("## %s\n\nskipped: %v\n\n", name, err)
			continue
		}
		res := run(ck, photos, *workers, *annotate, *read)
		fmt.Printf("## %s (%d images)\n\n", name, len(photos))
		switch name {
		case "gicsd":
			reportGICSD(res, *verbose)
		case "midv500":
			reportMIDV(res)
		case "mrz-passports":
			reportPassports(res, *read, *verbose)
		case "specimens":
			reportSpecimens(res, *read)
		}
		reportTimes(res, *read, *workers)
	}
}

// missed tells, for the annotation, whether a result goes against its labels.
func missed(r result, read bool) bool {
	if r.rep == nil {
		return true
	}
	switch r.ph.Set {
	case "gicsd":
		told := r.has(precheck.CodeCutoff, precheck.CodeNoDocument)
		return told == (r.ph.Visibility == corpus.FullVisibility)
	case "midv500":
		return r.iou < 0.95 || r.rep.Verdict != precheck.Accept
	case "reframed":
		return r.has(precheck.CodeCutoff) != (r.ph.Group == cropInside) || r.has(precheck.CodeTooBright, precheck.CodeGlare)
	case "ondesk":
		return r.iou < 0.9 || photoRetake(r)
	case "mrz-passports":
		wantCut := r.ph.Group == "JPN"
		return r.has(precheck.CodeCutoff) != wantCut || r.has(precheck.CodeTooBright, precheck.CodeGlare) ||
			(read && !mrzExact(r))
	}
	return r.rep.Verdict != precheck.Accept
}

func run(ck *precheck.Checker, photos []corpus.RealPhoto, workers int, annotate string, read bool) []result {
	out := make([]result, len(photos))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = checkOne(ck, photos[i], annotate, read)
			}
		}()
	}
	for i := range photos {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func checkOne(ck *precheck.Checker, ph corpus.RealPhoto, annotate string, read bool) result {
	r := result{ph: ph}
	data, err := os.ReadFile(ph.Path)
	if err != nil {
		r.err = err
		return r
	}
	return checkData(ck, ph, data, annotate, read)
}

// checkData checks one photo's bytes; ph says what it is.
func checkData(ck *precheck.Checker, ph corpus.RealPhoto, data []byte, annotate string, read bool) result {
	r := result{ph: ph}
	t0 := time.Now()
	rep, p, err := ck.CheckPhoto(context.Background(), data, precheck.Typed{})
	r.totalS = time.Since(t0).Seconds()
	if err != nil {
		r.err = err
		return r
	}
	defer p.Close()
	r.rep = rep
	r.photoS = (rep.Timings.Decode + rep.Timings.Quality) / 1000
	if ph.Quad != nil && rep.Document.Corners != nil {
		var q [4][2]float64
		for i, c := range rep.Document.Corners {
			q[i] = [2]float64{c[0], c[1]}
		}
		r.iou = corpus.QuadIoU(q, *ph.Quad)
	}
	if annotate != "" && missed(r, read) {
		if qp, ok := p.(*quality.Photo); ok {
			if png, err := quality.Annotate(qp, quality.ReportAnnotation(rep)); err == nil {
				// The image's extension is the file's: a reframed scan's name goes on after it with its
				// framing ("BEL/00.jpg cropped-to-the-page"), and each framing has a picture of its own.
				name := strings.NewReplacer("/", "_", " ", "_").Replace(strings.Replace(ph.Name, filepath.Ext(ph.Path), "", 1)) + ".png"
				_ = os.WriteFile(filepath.Join(annotate, name), png, 0o644)
			}
		}
	}
	return r
}

func typeNumber(r result) int {
	n, _ := strconv.Atoi(r.ph.Group)
	return n
}

func reportGICSD(res []result, verbose bool) {
	fmt.Println("| document types | label | frames | told cutoff or no_document | rate wanted |")
	fmt.Println("|---|---|---|---|---|")
	for _, half := range []struct {
		name   string
		lo, hi int
	}{{"1-25", 1, 25}, {"27-49", 27, 49}, {"all", 1, 49}} {
		for _, label := range []string{corpus.FullVisibility, corpus.PartialVisibility, corpus.NoVisibility} {
			n, told := 0, 0
			for _, r := range res {
				if t := typeNumber(r); t < half.lo || t > half.hi || r.ph.Visibility != label {
					continue
				}
				n++
				if r.has(precheck.CodeCutoff, precheck.CodeNoDocument) {
					told++
				}
			}
			want := "told"
			rate := float64(told) / float64(max(n, 1))
			if label == corpus.FullVisibility {
				want, rate = "not told", 1-rate
			}
			fmt.Printf("| %s | %s | %d | %d | %s %.2f |\n", half.name, label, n, told, want, rate)
		}
	}
	counts := map[precheck.Code]int{}
	nFull := 0
	for _, r := range res {
		if r.ph.Visibility != corpus.FullVisibility || r.rep == nil {
			continue
		}
		nFull++
		for _, is := range r.rep.Issues {
			counts[is.Code]++
		}
	}
	fmt.Printf("\nCodes on the %d FULL_VISIBILITY frames:", nFull)
	printCounts(counts)
	if verbose {
		for _, r := range res {
			if missed(r, false) {
				fmt.Printf("  miss %s %s: %s\n", r.ph.Name, r.ph.Visibility, r.codes())
			}
		}
	}
}

func printCounts(counts map[precheck.Code]int) {
	for _, c := range countList(counts) {
		fmt.Printf(" %s", c)
	}
	fmt.Println()
	fmt.Println()
}

// countList lists the codes counted, each with its count ("blur 3"), in code order.
func countList(counts map[precheck.Code]int) []string {
	var keys []string
	for k := range counts {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%s %d", k, counts[precheck.Code(k)])
	}
	return out
}

func reportMIDV(res []result) {
	for _, r := range res {
		fmt.Printf("%s: corner IoU %.3f, %s\n\n", r.ph.Name, r.iou, r.codes())
	}
}

func mrzExact(r result) bool {
	return r.rep != nil && r.rep.Document.MRZ != nil && slices.Equal(r.rep.Document.MRZ.Lines, r.ph.MRZ)
}

func reportPassports(res []result, read, verbose bool) {
	fmt.Println("| country | scans | cutoff | too_bright | glare | other retakes | MRZ exact | valid but wrong |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	groups := map[string][]result{}
	var names []string
	for _, r := range res {
		if groups[r.ph.Group] == nil {
			names = append(names, r.ph.Group)
		}
		groups[r.ph.Group] = append(groups[r.ph.Group], r)
	}
	sort.Strings(names)
	names = append(names, "all")
	groups["all"] = res
	for _, g := range names {
		var cut, bright, gl, other, exact, wrong int
		for _, r := range groups[g] {
			if r.has(precheck.CodeCutoff) {
				cut++
			}
			if r.has(precheck.CodeTooBright) {
				bright++
			}
			if r.has(precheck.CodeGlare) {
				gl++
			}
			if r.rep != nil {
				for _, is := range r.rep.Issues {
					if !slices.Contains([]precheck.Code{precheck.CodeCutoff, precheck.CodeTooBright, precheck.CodeGlare}, is.Code) && is.Code != precheck.CodeUnreadable && photoCode(is.Code) {
						other++
						break
					}
				}
			}
			if mrzExact(r) {
				exact++
			} else if r.rep != nil && r.rep.Document.MRZ != nil && r.rep.Document.MRZ.Valid {
				wrong++
			}
		}
		ex, wr := "-", "-"
		if read {
			ex, wr = fmt.Sprintf("%d (%.2f)", exact, float64(exact)/float64(len(groups[g]))), strconv.Itoa(wrong)
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %s | %s |\n", g, len(groups[g]), cut, bright, gl, other, ex, wr)
	}
	fmt.Println("\nJPN's scans are cropped inside the page: `cutoff` is right there and wrong elsewhere.")
	fmt.Println()
	if verbose {
		for _, r := range res {
			if missed(r, read) {
				got := ""
				if read && r.rep != nil && r.rep.Document.MRZ != nil {
					got = fmt.Sprintf(" MRZ %q valid=%v", r.rep.Document.MRZ.Lines, r.rep.Document.MRZ.Valid)
				}
				fmt.Printf("  miss %s: %s%s\n", r.ph.Name, r.codes(), got)
			}
		}
		fmt.Println()
	}
}

// photoCode tells the photo-quality codes (a retake for the photo itself).
func photoCode(c precheck.Code) bool {
	return slices.Contains(corpus.PhotoCodes, string(c))
}

func reportSpecimens(res []result, read bool) {
	for _, r := range res {
		mrz := ""
		if read {
			switch {
			case r.rep == nil || r.rep.Document.MRZ == nil:
				mrz = ", no MRZ read"
			default:
				mrz = fmt.Sprintf(", MRZ valid=%v exact=%v", r.rep.Document.MRZ.Valid, len(r.ph.MRZ) > 0 && mrzExact(r))
			}
			if r.rep != nil {
				mrz += ", kind " + string(r.rep.Document.Kind)
			}
		}
		fmt.Printf("- %s: %s%s\n", r.ph.Name, r.codes(), mrz)
	}
	fmt.Println()
}

func reportTimes(res []result, read bool, workers int) {
	var photo, total []float64
	for _, r := range res {
		if r.rep != nil {
			photo = append(photo, r.photoS)
			total = append(total, r.totalS)
		}
	}
	p := func(v []float64) string {
		if len(v) == 0 {
			return "-"
		}
		sort.Float64s(v)
		return fmt.Sprintf("median %.3f s, p95 %.3f s, max %.3f s", v[len(v)/2], v[min(len(v)-1, len(v)*95/100)], v[len(v)-1])
	}
	at := ""
	if workers > 1 {
		at = fmt.Sprintf(" (%d photos at once)", workers)
	}
	fmt.Printf("Time per photo, decode and photo checks: %s%s\n", p(photo), at)
	if read {
		fmt.Printf("Time per photo, whole check: %s%s\n", p(total), at)
	}
	fmt.Println()
}
