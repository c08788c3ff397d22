package precheck

import (
	"slices"
	"time"

	"github.com/docprecheck/docprecheck/match"
)

// ReasonTimeBudget is the Reason of an unreadable issue for a field the reader had no time to read
// (its time budget ran out): a retake may not be needed.
const ReasonTimeBudget = "time_budget"

// carried lists the fields each kind of document prints.
var carried = map[DocumentKind][]string{
	KindCNIDFront: {"name", "id_number", "birth_date"},
	KindCNIDBack:  {"expiry"},
	KindPassport:  {"name", "id_number", "birth_date", "expiry"},
	KindIDCard:    {"name", "id_number", "birth_date", "expiry"},
	KindUnknown:   {},
}

var mismatchCode = map[string]Code{
	"name": CodeNameMismatch, "id_number": CodeIDNumberMismatch,
	"birth_date": CodeBirthDateMismatch, "expiry": CodeExpiryMismatch,
}

// applyReading turns what the reader found into fields, document issues and comparisons.
func (c *Checker) applyReading(r *Report, rd Reading, typed Typed) {
	r.Document.Kind = rd.Kind
	r.Document.MRZ = rd.MRZ
	r.Fields = rd.Printed
	if rd.MRZFields != nil { // the MRZ fills what the printed side did not give
		fill := func(dst *string, src string) {
			if *dst == "" {
				*dst = src
			}
		}
		fill(&r.Fields.Name, rd.MRZFields.Name)
		fill(&r.Fields.IDNumber, rd.MRZFields.IDNumber)
		fill(&r.Fields.BirthDate, rd.MRZFields.BirthDate)
		fill(&r.Fields.Expiry, rd.MRZFields.Expiry)
	}
	for _, f := range rd.Unreadable {
		is := Issue{Code: CodeUnreadable, Field: f}
		if slices.Contains(rd.OutOfTime, f) {
			is.Reason = ReasonTimeBudget
		}
		r.Issues = append(r.Issues, is)
	}
	if rd.MRZ != nil && !rd.MRZ.Valid {
		r.Issues = append(r.Issues, Issue{Code: CodeMRZInvalid, Field: "mrz"})
	}
	if rd.IDNumberValid != nil && !*rd.IDNumberValid {
		r.Issues = append(r.Issues, Issue{Code: CodeInvalidIDNumber, Field: "id_number"})
	}
	if exp, err := time.Parse("2006-01-02", r.Fields.Expiry); err == nil {
		today := c.now()
		if exp.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
			r.Issues = append(r.Issues, Issue{Code: CodeExpired, Field: "expiry", Detail: r.Fields.Expiry})
		}
	}
	for _, f := range carried[rd.Kind] {
		var res match.Result
		switch f {
		case "name":
			res = match.Name(typed.Name, r.Fields.Name)
			if res.Outcome == match.Mismatch && rd.MRZFields != nil && rd.MRZFields.Name != "" && rd.MRZFields.Name != r.Fields.Name {
				// The printed name may carry diacritics the MRZ transliterates; either form is the document's.
				if alt := match.Name(typed.Name, rd.MRZFields.Name); alt.Outcome == match.Match {
					res = alt
				}
			}
		case "id_number":
			res = match.IDNumber(typed.IDNumber, r.Fields.IDNumber)
			// The MRZ's number, confirmed by its check digit, is taken over the printed one; but a
			// misreading can keep the check digit (7-3-1 weights cannot tell every pair apart). When
			// the printed number was read otherwise and agrees with what was typed, the document's
			// two readings disagree: neither is trusted, and the photo is to be retaken.
			if p := rd.Extra["id_number_printed"]; res.Outcome == match.Mismatch && p != "" &&
				match.IDNumber(typed.IDNumber, p).Outcome == match.Match {
				res = match.Result{Outcome: match.Unreadable, Position: -1}
				r.Issues = append(r.Issues, Issue{Code: CodeUnreadable, Field: f})
			}
		case "birth_date":
			res = match.Date(typed.BirthDate, r.Fields.BirthDate)
		case "expiry":
			res = match.Date(typed.Expiry, r.Fields.Expiry)
		}
		tv, rv := fieldValues(typed, r.Fields, f)
		if res.Outcome == match.Mismatch && consistent(tv, rv, rd, f) {
			res = match.Result{Outcome: match.Consistent, Position: -1}
		}
		if why := c.unsureMismatch(rd, f, tv, rv, res); why != "" {
			res = match.Result{Outcome: match.Unreadable, Position: -1}
			r.Issues = append(r.Issues, Issue{Code: CodeUnreadable, Field: f, Reason: why})
		}
		r.Matches[f] = string(res.Outcome)
		if res.Outcome == match.Mismatch {
			r.Issues = append(r.Issues, Issue{Code: mismatchCode[f], Field: f, Reason: string(res.Reason)})
		}
	}
}

// notCompared records the comparisons that could not be made: the photo must be retaken first, so a
// typed value is "unreadable" for now. In quality-only mode nothing is compared and Matches stays empty.
func notCompared(r *Report, typed Typed, qualityOnly bool) {
	if qualityOnly {
		return
	}
	for f, v := range map[string]string{"name": typed.Name, "id_number": typed.IDNumber, "birth_date": typed.BirthDate, "expiry": typed.Expiry} {
		if v == "" {
			r.Matches[f] = string(match.NotGiven)
		} else {
			r.Matches[f] = string(match.Unreadable)
		}
	}
}
