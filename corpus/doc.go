// Package corpus runs a Checker over a labelled corpus of document photos and scores it: per issue
// code the recall on photos that have the defect, the share of clean photos told to retake, the mean
// intersection over union of the detected document corners with the labelled ones, and the exact-read
// rates of the fields. It is how the thresholds of package quality are chosen and reported: choose on
// one seed's corpus (specimen/gencorpus -seed 1), report on another's (the committed corpus, seed 2).
//
// The label format is the one specimen/gencorpus writes (testdata/corpus/README.md); a team can label
// its own photos in the same format and score its settings on them.
//
// # Security Considerations
//
// The corpus is trusted input chosen by the developer; photos are still read through the Checker,
// which applies its limits.
package corpus
