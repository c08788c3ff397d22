package corpus

import "math"

type vec struct{ x, y float64 }

// QuadIoU is the intersection over union of two convex quadrilaterals given as [x, y] corners in
// order (either winding).
func QuadIoU(a, b [4][2]float64) float64 {
	pa, pb := poly(a), poly(b)
	if area(pa) < 0 {
		reverse(pa)
	}
	if area(pb) < 0 {
		reverse(pb)
	}
	inter := clip(pa, pb)
	ai := math.Abs(area(inter))
	union := area(pa) + area(pb) - ai
	if union <= 0 {
		return 0
	}
	return ai / union
}

func poly(q [4][2]float64) []vec {
	return []vec{{q[0][0], q[0][1]}, {q[1][0], q[1][1]}, {q[2][0], q[2][1]}, {q[3][0], q[3][1]}}
}

func reverse(p []vec) {
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
}

func area(p []vec) float64 {
	s := 0.0
	for i := range p {
		j := (i + 1) % len(p)
		s += p[i].x*p[j].y - p[j].x*p[i].y
	}
	return s / 2
}

// clip intersects subject with the convex, counter-clockwise (in the y-down sense, positive area)
// polygon c (Sutherland-Hodgman).
func clip(subject, c []vec) []vec {
	out := subject
	for i := range c {
		a, b := c[i], c[(i+1)%len(c)]
		in := out
		out = nil
		if len(in) == 0 {
			break
		}
		side := func(p vec) float64 { return (b.x-a.x)*(p.y-a.y) - (b.y-a.y)*(p.x-a.x) }
		for j := range in {
			cur, prev := in[j], in[(j+len(in)-1)%len(in)]
			sc, sp := side(cur), side(prev)
			if sc >= 0 {
				if sp < 0 {
					out = append(out, cross(prev, cur, sp, sc))
				}
				out = append(out, cur)
			} else if sp >= 0 {
				out = append(out, cross(prev, cur, sp, sc))
			}
		}
	}
	return out
}

func cross(p, q vec, sp, sq float64) vec {
	t := sp / (sp - sq)
	return vec{p.x + t*(q.x-p.x), p.y + t*(q.y-p.y)}
}
