package ocr

import (
	"context"
	"errors"
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/docprecheck/docprecheck/layout"
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
