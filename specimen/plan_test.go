package specimen

import (
	"fmt"
	"math"
	"regexp"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

func TestPlanComposition(t *testing.T) {
	for _, seed := range []int{1, 2} {
		specs := Plan(seed)
		want := len(layout.Kinds())*CleanPerKind + len(DefectCodes())*(StrongPerDefect+NearPerDefect+MildPerDefect)
		if len(specs) != want {
			t.Fatalf("seed %d: %d photos, want %d", seed, len(specs), want)
		}
		count := map[string]int{}
		cleanBgs := map[layout.Kind]map[string]bool{}
		large := 0
		names := map[string]bool{}
		re := regexp.MustCompile(`^[0-9]{3}-(cn-id-front|cn-id-back|passport|id-card|none)-(clean|[a-z-]+?(-near|-mild)?)-(wood|cloth|tablecloth|tiles|paper|desk|hand)\.jpg$`)
		for i, s := range specs {
			if s.Index != i+1 || s.Seed != seed {
				t.Errorf("spec %d: index %d seed %d", i, s.Index, s.Seed)
			}
			name := s.FileName()
			if !re.MatchString(name) || names[name] {
				t.Errorf("bad or repeated file name %q", name)
			}
			names[name] = true
			count[s.Defect+"/"+string(s.Variant)]++
			if s.Defect == "" {
				if cleanBgs[s.Kind] == nil {
					cleanBgs[s.Kind] = map[string]bool{}
				}
				cleanBgs[s.Kind][s.Background] = true
			}
			mp := float64(s.Width*s.Height) / 1e6
			if s.Width*s.Height == 12_000_000 {
				large++
			}
			if s.Defect != CodeLowResolution && (mp < 1 || mp > 12) {
				t.Errorf("%s: %dx%d", name, s.Width, s.Height)
			}
			if s.Defect == "" && float64(min(s.Width, s.Height))*0.8 < minCleanLong {
				if s.Width*4 < minCleanLong*5 {
					t.Errorf("%s: %d px wide cannot hold a clean document", name, s.Width)
				}
			}
			if s.Kind == "" && s.Background == BgHand {
				t.Errorf("%s: a hand holding nothing", name)
			}
		}
		if large > 6 {
			t.Errorf("seed %d: %d photos of 12 MP", seed, large)
		}
		for _, k := range layout.Kinds() {
			if len(cleanBgs[k]) != len(Backgrounds()) {
				t.Errorf("seed %d: clean %s photos cover %d backgrounds", seed, k, len(cleanBgs[k]))
			}
		}
		for _, c := range DefectCodes() {
			if count[c+"/strong"] != StrongPerDefect || count[c+"/near"] != NearPerDefect || count[c+"/mild"] != MildPerDefect {
				t.Errorf("seed %d: %s has %d/%d/%d photos", seed, c, count[c+"/strong"], count[c+"/near"], count[c+"/mild"])
			}
		}
	}
}

func TestFileName(t *testing.T) {
	s := PhotoSpec{Index: 17, Kind: layout.CNIDFront, Defect: CodeGlare, Variant: Near, Background: BgWood}
	if got := s.FileName(); got != "017-cn-id-front-glare-near-wood.jpg" {
		t.Errorf("FileName = %q", got)
	}
	s = PhotoSpec{Index: 3, Defect: CodeNoDocument, Variant: Strong, Background: BgDesk}
	if got := s.FileName(); got != "003-none-no-document-desk.jpg" {
		t.Errorf("FileName = %q", got)
	}
}

// TestPlacement places the document of every planned photo of two corpora
// (without rendering them) and checks the geometry against the defect
// definitions: corners inside the frame except for cutoff, tilt and size in
// range.
func TestPlacement(t *testing.T) {
	for _, seed := range []int{1, 2} {
		for _, s := range Plan(seed) {
			t.Run(fmt.Sprint(seed, "/", s.FileName()), func(t *testing.T) {
				wMM, hMM := layout.ID1WidthMM, layout.ID1HeightMM
				if s.Kind == layout.Passport {
					wMM, hMM = layout.TD3WidthMM, layout.TD3HeightMM
				}
				cam := camera{f: 0.85 * float64(max(s.Width, s.Height)), cx: float64(s.Width) / 2, cy: float64(s.Height) / 2}
				// As RenderPhoto does, try further random streams when a
				// placement is not found.
				var pl placement
				var err error
				for attempt := range 8 {
					if pl, err = place(s, stream(s, attempt, 0), cam, wMM, hMM); err == nil {
						break
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				checkPlacement(t, s, pl)
			})
		}
	}
}

func checkPlacement(t *testing.T, s PhotoSpec, pl placement) {
	t.Helper()
	tilt := pl.pose.tilt * 180 / math.Pi
	cut := s.Defect == CodeCutoff && s.Variant != Mild
	if cut != (len(pl.cut) > 0) {
		t.Errorf("cut corners %v", pl.cut)
	}
	switch {
	case s.Defect == CodeCutoff && s.Variant == Near:
		if len(pl.cut) != 1 || pl.cutFrac < 0.01 || pl.cutFrac > 0.021 {
			t.Errorf("near cutoff: %v by %.4f", pl.cut, pl.cutFrac)
		}
	case s.Defect == CodeCutoff && s.Variant == Strong:
		if len(pl.cut) < 1 || len(pl.cut) > 2 || pl.cutFrac < 0.02 || pl.cutFrac > 0.26 {
			t.Errorf("strong cutoff: %v by %.4f", pl.cut, pl.cutFrac)
		}
	case s.Defect == CodeCutoff && s.Variant == Mild:
		if pl.margin < 0.0195 || pl.margin > 0.0405 {
			t.Errorf("mild cutoff margin %.4f", pl.margin)
		}
	default:
		if pl.margin < 0.05 {
			t.Errorf("margin %.4f", pl.margin)
		}
	}
	switch {
	case s.Defect == CodeTilted && s.Variant == Strong:
		if tilt < 48 || tilt > 58 {
			t.Errorf("tilt %.1f", tilt)
		}
	case s.Defect == CodeTilted && s.Variant == Near:
		if tilt < TiltFail || tilt > 43 {
			t.Errorf("tilt %.1f", tilt)
		}
	case s.Defect == CodeTilted && s.Variant == Mild:
		if tilt < 24 || tilt > 27 {
			t.Errorf("tilt %.1f", tilt)
		}
	default:
		if tilt > 12 {
			t.Errorf("tilt %.1f", tilt)
		}
	}
	if s.Kind == "" {
		return
	}
	switch {
	case s.Defect == CodeLowResolution && s.Variant == Strong:
		if pl.long < 279 || pl.long > 451 {
			t.Errorf("long side %.1f", pl.long)
		}
	case s.Defect == CodeLowResolution && s.Variant == Near:
		if pl.long < 519 || pl.long > LowResFail {
			t.Errorf("long side %.1f", pl.long)
		}
	case s.Defect == CodeLowResolution && s.Variant == Mild:
		if pl.long < 719 || pl.long > 821 {
			t.Errorf("long side %.1f", pl.long)
		}
	default:
		if pl.long < minCleanLong-1 {
			t.Errorf("long side %.1f", pl.long)
		}
		if f := pl.long / float64(s.Width); f < 0.35-1e-3 || f > 0.8+1e-3 {
			t.Errorf("frame fraction %.3f", f)
		}
	}
}
