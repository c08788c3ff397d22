package ocr

import (
	"time"

	"github.com/docprecheck/docprecheck/precheck"
)

// readCNFront reads the name, the birth date and the citizen identity number.
func (s *session) readCNFront(d doc) (precheck.Reading, error) {
	rd := precheck.Reading{Extra: map[string]string{}, Boxes: map[string]precheck.Quad{}}
	var unreadable []string

	idf, err := s.firstAccepted(d, "id_number", func(fr fieldRead) bool {
		_, valid := cnIDNumber(fr.text())
		return valid
	})
	if err != nil {
		return rd, err
	}
	rd.Boxes["id_number"] = d.g.photoQuad(idf.rect)
	id, valid := cnIDNumber(idf.text())
	switch {
	case len(id) != 18:
		// Characters lost or added: a misreading, not a number to judge.
		unreadable = append(unreadable, "id_number")
		if id != "" {
			rd.Extra["id_number_read"] = id
		}
	default:
		rd.Printed.IDNumber = id
		rd.IDNumberValid = &valid
	}

	name, nrect, unsure, alts, err := s.readCNName(d)
	if err != nil {
		return rd, err
	}
	if alts != nil {
		rd.Alternatives = map[string][]string{"name": alts}
	}
	rd.Boxes["name"] = d.g.photoQuad(nrect)
	if unsure {
		rd.Unsure = append(rd.Unsure, "name")
	}
	if name != "" {
		rd.Printed.Name = name
	} else {
		unreadable = append([]string{"name"}, unreadable...)
	}

	bf, err := s.firstAccepted(d, "birth", func(fr fieldRead) bool {
		_, ok := parseCNDate(fr.text())
		return ok
	})
	if err != nil {
		return rd, err
	}
	rd.Boxes["birth"] = d.g.photoQuad(bf.rect)
	printed, printedOK := parseCNDate(bf.text())
	var fromID time.Time
	var idOK bool
	if valid {
		fromID, idOK = cnIDBirth(id)
	}
	switch {
	case idOK:
		// The number is confirmed by its check character: its date is the holder's, whatever the
		// reading of the printed date made of it.
		rd.Printed.BirthDate = date(fromID)
		if printedOK && !printed.Equal(fromID) {
			rd.Extra["birth_printed"] = date(printed)
		}
	case printedOK:
		rd.Printed.BirthDate = date(printed)
	}
	rd.Unreadable = unreadable
	return rd, nil
}

// cnIDNumber cleans the reading of a citizen identity number. It returns the number and whether its
// check character is valid; a reading that is invalid as read is trimmed or repaired only when the
// check character confirms the result.
func cnIDNumber(text string) (id string, valid bool) {
	raw := digitsX(text)
	if raw == "" {
		return "", false
	}
	if cnIDValid(raw) {
		return raw, true
	}
	// A stray mark beside the number (a fold, the card's edge, a finger) may be read as a digit:
	// take the one run of 18 characters read in a row that is a valid number.
	if len(raw) > 18 && len(raw) <= 22 {
		var found []string
		for i := 0; i+18 <= len(raw); i++ {
			if w := raw[i : i+18]; cnIDValid(w) {
				found = append(found, w)
			}
		}
		if len(found) == 1 {
			return found[0], true
		}
	}
	if fixed, ok := cnIDRepair(text); ok && cnIDValid(fixed) {
		return fixed, true
	}
	return raw, false
}

// readCNBack reads the period of validity and the issuing authority.
func (s *session) readCNBack(d doc) (precheck.Reading, error) {
	rd := precheck.Reading{Extra: map[string]string{}, Boxes: map[string]precheck.Quad{}}
	vf, err := s.firstAccepted(d, "validity", func(fr fieldRead) bool {
		_, _, ok := parseValidity(fr.text())
		return ok
	})
	if err != nil {
		return rd, err
	}
	rd.Boxes["validity"] = d.g.photoQuad(vf.rect)
	if from, to, ok := parseValidity(vf.text()); ok {
		rd.Extra["valid_from"] = date(from)
		if to.IsZero() {
			rd.Extra["validity"] = "long_term"
		} else {
			rd.Printed.Expiry = date(to)
		}
	} else {
		rd.Unreadable = []string{"validity"}
	}
	af, err := s.field(d, "authority")
	if err != nil {
		return rd, err
	}
	rd.Boxes["authority"] = d.g.photoQuad(af.rect)
	if a := hanOnly(af.text()); len([]rune(a)) >= 2 {
		rd.Extra["authority"] = a
	}
	return rd, nil
}
