package quality

import (
	"image"
	"math"
)

// pt is a point in working-image pixels.
type pt struct{ X, Y float64 }

func (a pt) sub(b pt) pt              { return pt{a.X - b.X, a.Y - b.Y} }
func (a pt) add(b pt) pt              { return pt{a.X + b.X, a.Y + b.Y} }
func (a pt) mul(s float64) pt         { return pt{a.X * s, a.Y * s} }
func (a pt) dist(b pt) float64        { return math.Hypot(a.X-b.X, a.Y-b.Y) }
func (a pt) cross(b pt) float64       { return a.X*b.Y - a.Y*b.X }
func imagePoint(x, y int) image.Point { return image.Point{X: x, Y: y} }

// inward is the unit normal of the line from a to b on the side of mid (either, when mid lies on it).
func inward(a, b, mid pt) pt {
	d := b.sub(a)
	l := math.Hypot(d.X, d.Y)
	n := pt{-d.Y / l, d.X / l}
	if n.X*(mid.X-a.X)+n.Y*(mid.Y-a.Y) < 0 {
		n = n.mul(-1)
	}
	return n
}

// quad is four corners: top-left, top-right, bottom-right, bottom-left.
type quad [4]pt

func (q quad) scale(s float64) quad {
	for i := range q {
		q[i] = q[i].mul(s)
	}
	return q
}

// stretched returns q with its x and y stretched by the factors of s (see finding.stretch).
func (q quad) stretched(s pt) quad {
	for i := range q {
		q[i] = pt{q[i].X * s.X, q[i].Y * s.Y}
	}
	return q
}

// area is the polygon's area (shoelace), positive for either winding.
func (q quad) area() float64 {
	s := 0.0
	for i := range 4 {
		s += q[i].cross(q[(i+1)%4])
	}
	return math.Abs(s) / 2
}

// convex reports whether the quad is strictly convex.
func (q quad) convex() bool {
	sign := 0.0
	for i := range 4 {
		c := q[(i+1)%4].sub(q[i]).cross(q[(i+2)%4].sub(q[(i+1)%4]))
		if c == 0 {
			return false
		}
		if sign == 0 {
			sign = c
		} else if (c > 0) != (sign > 0) {
			return false
		}
	}
	return true
}

// sides returns the mean lengths of the top/bottom pair and the left/right pair.
func (q quad) sides() (horizontal, vertical float64) {
	return (q[0].dist(q[1]) + q[3].dist(q[2])) / 2, (q[1].dist(q[2]) + q[0].dist(q[3])) / 2
}

// longSide is the mean length of the longer pair of opposite sides.
func (q quad) longSide() float64 {
	h, v := q.sides()
	return math.Max(h, v)
}

// order puts four points in reading order: the longer pair of sides is taken as the document's width,
// and top-left is the first corner of the upper long side. A document lying in portrait orientation is
// taken as turned a quarter-turn counter-clockwise.
func order(p [4]pt) quad {
	// Sort by angle around the centroid to get a consistent clockwise (in image coordinates) polygon.
	c := pt{}
	for _, v := range p {
		c = c.add(v.mul(0.25))
	}
	idx := []int{0, 1, 2, 3}
	ang := func(i int) float64 { return math.Atan2(p[i].Y-c.Y, p[i].X-c.X) }
	for i := 1; i < 4; i++ {
		for j := i; j > 0 && ang(idx[j]) < ang(idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	var q quad
	for i := range 4 {
		q[i] = p[idx[i]]
	}
	// q is now clockwise on screen starting from the point at the most negative angle (upper-left-ish).
	// Rotate so that q[0] is the corner with the smallest x+y.
	best := 0
	for i := 1; i < 4; i++ {
		if q[i].X+q[i].Y < q[best].X+q[best].Y {
			best = i
		}
	}
	q = quad{q[best], q[(best+1)%4], q[(best+2)%4], q[(best+3)%4]}
	// If the sides from q0 to q1 are the short ones, the document lies in portrait: the reading-order
	// top-left is then the bottom-left corner on screen (turned counter-clockwise).
	h, v := q.sides()
	if v > h*1.08 {
		q = quad{q[3], q[0], q[1], q[2]}
	}
	return q
}

// Homography is a 3x3 projective map, row-major. Package ocr maps the rectified document's field
// boxes back to the photo with it.
type Homography [9]float64

// SquareToQuad returns the projective map from the unit square's corners (0,0), (1,0), (1,1), (0,1)
// onto q (Heckbert's closed form).
func SquareToQuad(q [4][2]float64) Homography {
	x0, y0, x1, y1, x2, y2, x3, y3 := q[0][0], q[0][1], q[1][0], q[1][1], q[2][0], q[2][1], q[3][0], q[3][1]
	dx1, dx2, dx3 := x1-x2, x3-x2, x0-x1+x2-x3
	dy1, dy2, dy3 := y1-y2, y3-y2, y0-y1+y2-y3
	var g, h float64
	if den := dx1*dy2 - dx2*dy1; den != 0 {
		g = (dx3*dy2 - dx2*dy3) / den
		h = (dx1*dy3 - dx3*dy1) / den
	}
	return Homography{
		x1 - x0 + g*x1, x3 - x0 + h*x3, x0,
		y1 - y0 + g*y1, y3 - y0 + h*y3, y0,
		g, h, 1,
	}
}

// Apply maps (u, v).
func (m Homography) Apply(u, v float64) (x, y float64) {
	w := m[6]*u + m[7]*v + m[8]
	return (m[0]*u + m[1]*v + m[2]) / w, (m[3]*u + m[4]*v + m[5]) / w
}

// Mul returns the product m·n: the map that applies n, then m.
func (m Homography) Mul(n Homography) Homography {
	var r Homography
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				r[i*3+j] += m[i*3+k] * n[k*3+j]
			}
		}
	}
	return r
}

