package cnid

import (
	"testing"
	"time"
)

func FuzzValidate(f *testing.F) {
	for _, s := range []string{idBeijing, idNanjingX, idLeapDay, "", "11O105199003071239", "１" + idBeijing[1:], "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := ValidateAt(id, testNow)
		if err != nil {
			return
		}
		c, cerr := CheckChar(id[:17])
		if cerr != nil || c != id[17] {
			t.Fatalf("%q validates with check character %q", id, c)
		}
		if _, err := BirthDate(id); err != nil {
			t.Fatalf("valid %q has no birth date: %v", id, err)
		}
		if _, err := Sex(id); err != nil {
			t.Fatalf("valid %q has no sex: %v", id, err)
		}
	})
}

func FuzzRepair(f *testing.F) {
	for _, s := range []string{
		idBeijing, "110105 19900307 1239", "１１０１０５１９９００３０７１２３９", "32010219881115103x",
		"1101Q51990030710G5", "BBBBBBBBBBBBBBBBBB", "1101#5199003071239", "", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		id, changed, err := RepairAt(raw, testNow)
		if err != nil {
			return
		}
		if verr := ValidateAt(id, testNow); verr != nil {
			t.Fatalf("RepairAt(%q) = %q, which does not validate: %v", raw, id, verr)
		}
		if changed != (id != raw) {
			t.Fatalf("changed %v for %q -> %q", changed, raw, id)
		}
	})
}

func FuzzParseValidity(f *testing.F) {
	for _, s := range []string{
		"2015.03.01-2035.03.01", "2015.03.01-长期", "2015.03.01一2025.03.01", "２０１５．０３．０１－２０２５．０３．０１",
		"2012.02.29-2022.02.28", "2015030120250301", "", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseValidity(s)
		if err != nil {
			return
		}
		if v.From.IsZero() {
			t.Fatalf("%q parsed without a start", s)
		}
		if v.LongTerm != v.To.IsZero() {
			t.Fatalf("%q: long term %v with end %v", s, v.LongTerm, v.To)
		}
		if !v.LongTerm && !v.To.After(v.From) {
			t.Fatalf("%q: end %v not after start %v", s, v.To, v.From)
		}
		_ = v.Expired(time.Now())
	})
}
