package quality

import "github.com/docprecheck/docprecheck/precheck"

// noDocument reports the finder's confidence (0-1) that the photo shows a card or passport page: how
// close the outline's true aspect ratio is to ID-1 or ID-3, how much of the outline lies on edges, and
// its size in the frame.
func noDocument(f finding, o Options) precheck.Measure {
	v := 0.0
	if f.found {
		v = round3(f.confidence)
	}
	return precheck.Measure{Code: precheck.CodeNoDocument, Score: v, Threshold: o.MinDocumentScore, Failed: v < o.MinDocumentScore}
}
