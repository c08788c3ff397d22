package ocr

// emblemMinScore is the smallest fraction of red pixels in the emblem region of a Chinese identity
// card's back (the national emblem is a red disc with gold rays, about half the region).
const emblemMinScore = 0.12

// emblemPixelsPerMM is the resolution at which the emblem region is tested: colour needs no detail.
const emblemPixelsPerMM = 3

// emblemScore returns the fraction of clearly red pixels in the emblem region of d (a cn_id_back
// layout): near 0.5 for the emblem, near 0 for anything else that is not red.
func (s *session) emblemScore(d doc) (float64, error) {
	f, ok := d.l.Field("emblem")
	if !ok {
		return 0, nil
	}
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	c, err := d.g.cut(s.work, boxMM(d.l, f.Box, 0), emblemPixelsPerMM, true)
	if err != nil {
		return 0, err
	}
	red := 0
	for i := 0; i+2 < len(c.pix); i += 3 {
		b, g, r := int(c.pix[i]), int(c.pix[i+1]), int(c.pix[i+2])
		if r >= 110 && r*10 >= g*17 && r*10 >= b*17 {
			red++
		}
	}
	return float64(red) / float64(c.w*c.h), nil
}
