package ocr

import (
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

// readCNName reads the name of a Chinese card. With the PP-OCRv4 recogniser, its reading of the
// line found for the name is taken when it is confident and has as many characters as the line's
// ink shows; otherwise Tesseract reads the name as well (vote): when the two agree the reading is
// sure, else the recogniser's reading (Tesseract's when the recogniser read nothing) is returned
// with unsure set, so that a comparison does not call it a mismatch. Without the recogniser the
// name is Tesseract's vote, as sure as before. rect is the region read.
func (s *session) readCNName(d doc) (name string, rect rectMM, unsure bool, err error) {
	if s.r.rec == nil {
		n, fr, err := s.vote(d, "name", cleanCNName)
		return n, fr.rect, false, err
	}
	f, _ := d.l.Field("name")
	rect, err = s.fieldRegion(d, f)
	if err != nil {
		return "", rect, false, err
	}
	res, err := s.ppRead(d, rect)
	if err != nil {
		return "", rect, false, err
	}
	p := cleanCNName(res.Text)
	glyphs, err := s.glyphCount(d, "name")
	if err != nil {
		return "", rect, false, err
	}
	if p != "" && res.Confident(ppocr.ConfidentLevel) && (glyphs == 0 || glyphs == len([]rune(p))) {
		return p, rect, false, nil
	}
	t, _, err := s.vote(d, "name", cleanCNName)
	if err != nil {
		return "", rect, false, err
	}
	switch {
	case p != "" && p == t:
		return p, rect, false, nil
	case p == "":
		return t, rect, t != "", nil
	}
	return p, rect, true, nil
}
