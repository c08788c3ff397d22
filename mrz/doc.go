// Package mrz reads, repairs and writes the machine-readable zone (MRZ) of
// identity documents as specified by ICAO Doc 9303: the TD1 card format
// (three lines of 30 characters, Part 5), the TD2 format (two lines of 36,
// Part 6) and the TD3 passport format (two lines of 44, Part 4).
//
// [Parse] reads lines that are already exactly formed and reports every check
// digit in [Document.Checks]. [Repair] takes the raw text of an OCR engine
// (spaces, lower case, look-alike characters, a lost or doubled filler) and
// returns the most likely reading, using the type of each field and the check
// digits to decide. [FindLines] picks the MRZ lines out of a larger block of
// OCR text. [Build] composes valid lines from field values, for tests and for
// the synthetic corpus generator.
//
// Visas (MRV-A and MRV-B) share the TD3 and TD2 shapes but carry fewer check
// digits; they are not supported and parse as invalid documents.
//
// All functions are safe for concurrent use. A [Document] is a plain value:
// safe to read concurrently, not to modify concurrently.
//
// # Repair
//
// Repair first normalises each line: it upper-cases letters, removes white
// space and stray punctuation, maps full-width forms to ASCII and maps
// look-alikes of the filler ('«', '‹', '(', '[', '{') to '<'. A '«' is read
// as one or two fillers, whichever brings the line nearer to the width of the
// format. Lines up to three characters too short or too long get fillers
// inserted into or removed from a run of fillers; the check digits choose the
// run, and the end of the line is preferred when nothing else decides.
//
// It then corrects characters by field type. In numeric fields (dates and
// check digits) O, Q and D read as 0, I, L and T as 1, Z as 2, S as 5, G as 6
// and B as 8. In alphabetic fields (names, document code, country codes, sex)
// 0 reads as O, 1 as I, 8 as B, 5 as S and 2 as Z. K, X, C and L found in the
// trailing filler of a field are fillers. In alphanumeric fields (document
// number, optional data) the same pairs are ambiguous: Repair tries each
// single substitution, and each substitution of every occurrence of one
// character (OCR errors repeat), and keeps a reading only when exactly one
// candidate makes every check digit valid. Otherwise the alphanumeric fields
// stay as read.
//
// Check digits are weak evidence: one decimal digit each. The composite
// check digit weights the document number as the number's own check digit
// does, so it adds little for a change confined to the number. A misread
// check digit can therefore now and then be explained by a confusion in the
// number, which Repair then adopts; callers that compare the number with
// other data should keep in mind that a repaired number may be wrong. G and
// 6, like L and 1, weigh the same in every check digit (their values differ
// by 10 or 20), so no check digit can choose between them and Repair leaves
// them as read.
//
// # Security Considerations
//
// Input is treated as hostile. Repair rejects more than 16 lines or more
// than 4096 bytes in total, FindLines reads at most the last 64 KiB of its
// text, and the candidate enumeration in Repair is bounded (at most 48
// ambiguous positions with a few dozen readings of them, at most a few
// thousand length candidates per line), so the time spent is bounded for
// any input. No function panics on any input, including invalid UTF-8; fuzz
// tests exercise this. Parse and Build allocate only in proportion to the
// fixed MRZ sizes once the input has been checked. A valid MRZ proves only
// that the check digits are consistent: names carry no check digit at all,
// and the MRZ says nothing about whether the document is genuine.
package mrz
