package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/docprecheck/docprecheck/precheck"
)

// Label is what the corpus says about one photo.
type Label struct {
	File       string            `json:"file"`
	Width      int               `json:"width"`
	Height     int               `json:"height"`
	Kind       string            `json:"kind"`
	Defects    []string          `json:"defects"`
	Mild       []string          `json:"mild"`
	Corners    *[4][2]float64    `json:"corners,omitempty"`
	CutCorners []string          `json:"cut_corners,omitempty"`
	Fields     map[string]string `json:"fields,omitempty"`
	MRZ        []string          `json:"mrz,omitempty"`
	Params     map[string]any    `json:"params,omitempty"`
	Background string            `json:"background,omitempty"`
}

// Clean reports whether the photo has no defect that a checker must report.
func (l Label) Clean() bool { return len(l.Defects) == 0 }

// Set is a labelled corpus.
type Set struct {
	Dir    string  `json:"-"`
	Seed   int     `json:"seed"`
	Images []Label `json:"images"`
}

// Load reads dir/labels.json.
func Load(dir string) (*Set, error) {
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		return nil, err
	}
	var s Set
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", dir, err)
	}
	s.Dir = dir
	return &s, nil
}

// Result is the Checker's answer for one labelled photo.
type Result struct {
	Label  Label
	Report *precheck.Report
	// Portrait is the Analyzer's portrait measure (the best face found on the document), nil when the
	// Analyzer measures no faces (no face model) or found no document.
	Portrait *precheck.Measure
	Err      error
}

