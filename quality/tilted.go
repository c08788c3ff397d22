package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// tilted estimates the angle between the document and the image plane from the perspective of its
// outline (vanishing points, for a phone camera of focal length focalFactor times the photo's longer
// side, principal point at the centre). A steep angle compresses the far side's text.
func tilted(q quad, w, h float64, o Options) precheck.Measure {
	v := math.Round(tiltDegrees(q, focalFactor*math.Max(w, h), pt{w / 2, h / 2})*10) / 10
	return precheck.Measure{Code: precheck.CodeTilted, Score: v, Threshold: o.MaxTiltDegrees, Failed: v > o.MaxTiltDegrees}
}
