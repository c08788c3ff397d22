package ocr

import (
	"context"
	"errors"
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
	"github.com/docprecheck/docprecheck/quality"
)

func TestSquareToQuad(t *testing.T) {
	q := [4][2]float64{{10, 20}, {110, 25}, {105, 95}, {5, 90}}
	h := quality.SquareToQuad(q)
	for i, uv := range [4][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
		x, y := h.Apply(uv[0], uv[1])
		if math.Abs(x-q[i][0]) > 1e-9 || math.Abs(y-q[i][1]) > 1e-9 {
			t.Errorf("corner %d maps to (%v, %v), want %v", i, x, y, q[i])
		}
	}
	r := rotated(q)
	if r[0] != q[2] || r[2] != q[0] {
		t.Errorf("rotated = %v", r)
	}
}

// TestFieldRectsStayOffCaptions checks that padding a value box does not take in its caption.
func TestFieldRectsStayOffCaptions(t *testing.T) {
	for _, k := range layout.Kinds() {
		l, _ := layout.For(k)
		for name := range specs[k] {
			f, _ := l.Field(name)
			r := fieldRect(l, f, DefaultPadMM)
			b := boxMM(l, f.Box, 0)
			if r.x0 > b.x0 || r.y0 > b.y0 || r.x1 < b.x1 || r.y1 < b.y1 {
				t.Errorf("%s/%s: %+v smaller than its box %+v", k, name, r, b)
			}
			if f.LabelBox.Empty() {
				continue
			}
			lb := boxMM(l, f.LabelBox, 0)
			// The caption may touch the box (by less than the slack), never more than the box does.
			inter := rectMM{math.Max(r.x0, lb.x0), math.Max(r.y0, lb.y0), math.Min(r.x1, lb.x1), math.Min(r.y1, lb.y1)}
			binter := rectMM{math.Max(b.x0, lb.x0), math.Max(b.y0, lb.y0), math.Min(b.x1, lb.x1), math.Min(b.y1, lb.y1)}
			area := func(r rectMM) float64 { return math.Max(0, r.w()) * math.Max(0, r.h()) }
			if area(inter) > area(binter)+1e-9 {
				t.Errorf("%s/%s: padded region %+v reaches into its caption %+v", k, name, r, lb)
			}
		}
	}
}

// syms lays out text as symbols at a fixed pitch, as Tesseract reports them.
func syms(text string, x0, pitch float64, y int) []symbol {
	var out []symbol
	for i, c := range text {
		x := int(x0 + float64(i)*pitch)
		out = append(out, symbol{text: string(c), box: image.Rect(x, y, x+int(0.72*pitch), y+30), conf: 95})
	}
	return out
}

func TestPlaceLineWideFiller(t *testing.T) {
	pitch := 30.48
	s := syms("P<UTOPETROV<<ZOE<<<<<<<<<<", 60, pitch, 10)
	// Tesseract read the last 18 fillers as one wide box.
	x := int(60 + 26*pitch)
	s = append(s, symbol{text: "<", box: image.Rect(x, 10, int(60+43*pitch+0.72*pitch), 40), conf: 13})
	cells := placeLine(s, pitch)
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(c.text)
	}
	want := "P<UTOPETROV<<ZOE" + strings.Repeat("<", 28)
	if b.String() != want {
		t.Errorf("placeLine = %q (%d), want %q (%d)", b.String(), b.Len(), want, len(want))
	}
	for i, c := range cells {
		if c.inferred != (i >= 26) {
			t.Errorf("column %d inferred = %v", i, c.inferred)
		}
	}
}

// Tesseract reads a pair of identical letters ("SS") as one wide character: the two columns it
// covers are left to be read again one by one, and the columns after it keep their places.
func TestPlaceLineWideCharacter(t *testing.T) {
	pitch := 30.48
	s := syms("40229968UTO", 60+2*pitch, pitch, 10)
	wide := symbol{text: "S", box: image.Rect(60, 10, int(60+pitch+0.72*pitch), 40), conf: 80}
	cells := placeLine(append([]symbol{wide}, s...), pitch)
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(c.text)
	}
	if b.String() != "40229968UTO" || len(cells) != 13 || cells[0].text != "" || cells[1].text != "" || cells[2].text != "4" {
		t.Errorf("placeLine = %q over %d columns, want 2 doubtful columns then 40229968UTO", b.String(), len(cells))
	}
}

