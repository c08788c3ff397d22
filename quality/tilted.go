package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// tilted estimates the angle between the document and the image plane from the perspective of its
// outline (vanishing points, for a phone camera of focal length focalFactor times the photo's longer
// side, principal point at the centre). A steep angle compresses the far side's text. stretch restores
// the frame's pixels to square (see finding.stretch).
func tilted(q quad, w, h float64, stretch pt, o Options) precheck.Measure {
	q = q.stretched(stretch)
	w, h = w*stretch.X, h*stretch.Y
	v := math.Round(tiltDegrees(q, focalFactor*math.Max(w, h), pt{w / 2, h / 2})*10) / 10
	return precheck.Measure{Code: precheck.CodeTilted, Score: v, Threshold: o.MaxTiltDegrees, Failed: v > o.MaxTiltDegrees}
}
