package quality

import (
	"math"

	"github.com/docprecheck/docprecheck/precheck"
)

// lowResolution compares the length of the document's longer side, in photo pixels, with the smallest
// accepted: below MinDocumentPixels the text is too few pixels high to be read reliably, and below
// MinDocumentShare of the w x h photo's longer side the document was photographed from too far, even
// when a large photo gives it enough pixels (a card a sixth of a 12-megapixel photo's width has 670).
// The threshold reported is the larger of the two.
func lowResolution(q quad, w, h float64, o Options) precheck.Measure {
	v := math.Round(q.longSide())
	least := o.MinDocumentPixels
	if o.MinDocumentShare > 0 {
		least = math.Max(least, math.Round(o.MinDocumentShare*math.Max(w, h)))
	}
	return precheck.Measure{Code: precheck.CodeLowResolution, Score: v, Threshold: least, Failed: v < least}
}
