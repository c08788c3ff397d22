package ocr

import (
	"slices"
	"strings"
	"time"

	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
	"github.com/docprecheck/docprecheck/precheck"
)

// findMRZ returns the MRZ found in the field, nil when there is none: from the lines rebuilt on
// the character pitch or from the lines as Tesseract read them, preferring a reading whose check
// digits are all valid, then the rebuilt one.
func (f fieldRead) findMRZ() *mrz.Document {
	var first *mrz.Document
	for _, text := range []string{strings.Join(f.mrz, "\n"), strings.Join(f.mrzPlain, "\n")} {
		lines := mrz.FindLines(text)
		if lines == nil {
			continue
		}
		clearNameTail(lines)
		d := repairMRZ(lines)
		if d == nil {
			continue
		}
		if d.Valid {
			return d
		}
		if first == nil {
			first = d
		}
	}
	return first
}

// repairMRZ repairs lines found by FindLines with mrz.Repair, which corrects up to two
// look-alike characters of the document number. Tesseract may read every 0 of a number as O in
// some OCR-B prints, more than Repair corrects: when the lines do not repair to a valid MRZ, they
// are tried again with each O, Q and D of the document number read as 0. It returns nil when the
// lines are not an MRZ at all.
func repairMRZ(lines []string) *mrz.Document {
	d, err := mrz.Repair(lines)
	if err != nil {
		return nil
	}
	if d.Valid {
		return d
	}
	line, at := 1, 0 // TD2 and TD3: the number opens line 2
	if len(lines) == 3 {
		line, at = 0, 5 // TD1: after the document code and the issuing state
	}
	if line >= len(lines) || len(lines[line]) < at+9 {
		return d
	}
	l := lines[line]
	zeroed := slices.Clone(lines)
	zeroed[line] = l[:at] + strings.NewReplacer("O", "0", "Q", "0", "D", "0").Replace(l[at:at+9]) + l[at+9:]
	if z, err := mrz.Repair(zeroed); err == nil && z.Valid {
		return z
	}
	return d
}

// maxCombinations bounds the line combinations combineMRZ tries.
const maxCombinations = 256

// combineMRZ takes each line of the MRZ from whichever way of reading it read that line well: a
// reading may get the first line right and lose a digit of the second, another the reverse. It
// tries the combinations of the distinct lines read at each position and returns the first whose
// check digits are all valid, or nil. It is called after every way of reading has been tried,
// from the cache.
func (s *session) combineMRZ(d doc) (*mrz.Document, error) {
	sets, err := s.mrzLineSets(d)
	if err != nil {
		return nil, err
	}
	if len(sets) < 2 {
		return nil, nil
	}
	// The distinct readings of each line, among the sets of the first set's shape.
	n := len(sets[0])
	options := make([][]string, n)
	for _, set := range sets {
		if len(set) != n {
			continue
		}
		for j, l := range set {
			if !slices.Contains(options[j], l) {
				options[j] = append(options[j], l)
			}
		}
	}
	total := 1
	for _, o := range options {
		total *= len(o)
	}
	if total > maxCombinations {
		return nil, nil
	}
	idx := make([]int, n)
	lines := make([]string, n)
	for range total {
		for j := range n {
			lines[j] = options[j][idx[j]]
		}
		if md := repairMRZ(lines); md != nil && md.Valid {
			return md, nil
		}
		for j := n - 1; j >= 0; j-- {
			if idx[j]++; idx[j] < len(options[j]) {
				break
			}
			idx[j] = 0
		}
	}
	return nil, nil
}

