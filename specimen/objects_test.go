package specimen

import (
	"math/rand/v2"
	"testing"

	"github.com/docprecheck/docprecheck/layout"
)

// A photo held in the hand is labelled clean only if it can be read: the
// thumb must cover nothing printed (value, caption, heading, portrait,
// emblem, MRZ), wherever the document's print ended up, nor a corner, and
// must still hold the card.
func TestThumbCoversNoField(t *testing.T) {
	for _, k := range layout.Kinds() {
		dp, _ := printFor(k)
		for s := range 60 {
			rng := rand.New(rand.NewPCG(uint64(s), 1))
			pv := newPrintVar(rng, dp)
			boxes := pv.printedBoxes(dp)
			h := newHand(rng, boxes, dp.wMM, dp.hMM, 0)
			if x, y, ok := coversBox(h.thumbSD, boxes, dp.wMM, dp.hMM); ok {
				t.Fatalf("%s seed %d: the thumb covers print at (%.1f, %.1f) mm", k, s, x, y)
			}
			if c := innerCover(h.thumbSD, dp.wMM, dp.hMM); c > 0 {
				t.Errorf("%s seed %d: the thumb covers %.4f of the inner area", k, s, c)
			}
			if cs := occludedCorners(h.thumbSD, dp.wMM, dp.hMM, dp.cornerMM); len(cs) > 0 {
				t.Errorf("%s seed %d: the thumb covers corners %v", k, s, cs)
			}
			// The thumb is on the document: it covers the edge somewhere.
			on := false
			for v := -dp.hMM / 2; v <= dp.hMM/2 && !on; v += 0.25 {
				for _, u := range []float64{-dp.wMM/2 + 0.2, dp.wMM/2 - 0.2} {
					on = on || h.thumbSD(u, v) < 0
				}
			}
			for u := -dp.wMM / 2; u <= dp.wMM/2 && !on; u += 0.25 {
				on = on || h.thumbSD(u, dp.hMM/2-0.2) < 0
			}
			if !on {
				t.Errorf("%s seed %d: the thumb does not touch the document", k, s)
			}
		}
	}
}

// Every printed element is among the boxes a thumb must keep clear of.
func TestPrintedBoxes(t *testing.T) {
	dp, _ := printFor(layout.CNIDFront)
	boxes := nominalVar().printedBoxes(dp)
	photo := dp.item("photo").box
	found := false
	for _, b := range boxes {
		found = found || b == photo
	}
	if !found {
		t.Errorf("the portrait %v is not among the printed boxes", photo)
	}
	dp, _ = printFor(layout.Passport)
	// Two headings, the portrait, 12 values and captions, the MRZ.
	if got, want := len(nominalVar().printedBoxes(dp)), 2+1+2*12+1; got != want {
		t.Errorf("passport: %d printed boxes, want %d", got, want)
	}
}

// An occluded photo covers print or a corner as its variant says; a mild one
// rests on the margin only.
func TestOcclusionCovers(t *testing.T) {
	for i, o := range occlusionPlan {
		v := Strong
		switch {
		case i >= StrongPerDefect+NearPerDefect:
			v = Mild
		case i >= StrongPerDefect:
			v = Near
		}
		for ki, k := range layout.Kinds() {
			dp, _ := printFor(k)
			for s := range 6 {
				spec := PhotoSpec{Index: i, Seed: s, Kind: k, Defect: CodeOccluded, Variant: v, Occluder: o.occluder, OccludedCorner: o.corner}
				rng := rand.New(rand.NewPCG(uint64(s), uint64(ki)))
				pv := newPrintVar(rng, dp)
				var sd func(u, v float64) float64
				if o.occluder == OccluderThumb {
					cover := map[Variant]float64{Strong: 0.06, Near: 0.015}[v]
					sd = newHand(rng, pv.printedBoxes(dp), dp.wMM, dp.hMM, cover).thumbSD
				} else {
					sd = newOcclusion(rng, spec, dp, pv).sd
				}
				frac := innerCover(sd, dp.wMM, dp.hMM)
				corners := occludedCorners(sd, dp.wMM, dp.hMM, dp.cornerMM)
				_, _, print := coversBox(sd, pv.printedBoxes(dp), dp.wMM, dp.hMM)
				name := k + "/" + layout.Kind(o.occluder) + "/" + layout.Kind(v)
				switch {
				case v == Mild:
					if frac > 0 || len(corners) > 0 || print {
						t.Errorf("%s seed %d: mild covers %.4f, corners %v, print %v", name, s, frac, corners, print)
					}
				case o.corner:
					if len(corners) != 1 {
						t.Errorf("%s seed %d: covers corners %v, want one", name, s, corners)
					}
				default:
					if frac < OccludedFail || !print {
						t.Errorf("%s seed %d: covers %.4f of the inner area, print %v", name, s, frac, print)
					}
					if v == Near && frac > 0.03 {
						t.Errorf("%s seed %d: near covers %.4f", name, s, frac)
					}
				}
			}
		}
	}
}
