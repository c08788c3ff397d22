package precheck

// portraitKinds are the kinds of document whose photographed side carries the holder's portrait.
// An ID-1 card (KindIDCard) is not among them: the reader does not tell its front from its back, and
// the machine-readable back of a TD1 card has no portrait.
var portraitKinds = map[DocumentKind]bool{KindCNIDFront: true, KindPassport: true}

// requirePortrait adds an occluded issue naming the portrait when the document's kind carries one and
// the Analyzer measured the faces (a CodePortrait measure: only with a face model) without finding
// one. Only the reader knows the kind, so this is decided here, after reading, rather than in the
// Analyzer. A face that cannot be found is most often covered (a thumb, a sticker, a reflection on the
// photo), so the issue is occluded, with the covered part named in Field: the user's remedy is the
// same as for anything else lying over the document.
func requirePortrait(r *Report, q Quality, kind DocumentKind) {
	if !portraitKinds[kind] {
		return
	}
	for _, m := range q.Measures {
		if m.Code != CodePortrait {
			continue
		}
		if m.Score < m.Threshold {
			r.Issues = append(r.Issues, Issue{Code: CodeOccluded, Field: "portrait", Score: m.Score, Threshold: m.Threshold})
		}
		return
	}
}