// readMRZDocument reads a passport data page or an ID-1 card with an MRZ: the MRZ, the printed
// names and the printed document number.
func (s *session) readMRZDocument(d doc) (precheck.Reading, error) {
	rd := precheck.Reading{Extra: map[string]string{}, Boxes: map[string]precheck.Quad{}}
	var md *mrz.Document
	if s.preset != nil {
		// Found anywhere in the photo and read there.
		md = s.preset.doc
		rd.Boxes["mrz"] = s.photoQuad(s.preset.quad)
	} else {
		mf, err := s.firstAccepted(d, "mrz", func(fr fieldRead) bool {
			md := fr.findMRZ()
			return md != nil && md.Valid
		})
		if err != nil {
			return rd, err
		}
		rd.Boxes["mrz"] = d.g.photoQuad(mf.rect)
		md = mf.findMRZ()
	}
	if s.preset == nil && (md == nil || !md.Valid) {
		if m, err := s.combineMRZ(d); err != nil {
			return rd, err
		} else if m != nil {
			md = m
		}
	}
	numField := "passport_number"
	if d.kind == layout.IDCard {
		numField = "document_number"
	}
	nf, err := s.field(d, numField)
	if err != nil {
		return rd, err
	}
	num := upperAlnum(nf.text())
	if s.preset == nil && md != nil && md.Valid && num != md.DocumentNumber && sameCheckDigit(num, md.DocumentNumber) && !checkEquivalent(num, md.DocumentNumber) {
		// The printed number differs from the MRZ's beyond look-alikes, yet passes the same check
		// digit: one of the two readings is wrong, and a wrong number passes its check digit once
		// in ten. The other ways of reading the MRZ decide. (A printed reading that fails the check
		// digit, such as a field of another layout read as text, cannot be the number: no vote.)
		readings, err := s.mrzReadings(d)
		if err != nil {
			return rd, err
		}
		md = voteNumber(md, num, readings)
	}
	if md != nil && len(md.Malformed) > 0 {
		// Fillers or letters where digits belong: characters hidden (a finger, glare) or lost, an
		// MRZ not read rather than one whose check digits fail.
		rd.Extra["mrz_read"] = strings.Join(md.Lines, "\n")
		md = nil
	}
	var checked *mrz.Document // when the MRZ was not read: a reading whose fields pass their own checks
	if md == nil {
		rd.Unreadable = []string{"mrz"}
		readings, err := s.mrzReadings(d)
		if err != nil {
			return rd, err
		}
		if checked = mostChecked(readings); checked != nil {
			if passes(checked, mrz.FieldBirthDate) {
				if t, err := checked.Birth(time.Now()); err == nil {
					rd.Printed.BirthDate = date(t)
				}
			}
			if passes(checked, mrz.FieldExpiryDate) {
				if t, err := checked.Expiry(); err == nil {
					rd.Printed.Expiry = date(t)
				}
			}
		}
	} else {
		rd.MRZ = &precheck.MRZ{Format: string(md.Format), Lines: md.Lines, Valid: md.Valid}
		f := precheck.Fields{Name: joinName(md.Surname, md.GivenNames), IDNumber: md.DocumentNumber}
		if t, err := md.Birth(time.Now()); err == nil {
			f.BirthDate = date(t)
		}
		if t, err := md.Expiry(); err == nil {
			f.Expiry = date(t)
		}
		rd.MRZFields = &f
		rd.Printed.BirthDate, rd.Printed.Expiry = f.BirthDate, f.Expiry
		for k, v := range map[string]string{"sex": md.Sex, "nationality": md.Nationality, "issuing_state": md.IssuingState, "mrz_name": f.Name} {
			if v != "" && v != "<" {
				rd.Extra[k] = v
			}
		}
	}

	// Printed names.
	var names [2]string
	for i, name := range []string{"surname", "given_names"} {
		fr, err := s.field(d, name)
		if err != nil {
			return rd, err
		}
		rd.Boxes[name] = d.g.photoQuad(fr.rect)
		names[i] = latinName(fr.text())
	}
	printed := joinName(names[0], names[1])
	switch {
	case md != nil && printed != "" && nameAgrees(printed, rd.MRZFields.Name):
		rd.Printed.Name = printed
	case md != nil:
		// The printed names did not read as the MRZ's: a misreading, or names printed on the other
		// side of the card. The MRZ names are the holder's, transliterated.
		rd.Printed.Name = rd.MRZFields.Name
		if printed != "" {
			rd.Extra["name_printed"] = printed
		}
	case len([]rune(names[0])) >= 2:
		rd.Printed.Name = printed
	}

	// Printed document number (read above).
	rd.Boxes[numField] = d.g.photoQuad(nf.rect)
	if md != nil && md.Valid && num != md.DocumentNumber && checkEquivalent(num, md.DocumentNumber) {
		// The check digit cannot tell G from 6 (A from 0, S from 8...), and OCR-B's O from 0 is
		// a fine distinction: the printed number, read in another font, decides.
		fixNumber(rd, md, num)
	} else if md != nil && md.Valid {
		// OCR-B's 0 and O (and Q, D) are told apart by fine detail. When reading every such
		// letter of the number as 0 keeps the check digit valid (two or more substitutions that
		// cancel out: one alone always changes it), the digits are the likelier reading.
		zeros := strings.NewReplacer("O", "0", "Q", "0", "D", "0").Replace(md.DocumentNumber)
		if checkEquivalent(zeros, md.DocumentNumber) {
			fixNumber(rd, md, zeros)
		}
	}
	switch {
	case md != nil && md.Valid:
		// The MRZ number is confirmed by its check digit; a printed reading that differs is a
		// misreading more often than a misprint.
		rd.Printed.IDNumber = md.DocumentNumber
		if num != "" && num != md.DocumentNumber {
			rd.Extra["id_number_printed"] = num
		}
	case checked != nil && passes(checked, mrz.FieldDocumentNumber):
		rd.Printed.IDNumber = checked.DocumentNumber
		if num != "" && num != checked.DocumentNumber {
			rd.Extra["id_number_printed"] = num
		}
	case len(num) >= 5:
		rd.Printed.IDNumber = num
	case md != nil:
		rd.Printed.IDNumber = md.DocumentNumber
	}
	return rd, nil
}

