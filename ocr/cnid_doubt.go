package ocr

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Doubt tells package precheck (precheck.Doubter) when a reading of field that differs from the
// typed value is no evidence that the document differs, and why; "" when the difference stands.
//
// For a Chinese name the reason is "rare_character" when the typed name holds a character the
// PP-OCRv4 recogniser's dictionary lacks (Lacks), or when the reading is the typed name with only
// uncommon characters changed or dropped. Uncommon means outside the 3,755 characters of GB 2312's
// first level, the characters in everyday use: both recognisers read an uncommon character as a
// common look-alike, confidently (佘 as 余, 亓 as 元, 彧 as 或 with a confidence near 0.9), while a
// difference in common characters is the document's. A wrong name typed with an uncommon
// character in place of the printed one is then reported unreadable rather than mismatched: the
// photo is not approved either way.
func (r *Reader) Doubt(field, typed, read string) string {
	if field != "name" || typed == "" || read == "" {
		return ""
	}
	if len(r.Lacks(field, typed)) > 0 {
		return "rare_character"
	}
	t, d := []rune(hanOnly(typed)), []rune(read)
	if len(t) == 0 || string(t) == string(d) {
		return ""
	}
	enc := simplifiedchinese.GBK.NewEncoder()
	uncommon := func(c rune) bool { return gb2312Level(enc, c) != 1 }
	if onlyChanged(t, d, uncommon) {
		return "rare_character"
	}
	return ""
}

// gb2312Level returns 1 for a character of GB 2312's first level (the 3,755 characters in everyday
// use), 2 for one of its second level (3,008 less common characters, among them surnames such as
// 佘 亓 乜 逄 and given-name characters such as 彧), and 0 for any other character, the traditional
// forms among them. enc is a GBK encoder, used by one goroutine at a time.
func gb2312Level(enc *encoding.Encoder, c rune) int {
	b, err := enc.Bytes([]byte(string(c)))
	switch {
	case err != nil || len(b) != 2 || b[1] < 0xA1 || b[1] > 0xFE:
		return 0
	case b[0] >= 0xB0 && b[0] <= 0xD7:
		return 1
	case b[0] >= 0xD8 && b[0] <= 0xF7:
		return 2
	}
	return 0
}

// onlyChanged reports whether read is typed with only characters for which soft holds changed into
// another or dropped.
func onlyChanged(typed, read []rune, soft func(rune) bool) bool {
	// f[i][j]: typed[:i] can become read[:j].
	f := make([][]bool, len(typed)+1)
	for i := range f {
		f[i] = make([]bool, len(read)+1)
	}
	f[0][0] = true
	for i := 1; i <= len(typed); i++ {
		s := soft(typed[i-1])
		for j := 0; j <= len(read); j++ {
			if s && f[i-1][j] {
				f[i][j] = true // dropped
			}
			if j > 0 && f[i-1][j-1] && (typed[i-1] == read[j-1] || s) {
				f[i][j] = true
			}
		}
	}
	return f[len(typed)][len(read)]
}
