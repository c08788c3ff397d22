package quality

import "github.com/docprecheck/docprecheck/precheck"

// tooBright measures over-exposure: the fraction of the document's pixels clipped to white. Local
// saturated patches are glare; this check is about the whole document washing out.
func tooBright(s docStats, o Options) precheck.Measure {
	v := round3(s.fractionAtLeast(250))
	return precheck.Measure{Code: precheck.CodeTooBright, Score: v, Threshold: o.MaxClipped, Failed: v > o.MaxClipped}
}
