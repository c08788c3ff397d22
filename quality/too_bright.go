package quality

import "github.com/docprecheck/docprecheck/precheck"

// clippedShare is the share of the document clipped to white from which its exposure counts as having
// reached the sensor's white: above it the washout counts in full.
const clippedShare = 0.1

// tooBright measures over-exposure as what it does to reading: the print lifted towards white. The
// score is the lightness of the darkest print (the 1st percentile of the document's grey levels, 0-1),
// weighed by how much of the paper is clipped (in full from clippedShare on). White paper, a scan's
// clipped background or a white card with dark print is not over-exposed (its print stays dark); a
// hazy or soft photo whose print is grey but whose paper is not clipped is not either (that is blur or
// haze, not too much light). Local saturated patches are glare.
// The print's level is read from inner, the document without its outline's band (see innerStats).
func tooBright(s, inner docStats, o Options) precheck.Measure {
	clipped := s.fractionAtLeast(250)
	v := round3(inner.percentile(0.01) / 255 * min(1, clipped/clippedShare))
	return precheck.Measure{Code: precheck.CodeTooBright, Score: v, Threshold: o.MaxWashout, Failed: v > o.MaxWashout}
}
