package ocr

import (
	"image"
	"runtime"

	"gocv.io/x/gocv"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/docprecheck/docprecheck/ocr/ppocr"
)

// cleanCNName keeps the Han characters of a reading of a Chinese name, or "" when fewer than two
// remain (no Chinese name has one character).
func cleanCNName(t string) string {
	if n := hanOnly(t); len([]rune(n)) >= 2 {
		return n
	}
	return ""
}

// minSecondChoice is the lowest probability at which the recogniser's second choice for a
// character of a name is reported as an alternative (nameAlternatives): the model spreads no
// more than noise over shapes it has excluded, and one in a hundred is well above that noise.
// What makes an alternative safe to report is not this number but that it is the second choice,
// and an uncommon character under a common one.
const minSecondChoice = 0.01

// nameAlternatives returns, for each character of name (the Han characters of res, as cleanCNName
// keeps them), the recogniser's second choice there when it is an uncommon character under a
// common one, "" elsewhere; nil when there is none or the characters do not line up. Common means
// GB 2312's first level, uncommon its second (3,008 characters, many of them surnames): the model
// reads many an uncommon character as its common look-alike, confidently (佘 as 余 with 佘 second
// at 0.06 to 0.3, 逄 as 逢, 琰 as 毯), its prior leaning to the common one. The reverse is not
// an alternative: an uncommon character read with a common one second (倩 with 情, 昊 with 吴, on
// 8 of the test's 200 common names) was read against that prior, and a typed 情 stays a mismatch.
// Neither is a pair of two common characters (宇 with 字) nor a character outside GB 2312: the
// traditional forms are there (楊, often second to 杨, typed for it is a mismatch), and so are rare
// characters such as 彧 (second to 或 at 0.1 to 0.2), 燚 and 垚, which cannot be told from them
// without a table of traditional forms.
func nameAlternatives(res ppocr.Result, name string) []string {
	var han []ppocr.Char
	for _, c := range res.Chars {
		if rs := []rune(c.Text); len(rs) == 1 && hanOnly(c.Text) == c.Text {
			han = append(han, c)
		}
	}
	if len(han) != len([]rune(name)) {
		return nil
	}
	enc := simplifiedchinese.GBK.NewEncoder()
	var alts []string
	for i, c := range han {
		r := []rune(c.RunnerUp)
		if len(r) != 1 || c.RunnerUpConfidence < minSecondChoice {
			continue
		}
		if gb2312Level(enc, []rune(c.Text)[0]) != 1 || gb2312Level(enc, r[0]) != 2 {
			continue
		}
		if alts == nil {
			alts = make([]string, len(han))
		}
		alts[i] = c.RunnerUp
	}
	return alts
}

// tightMargin is the margin, in line heights, of the second crop of a name in which the recogniser
// seems to have lost or added a character. The first crop's margin (lineMargin, and the
// recogniser's own trim, a quarter of the band of ink) leaves the characters two thirds of the
// model's 48 pixels; cut tighter they fill about five sixths, and a complex character the model
// dropped at the smaller size is often read (on the test's rare names, 郗, 訾 and 燚). Names read
// confidently the first time, the common ones, are not read twice.
const tightMargin = 0.1

// readCNName reads the name of a Chinese card. With the PP-OCRv4 recogniser, its reading of the
// line found for the name is taken when it is confident and has as many characters as the line's
// ink shows (glyphCount). When a character seems lost or added (the reading's length differs from
// the ink's count, or the model hesitated at a column where it read nothing: GapConfidence), the
// line is read again cut tighter (tightMargin) and that reading is taken on the same terms.
// Otherwise Tesseract reads the name as well (vote): a recogniser's reading that Tesseract agrees
// with is sure; else the recogniser's first reading (the tighter one when only that has as many
// characters as the ink) is returned with unsure set, so that a comparison does not call it a
// mismatch (Tesseract's reading when the recogniser read nothing). Without the recogniser the
// name is Tesseract's vote, as sure as before. rect is the region read; alts are the recogniser's
// alternatives for the characters of name (nameAlternatives), nil when there are none or name is
// Tesseract's reading; a character with an alternative is read again alone (reconsider).
func (s *session) readCNName(d doc) (name string, rect rectMM, unsure bool, alts []string, err error) {
	name, rect, unsure, res, err := s.readCNNameWays(d)
	if res != nil && err == nil {
		alts = nameAlternatives(*res, name)
		name, alts, err = s.reconsider(d, rect, name, alts)
	}
	return name, rect, unsure, alts, err
}

// reconsider asks for a second opinion on each character of name that has an alternative (an
// uncommon character the recogniser ranked second under a common one, nameAlternatives): the
// character is cut out of the line in rect and read alone, filling the model's height
// (glyphOpinion). When that reading is the alternative, the two swap places: name takes the
// uncommon character and alts the common one, so that a typed common character is still found
// consistent, never mismatched. Read alone and filling the model's height, the character is less
// often taken for its common look-alike than in its line, trimmed as a line is: on test cards
// (TestCNLookalikeNames) 21 of 30 names under 佘 read 余 in the line were read 佘 so, while the 30
// under 余 stayed 余; but 逄 read 逢 was read 逢 alone too, so this helps some pairs only.
func (s *session) reconsider(d doc, rect rectMM, name string, alts []string) (string, []string, error) {
	if alts == nil {
		return name, nil, nil
	}
	rs := []rune(name)
	for i, a := range alts {
		if a == "" {
			continue
		}
		c, err := s.glyphOpinion(d, rect, len(rs), i)
		if err != nil {
			return name, alts, err
		}
		if c == a {
			alts[i], rs[i] = string(rs[i]), []rune(a)[0]
		}
	}
	return string(rs), alts, nil
}

