package specimen

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

// smallPlan is a corpus of a few small photos, quick to render.
func smallPlan(seed int) []PhotoSpec {
	specs := []PhotoSpec{
		{Kind: layout.CNIDFront, Background: BgWood, Clutter: []string{ClutterPage, ClutterCable}, Soft: true},
		{Kind: layout.Passport, Defect: CodeGlare, Variant: Near, Background: BgHand},
		{Kind: layout.IDCard, Defect: CodeCutoff, Variant: Strong, Background: BgTiles, Greyscale: true},
		{Kind: layout.CNIDBack, Defect: CodeShadow, Variant: Mild, Background: BgTablecloth, Clutter: []string{ClutterKeyboard, ClutterPapers}},
		{Defect: CodeNoDocument, Variant: Near, Background: BgPaper, Distractors: []string{DistractorNote}},
		{Kind: layout.IDCard, Defect: CodeOccluded, Variant: Near, Background: BgDesk, Occluder: OccluderFinger, OccludedCorner: true},
	}
	for i := range specs {
		specs[i].Index = i + 1
		specs[i].Seed = seed
		specs[i].Width, specs[i].Height = 1280, 960
	}
	return specs
}

func TestRenderPhotoDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("renders photos")
	}
	r := testRenderer(t)
	s := smallPlan(3)[0]
	a, err := r.RenderPhoto(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.RenderPhoto(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.JPEG, b.JPEG) {
		t.Error("the same spec gave different JPEG bytes")
	}
	if !reflect.DeepEqual(a.Label, b.Label) {
		t.Error("the same spec gave different labels")
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(a.JPEG))
	if err != nil || cfg.Width != s.Width || cfg.Height != s.Height {
		t.Errorf("JPEG %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, s.Width, s.Height)
	}
}

// TestGenerateWorkers checks that the corpus does not depend on the number
// of workers, and that its labels read back as written.
func TestGenerateWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("renders photos")
	}
	r := testRenderer(t)
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, w := range []int{1, 3} {
		if err := Generate(4, dirs[i], WithWorkers(w), WithRenderer(r), WithPlan(smallPlan)); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dirs[0], "*"))
	if len(files) != len(smallPlan(4))+1 {
		t.Fatalf("%d files written", len(files))
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(dirs[1], filepath.Base(f)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 3 workers", filepath.Base(f))
		}
	}
	l, err := LoadLabels(filepath.Join(dirs[0], "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	if l.Seed != 4 || l.Generator != GeneratorName || len(l.Images) != len(smallPlan(4)) {
		t.Fatalf("labels: seed %d generator %q, %d images", l.Seed, l.Generator, len(l.Images))
	}
	checkLabels(t, dirs[0], l)

	// Round trip: writing what was read gives the same file.
	out := filepath.Join(t.TempDir(), "labels.json")
	if err := l.Write(out); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dirs[0], "labels.json"))
	b, _ := os.ReadFile(out)
	if !bytes.Equal(a, b) {
		t.Error("labels changed in a read/write round trip")
	}
	back, err := LoadLabels(out)
	if err != nil || !reflect.DeepEqual(back, l) {
		t.Errorf("labels differ after a round trip (%v)", err)
	}

	// A second run removes the photos of the first.
	stale := filepath.Join(dirs[0], "999-passport-clean-wood.jpg")
	os.WriteFile(stale, []byte("x"), 0o644)
	if err := Generate(4, dirs[0], WithWorkers(2), WithRenderer(r), WithPlan(smallPlan)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale photo left in place")
	}
}

func TestLoadLabelsRejects(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"garbage":    "{",
		"unknown":    `{"seed":1,"generator":"x","images":[],"extra":1}`,
		"no corners": `{"seed":1,"generator":"x","images":[{"file":"a.jpg","width":10,"height":10,"kind":"passport","defects":[],"mild":[],"params":{},"background":"wood","cut_corners":[]}]}`,
	} {
		p := filepath.Join(dir, "l.json")
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := LoadLabels(p); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if _, err := LoadLabels(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file loaded")
	}
}

// TestCorpusLabels checks the committed corpus: every photo is there at its
// size, and every label agrees with the defect definitions.
func TestCorpusLabels(t *testing.T) {
	dir := filepath.Join("..", "testdata", "corpus")
	path := filepath.Join(dir, "labels.json")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no corpus at ../testdata/corpus")
	}
	l, err := LoadLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Images) != len(Plan(l.Seed)) {
		t.Errorf("%d photos, the plan of seed %d has %d", len(l.Images), l.Seed, len(Plan(l.Seed)))
	}
	checkLabels(t, dir, l)
}

