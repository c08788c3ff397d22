package match

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// MaxInputBytes is the longest value, in bytes, that the package normalises.
// A longer typed value is a Mismatch (ReasonLength, or ReasonUnparsedDate for
// dates) and a longer document value is Unreadable. No name, document number
// or date on an identity document comes close to this length.
const MaxInputBytes = 256

// Outcome is the verdict of one comparison. Outcomes are stable strings, part
// of the JSON contract: they are never renamed.
type Outcome string

// Outcomes of a comparison.
const (
	// Match means the typed value and the document value are the same after
	// the formatting differences the KYC service also ignores.
	Match Outcome = "match"
	// Mismatch means the values differ: the KYC service would reject them.
	Mismatch Outcome = "mismatch"
	// Unreadable means the document value is empty (or unusable), so there is
	// nothing to compare with: the photo should be retaken.
	Unreadable Outcome = "unreadable"
	// NotGiven means the user typed nothing.
	NotGiven Outcome = "not_given"
	// Consistent means the document was not read as typed, but it differs from the typed value
	// only where the reader could not tell the typed character from the one it read (a rare
	// character read as its common look-alike, 佘 as 余): nothing on the document contradicts the
	// typed value, which is not proof that it is right. Package precheck gives it (the comparisons
	// of this package never do) and reports no issue for it.
	Consistent Outcome = "consistent"
)

// Reason says why a comparison came out as it did, so the caller can word a
// message. Reasons are stable strings, part of the JSON contract.
//
// With a Match the reason is informative (the user typed a different but
// equivalent form); with a Mismatch it names the kind of difference.
type Reason string

// Reasons. ReasonNone is the empty string, so it is left out of JSON output
// that uses omitempty.
const (
	// ReasonNone means there is nothing to add to the outcome.
	ReasonNone Reason = ""
	// ReasonFullWidth (with Match) means the typed value used full-width
	// characters, such as "１２３" or the ideographic space, which the KYC
	// service may not accept: the user should switch the input method to
	// half-width.
	ReasonFullWidth Reason = "full_width"
	// ReasonOneCharacter (with Mismatch) means the values have the same length
	// and differ in exactly one character; Position says where.
	ReasonOneCharacter Reason = "one_character"
	// ReasonLength (with Mismatch) means a document number has a different
	// number of characters than the document's, or the typed value is longer
	// than MaxInputBytes.
	ReasonLength Reason = "length"
	// ReasonDifferent (with Mismatch) means the values differ in some other
	// way; Position points to the first difference.
	ReasonDifferent Reason = "different"
	// ReasonTraditional (with Mismatch) means a Chinese name differs only in
	// traditional versus simplified characters (張偉 typed, 张伟 printed, or
	// the reverse). It is reported only when a converter was supplied with
	// WithSimplifier: the package carries no simplified/traditional data.
	ReasonTraditional Reason = "traditional"
	// ReasonNameOrder (with Match) means the name matched only with surname
	// and given names swapped.
	ReasonNameOrder Reason = "name_order"
	// ReasonSpacesInChinese (with Match) means the typed Chinese name had
	// spaces that the document does not show.
	ReasonSpacesInChinese Reason = "spaces_in_chinese"
	// ReasonDateFormat (with Match) means the typed date was written in
	// another format than YYYY-MM-DD and was read unambiguously.
	ReasonDateFormat Reason = "date_format"
	// ReasonUnparsedDate (with Mismatch) means the typed date could not be
	// read: unknown format, ambiguous day and month, or no such calendar date.
	ReasonUnparsedDate Reason = "unparsed_date"
)

// Result is the outcome of one comparison.
type Result struct {
	Outcome Outcome `json:"outcome"`
	Reason  Reason  `json:"reason,omitempty"`
	// Position is the 0-based index, in characters (runes), of the first
	// difference in the normalised document value: NormalizeName for names,
	// NormalizeID for document numbers, YYYY-MM-DD for dates. It may equal
	// the length of that value when the typed value is longer and starts
	// with all of it. It is -1 when there is no difference to point at.
	Position int `json:"position"`
}

// Option changes how a name is compared.
type Option interface {
	apply(*config)
}

type config struct {
	simplify func(string) string
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// WithSimplifier supplies a converter from traditional to simplified Chinese
// characters, such as an OpenCC "t2s" converter. It is used only to explain a
// mismatch of Chinese names (ReasonTraditional); it never turns a mismatch
// into a match. It is called with normalised values at most a few hundred
// bytes long; if Name is called from several goroutines, f must be safe for
// concurrent use.
func WithSimplifier(f func(s string) string) Option {
	return optionFunc(func(c *config) { c.simplify = f })
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	return c
}

func noDifference(o Outcome, r Reason) Result {
	return Result{Outcome: o, Reason: r, Position: -1}
}

// folder holds the per-call state of the text transforms. A transform chain
// and a cases.Caser keep state between calls, so each call takes its own
// folder from folders and puts it back when done.
type folder struct {
	fold  transform.Transformer
	upper cases.Caser
}

var folders = sync.Pool{
	New: func() any {
		return &folder{
			// Ill-formed UTF-8 becomes U+FFFD, full-width forms become
			// their usual width, then NFKC folds compatibility forms
			// (ligatures, the ideographic space, circled digits).
			fold:  transform.Chain(runes.ReplaceIllFormed(), width.Fold, norm.NFKC),
			upper: cases.Upper(language.Und),
		}
	},
}

// fold returns s as valid UTF-8, with widths folded, in NFKC and, when upper
// is set, upper-cased with the full Unicode case mapping (ß becomes SS).
func fold(s string, upper bool) string {
	f := folders.Get().(*folder)
	defer folders.Put(f)
	out, _, err := transform.String(f.fold, s)
	if err != nil {
		// The chain has no failing transform; keep going with the input
		// made valid rather than give up on it.
		out = norm.NFKC.String(strings.ToValidUTF8(s, string(utf8.RuneError)))
	}
	if upper {
		u, _, err := transform.String(f.upper, out)
		if err == nil {
			out = u
		}
	}
	return out
}

// hasFullWidth reports whether s contains a full-width form, such as "Ａ",
// "１" or the ideographic space U+3000.
func hasFullWidth(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if width.LookupRune(r).Kind() == width.EastAsianFullwidth {
			return true
		}
	}
	return false
}

// invisible reports whether r is a control or format character (zero-width
// space, byte-order mark, direction marks): never part of a printed value.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)
}

// compareRunes compares a typed and a document value that are already
// normalised, character by character, and says how they differ.
// lengthReason is the reason given when the lengths differ.
func compareRunes(typed, doc []rune, lengthReason Reason) Result {
	first := -1
	diffs := 0
	n := min(len(typed), len(doc))
	for i := 0; i < n; i++ {
		if typed[i] != doc[i] {
			if first < 0 {
				first = i
			}
			diffs++
		}
	}
	switch {
	case len(typed) != len(doc):
		if first < 0 {
			first = n
		}
		return Result{Outcome: Mismatch, Reason: lengthReason, Position: first}
	case diffs == 0:
		return noDifference(Match, ReasonNone)
	case diffs == 1:
		return Result{Outcome: Mismatch, Reason: ReasonOneCharacter, Position: first}
	default:
		return Result{Outcome: Mismatch, Reason: ReasonDifferent, Position: first}
	}
}