// glyphOpinion reads the i-th of the n characters of the line in rect alone with the recogniser
// (ppocr.RecognizeGlyph), cut to its ink, and returns the one character read, or "" when the
// line's ink does not part into n characters (squareGlyphs), the character is much flatter than
// the line (一, which cut to its ink would be stretched over the model's height), or the
// recogniser does not read one character.
func (s *session) glyphOpinion(d doc, rect rectMM, n, i int) (string, error) {
	crop, err := d.g.cut(s.work, rect, s.r.opts.PixelsPerMM*4/3, false)
	if err != nil {
		return "", err
	}
	bin := otsu(crop)
	rows, cols := inkProfile(bin)
	y0, y1 := inkSpan(rows, 2)
	x0, _ := inkSpan(cols, 2)
	if y0 < 0 || x0 < 0 {
		return "", nil
	}
	line := trim(bin, 0, 2) // its pixel (0, 0) is crop's (x0, y0)
	spans := glyphSpans(line, 2)
	if len(spans) != n {
		return "", nil
	}
	cr, cc := inkProfile(line.sub(image.Rect(spans[i][0], 0, spans[i][1], line.h), 0))
	cy0, cy1 := inkSpan(cr, 1)
	cx0, cx1 := inkSpan(cc, 1)
	if cy0 < 0 || 2*(cy1-cy0+1) < y1-y0+1 {
		return "", nil
	}
	cell := crop.sub(image.Rect(x0+spans[i][0]+cx0, y0+cy0, x0+spans[i][0]+cx1+1, y0+cy1+1), 0)
	m, err := gocv.NewMatFromBytes(cell.h, cell.w, gocv.MatTypeCV8UC1, cell.pix)
	if err != nil {
		return "", err
	}
	defer m.Close()
	defer runtime.KeepAlive(cell.pix) // m points into it (gocv does not copy)
	res, err := s.r.rec.RecognizeGlyph(s.ctx, m)
	if err != nil || len(res.Chars) != 1 {
		return "", err
	}
	return res.Chars[0].Text, nil
}

// readCNNameWays is readCNName without the alternatives; res is the recogniser's reading that name
// comes from, nil when it comes from Tesseract.
func (s *session) readCNNameWays(d doc) (name string, rect rectMM, unsure bool, res *ppocr.Result, err error) {
	if s.r.rec == nil {
		n, fr, err := s.vote(d, "name", cleanCNName)
		return n, fr.rect, false, nil, err
	}
	f, _ := d.l.Field("name")
	rect, err = s.fieldRegion(d, f)
	if err != nil {
		return "", rect, false, nil, err
	}
	glyphs, err := s.glyphCount(d, "name")
	if err != nil {
		return "", rect, false, nil, err
	}
	type reading struct {
		name string
		res  ppocr.Result
		rect rectMM
	}
	fits := func(r reading) bool { return glyphs == 0 || glyphs == len([]rune(r.name)) }
	sure := func(r reading) bool { return r.name != "" && r.res.Confident(ppocr.ConfidentLevel) && fits(r) }
	read := func(rect rectMM) (reading, error) {
		res, err := s.ppRead(d, rect)
		return reading{cleanCNName(res.Text), res, rect}, err
	}
	first, err := read(rect)
	if err != nil || sure(first) {
		return first.name, rect, false, &first.res, err
	}
	reads := []reading{first}
	if _, line, err := s.lineRect(d, f); err != nil {
		return "", rect, false, nil, err
	} else if line && (!fits(first) || first.res.GapConfidence < ppocr.ConfidentLevel) {
		// A character seems lost or added. Where the characters are all there but one is doubted
		// (佘 or 余, 琰 or 毯), the tighter crop only moves the doubt: it is not read.
		tight, err := read(tightRect(rect, tightMargin))
		if err != nil || sure(tight) {
			return tight.name, tight.rect, false, &tight.res, err
		}
		reads = append(reads, tight)
	}
	t, _, err := s.vote(d, "name", cleanCNName)
	if err != nil {
		return "", rect, false, nil, err
	}
	for _, r := range reads {
		if r.name != "" && r.name == t {
			return r.name, r.rect, false, &r.res, nil
		}
	}
	// The tight reading replaces the first only where the first lost or gained a character: between
	// two unconfident readings of as many characters, the tighter is no more often right (彭乐琰 was
	// read 琰 0.41 at the first size, 毯 0.50 at the tighter).
	best := first
	for _, r := range reads[1:] {
		if r.name != "" && (best.name == "" || fits(r) && !fits(best)) {
			best = r
		}
	}
	if best.name == "" {
		return t, rect, t != "", nil, nil
	}
	return best.name, best.rect, true, &best.res, nil
}
