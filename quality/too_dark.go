package quality

import "github.com/docprecheck/docprecheck/precheck"

// tooDark compares the brightness of the document's paper (the 90th percentile of its grey levels,
// which the printing does not pull down) with the lowest brightness accepted.
func tooDark(s docStats, o Options) precheck.Measure {
	v := s.percentile(0.90)
	return precheck.Measure{Code: precheck.CodeTooDark, Score: v, Threshold: o.MinBrightness, Failed: v < o.MinBrightness}
}
