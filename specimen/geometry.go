package specimen

import "math"

// mat3 is a row-major 3 x 3 matrix.
type mat3 [9]float64

func (m mat3) mul(n mat3) mat3 {
	var r mat3
	for i := range 3 {
		for j := range 3 {
			r[3*i+j] = m[3*i]*n[j] + m[3*i+1]*n[3+j] + m[3*i+2]*n[6+j]
		}
	}
	return r
}

// apply maps (x, y) through the homography m. ok is false for points on or
// behind the camera plane.
func (m mat3) apply(x, y float64) (float64, float64, bool) {
	w := m[6]*x + m[7]*y + m[8]
	if w <= 1e-12 {
		return 0, 0, false
	}
	return (m[0]*x + m[1]*y + m[2]) / w, (m[3]*x + m[4]*y + m[5]) / w, true
}

func (m mat3) det() float64 {
	return m[0]*(m[4]*m[8]-m[5]*m[7]) - m[1]*(m[3]*m[8]-m[5]*m[6]) + m[2]*(m[3]*m[7]-m[4]*m[6])
}

func (m mat3) inverse() mat3 {
	a, b, c := m[0], m[1], m[2]
	d, e, f := m[3], m[4], m[5]
	g, h, i := m[6], m[7], m[8]
	A := e*i - f*h
	B := -(d*i - f*g)
	C := d*h - e*g
	det := a*A + b*B + c*C
	inv := 1 / det
	return mat3{
		A * inv, -(b*i - c*h) * inv, (b*f - c*e) * inv,
		B * inv, (a*i - c*g) * inv, -(a*f - c*d) * inv,
		C * inv, -(a*h - b*g) * inv, (a*e - b*d) * inv,
	}
}

// pose places the document plane in front of a pinhole camera. The
// document, centred on the origin of its plane with u to the right and v
// down (millimetres), is rotated in its plane by rot, then tilted by tilt
// about an in-plane axis at angle axis, then moved by t (millimetres, camera
// coordinates: x right, y down, z forward).
type pose struct {
	rot, tilt, axis float64 // radians
	t               [3]float64
}

// rotation returns the 3-D rotation of the pose.
func (p pose) rotation() [9]float64 {
	// In-plane rotation about z.
	s, c := math.Sincos(p.rot)
	rz := mat3{c, -s, 0, s, c, 0, 0, 0, 1}
	// Tilt about the unit axis (ax, ay, 0) by Rodrigues' formula.
	ax, ay := math.Cos(p.axis), math.Sin(p.axis)
	st, ct := math.Sincos(p.tilt)
	k := mat3{0, 0, ay, 0, 0, -ax, -ay, ax, 0}
	kk := k.mul(k)
	var rt mat3
	for i := range rt {
		id := 0.0
		if i%4 == 0 {
			id = 1
		}
		rt[i] = id + st*k[i] + (1-ct)*kk[i]
	}
	return rt.mul(rz)
}

// camera is a pinhole camera with square pixels.
type camera struct {
	f      float64 // focal length in pixels
	cx, cy float64 // principal point
}

// planeToImage returns the homography from document-plane millimetres
// (centred) to photo pixels.
func (cam camera) planeToImage(p pose) mat3 {
	r := p.rotation()
	// Columns r1, r2 and t.
	m := mat3{
		r[0], r[1], p.t[0],
		r[3], r[4], p.t[1],
		r[6], r[7], p.t[2],
	}
	k := mat3{cam.f, 0, cam.cx, 0, cam.f, cam.cy, 0, 0, 1}
	return k.mul(m)
}

// depth returns the camera-space z of the plane point (u, v).
func (p pose) depth(u, v float64) float64 {
	r := p.rotation()
	return r[6]*u + r[7]*v + p.t[2]
}

// quad is four points: top-left, top-right, bottom-right, bottom-left as the
// document reads.
type quad [4][2]float64

// corners projects the document's virtual sharp corners.
func corners(h mat3, wMM, hMM float64) (q quad, ok bool) {
	pts := [4][2]float64{{-wMM / 2, -hMM / 2}, {wMM / 2, -hMM / 2}, {wMM / 2, hMM / 2}, {-wMM / 2, hMM / 2}}
	for i, p := range pts {
		x, y, good := h.apply(p[0], p[1])
		if !good {
			return q, false
		}
		q[i] = [2]float64{x, y}
	}
	return q, true
}

func dist(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// sides returns the mean lengths of the long (top, bottom) and short (left,
// right) edges of a document quad.
func (q quad) sides() (long, short float64) {
	long = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2
	short = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2
	return
}

func (q quad) centre() (x, y float64) {
	for _, p := range q {
		x += p[0] / 4
		y += p[1] / 4
	}
	return
}

func (q quad) bounds() (x0, y0, x1, y1 float64) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, p := range q {
		x0, y0 = min(x0, p[0]), min(y0, p[1])
		x1, y1 = max(x1, p[0]), max(y1, p[1])
	}
	return
}

// area returns the (positive) area of the quad.
func (q quad) area() float64 {
	var s float64
	for i := range 4 {
		j := (i + 1) % 4
		s += q[i][0]*q[j][1] - q[j][0]*q[i][1]
	}
	return math.Abs(s) / 2
}

// margin returns the smallest distance of a corner to the frame border, as
// a fraction of the frame size along that axis; negative when a corner lies
// outside.
func (q quad) margin(w, h int) float64 {
	m := math.Inf(1)
	for _, p := range q {
		m = min(m, p[0]/float64(w), (float64(w)-p[0])/float64(w), p[1]/float64(h), (float64(h)-p[1])/float64(h))
	}
	return m
}

// outside returns how far corner i lies outside the frame, in pixels
// (0 when inside).
func (q quad) outside(i, w, h int) float64 {
	p := q[i]
	return max(0, -p[0], p[0]-float64(w), -p[1], p[1]-float64(h))
}

// cornerNames are the label names of the corners, in quad order.
var cornerNames = [4]string{"top_left", "top_right", "bottom_right", "bottom_left"}
