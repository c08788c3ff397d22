package specimen

import (
	"math/rand/v2"

	"github.com/docprecheck/docprecheck/layout"
)

// Corpus composition.
const (
	// CleanPerKind is the number of clean photos of each document kind.
	CleanPerKind = 10
	// StrongPerDefect is the number of strong photos of each defect code.
	StrongPerDefect = 4
	// NearPerDefect is the number of near (just failing) photos of each
	// defect code.
	NearPerDefect = 3
	// MildPerDefect is the number of mild (just passing) photos of each
	// defect code.
	MildPerDefect = 3
	// MaxLargePhotos caps the 12-megapixel photos of a corpus, which
	// dominate its size.
	MaxLargePhotos = 2
	// ClutterPercent is the share of photos on a surface that show clutter
	// (pages, a keyboard, cables, notes) besides the document.
	ClutterPercent = 60
	// GreyPercent is the share of photos saved in greyscale.
	GreyPercent = 12
	// SoftPercent is the share of clean and mild photos of a document
	// (other than blur and low_resolution ones) upscaled from a smaller
	// capture, where the document is large enough for it.
	SoftPercent = 25
)

type size struct{ w, h int }

var (
	// Everyday phone photo sizes, landscape; 1-3 megapixels mostly.
	commonSizes = []size{{1280, 960}, {1280, 960}, {1280, 960}, {1440, 1080}, {1440, 1080}, {1440, 1080}, {1600, 1200}, {1600, 1200}, {1920, 1080}, {1600, 1200}}
	// Portrait sizes wide enough for a clean document.
	portraitSizes = []size{{1200, 1600}, {1200, 1600}, {1200, 1600}, {1200, 1600}, {1200, 1600}, {1440, 1920}}
	largeSize     = size{4000, 3000}
	smallSizes    = []size{{800, 600}, {1024, 768}, {600, 800}, {768, 1024}}
)

// Plan returns the photos of the corpus made with seed: CleanPerKind clean
// photos per document kind over every background, then for each defect code
// StrongPerDefect strong, NearPerDefect near and MildPerDefect mild photos
// spread over kinds and backgrounds.
func Plan(seed int) []PhotoSpec {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	kinds := layout.Kinds()
	bgs := Backgrounds()
	var specs []PhotoSpec
	add := func(s PhotoSpec) {
		s.Index = len(specs) + 1
		s.Seed = seed
		s.Quality = 85 + rng.IntN(4)
		specs = append(specs, s)
	}

	for ki, k := range kinds {
		order := rng.Perm(len(bgs))
		for j := range CleanPerKind {
			bg := bgs[order[j%len(bgs)]]
			if j >= len(bgs) {
				bg = bgs[(ki+j*3)%len(bgs)]
			}
			add(PhotoSpec{Kind: k, Background: bg})
		}
	}

	for di, code := range DefectCodes() {
		variants := make([]Variant, 0, StrongPerDefect+NearPerDefect+MildPerDefect)
		for range StrongPerDefect {
			variants = append(variants, Strong)
		}
		for range NearPerDefect {
			variants = append(variants, Near)
		}
		for range MildPerDefect {
			variants = append(variants, Mild)
		}
		bgOrder := rng.Perm(len(bgs))
		for j, v := range variants {
			s := PhotoSpec{
				Kind:       kinds[(j+di)%len(kinds)],
				Defect:     code,
				Variant:    v,
				Background: bgs[bgOrder[j%len(bgs)]],
			}
			if code == CodeNoDocument {
				lying := []string{BgWood, BgCloth, BgTablecloth, BgTiles, BgPaper, BgDesk}
				s.Background = lying[(j+rng.IntN(2))%len(lying)]
				switch v {
				case Strong:
					s.Kind = ""
					if j%2 == 1 {
						s.Distractors = []string{pick(rng, []string{DistractorPen, DistractorMug})}
					}
				case Near:
					// Things shaped a little like a document.
					s.Kind = ""
					s.Distractors = [][]string{{DistractorNote}, {DistractorCoaster}, {DistractorNote, DistractorPen}}[j-StrongPerDefect]
				default:
					// A document among everyday objects: it must be found.
					s.Distractors = []string{[]string{DistractorCoaster, DistractorMug, DistractorNote}[j-StrongPerDefect-NearPerDefect]}
				}
			}
			add(s)
		}
	}

	// Sizes.
	for i := range specs {
		s := &specs[i]
		switch {
		case s.Defect == CodeLowResolution && s.Variant == Strong && rng.IntN(2) == 0:
			sz := pick(rng, smallSizes)
			s.Width, s.Height = sz.w, sz.h
		case rng.IntN(10) < 3:
			sz := pick(rng, portraitSizes)
			s.Width, s.Height = sz.w, sz.h
		default:
			sz := pick(rng, commonSizes)
			s.Width, s.Height = sz.w, sz.h
		}
		// A small frame cannot hold a large document; low-resolution
		// photos keep theirs.
		if s.Defect != CodeLowResolution && s.Width < 1200 {
			s.Width, s.Height = 1600, 1200
		}
		// A document among other objects needs a wide frame.
		if s.Kind != "" && len(s.Distractors) > 0 {
			s.Width, s.Height = 1920, 1080
		}
		// A steeply tilted document needs room for its perspective.
		if s.Defect == CodeTilted && s.Variant != Mild && (s.Width < 1600 || s.Height < 1200) {
			s.Width, s.Height = 1600, 1200
		}
	}
	// A few 12-megapixel photos, on photos where the size matters least to
	// the defect.
	var eligible []int
	for i, s := range specs {
		if s.Kind != "" && (s.Defect == "" || s.Defect == CodeGlare || s.Defect == CodeShadow || s.Defect == CodeTilted) {
			eligible = append(eligible, i)
		}
	}
	for _, j := range rng.Perm(len(eligible))[:min(MaxLargePhotos, len(eligible))] {
		s := &specs[eligible[j]]
		s.Width, s.Height = largeSize.w, largeSize.h
		if rng.IntN(3) == 0 {
			s.Width, s.Height = s.Height, s.Width
		}
	}
	// Clutter, greyscale and soft photos, drawn last so that the choices
	// above stay as they were for a seed.
	for i := range specs {
		s := &specs[i]
		if s.Background != BgHand && rng.IntN(100) < ClutterPercent {
			pool := ClutterNames()
			if s.Kind == "" {
				// Nothing shaped like a page where no document is shown.
				pool = []string{ClutterKeyboard, ClutterCable}
			}
			for _, j := range rng.Perm(len(pool))[:1+rng.IntN(2)] {
				s.Clutter = append(s.Clutter, pool[j])
			}
		}
		s.Greyscale = rng.IntN(100) < GreyPercent
		// Softness is a mild imperfection: only photos that must pass get
		// it, so that a photo shows one defect or only mild ones.
		s.Soft = s.Kind != "" && (s.Defect == "" || s.Variant == Mild) &&
			s.Defect != CodeBlur && s.Defect != CodeLowResolution && rng.IntN(100) < SoftPercent
	}
	return specs
}
