package corpus

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// RealPhoto is one image of a real set in the folder RealdataDir names, with what its set's labels say
// about it. Only the fields its set labels are filled.
type RealPhoto struct {
	Set   string // "gicsd", "midv500", "mrz-passports", "specimens"
	Path  string // absolute or relative to the working directory
	Name  string // the file's name within its set, e.g. "BEL/00.jpg"
	Group string // document type (GICSD), country (MRZ scans) or document (templates)
	// Visibility is GICSD's label: FULL_VISIBILITY, PARTIAL_VISIBILITY or NO_VISIBILITY.
	Visibility string
	// Quad is the document's labelled corners in photo pixels, top-left first as the document reads.
	Quad *[4][2]float64
	// MRZ is the labelled machine-readable zone, one string per line.
	MRZ []string
}

// GICSD visibility labels.
const (
	FullVisibility    = "FULL_VISIBILITY"
	PartialVisibility = "PARTIAL_VISIBILITY"
	NoVisibility      = "NO_VISIBILITY"
)

// ErrNoRealSet is returned when a real set's folder or label file is absent.
var ErrNoRealSet = errors.New("corpus: real set not found")

// LoadGICSD reads gicsd-dev/labels.csv under root: phone frames (file names
// GICSD_{type}_{clip}_{frame}.jpg) labelled by how much of the document they show.
func LoadGICSD(root string) ([]RealPhoto, error) {
	dir := filepath.Join(root, "gicsd-dev")
	f, err := os.Open(filepath.Join(dir, "labels.csv"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoRealSet, err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("corpus: gicsd labels: %w", err)
	}
	var out []RealPhoto
	for i, row := range rows {
		if i == 0 || len(row) < 2 {
			continue // header
		}
		parts := strings.Split(strings.TrimSuffix(row[0], filepath.Ext(row[0])), "_")
		group := ""
		if len(parts) >= 2 {
			group = parts[1]
		}
		out = append(out, RealPhoto{Set: "gicsd", Path: filepath.Join(dir, row[0]), Name: row[0], Group: group, Visibility: row[1]})
	}
	return out, nil
}

// LoadMIDV500Frame reads the full-resolution MIDV-500 frames of midv500-frame/ under root, each with
// the quadrilateral of its JSON file.
func LoadMIDV500Frame(root string) ([]RealPhoto, error) {
	dir := filepath.Join(root, "midv500-frame")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoRealSet, dir)
	}
	var out []RealPhoto
	for _, jf := range files {
		b, err := os.ReadFile(jf)
		if err != nil {
			return nil, err
		}
		var v struct {
			Quad [][2]float64 `json:"quad"`
		}
		if err := json.Unmarshal(b, &v); err != nil || len(v.Quad) != 4 {
			return nil, fmt.Errorf("corpus: %s: not a quad (%v)", jf, err)
		}
		var q [4][2]float64
		copy(q[:], v.Quad)
		img := strings.TrimSuffix(jf, ".json") + ".jpg"
		out = append(out, RealPhoto{Set: "midv500", Path: img, Name: filepath.Base(img), Group: "midv500", Quad: &q})
	}
	return out, nil
}

// LoadMRZPassports reads mrz-passports-dev/ under root: a folder per country of NN.jpg scans, each
// with NN.txt holding its two TD3 lines.
func LoadMRZPassports(root string) ([]RealPhoto, error) {
	dir := filepath.Join(root, "mrz-passports-dev")
	txts, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(txts) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoRealSet, dir)
	}
	sort.Strings(txts)
	var out []RealPhoto
	for _, t := range txts {
		b, err := os.ReadFile(t)
		if err != nil {
			return nil, err
		}
		lines := mrzLines(string(b))
		country := filepath.Base(filepath.Dir(t))
		img := strings.TrimSuffix(t, ".txt") + ".jpg"
		out = append(out, RealPhoto{Set: "mrz-passports", Path: img, Name: country + "/" + filepath.Base(img), Group: country, MRZ: lines})
	}
	return out, nil
}

// mrzLines returns the non-empty lines of s with spaces removed.
func mrzLines(s string) []string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.ReplaceAll(strings.TrimSpace(l), " ", "")
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// specimenMRZ holds the MRZ of the flat specimen scans in mrz-specimens/, as that set's README gives.
var specimenMRZ = map[string][]string{
	"id1.jpg": {"IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"},
	"id2.jpg": {"P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<", "KB00000003EST7501229F120522647501220010<<<02"},
}

// LoadSpecimens reads the flat specimen scans and templates under root: mrz-specimens/ and
// midv2020-templates/ (whose MRZ lines come from its VIA annotations where the document has one).
func LoadSpecimens(root string) ([]RealPhoto, error) {
	var out []RealPhoto
	for _, f := range []string{"id1.jpg", "id2.jpg", "id_fail.png"} {
		p := filepath.Join(root, "mrz-specimens", f)
		if _, err := os.Stat(p); err == nil {
			out = append(out, RealPhoto{Set: "specimens", Path: p, Name: "mrz-specimens/" + f, Group: "mrz-specimens", MRZ: specimenMRZ[f]})
		}
	}
	for _, doc := range []string{"alb_id", "aze_passport"} {
		dir := filepath.Join(root, "midv2020-templates", doc)
		ann, _ := VIAFields(filepath.Join(dir, "annotations", doc+".json"))
		imgs, _ := filepath.Glob(filepath.Join(dir, "images", "*.jpg"))
		for _, img := range imgs {
			ph := RealPhoto{Set: "specimens", Path: img, Name: doc + "/" + filepath.Base(img), Group: doc}
			fields := ann[filepath.Base(img)]
			for _, k := range []string{"mrz_line0", "mrz_line1", "mrz_line2"} {
				if v := fields[k]; v != "" {
					ph.MRZ = append(ph.MRZ, strings.ReplaceAll(v, " ", ""))
				}
			}
			out = append(out, ph)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoRealSet, root)
	}
	return out, nil
}

// VIAFields reads a VIA annotation file (the MIDV-2020 templates' format) into file name -> field
// name -> value.
func VIAFields(path string) (map[string]map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v struct {
		Images map[string]struct {
			Filename string `json:"filename"`
			Regions  []struct {
				Attributes struct {
					Field string `json:"field_name"`
					Value string `json:"value"`
				} `json:"region_attributes"`
			} `json:"regions"`
		} `json:"_via_img_metadata"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, im := range v.Images {
		m := map[string]string{}
		for _, r := range im.Regions {
			m[r.Attributes.Field] = r.Attributes.Value
		}
		out[im.Filename] = m
	}
	return out, nil
}
