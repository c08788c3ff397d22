package ocr

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/precheck"
)

// ReadPrintedBirth reads the printed birth date of the Chinese card front found in p, upright, on
// its own (Read takes the date from the number when the number's check character holds).
func ReadPrintedBirth(r *Reader, p precheck.Photo) (string, error) {
	src, ok := p.(source)
	if !ok {
		return "", fmt.Errorf("%w: %T", ErrPhoto, p)
	}
	s := &session{r: r, ctx: context.Background(), work: src.Mat(), corners: src.CornersF(), scale: src.Scale(), cache: map[cacheKey]fieldRead{}}
	fr, err := s.firstAccepted(s.doc(layout.CNIDFront, false), "birth", func(fr fieldRead) bool {
		_, ok := parseCNDate(fr.text())
		return ok
	})
	if err != nil {
		return "", err
	}
	if t, ok := parseCNDate(fr.text()); ok {
		return date(t), nil
	}
	return "", nil
}

// DumpLines writes the lines found on the card front in p to dir (debugging).
func DumpLines(r *Reader, p precheck.Photo, dir string) error {
	src := p.(source)
	s := &session{r: r, ctx: context.Background(), work: src.Mat(), corners: src.CornersF(), scale: src.Scale(), cache: map[cacheKey]fieldRead{}}
	d := s.doc(layout.CNIDFront, false)
	for _, n := range []string{"name", "birth", "id_number"} {
		f, _ := d.l.Field(n)
		rect, err := s.fieldRegion(d, f)
		if err != nil {
			return err
		}
		c, err := d.g.cut(s.work, rect, 12, false)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, n+".pgm"), c.pgm(), 0o644); err != nil {
			return err
		}
		fr, _, _ := s.fieldWay(d, n, 0)
		fmt.Println(n, rect, fr.text())
	}
	return nil
}
