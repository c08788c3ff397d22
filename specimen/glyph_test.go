package specimen

import (
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestGlyphsLoad checks that every character the documents print has an
// outline the font package can read: a glyph it cannot read is silently
// left out of the text.
func TestGlyphsLoad(t *testing.T) {
	r := testRenderer(t)
	var cjk strings.Builder
	for _, l := range [][]string{cnSurnames, cnGivenM, cnGivenF, cnMinority, cnStreets, cnRoadKind, cnEstates} {
		cjk.WriteString(strings.Join(l, ""))
	}
	for _, reg := range regions {
		cjk.WriteString(reg.name + reg.authority)
	}
	cjk.WriteString("姓名性别民族出生住址公民身份号码签发机关有效期限长期中华人民共和国居民身份证年月日号栋单元室男女汉0123456789.-X")
	var latin strings.Builder
	for _, l := range [][]string{latinGivenM, latinGivenF, latinSurn, utoPlaces, utoOffices} {
		latin.WriteString(strings.ToUpper(strings.Join(l, "")) + strings.Join(l, ""))
	}
	latin.WriteString("UTOPIA PASSPORT PASSEPORT IDENTITY CARD CARTE D'IDENTITÉ Type/Code Passport No. N° du passeport Surname Nom Given names Prénoms Nationality Nationalité Date of birth de naissance Sex Sexe Place Lieu issue délivrance Authority Autorité expiry d'expiration Document 0123456789 JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC")
	mrzChars := "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<X"
	type tc struct {
		style fontStyle
		text  string
	}
	cases := []tc{
		{styleSansSCBold, cjk.String()},
		{styleSerifSCBold, cjk.String()},
		{styleOCRB, mrzChars},
		{styleLatinBold, latin.String()},
		{styleLiberationSansBold, latin.String()},
	}
	for _, f := range append(cjkValueFonts, cjkCaptionFonts...) {
		cases = append(cases, tc{f, cjk.String()})
	}
	for _, f := range numberFonts {
		cases = append(cases, tc{f, "0123456789X"})
	}
	for _, f := range append(latinValueFonts, latinCaptionFont...) {
		cases = append(cases, tc{f, latin.String()})
	}
	for _, tc := range cases {
		f := r.fonts.font(tc.style)
		var buf sfnt.Buffer
		for _, ch := range tc.text {
			if ch == ' ' {
				continue
			}
			gi, err := f.GlyphIndex(&buf, ch)
			if err != nil || gi == 0 {
				t.Errorf("style %d: no glyph for %q", tc.style, ch)
				continue
			}
			if _, err := f.LoadGlyph(&buf, gi, fixed.I(64), nil); err != nil {
				t.Errorf("style %d: glyph %q: %v", tc.style, ch, err)
			}
		}
	}
}
