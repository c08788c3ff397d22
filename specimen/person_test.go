package specimen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docprecheck/docprecheck/cnid"
	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
)

// TestCheckCharacters invents many holders and checks every check
// character: the Chinese number with package cnid, the MRZ with package
// mrz, and that the MRZ agrees with the printed fields.
func TestCheckCharacters(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range 300 {
		for _, k := range layout.Kinds() {
			rng := rand.New(rand.NewPCG(uint64(i), 99))
			p, err := NewPerson(k, rng)
			if err != nil {
				t.Fatalf("%s #%d: %v", k, i, err)
			}
			switch k {
			case layout.CNIDFront, layout.CNIDBack:
				if err := cnid.ValidateAt(p.IDNumber, now); err != nil {
					t.Fatalf("%s #%d: %s: %v", k, i, p.IDNumber, err)
				}
				if got := p.IDNumber[6:14]; got != p.Birth.Format("20060102") {
					t.Errorf("%s: birth in number %s, want %s", p.IDNumber, got, p.Birth.Format("20060102"))
				}
				odd := (p.IDNumber[16]-'0')%2 == 1
				if odd != (p.Sex == "M") {
					t.Errorf("%s: sex digit does not match %s", p.IDNumber, p.Sex)
				}
				if !p.ValidTo.IsZero() && p.ValidTo.Before(minExpiry) {
					t.Errorf("%s: expires %v", p.IDNumber, p.ValidTo)
				}
			default:
				d, err := mrz.Parse(p.MRZ)
				if err != nil {
					t.Fatalf("%s #%d: %q: %v", k, i, p.MRZ, err)
				}
				if !d.Valid {
					t.Fatalf("%s #%d: invalid MRZ %q: %+v", k, i, p.MRZ, d.Checks)
				}
				if d.DocumentNumber != p.DocumentNumber || d.Surname != p.SurnameMRZ || d.GivenNames != p.GivenNamesMRZ {
					t.Errorf("%s: MRZ says %s %s / %s, printed %s %s / %s", k, d.DocumentNumber, d.Surname, d.GivenNames,
						p.DocumentNumber, p.SurnameMRZ, p.GivenNamesMRZ)
				}
				if d.BirthDate != p.Birth.Format("060102") || d.ExpiryDate != p.ExpiryDate.Format("060102") || d.Sex != p.Sex {
					t.Errorf("%s: MRZ dates or sex differ from %v", k, p)
				}
				if p.ExpiryDate.Before(minExpiry) {
					t.Errorf("%s: expires %v", k, p.ExpiryDate)
				}
			}
		}
	}
}

func TestPrintedFieldsBelongToLayout(t *testing.T) {
	for _, k := range layout.Kinds() {
		l, _ := layout.For(k)
		p, err := NewPerson(k, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		pr := p.Printed()
		for name, v := range pr {
			if _, ok := l.Field(name); !ok {
				t.Errorf("%s: printed field %q not in the layout", k, name)
			}
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: field %q printed empty", k, name)
			}
		}
		for _, f := range l.Fields {
			if f.Lang != "" {
				if _, ok := pr[f.Name]; !ok {
					t.Errorf("%s: text field %q not printed", k, f.Name)
				}
			}
		}
	}
}

func TestTransliterate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Müller", "MUELLER"},
		{"Søren", "SOEREN"},
		{"José", "JOSE"},
		{"Weiß", "WEISS"},
		{"O'Brien", "OBRIEN"},
		{"Van der Berg", "VAN DER BERG"},
		{"Anna-Maria  Åsa", "ANNA MARIA AASA"},
		{"Jovanović", "JOVANOVIC"},
		{"Núñez", "NUNEZ"},
	} {
		if got := Transliterate(tc.in); got != tc.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestValidityFormat(t *testing.T) {
	p := Person{ValidFrom: date(2015, 3, 1), ValidTo: date(2035, 3, 1)}
	if got := p.Validity(); got != "2015.03.01-2035.03.01" {
		t.Errorf("Validity = %q", got)
	}
	p.ValidTo = time.Time{}
	if got := p.Validity(); got != "2015.03.01-长期" {
		t.Errorf("Validity = %q", got)
	}
	if got := PrintedDate(date(1990, 3, 7)); got != "07 MAR 1990" {
		t.Errorf("PrintedDate = %q", got)
	}
}

func TestNewPersonDeterministic(t *testing.T) {
	for _, k := range layout.Kinds() {
		a, _ := NewPerson(k, rand.New(rand.NewPCG(5, 6)))
		b, _ := NewPerson(k, rand.New(rand.NewPCG(5, 6)))
		if a.IDNumber != b.IDNumber || a.NameCN != b.NameCN || a.Surname != b.Surname || !slices.Equal(a.MRZ, b.MRZ) {
			t.Errorf("%s: same seed, different holders", k)
		}
	}
}