// mrzLineSets returns the MRZ lines found by every way of reading the field, in the order of the
// ways, the rebuilt lines before the lines as Tesseract read them.
func (s *session) mrzLineSets(d doc) ([][]string, error) {
	var sets [][]string
	for i := 0; ; i++ {
		fr, ok, err := s.fieldWay(d, "mrz", i)
		if err != nil {
			return nil, err
		}
		if !ok {
			return sets, nil
		}
		for _, text := range []string{strings.Join(fr.mrz, "\n"), strings.Join(fr.mrzPlain, "\n")} {
			if lines := mrz.FindLines(text); lines != nil {
				clearNameTail(lines)
				sets = append(sets, lines)
			}
		}
	}
}

// mrzReadings returns the MRZ of every way of reading the field that read one, valid or not, in the
// order of mrzLineSets.
func (s *session) mrzReadings(d doc) ([]*mrz.Document, error) {
	sets, err := s.mrzLineSets(d)
	if err != nil {
		return nil, err
	}
	var out []*mrz.Document
	for _, lines := range sets {
		if md := repairMRZ(lines); md != nil {
			out = append(out, md)
		}
	}
	return out, nil
}

// voteNumber settles a disagreement between a valid MRZ md and the printed document number num:
// every reading of the MRZ whose check digits are all valid votes for its number, and the printed
// reading for its own; the number with the most votes wins, md's on a tie. It returns the MRZ
// reading that holds the winning number (md itself when md's number wins): a printed number that
// no valid reading of the MRZ shares cannot win.
func voteNumber(md *mrz.Document, num string, readings []*mrz.Document) *mrz.Document {
	votes := map[string]int{num: 1}
	first := map[string]*mrz.Document{md.DocumentNumber: md}
	for _, r := range readings {
		if !r.Valid || len(r.Malformed) > 0 {
			continue
		}
		votes[r.DocumentNumber]++
		if first[r.DocumentNumber] == nil {
			first[r.DocumentNumber] = r
		}
	}
	best := md
	for _, r := range readings { // in the order of the readings, so that a tie has one answer
		if n := r.DocumentNumber; first[n] == r && votes[n] > votes[best.DocumentNumber] {
			best = r
		}
	}
	return best
}

// mostChecked returns, among readings of an MRZ none of which is valid, the reading whose fields
// are well formed and pass the most check digits, nil when there is none. Its fields whose own
// check digit passes (passes) are reliable even though the MRZ as a whole is not: a composite
// check digit lost in the reading does not make the birth date wrong.
func mostChecked(readings []*mrz.Document) *mrz.Document {
	var best *mrz.Document
	bestN := 0
	for _, r := range readings {
		if len(r.Malformed) > 0 {
			continue
		}
		n := 0
		for _, c := range r.Checks {
			if c.Valid {
				n++
			}
		}
		if n > bestN {
			best, bestN = r, n
		}
	}
	return best
}

// passes reports whether field has a check digit in md and it is valid.
func passes(md *mrz.Document, field string) bool {
	for _, c := range md.Checks {
		if c.Field == field {
			return c.Valid
		}
	}
	return false
}

// joinName returns "SURNAME GIVEN NAMES", or whichever part is present.
func joinName(surname, given string) string {
	switch {
	case surname == "":
		return given
	case given == "":
		return surname
	}
	return surname + " " + given
}

// nameAgrees reports whether a printed name, transliterated as in an MRZ, is the MRZ name give or
// take a misread character per five, or the longer form of an MRZ name truncated to fit.
func nameAgrees(printed, fromMRZ string) bool {
	p := icaoFold(printed)
	if p == "" || fromMRZ == "" {
		return false
	}
	if len(p) > len(fromMRZ) && len(fromMRZ) >= 20 && editDistance(p[:len(fromMRZ)], fromMRZ) <= len(fromMRZ)/5 {
		return true
	}
	return editDistance(p, fromMRZ) <= max(1, len(fromMRZ)/5)
}