// checkLabels checks each label against its photo and the defect
// definitions.
func checkLabels(t *testing.T, dir string, l *Labels) {
	t.Helper()
	for _, im := range l.Images {
		f, err := os.Open(filepath.Join(dir, im.File))
		if err != nil {
			t.Errorf("%s: %v", im.File, err)
			continue
		}
		cfg, err := jpeg.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != im.Width || cfg.Height != im.Height {
			t.Errorf("%s: %dx%d (%v), label says %dx%d", im.File, cfg.Width, cfg.Height, err, im.Width, im.Height)
		}
		p := im.Params
		has := func(code string) bool { return slices.Contains(im.Defects, code) }
		if len(im.Defects) > 1 || (len(im.Defects) > 0 && len(im.Mild) > 0) {
			t.Errorf("%s: defects %v mild %v", im.File, im.Defects, im.Mild)
		}
		if im.Kind == KindNone {
			if !has(CodeNoDocument) || im.Corners != nil {
				t.Errorf("%s: no document but defects %v, corners %v", im.File, im.Defects, im.Corners)
			}
			continue
		}
		// Corners inside the frame unless cut, and the cut list agrees.
		var cut []string
		for i, c := range im.Corners {
			if c[0] < 0 || c[1] < 0 || c[0] > float64(im.Width) || c[1] > float64(im.Height) {
				cut = append(cut, cornerNames[i])
			}
		}
		if !slices.Equal(cut, im.CutCorners) {
			t.Errorf("%s: corners outside %v, label says %v", im.File, cut, im.CutCorners)
		}
		if has(CodeCutoff) != (len(cut) > 0) {
			t.Errorf("%s: cut corners %v with defects %v", im.File, cut, im.Defects)
		}
		if got := PhysicalDefects(im); !slices.Equal(got, im.Defects) {
			t.Errorf("%s: parameters show %v, labelled %v (%+v)", im.File, got, im.Defects, p)
		}
		// Over-exposed photos clip the paper, the mild ones too (white paper under dark print).
		if p.SaturatedFraction >= GlareFail && !has(CodeGlare) && !has(CodeTooBright) && !slices.Contains(im.Mild, CodeTooBright) {
			t.Errorf("%s: %.3f saturated without glare", im.File, p.SaturatedFraction)
		}
		if len(im.Fields) == 0 || len(im.Printed) == 0 {
			t.Errorf("%s: no fields", im.File)
		}
		if (im.Kind == layout.Passport || im.Kind == layout.IDCard) != (len(im.MRZ) > 0) {
			t.Errorf("%s: MRZ %v", im.File, im.MRZ)
		}
		if im.Print == nil || len(im.Print.Boxes) == 0 || len(im.Print.Fonts) == 0 {
			t.Errorf("%s: no print record", im.File)
		} else {
			for name := range im.Printed {
				b, ok := im.Print.Boxes[name]
				if !ok || b[0] < -0.1 || b[1] < -0.1 || b[2] > 1.1 || b[3] > 1.1 || b[2] <= b[0] || b[3] <= b[1] {
					t.Errorf("%s: field %s printed at %v", im.File, name, b)
				}
			}
		}
		if p.SoftScale > 0 && (!slices.Contains(im.Mild, CodeBlur) || len(im.Defects) > 0 || p.EffectiveDocLongPx < 600 || p.BlurSigmaRatio >= BlurSigmaFail) {
			t.Errorf("%s: soft x%.2f with defects %v, mild %v, %.0f px of detail", im.File, p.SoftScale, im.Defects, im.Mild, p.EffectiveDocLongPx)
		}
	}
}

// Objects on the surface are scenery: a photo whose document leaves no room for them is rendered
// without them rather than not at all (seed 10's photo 129 once failed so).
func TestRenderPhotoWithoutRoomForObjects(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a photo")
	}
	var spec PhotoSpec
	for _, s := range Plan(10) {
		if s.Index == 129 {
			spec = s
		}
	}
	if len(spec.Distractors) == 0 {
		t.Skip("the plan changed: photo 129 of seed 10 has no objects")
	}
	ph, err := testRenderer(t).RenderPhoto(spec)
	if err != nil {
		t.Fatal(err)
	}
	if ph.Label.Kind == "" || len(ph.JPEG) == 0 {
		t.Errorf("no document rendered: %+v", ph.Label)
	}
}

// A card with enough pixels, a fifth of a 12 MP photo's longer side or less, was photographed from too
// far: its truth is low_resolution, as the checker tells it.
func TestFarDocumentIsLowResolution(t *testing.T) {
	l := Label{Width: 4000, Height: 3000, Kind: layout.IDCard, Params: Params{DocLongPx: 780, DocShortPx: 490, PaperP90: 200, TiltDeg: 3}}
	if got := PhysicalDefects(l); !slices.Contains(got, CodeLowResolution) {
		t.Errorf("a card 780 pixels long in a 4000-pixel photo: %v, want low_resolution", got)
	}
	l.Params.DocLongPx = 1400
	if got := PhysicalDefects(l); slices.Contains(got, CodeLowResolution) {
		t.Errorf("a card 1400 pixels long in a 4000-pixel photo: %v, want no low_resolution", got)
	}
}
