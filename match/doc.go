// Package match compares what a user typed (a name, a document number, a
// date) with what the identity document says, before the submission goes to
// the KYC service.
//
// The KYC service rejects a submission whose typed data differs from the
// document. This package finds those differences first and names them, so
// the user can correct the field before uploading. It is strict in one
// direction: a real difference, even one wrong digit or letter, is always a
// Mismatch. It is lenient only with formatting that the KYC service also
// treats as equal: full-width and half-width characters, letter case,
// spaces in document numbers and Chinese names, Latin diacritics and the
// ICAO 9303 transliterations, hyphens and apostrophes in Latin names,
// surname and given names in either order, and the usual ways of writing a
// date.
//
// Each comparison returns a Result: an Outcome (Match, Mismatch, Unreadable,
// NotGiven), a Reason for wording the message, and the Position of the first
// difference in the normalised document value. Outcomes and reasons are
// stable strings meant for JSON reports.
//
//	r := match.IDNumber("１１０１０５１９９００１０２００１ｘ", "11010519900102001X")
//	// r.Outcome == match.Match, r.Reason == match.ReasonFullWidth
//
// Text is normalised with golang.org/x/text: width folding (width.Fold),
// NFKC, Unicode upper-casing (cases) and replacement of ill-formed UTF-8
// (runes). Only the ICAO 9303 Part 3 transliteration of a few Latin letters
// (Ä Ö Ü Å Ø Æ Œ Þ ß and the like) is a table of this package.
//
// The package carries no simplified/traditional Chinese data. A traditional
// character typed where the document prints the simplified one (or the
// reverse) is always a Mismatch; to have it reported as ReasonTraditional,
// pass a converter with WithSimplifier.
//
// # Concurrency
//
// All functions are safe for concurrent use. The package has no mutable
// package-level state: the transform chains, which keep state between calls,
// are taken from a sync.Pool for one call at a time.
//
// # Security Considerations
//
// Typed values come from users and must be treated as hostile. Every
// function bounds its work by the length of its input:
//
//   - Values longer than MaxInputBytes (256 bytes) are not normalised: a
//     typed value is a Mismatch (ReasonLength, or ReasonUnparsedDate for a
//     date) and a document value is Unreadable. NormalizeName and
//     NormalizeID return "" for them, and ParseDate returns ErrTooLong.
//   - Ill-formed UTF-8 is replaced with U+FFFD before any comparison; no
//     input makes a function panic.
//   - Swapping surname and given names is tried only for names of at most
//     eight words, and the comparison of ICAO spellings explores a bounded
//     number of states; past those bounds only the written forms are
//     compared, which can turn a Match into a Mismatch but never the reverse.
//   - Errors never quote the input, which is personal data.
//
// A converter given with WithSimplifier is called with values of bounded
// length; it is the caller's code and must not panic.
package match
