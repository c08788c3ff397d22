package mrz

import "strings"

// maxFindBytes is how much of its text FindLines reads, from the end.
const maxFindBytes = 64 << 10

// FindLines picks out of raw OCR text the consecutive lines that look most
// like an MRZ: three lines near 30 characters, or two near 36 or 44, made
// mostly of A-Z, 0-9 and '<' and holding fillers. Blank lines between them
// are skipped. The lines are returned normalised as [Repair] does (spaces
// removed, upper case, filler look-alikes mapped) but not otherwise
// corrected; pass them to Repair. When several groups qualify the one with
// the most fillers wins, and of equals the last, as the MRZ is printed at
// the bottom. FindLines returns nil when no group qualifies. Only the last
// 64 KiB of text are read.
func FindLines(text string) []string {
	if len(text) > maxFindBytes {
		text = text[len(text)-maxFindBytes:]
	}
	type row struct {
		single, double string
		likely         bool
	}
	var rows []row
	for _, l := range strings.Split(text, "\n") {
		single, double := normaliseLine(l)
		if single == "" {
			continue
		}
		ratio, visible := mrzLikeness(l)
		rows = append(rows, row{single, double, ratio >= 0.8 && visible >= 20})
	}
	var best []string
	bestScore := 0
	for i := range rows {
		for _, f := range []Format{TD1, TD2, TD3} {
			n, width, _ := f.shape()
			if i+n > len(rows) {
				continue
			}
			lines := make([]string, 0, n)
			fillers, dev := 0, 0
			for _, rw := range rows[i : i+n] {
				if !rw.likely {
					break
				}
				l, d := rw.single, abs(len(rw.single)-width)
				if d2 := abs(len(rw.double) - width); d2 < d {
					l, d = rw.double, d2
				}
				if d > maxSlack {
					break
				}
				lines = append(lines, l)
				fillers += strings.Count(l, "<")
				dev += d
			}
			if len(lines) != n || fillers < 2 {
				continue
			}
			if score := fillers - 4*dev; best == nil || score >= bestScore {
				best, bestScore = lines, score
			}
		}
	}
	return best
}
