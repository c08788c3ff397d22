package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// lowResolution compares the length of the document's longer side, in photo pixels, with the smallest
// accepted: below it the text is too few pixels high to be read reliably.
func lowResolution(q quad, o Options) precheck.Measure {
	v := math.Round(q.longSide())
	return precheck.Measure{Code: precheck.CodeLowResolution, Score: v, Threshold: o.MinDocumentPixels, Failed: v < o.MinDocumentPixels}
}
