package ocr_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
)

// TestRealPassportMRZ reads the MRZ of a real specimen passport (a flat scan of an Estonian
// passport), letting the reader recognise the kind.
func TestRealPassportMRZ(t *testing.T) {
	dir := realdataDir(t)
	p := analyse(t, filepath.Join(dir, "mrz-specimens", "id2.jpg"))
	defer p.Close()
	rd, err := reader(t).Read(context.Background(), p, precheck.KindUnknown)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<",
		"KB00000003EST7501229F120522647501220010<<<02",
	}
	t.Logf("kind %s, MRZ %+v, %.0f ms", rd.Kind, rd.MRZ, rd.OCRMS)
	if rd.Kind != precheck.KindPassport {
		t.Errorf("kind %s, want passport", rd.Kind)
	}
	if rd.MRZ == nil {
		t.Fatalf("no MRZ read; unreadable %v", rd.Unreadable)
	}
	if !slices.Equal(rd.MRZ.Lines, want) || !rd.MRZ.Valid || rd.MRZ.Format != "TD3" {
		t.Errorf("MRZ %+v, want TD3 %q valid", rd.MRZ, want)
	}
	if rd.MRZFields == nil || rd.MRZFields.IDNumber != "KB0000000" || rd.MRZFields.BirthDate != "1975-01-22" || rd.MRZFields.Expiry != "2012-05-22" {
		t.Errorf("MRZ fields %+v", rd.MRZFields)
	}
	if _, ok := rd.Boxes["mrz"]; !ok {
		t.Error("no box for the MRZ")
	}
}

// TestRealTemplates reads the MIDV-2020 template images and compares the MRZ and the document
// number with their annotations, where the annotation has them (the Albanian card's front has no
// MRZ: what is read from it is only logged, its layout being unlike the TD1 layout).
func TestRealTemplates(t *testing.T) {
	dir := filepath.Join(realdataDir(t), "midv2020-templates")
	for _, doc := range []string{"alb_id", "aze_passport"} {
		ann, err := corpus.VIAFields(filepath.Join(dir, doc, "annotations", doc+".json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"00.jpg", "01.jpg"} {
			fields := ann[name]
			t.Run(doc+"/"+name, func(t *testing.T) {
				p := analyse(t, filepath.Join(dir, doc, "images", name))
				defer p.Close()
				rd, err := reader(t).Read(context.Background(), p, precheck.KindUnknown)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("kind %s, printed %+v, MRZ %+v, unreadable %v, %.0f ms", rd.Kind, rd.Printed, rd.MRZ, rd.Unreadable, rd.OCRMS)
				l0, ok := fields["mrz_line0"]
				if !ok {
					return
				}
				want := []string{l0, fields["mrz_line1"]}
				if rd.MRZ == nil || !slices.Equal(rd.MRZ.Lines, want) || !rd.MRZ.Valid {
					t.Errorf("MRZ %+v, want %q valid", rd.MRZ, want)
				}
				if n := fields["number"]; rd.MRZFields == nil || rd.MRZFields.IDNumber != n || rd.Printed.IDNumber != n {
					t.Errorf("number: MRZ %+v, printed %q, want %q", rd.MRZFields, rd.Printed.IDNumber, n)
				}
			})
		}
	}
}