// Codes returns the issue codes reported, sorted.
func (r Result) Codes() []string {
	if r.Report == nil {
		return nil
	}
	var out []string
	for _, is := range r.Report.Issues {
		out = append(out, string(is.Code))
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Run checks every photo of s with ck, using up to workers goroutines, and returns the results in
// the corpus's order.
func Run(ctx context.Context, ck *precheck.Checker, s *Set, typed func(Label) precheck.Typed, workers int) []Result {
	out := make([]Result, len(s.Images))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				l := s.Images[i]
				out[i].Label = l
				data, err := os.ReadFile(filepath.Join(s.Dir, l.File))
				if err != nil {
					out[i].Err = err
					continue
				}
				var t precheck.Typed
				if typed != nil {
					t = typed(l)
				}
				var p precheck.Photo
				out[i].Report, p, out[i].Err = ck.CheckPhoto(ctx, data, t)
				if p != nil {
					for _, m := range p.Quality().Measures {
						if m.Code == precheck.CodePortrait {
							out[i].Portrait = &m
						}
					}
					p.Close()
				}
			}
		}()
	}
	for i := range s.Images {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

// PhotoCodes are the photo-quality codes, in report order.
var PhotoCodes = []string{"no_document", "cutoff", "blur", "glare", "shadow", "too_dark", "too_bright", "low_resolution", "tilted", "occluded"}

// CodeScore is the recall of one code.
type CodeScore struct {
	Code     string  `json:"code"`
	Photos   int     `json:"photos"`   // photos labelled with the defect
	Detected int     `json:"detected"` // of those, reported with the code
	Recall   float64 `json:"recall"`
	// FalseOnClean counts clean photos (including mild ones) reported with this code.
	FalseOnClean int `json:"false_on_clean"`
}

// Summary is the score of a run.
type Summary struct {
	Seed int `json:"seed"`
	// Seeds lists the seeds of corpora pooled into one summary (see Pool); empty for one corpus.
	Seeds  []int       `json:"seeds,omitempty"`
	Photos int         `json:"photos"`
	Errors int         `json:"errors"`
	Codes  []CodeScore `json:"codes"`
	// Clean counts photos without defect (clean and mild); Retake counts those not accepted for a
	// photo reason.
	Clean       int     `json:"clean"`
	CleanRetake int     `json:"clean_retake"`
	FalseRetake float64 `json:"false_retake"`
	// IoU is the mean corner IoU over photos whose four corners lie inside the frame; Missed counts
	// those photos where no document was found (IoU 0, included in the mean).
	IoU      float64 `json:"corner_iou"`
	IoUCount int     `json:"corner_iou_photos"`
	MinIoU   float64 `json:"min_corner_iou"`
	// CleanIoU is the mean corner IoU over the clean (and mild) photos among them.
	CleanIoU      float64 `json:"clean_corner_iou"`
	CleanIoUCount int     `json:"clean_corner_iou_photos"`
	// Misses lists, per code, the files with the defect that were not reported (for inspection).
	Misses map[string][]string `json:"misses,omitempty"`
	// LowIoU lists the photos whose corner IoU is under 0.95.
	LowIoU []string `json:"low_iou,omitempty"`
	// FalseRetakes lists the clean files told to retake, with the codes reported.
	FalseRetakes []string `json:"false_retakes,omitempty"`
	// PortraitPhotos counts the clean photos of a document with a portrait (PortraitKinds) when the
	// Analyzer measures faces (0 without a face model); PortraitFound those whose portrait measure
	// reached its threshold; PortraitMisses lists the others with their score.
	PortraitPhotos int      `json:"portrait_photos,omitempty"`
	PortraitFound  int      `json:"portrait_found,omitempty"`
	PortraitMisses []string `json:"portrait_misses,omitempty"`
}

// PortraitKinds are the corpus's kinds of document whose photographed side carries a portrait: the
// Chinese card's front, the passport's data page and the ID-1 card's front (its photo zone).
var PortraitKinds = []string{"cn_id_front", "passport", "id_card"}

// photoCode reports whether code is a photo-quality code.
func photoCode(code string) bool { return slices.Contains(PhotoCodes, code) }

// Summarize scores results.
func Summarize(seed int, results []Result) Summary {
	s := Summary{Seed: seed, Photos: len(results), Misses: map[string][]string{}, MinIoU: 1}
	byCode := map[string]*CodeScore{}
	for _, c := range PhotoCodes {
		byCode[c] = &CodeScore{Code: c}
	}
	var iouSum, cleanSum float64
	// Faces are measured when any photo has a portrait measure; then a clean document with a portrait
	// whose measure is missing (no document found) counts as a portrait not found.
	faces := slices.ContainsFunc(results, func(r Result) bool { return r.Portrait != nil })
	for _, r := range results {
		if r.Err != nil {
			s.Errors++
			continue
		}
		codes := r.Codes()
		for _, d := range r.Label.Defects {
			cs, ok := byCode[d]
			if !ok {
				continue
			}
			cs.Photos++
			if slices.Contains(codes, d) {
				cs.Detected++
			} else {
				s.Misses[d] = append(s.Misses[d], fmt.Sprintf("%s %v", r.Label.File, codes))
			}
		}
		if r.Label.Clean() {
			s.Clean++
			var photo []string
			for _, c := range codes {
				if photoCode(c) {
					photo = append(photo, c)
					byCode[c].FalseOnClean++
				}
			}
			if len(photo) > 0 {
				s.CleanRetake++
				s.FalseRetakes = append(s.FalseRetakes, fmt.Sprintf("%s %v", r.Label.File, photo))
			}
			if faces && slices.Contains(PortraitKinds, r.Label.Kind) {
				s.PortraitPhotos++
				switch {
				case r.Portrait == nil:
					s.PortraitMisses = append(s.PortraitMisses, r.Label.File+" no measure")
				case r.Portrait.Score >= r.Portrait.Threshold:
					s.PortraitFound++
				default:
					s.PortraitMisses = append(s.PortraitMisses, fmt.Sprintf("%s %.2f", r.Label.File, r.Portrait.Score))
				}
			}
		}
		if r.Label.Corners != nil && inside(*r.Label.Corners, r.Label.Width, r.Label.Height) {
			iou := 0.0
			if r.Report.Document.Corners != nil {
				iou = QuadIoU(*r.Label.Corners, [4][2]float64(toArray(*r.Report.Document.Corners)))
			}
			iouSum += iou
			if r.Label.Clean() {
				cleanSum += iou
				s.CleanIoUCount++
			}
			if iou < 0.95 {
				s.LowIoU = append(s.LowIoU, fmt.Sprintf("%s %.3f", r.Label.File, iou))
			}
			s.IoUCount++
			s.MinIoU = math.Min(s.MinIoU, iou)
		}
	}
	for _, c := range PhotoCodes {
		cs := byCode[c]
		if cs.Photos > 0 {
			cs.Recall = float64(cs.Detected) / float64(cs.Photos)
		}
		s.Codes = append(s.Codes, *cs)
	}
	if s.Clean > 0 {
		s.FalseRetake = float64(s.CleanRetake) / float64(s.Clean)
	}
	if s.IoUCount > 0 {
		s.IoU = iouSum / float64(s.IoUCount)
	}
	if s.CleanIoUCount > 0 {
		s.CleanIoU = cleanSum / float64(s.CleanIoUCount)
	}
	return s
}

// Pool summarises the results of several corpora as one, for recall measured on more photos per
// code than one corpus holds. Each result's file is prefixed with its corpus's seed ("seed4/...").
func Pool(seeds []int, results [][]Result) Summary {
	var all []Result
	for i, rs := range results {
		for _, r := range rs {
			r.Label.File = fmt.Sprintf("seed%d/%s", seeds[i], r.Label.File)
			all = append(all, r)
		}
	}
	s := Summarize(0, all)
	s.Seeds = slices.Clone(seeds)
	return s
}

func toArray(q precheck.Quad) [4][2]float64 {
	var out [4][2]float64
	for i, p := range q {
		out[i] = [2]float64(p)
	}
	return out
}

func inside(q [4][2]float64, w, h int) bool {
	for _, p := range q {
		if p[0] < 0 || p[1] < 0 || p[0] > float64(w-1) || p[1] > float64(h-1) {
			return false
		}
	}
	return true
}

// Markdown renders the summary as the table in the README.
func (s Summary) Markdown() string {
	var b strings.Builder
	if len(s.Seeds) > 0 {
		seeds := make([]string, len(s.Seeds))
		for i, v := range s.Seeds {
			seeds[i] = fmt.Sprint(v)
		}
		fmt.Fprintf(&b, "Corpora of seeds %s pooled: %d photos (%d clean or mild), %d input errors.\n\n", strings.Join(seeds, ", "), s.Photos, s.Clean, s.Errors)
	} else {
		fmt.Fprintf(&b, "Corpus seed %d: %d photos (%d clean or mild), %d input errors.\n\n", s.Seed, s.Photos, s.Clean, s.Errors)
	}
	fmt.Fprintf(&b, "| code | photos with defect | detected | recall | clean photos flagged |\n|---|---|---|---|---|\n")
	for _, c := range s.Codes {
		fmt.Fprintf(&b, "| `%s` | %d | %d | %.2f | %d |\n", c.Code, c.Photos, c.Detected, c.Recall, c.FalseOnClean)
	}
	fmt.Fprintf(&b, "\nClean photos told to retake: %d of %d (%.3f).\n", s.CleanRetake, s.Clean, s.FalseRetake)
	fmt.Fprintf(&b, "Mean corner IoU: %.4f over the %d clean photos; %.4f over all %d photos with four corners in the frame (min %.3f).\n",
		s.CleanIoU, s.CleanIoUCount, s.IoU, s.IoUCount, s.MinIoU)
	if s.PortraitPhotos > 0 {
		fmt.Fprintf(&b, "Portrait found on %d of the %d clean documents that have one (%.3f).\n",
			s.PortraitFound, s.PortraitPhotos, float64(s.PortraitFound)/float64(s.PortraitPhotos))
	}
	return b.String()
}
