package match

import (
	"testing"
	"unicode/utf8"
)

// FuzzCompare checks, on any pair of values, that nothing panics, that a
// value always matches itself, that a Match does not depend on which side is
// typed, and that Position stays inside the normalised document value.
func FuzzCompare(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzz seeds skipped in -short mode")
	}
	for _, c := range compareCases {
		f.Add(c.typed, c.document)
	}
	f.Add("Ü Ø Å Ñ ß Æ Œ Þ", "UE OE AA N SS AE OE TH")
	f.Add("\xff\xfe\xfd", "\u200B\u3000")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, r := range []Result{
			Name(a, b), Name(a, b, WithSimplifier(fakeSimplifier)),
			NameWithMRZ(a, b, a, b), IDNumber(a, b), Date(a, b),
		} {
			if r.Position < -1 {
				t.Fatalf("negative position %d", r.Position)
			}
			if r.Outcome != Mismatch && r.Position != -1 {
				t.Fatalf("%+v: position without a mismatch", r)
			}
		}
		ParseDate(a)
		if len(a) > MaxInputBytes || len(b) > MaxInputBytes {
			return
		}
		na, nb := NormalizeName(a), NormalizeName(b)
		if na != "" {
			if r := Name(a, a); r.Outcome != Match {
				t.Fatalf("Name(%q, itself) = %+v", a, r)
			}
		}
		if na != "" && nb != "" {
			ab, ba := Name(a, b), Name(b, a)
			if (ab.Outcome == Match) != (ba.Outcome == Match) {
				t.Fatalf("Name(%q, %q) = %+v but reversed = %+v", a, b, ab, ba)
			}
			if ab.Outcome == Mismatch && ab.Position > utf8.RuneCountInString(nb) {
				t.Fatalf("Name(%q, %q) = %+v: position past %q", a, b, ab, nb)
			}
		}
		if ia, ib := NormalizeID(a), NormalizeID(b); ia != "" {
			if r := IDNumber(a, a); r.Outcome != Match {
				t.Fatalf("IDNumber(%q, itself) = %+v", a, r)
			}
			if ib != "" {
				r := IDNumber(a, b)
				if (r.Outcome == Match) != (ia == ib) {
					t.Fatalf("IDNumber(%q, %q) = %+v, normalised %q and %q", a, b, r, ia, ib)
				}
				if r.Outcome == Mismatch && r.Position > utf8.RuneCountInString(ib) {
					t.Fatalf("IDNumber(%q, %q) = %+v: position past %q", a, b, r, ib)
				}
			}
		}
		if y, m, d, err := ParseDate(a); err == nil {
			iso := civil{y, m, d}.iso()
			if r := Date(a, iso); r.Outcome != Match {
				t.Fatalf("Date(%q, %q) = %+v", a, iso, r)
			}
		}
	})
}
