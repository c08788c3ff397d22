package ocr_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docprecheck/docprecheck/precheck"
)

// Floors reached on mrz-passports-dev (96 scans of 12 countries' passport data pages whose MRZ
// was replaced by a generated one); see TestRealMRZPassports.
const (
	passportsExactFloor = 0.95
	passportsMaxFalse   = 1 // readings reported valid while differing from the truth
)

// TestRealMRZPassports reads the MRZ of every scan of mrz-passports-dev, letting the reader find
// the zone and tell the kind, whatever the photo checks say, and scores the two lines against the
// truth. The visual zone of these scans does not match their MRZ: only the MRZ is scored.
func TestRealMRZPassports(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 96 scans")
	}
	dir := filepath.Join(realdataDir(t), "mrz-passports-dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.jpg"))
	if len(files) == 0 {
		t.Skipf("no scans in %s", dir)
	}
	var exact, falseValid int
	var ms, whole []float64
	for _, f := range files {
		b, err := os.ReadFile(strings.TrimSuffix(f, ".jpg") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Fields(string(b))
		p := analyse(t, f)
		rd, err := reader(t).Read(context.Background(), p, precheck.KindUnknown)
		q := p.Quality()
		p.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ms = append(ms, rd.OCRMS)
		whole = append(whole, q.DecodeMS+q.QualityMS+rd.OCRMS)
		name, _ := filepath.Rel(dir, f)
		switch {
		case rd.MRZ != nil && slices.Equal(rd.MRZ.Lines, want):
			exact++
		case rd.MRZ != nil && rd.MRZ.Valid:
			falseValid++
			t.Logf("%s: valid but wrong: %q, want %q", name, rd.MRZ.Lines, want)
		case rd.MRZ != nil:
			t.Logf("%s: invalid: %q, want %q", name, rd.MRZ.Lines, want)
		default:
			t.Logf("%s: no MRZ (kind %s, unreadable %v, out of time %v)", name, rd.Kind, rd.Unreadable, rd.OutOfTime)
		}
	}
	rate := float64(exact) / float64(len(files))
	slices.Sort(ms)
	slices.Sort(whole)
	t.Logf("exact %d/%d (%.3f), valid but wrong %d; reading ms median %.0f p95 %.0f max %.0f; "+
		"decode, photo checks and reading ms median %.0f p95 %.0f max %.0f",
		exact, len(files), rate, falseValid, ms[len(ms)/2], ms[len(ms)*95/100], ms[len(ms)-1],
		whole[len(whole)/2], whole[len(whole)*95/100], whole[len(whole)-1])
	if rate < passportsExactFloor {
		t.Errorf("exact rate %.3f below %.2f", rate, passportsExactFloor)
	}
	if falseValid > passportsMaxFalse {
		t.Errorf("%d readings valid but wrong, at most %d allowed", falseValid, passportsMaxFalse)
	}
}