// squareToQuad is SquareToQuad for a quad.
func squareToQuad(q quad) Homography {
	return SquareToQuad([4][2]float64{{q[0].X, q[0].Y}, {q[1].X, q[1].Y}, {q[2].X, q[2].Y}, {q[3].X, q[3].Y}})
}

// at is Apply returning a point.
func (m Homography) at(u, v float64) pt {
	x, y := m.Apply(u, v)
	return pt{x, y}
}

// tiltDegrees estimates the angle between the document's plane and the image plane from the quad's
// vanishing points, for a pinhole camera with focal length f (pixels) and principal point c.
func tiltDegrees(q quad, f float64, c pt) float64 {
	h := func(p pt) [3]float64 { return [3]float64{(p.X - c.X) / f, (p.Y - c.Y) / f, 1} }
	cr := func(a, b [3]float64) [3]float64 {
		return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
	}
	p0, p1, p2, p3 := h(q[0]), h(q[1]), h(q[2]), h(q[3])
	// Directions of the two pairs of sides in space are the vanishing points (camera coordinates).
	d1 := cr(cr(p0, p1), cr(p3, p2))
	d2 := cr(cr(p0, p3), cr(p1, p2))
	n := cr(d1, d2)
	l := math.Sqrt(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])
	if l == 0 || math.IsNaN(l) {
		return 0
	}
	return math.Acos(math.Min(1, math.Abs(n[2])/l)) * 180 / math.Pi
}

// line is a*x + b*y = c with (a,b) a unit normal.
type line struct{ a, b, c float64 }

// fitLine fits a line to pts by total least squares.
func fitLine(pts []pt) (line, bool) {
	if len(pts) < 2 {
		return line{}, false
	}
	var mx, my float64
	for _, p := range pts {
		mx += p.X
		my += p.Y
	}
	n := float64(len(pts))
	mx, my = mx/n, my/n
	var sxx, sxy, syy float64
	for _, p := range pts {
		dx, dy := p.X-mx, p.Y-my
		sxx += dx * dx
		sxy += dx * dy
		syy += dy * dy
	}
	// Direction is the principal eigenvector; the normal is perpendicular.
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	a, b := -math.Sin(theta), math.Cos(theta)
	return line{a, b, a*mx + b*my}, true
}

func (l line) dist(p pt) float64 { return l.a*p.X + l.b*p.Y - l.c }

// intersect returns the crossing point of two lines.
func intersect(l1, l2 line) (pt, bool) {
	det := l1.a*l2.b - l2.a*l1.b
	if math.Abs(det) < 1e-9 {
		return pt{}, false
	}
	return pt{(l1.c*l2.b - l2.c*l1.b) / det, (l1.a*l2.c - l2.a*l1.c) / det}, true
}

// squareness is how far, in degrees, the angle at the corner of q furthest from a right angle lies
// from one.
func (q quad) squareness() float64 {
	worst := 0.0
	for i := range 4 {
		worst = math.Max(worst, 90-sideAngle(q[(i+3)%4], q[i], q[i], q[(i+1)%4]))
	}
	return worst
}