func mustRepair(t *testing.T, lines ...string) *mrz.Document {
	t.Helper()
	d, err := mrz.Repair(lines)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestVoteNumber(t *testing.T) {
	// Both numbers pass the check digit 7: the misreading 9 -> I, 8 -> B keeps the weighted sum.
	right := mustRepair(t, "IDUTOR98F841772<<<<<<<<<<<<<<<", "5507319M3311097UTO<<<<<<<<<<<6", "WEISS<<LUKAS<KARL<<<<<<<<<<<<<")
	wrong := mustRepair(t, "IDUTORIBF841772<<<<<<<<<<<<<<<", "5507319M3311097UTO<<<<<<<<<<<6", "WEISS<<LUKAS<KARL<<<<<<<<<<<<<")
	broken := mustRepair(t, "IDUTOR98F841773<<<<<<<<<<<<<<<", "5507319M3311097UTO<<<<<<<<<<<6", "WEISS<<LUKAS<KARL<<<<<<<<<<<<<")
	if !right.Valid || !wrong.Valid || broken.Valid {
		t.Fatalf("fixtures: valid %v %v %v", right.Valid, wrong.Valid, broken.Valid)
	}
	for _, tc := range []struct {
		name     string
		printed  string
		readings []*mrz.Document
		want     *mrz.Document
	}{
		{"most readings and the printed number agree", "R98F84177", []*mrz.Document{wrong, right, right, right}, right},
		{"one other reading and the printed number outvote the first", "R98F84177", []*mrz.Document{wrong, right}, right},
		{"the printed number alone does not overturn the MRZ", "R98F84177", []*mrz.Document{wrong, wrong}, wrong},
		{"an invalid reading does not vote", "R98F84177", []*mrz.Document{wrong, broken, broken}, wrong},
		{"a tie keeps the MRZ's number", "X12345678", []*mrz.Document{wrong, right}, wrong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := voteNumber(wrong, tc.printed, tc.readings); got != tc.want {
				t.Errorf("voteNumber = %s, want %s", got.DocumentNumber, tc.want.DocumentNumber)
			}
		})
	}
}

func TestMostChecked(t *testing.T) {
	// The composite check digit was read as a filler; the number and the dates pass their own.
	lost := mustRepair(t, "IDUTOU98P726810<<<<<<<<<<<<<<<", "5205121M3209262UTO<<<<<<<<<<<<", "NOVAK<<LUKAS<KARL<<<<<<<<<<<<<")
	// A shifted second line: dates malformed.
	shifted := mustRepair(t, "IDUTOU98P726810<<<<<<<<<<<<<<<", "205121M3209262UTO<<<<<<<<<<<<<", "NOVAK<<LUKAS<KARL<<<<<<<<<<<<<")
	if lost.Valid || len(lost.Malformed) > 0 || len(shifted.Malformed) == 0 {
		t.Fatalf("fixtures: lost valid %v malformed %v; shifted malformed %v", lost.Valid, lost.Malformed, shifted.Malformed)
	}
	got := mostChecked([]*mrz.Document{shifted, lost})
	if got != lost {
		t.Fatalf("mostChecked = %+v, want the reading with the lost composite digit", got)
	}
	for field, want := range map[string]bool{
		mrz.FieldDocumentNumber: true, mrz.FieldBirthDate: true, mrz.FieldExpiryDate: true, mrz.FieldComposite: false,
	} {
		if passes(got, field) != want {
			t.Errorf("passes(%s) = %v, want %v", field, !want, want)
		}
	}
	if mostChecked([]*mrz.Document{shifted}) != nil {
		t.Error("a malformed reading was taken")
	}
}

func TestSplitLinesByHeight(t *testing.T) {
	const pitch = 30
	a := syms("ABC", 0, pitch, 10)
	b := syms("DEF", 0, pitch, 60)
	c := syms("GH", 200, pitch, 12) // the right part of the first line, read as a block of its own
	lines := splitLines(append(append(a, b...), c...))
	if len(lines) != 2 || len(lines[0]) != 5 || lines[0][3].text != "G" || len(lines[1]) != 3 {
		t.Errorf("splitLines = %v", lines)
	}
}

