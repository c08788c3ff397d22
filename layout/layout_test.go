package layout

import (
	"image"
	"math"
	"testing"
)

func TestForKnownKinds(t *testing.T) {
	for _, k := range Kinds() {
		l, ok := For(k)
		if !ok {
			t.Fatalf("For(%q) not found", k)
		}
		if l.Kind != k {
			t.Errorf("For(%q).Kind = %q", k, l.Kind)
		}
		if len(l.Fields) == 0 {
			t.Errorf("%s: no fields", k)
		}
	}
	if _, ok := For("driving_licence"); ok {
		t.Error("For(unknown) reported ok")
	}
}

func TestAspect(t *testing.T) {
	for _, tc := range []struct {
		k    Kind
		want float64
	}{
		{CNIDFront, 85.60 / 53.98},
		{CNIDBack, 85.60 / 53.98},
		{IDCard, 85.60 / 53.98},
		{Passport, 125.0 / 88.0},
	} {
		l, _ := For(tc.k)
		if got := l.Aspect(); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: Aspect() = %v, want %v", tc.k, got, tc.want)
		}
	}
}

func TestBoxesInsideDocument(t *testing.T) {
	for _, k := range Kinds() {
		l, _ := For(k)
		for _, f := range l.Fields {
			for _, b := range []Box{f.Box, f.LabelBox} {
				if b.Empty() {
					continue
				}
				if b.X < 0 || b.Y < 0 || b.X+b.W > 1+1e-9 || b.Y+b.H > 1+1e-9 {
					t.Errorf("%s/%s: box %+v outside the document", k, f.Name, b)
				}
			}
			if (f.Label == "") != f.LabelBox.Empty() {
				t.Errorf("%s/%s: label %q with label box %+v", k, f.Name, f.Label, f.LabelBox)
			}
		}
	}
}

func TestValueBoxesDoNotOverlap(t *testing.T) {
	for _, k := range Kinds() {
		l, _ := For(k)
		rects := map[string]image.Rectangle{}
		for _, f := range l.Fields {
			rects[f.Name] = f.Box.Rect(10000, 10000)
			if !f.LabelBox.Empty() {
				rects[f.Name+"/label"] = f.LabelBox.Rect(10000, 10000)
			}
		}
		for a, ra := range rects {
			for b, rb := range rects {
				if a >= b {
					continue
				}
				// A caption may touch its own value box (captions above
				// values on TD3 and TD1), by less than a millimetre.
				in := ra.Intersect(rb)
				if in.Empty() {
					continue
				}
				if (a+"/label" == b || b+"/label" == a) && in.Dy() < 10000/int(l.HeightMM) {
					continue
				}
				t.Errorf("%s: %s %v overlaps %s %v", k, a, ra, b, rb)
			}
		}
	}
}

func TestFieldLookup(t *testing.T) {
	want := map[Kind][]string{
		CNIDFront: {"name", "sex", "ethnicity", "birth", "address", "id_number", "photo"},
		CNIDBack:  {"emblem", "title", "authority", "validity"},
		Passport: {"photo", "type", "country_code", "passport_number", "surname", "given_names",
			"nationality", "birth_date", "sex", "place_of_birth", "issue_date", "expiry_date", "authority", "mrz"},
		IDCard: {"photo", "surname", "given_names", "sex", "nationality", "birth_date",
			"document_number", "expiry_date", "mrz"},
	}
	for k, names := range want {
		l, _ := For(k)
		for _, n := range names {
			if _, ok := l.Field(n); !ok {
				t.Errorf("%s: no field %q", k, n)
			}
		}
		if len(l.Fields) != len(names) {
			t.Errorf("%s: %d fields, want %d", k, len(l.Fields), len(names))
		}
		if _, ok := l.Field("nope"); ok {
			t.Errorf("%s: found field nope", k)
		}
	}
}

// TestMRZGeometry checks the MRZ tables against ICAO 9303: every line fits
// in the MRZ band and the band is the documented height from the bottom edge.
func TestMRZGeometry(t *testing.T) {
	for _, tc := range []struct {
		k            Kind
		lines, chars int
		bandMM       float64
	}{
		{Passport, 2, 44, TD3MRZHeightMM},
		{IDCard, 3, 30, TD1MRZHeightMM},
	} {
		l, _ := For(tc.k)
		m := l.MRZ
		if m == nil {
			t.Fatalf("%s: no MRZ spec", tc.k)
		}
		if m.Lines != tc.lines || m.Chars != tc.chars || len(m.LineCentresMM) != tc.lines {
			t.Errorf("%s: MRZ %d x %d with %d centres", tc.k, m.Lines, m.Chars, len(m.LineCentresMM))
		}
		f, _ := l.Field("mrz")
		x0, y0, x1, y1 := l.MM(f.Box)
		if math.Abs(y0-(l.HeightMM-tc.bandMM)) > 1e-6 {
			t.Errorf("%s: MRZ band starts at %.2f mm, want %.2f", tc.k, y0, l.HeightMM-tc.bandMM)
		}
		for _, c := range m.LineCentresMM {
			if c-m.CapHeightMM/2 < y0 || c+m.CapHeightMM/2 > y1 {
				t.Errorf("%s: line centred at %.2f mm outside the band %.2f-%.2f", tc.k, c, y0, y1)
			}
		}
		right := m.FirstCharMM + float64(m.Chars)*m.PitchMM
		if m.FirstCharMM < x0 || right > x1+m.PitchMM || right > l.WidthMM {
			t.Errorf("%s: characters span %.2f-%.2f mm, box %.2f-%.2f", tc.k, m.FirstCharMM, right, x0, x1)
		}
	}
	for _, k := range []Kind{CNIDFront, CNIDBack} {
		if l, _ := For(k); l.MRZ != nil {
			t.Errorf("%s has an MRZ spec", k)
		}
	}
}

func TestBoxHelpers(t *testing.T) {
	b := Box{X: 0.1, Y: 0.2, W: 0.3, H: 0.4}
	if got := b.Rect(1000, 500); got != image.Rect(100, 100, 400, 300) {
		t.Errorf("Rect = %v", got)
	}
	p := b.Pad(0.2, 0.1)
	if math.Abs(p.X) > 1e-12 || math.Abs(p.Y-0.1) > 1e-12 || math.Abs(p.W-0.6) > 1e-12 || math.Abs(p.H-0.6) > 1e-12 {
		t.Errorf("Pad = %+v", p)
	}
	if x, y := b.Centre(); math.Abs(x-0.25) > 1e-12 || math.Abs(y-0.4) > 1e-12 {
		t.Errorf("Centre = %v, %v", x, y)
	}
}