// upperAlnum returns the A-Z and 0-9 characters of s, upper-cased.
func upperAlnum(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		}
	}
	return string(b)
}

// mrzValue is the value of an MRZ character in check-digit sums.
func mrzValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 0
}

// lookAlikes are the groups of characters that an OCR engine confuses in OCR-B.
var lookAlikes = []string{"0OQD", "1I", "2Z", "5S", "6G", "8B"}

// sameCheckDigit reports whether a and b are numbers of the same length with the same check digit.
func sameCheckDigit(a, b string) bool {
	if a == "" || len(a) != len(b) {
		return false
	}
	ca, errA := mrz.CheckDigit(a)
	cb, errB := mrz.CheckDigit(b)
	return errA == nil && errB == nil && ca == cb
}

// checkEquivalent reports whether a reading a of a document number may replace the MRZ's reading
// b: same length, differing only by look-alike characters or by characters that the check digit
// cannot tell apart (equal modulo 10, such as G and 6), and with the same check digit.
func checkEquivalent(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] == b[i] {
			continue
		}
		if a[i] == '<' || b[i] == '<' {
			return false
		}
		alike := mrzValue(a[i])%10 == mrzValue(b[i])%10
		for _, g := range lookAlikes {
			alike = alike || strings.IndexByte(g, a[i]) >= 0 && strings.IndexByte(g, b[i]) >= 0
		}
		if !alike {
			return false
		}
	}
	return sameCheckDigit(a, b)
}

// clearNameTail turns into fillers whatever follows the first run of three fillers in the name
// field of MRZ lines as FindLines returns them: names are separated by one or two fillers, so a
// third ends the field, and letters after it are misread fillers.
func clearNameTail(lines []string) {
	line, from := 0, 5 // TD2 and TD3: line 1 after the document code and the issuing state
	if len(lines) == 3 {
		line, from = 2, 0 // TD1: line 3
	}
	if line >= len(lines) || len(lines[line]) <= from {
		return
	}
	l := lines[line]
	if i := strings.Index(l[from:], "<<<"); i >= 0 {
		end := from + i
		lines[line] = l[:end] + strings.Repeat("<", len(l)-end)
	}
}

// fixNumber replaces the document number of a valid MRZ by an equivalent reading of the printed
// number, in the fields and in the lines (where a number of up to nine characters is printed in
// full: line 2 of TD2 and TD3, positions 6-14 of line 1 of TD1).
func fixNumber(rd precheck.Reading, md *mrz.Document, num string) {
	if len(num) > 9 || rd.MRZ == nil || rd.MRZFields == nil {
		return
	}
	line, at := 1, 0
	if md.Format == mrz.TD1 {
		line, at = 0, 5
	}
	if line >= len(rd.MRZ.Lines) || len(rd.MRZ.Lines[line]) < at+len(num) || rd.MRZ.Lines[line][at:at+len(num)] != md.DocumentNumber {
		return
	}
	lines := slices.Clone(rd.MRZ.Lines)
	lines[line] = lines[line][:at] + num + lines[line][at+len(num):]
	rd.MRZ.Lines = lines
	rd.MRZFields.IDNumber = num
	md.DocumentNumber = num
}

// readMRZ reads a machine-readable zone character by character, rebuilds its lines on the
// character pitch and reads the doubtful columns again one by one (see rebuildMRZ).
func readMRZ(e *engine, crop grayCrop, psm pageMode, whitelist string, pitch float64, fr *fieldRead) error {
	syms, err := e.readSymbols(crop.pgm(), psm, whitelist)
	if err != nil {
		return err
	}
	m := rebuildMRZ(syms, pitch, crop)
	doubtful := m.doubtful()
	for _, d := range doubtful {
		c := &m.lines[d[0]][d[1]]
		c.text = "<"
		if len(doubtful) > maxDoubtful {
			// Not an MRZ that lost a few characters: text of another kind, or an MRZ too poor to
			// be saved by reading columns one by one.
			continue
		}
		lines, err := e.read(crop.sub(c.rect, int(pitch/2)).pgm(), psmChar, whitelist)
		if err != nil {
			return err
		}
		if len(lines) == 1 && len(lines[0].text) == 1 {
			c.text, c.supported = lines[0].text, true
		}
	}
	fr.mrz, fr.mrzPlain = m.strings(), m.plain
	return nil
}