func TestCheckEquivalent(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"GS2518484", "6S2518484", true}, // G and 6 have the same value modulo 10
		{"KB0000000", "KBOQO00O0", true}, // look-alikes with the same check digit
		{"KB0000000", "KBO000000", false},
		{"AB123", "AB124", false},
		{"AB123", "AB12", false},
		{"AB123", "AB123", false},
	} {
		if got := checkEquivalent(tc.a, tc.b); got != tc.want {
			t.Errorf("checkEquivalent(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestClearNameTail(t *testing.T) {
	l := []string{"P<UTOJOVANOVIC<<AASA<<<<<<<<<<<<KEEEEEEEKKKK", "RF08379249UTO7304224F3209147<<<<<<<<<<<<<<<8"}
	clearNameTail(l)
	if l[0] != "P<UTOJOVANOVIC<<AASA"+strings.Repeat("<", 24) || l[1][0] != 'R' {
		t.Errorf("clearNameTail = %q", l)
	}
	td1 := []string{"I<UTO", "12345", "DOE<<JOHN<A<<<X<"}
	clearNameTail(td1)
	if td1[2] != "DOE<<JOHN<A<<<<<" {
		t.Errorf("clearNameTail TD1 = %q", td1)
	}
}

func TestParseCNDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"1990年3月7日", "1990-03-07"},
		{"1990 年 12 月 31 日", "1990-12-31"},
		{"19903月7日", "1990-03-07"},
		{"１９９０年３月７日", "1990-03-07"},
		{"1990年2月30日", ""},
		{"年月日", ""},
	} {
		got, ok := parseCNDate(tc.in)
		s := ""
		if ok {
			s = date(got)
		}
		if s != tc.want {
			t.Errorf("parseCNDate(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}

func TestTextCleaning(t *testing.T) {
	if got := hanOnly("王 小 明|"); got != "王小明" {
		t.Errorf("hanOnly = %q", got)
	}
	if got := hanOnly("买买提·艾力"); got != "买买提·艾力" {
		t.Errorf("hanOnly = %q", got)
	}
	if got := digitsX(" 11010519491231002x "); got != "11010519491231002X" {
		t.Errorf("digitsX = %q", got)
	}
	if got := latinName(" Müller-Lüdenscheidt , "); got != "MÜLLER-LÜDENSCHEIDT" {
		t.Errorf("latinName = %q", got)
	}
	if got := icaoFold("MÄNNIK MARI-LIIS"); got != "MAENNIK MARI LIIS" {
		t.Errorf("icaoFold = %q", got)
	}
	if !nameAgrees("MÄNNIK MARI-LIIS", "MAENNIK MARI LIIS") || nameAgrees("SMITH JOHN", "MAENNIK MARI LIIS") {
		t.Error("nameAgrees")
	}
	if !plausibleTitle("中华人民共和国\n居民身份证") || plausibleTitle("Republic") {
		t.Error("plausibleTitle")
	}
}

func TestOtsuAndTrim(t *testing.T) {
	// A light grey page with light lines and a dark block of "ink".
	c := grayCrop{w: 40, h: 20, pix: make([]byte, 800)}
	for i := range c.pix {
		c.pix[i] = 230
		if i%7 == 0 {
			c.pix[i] = 190
		}
	}
	for y := 8; y < 12; y++ {
		for x := 10; x < 20; x++ {
			c.pix[y*40+x] = 30
		}
	}
	b := otsu(c)
	for i, v := range b.pix {
		if dark := v == 0; dark != (c.pix[i] == 30) {
			t.Fatalf("otsu: pixel %d is %d", i, v)
		}
	}
	tr := trim(b, 3, 1)
	if tr.w != 10+6 || tr.h != 4+6 {
		t.Errorf("trim: %dx%d, want 16x10", tr.w, tr.h)
	}
}

func TestPoolBounds(t *testing.T) {
	p := newPool(langEng, "", 1, 300)
	e, err := p.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The only engine is lent: a second get waits, and gives up with its context.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := p.get(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("get on a full pool = %v, want DeadlineExceeded", err)
	}
	p.put(e)
	e2, err := p.get(context.Background())
	if err != nil || e2 != e {
		t.Errorf("get after put = %p, %v; want the same engine", e2, err)
	}
	done := make(chan struct{})
	go func() {
		p.close() // waits for e2
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("close returned while an engine was lent")
	case <-time.After(20 * time.Millisecond):
	}
	p.put(e2)
	<-done
	if _, err := p.get(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("get after close = %v, want ErrClosed", err)
	}
}

func TestEngineBadTessdata(t *testing.T) {
	if _, err := newEngine(langEng, t.TempDir(), 300); !errors.Is(err, ErrEngine) {
		t.Errorf("newEngine with an empty tessdata directory = %v, want ErrEngine", err)
	}
}

func TestCNIDNumber(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		valid    bool
	}{
		{"11010519491231002X", "11010519491231002X", true},
		{"1101051949 1231002x", "11010519491231002X", true},
		{"411010519491231002X", "11010519491231002X", true}, // a stray digit before the number
		{"11010519491231002", "11010519491231002", false},   // a digit lost: not invented
		{"110105194912310021", "110105194912310021", false}, // a wrong check character stays
	} {
		id, valid := cnIDNumber(tc.in)
		if id != tc.want || valid != tc.valid {
			t.Errorf("cnIDNumber(%q) = %q, %v; want %q, %v", tc.in, id, valid, tc.want, tc.valid)
		}
	}
}

func TestParseValidityStrayCharacter(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		text     string
		ok       bool
		from, to time.Time
	}{
		{"2025.03.21-2035.03.21", true, day(2025, 3, 21), day(2035, 3, 21)},
		{"上 2025.03.21-2035.03.21", true, day(2025, 3, 21), day(2035, 3, 21)},
		{"1 2025.03.21-2035.03.21", true, day(2025, 3, 21), day(2035, 3, 21)},
		{"三2025.03.21-2035.03.21", true, day(2025, 3, 21), day(2035, 3, 21)},
		{"限 2015.03.01-长期", true, day(2015, 3, 1), time.Time{}},
		{"上 2025.03.21-2035.03.22", false, time.Time{}, time.Time{}}, // a span the law does not allow
		{"12025.03.21-2035.03.21", false, time.Time{}, time.Time{}},  // the stray digit joins the date
		{"上", false, time.Time{}, time.Time{}},
	} {
		from, to, ok := parseValidity(tc.text)
		if ok != tc.ok || !from.Equal(tc.from) || !to.Equal(tc.to) {
			t.Errorf("parseValidity(%q) = %v, %v, %v; want %v, %v, %v", tc.text, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}

// A printed number is weighed against the MRZ's only when it could be the number: the same length
// and the same check digit.
func TestSameCheckDigit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"R98F84177", "RIBF84177", true},
		{"F99W73030", "FOOW73030", true},
		{"KB0000001", "KB0000000", false},
		{"SSSSXS", "KB0000000", false}, // another layout's field read as text
		{"", "", false},
	} {
		if got := sameCheckDigit(tc.a, tc.b); got != tc.want {
			t.Errorf("sameCheckDigit(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// The PP-OCRv4 models' directory: one named by the options or the environment must hold them
// (explicit); "off" in either reads with Tesseract alone; the options override the environment.
func TestModelsDir(t *testing.T) {
	t.Chdir(t.TempDir()) // no models/ here, and no go.mod above to find one beside
	for _, tc := range []struct {
		opt, env, dir string
		explicit      bool
	}{
		{"", "", "", false},
		{"", "/srv/models", "/srv/models", true},
		{"", ModelsOff, "", false},
		{"m", ModelsOff, "m", true},
		{ModelsOff, "/srv/models", "", false},
	} {
		t.Setenv(ModelsEnv, tc.env)
		dir, explicit := modelsDir(tc.opt)
		assert.Equal(t, tc.dir, dir, "opt %q, env %q", tc.opt, tc.env)
		assert.Equal(t, tc.explicit, explicit, "opt %q, env %q", tc.opt, tc.env)
	}
}
