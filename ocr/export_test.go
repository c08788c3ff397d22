package ocr

import (
	"context"
	"fmt"
	"time"

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
	s := &session{r: r, ctx: context.Background(), work: src.Mat(), corners: src.CornersF(), scale: src.Scale(),
		cache: map[cacheKey]fieldRead{}, deadline: time.Now().Add(time.Minute)}
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
