// Package cnid checks the number of the Chinese resident identity card
// (居民身份证), defined by GB 11643-1999, and the validity period printed on
// the back of the card.
//
// A number has 18 characters: a six-digit administrative region code, the
// date of birth as YYYYMMDD, a three-digit sequence whose last digit is odd
// for men and even for women, and a check character computed with ISO 7064
// MOD 11-2 ('0' to '9' or 'X'). [Validate] and [ValidateAt] check all of
// it; [CheckChar], [BirthDate] and [Sex] read its parts. [Repair] turns OCR
// output into a number, correcting look-alike characters only where the
// check character confirms the reading. [ParseValidity] reads the period of
// validity printed as "2015.03.01-2035.03.01" or "2015.03.01-长期".
//
// Region codes are not looked up: real codes start with 1 to 8, but any
// first digit other than 0 is accepted, so that new codes need no update.
// The old 15-digit numbers are not supported.
//
// All functions are safe for concurrent use. A [Validity] is a plain value.
//
// # Security Considerations
//
// Input is treated as hostile. Validate rejects anything but 18 bytes before
// looking further; Repair and ParseValidity reject input over 256 bytes, and
// Repair enumerates at most 1024 readings of a number, so the time spent is
// bounded for any input. No function panics on any input, including invalid
// UTF-8; fuzz tests exercise this. A number that validates is only
// well-formed: the check character catches misreadings, not invented
// numbers. Identity numbers are personal data: error messages name the
// failing position and character, never the whole number, so that they can
// be logged.
package cnid
