package ocr

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// hanOnly returns the Han characters of s (and the middle dot of transcribed minority names),
// dropping the spaces Tesseract puts between Chinese characters and any stray Latin or punctuation.
func hanOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			b.WriteRune(r)
		case r == '·' || r == '•' || r == '・':
			if b.Len() > 0 {
				b.WriteRune('·')
			}
		}
	}
	return strings.Trim(b.String(), "·")
}

// digitsX returns the digits and X of s, with a lower-case x read as X.
func digitsX(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == 'X':
			b.WriteRune(r)
		case r == 'x':
			b.WriteByte('X')
		}
	}
	return b.String()
}

// plausibleCNID reports whether text reads as an 18-character citizen identity number, give or take
// one character.
func plausibleCNID(text string) bool {
	d := digitsX(text)
	return len(d) >= 17 && len(d) <= 19 && len(d)-strings.Count(d, "X") >= 16
}

// titleRunes are the characters of the title on the back of a Chinese identity card.
const titleRunes = "中华人民共和国居民身份证"

// plausibleTitle reports whether text holds at least four distinct characters of the title.
func plausibleTitle(text string) bool {
	seen := map[rune]bool{}
	for _, r := range text {
		if strings.ContainsRune(titleRunes, r) {
			seen[r] = true
		}
	}
	return len(seen) >= 4
}

// numberGroups returns the runs of ASCII digits in s, full-width digits folded to ASCII.
func numberGroups(s string) []string {
	s = norm.NFKC.String(s)
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		digit := i < len(s) && s[i] >= '0' && s[i] <= '9'
		switch {
		case digit && start < 0:
			start = i
		case !digit && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// makeDate returns the calendar date y-m-d, and false when it is not one or is outside
// 1900-2199.
func makeDate(y, m, d int) (time.Time, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
		if n > 1e6 {
			return -1
		}
	}
	return n
}

// parseCNDate reads a date printed as "1990 年 3 月 7 日": three numbers, year first, whatever
// Tesseract made of the characters between them. A year and month run together ("19903") when
// 年 was lost are split after the fourth digit.
func parseCNDate(text string) (time.Time, bool) {
	g := numberGroups(text)
	if len(g) == 2 && len(g[0]) > 4 && len(g[0]) <= 6 {
		g = []string{g[0][:4], g[0][4:], g[1]}
	}
	if len(g) == 1 && len(g[0]) == 8 {
		g = []string{g[0][:4], g[0][4:6], g[0][6:]}
	}
	if len(g) < 3 || len(g[0]) != 4 || len(g[1]) > 2 || len(g[2]) > 2 {
		return time.Time{}, false
	}
	return makeDate(atoi(g[0]), atoi(g[1]), atoi(g[2]))
}

// date formats t as YYYY-MM-DD.
func date(t time.Time) string { return t.Format(time.DateOnly) }

// latinName cleans a printed Latin name: letters (diacritics kept), spaces, hyphens and
// apostrophes, upper case, single spaces.
func latinName(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) && r < 0x2000:
			b.WriteRune(unicode.ToUpper(r))
		case r == '-' || r == '\'' || r == '’':
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(strings.Trim(b.String(), "-'’ ")), " ")
}

// icaoFold transliterates a Latin name the way ICAO 9303 writes it in an MRZ, roughly: diacritics
// removed (Ä, Ö, Ü written AE, OE, UE), hyphens and apostrophes as spaces, upper case.
func icaoFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(strings.ToUpper(s)) {
		switch r {
		case 'Ä', 'Æ':
			b.WriteString("AE")
		case 'Ö', 'Ø', 'Œ':
			b.WriteString("OE")
		case 'Ü':
			b.WriteString("UE")
		case 'ß':
			b.WriteString("SS")
		case 'Þ':
			b.WriteString("TH")
		case '-', '\'', '’':
			b.WriteByte(' ')
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if d < 0x80 && (unicode.IsLetter(d) || d == ' ') {
					b.WriteRune(d)
				}
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
