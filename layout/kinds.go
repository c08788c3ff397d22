package layout

// The tables below are written in millimetres from the top-left corner of the
// document, as measured on the published layouts, and normalised by mmBox.

// Character whitelists.
const (
	// DigitsX is the alphabet of a Chinese citizen identity number.
	DigitsX = "0123456789X"
	// MRZCharset is the alphabet of a machine-readable zone.
	MRZCharset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
	// UpperAlnum is the alphabet of document numbers and state codes.
	UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

// Languages.
const (
	langChi    = "chi_sim"
	langEng    = "eng"
	langEngChi = "eng+chi_sim"
)

// mmBox normalises the rectangle (x0, y0)-(x1, y1), in millimetres on a
// w x h mm document.
func mmBox(w, h, x0, y0, x1, y1 float64) Box {
	return Box{X: x0 / w, Y: y0 / h, W: (x1 - x0) / w, H: (y1 - y0) / h}
}

// cnIDFront is the personal-data side of the Chinese resident identity card.
// Captions sit at the left edge in a blue-grey; values start 13.5 mm from the
// left; the portrait takes the right third; the 18-character number runs
// along the bottom.
func cnIDFront() Layout {
	w, h := ID1WidthMM, ID1HeightMM
	b := func(x0, y0, x1, y1 float64) Box { return mmBox(w, h, x0, y0, x1, y1) }
	return Layout{
		Kind: CNIDFront, WidthMM: w, HeightMM: h, CornerRadiusMM: ID1CornerRadiusMM,
		Fields: []Field{
			{Name: "name", Box: b(13.0, 5.2, 50.0, 10.8), Lang: langChi, Label: "姓名", LabelBox: b(4.0, 6.0, 12.8, 9.8), Lines: 1},
			{Name: "sex", Box: b(13.0, 11.0, 20.0, 16.0), Lang: langChi, Charset: "男女", Label: "性别", LabelBox: b(4.0, 11.6, 12.8, 15.4), Lines: 1},
			{Name: "ethnicity", Box: b(30.5, 11.0, 50.0, 16.0), Lang: langChi, Label: "民族", LabelBox: b(21.5, 11.6, 30.3, 15.4), Lines: 1},
			// birth is printed as "1990 年 3 月 7 日": year, month and day are
			// separate numbers with 年, 月 and 日 between them.
			{Name: "birth", Box: b(13.0, 16.4, 50.0, 21.4), Lang: langChi, Label: "出生", LabelBox: b(4.0, 17.1, 12.8, 20.9), Lines: 1},
			// address wraps at about 11 characters per line, up to 3 lines.
			{Name: "address", Box: b(13.0, 22.0, 52.0, 35.4), Lang: langChi, Label: "住址", LabelBox: b(4.0, 22.6, 12.8, 26.4), Lines: 3},
			{Name: "id_number", Box: b(28.0, 43.0, 82.0, 49.6), Lang: langEng, Charset: DigitsX, Label: "公民身份号码", LabelBox: b(4.0, 44.2, 27.0, 48.4), Lines: 1},
			{Name: "photo", Box: b(54.0, 5.0, 80.5, 38.0)},
		},
	}
}

// cnIDBack is the emblem side of the Chinese resident identity card: the
// emblem at the top left, the two-line title to its right, the issuing
// authority and the period of validity near the bottom.
func cnIDBack() Layout {
	w, h := ID1WidthMM, ID1HeightMM
	b := func(x0, y0, x1, y1 float64) Box { return mmBox(w, h, x0, y0, x1, y1) }
	return Layout{
		Kind: CNIDBack, WidthMM: w, HeightMM: h, CornerRadiusMM: ID1CornerRadiusMM,
		Fields: []Field{
			{Name: "emblem", Box: b(4.5, 4.0, 20.5, 20.0)},
			// title holds two lines: 中华人民共和国 above 居民身份证.
			{Name: "title", Box: b(24.0, 5.0, 82.0, 22.0), Lang: langChi, Lines: 2},
			{Name: "authority", Box: b(29.5, 35.2, 82.0, 41.2), Lang: langChi, Label: "签发机关", LabelBox: b(15.5, 36.2, 29.0, 40.2), Lines: 1},
			// validity is "2015.03.01-2035.03.01" or "2015.03.01-长期".
			{Name: "validity", Box: b(29.5, 42.2, 82.0, 48.2), Lang: langEngChi, Label: "有效期限", LabelBox: b(15.5, 43.2, 29.0, 47.2), Lines: 1},
		},
	}
}

// passport is the TD3 data page: the portrait on the left (zone V), the
// captioned fields to its right (zone II), the MRZ along the bottom 23.2 mm
// (zone VII). Captions are small and bilingual; each value box lies under its
// caption.
func passport() Layout {
	w, h := TD3WidthMM, TD3HeightMM
	b := func(x0, y0, x1, y1 float64) Box { return mmBox(w, h, x0, y0, x1, y1) }
	// row returns the caption box and the value box of a row starting at y.
	row := func(x0, x1, y float64) (label, value Box) {
		return b(x0, y, x1, y+2.6), b(x0-0.5, y+2.3, x1, y+7.2)
	}
	f := func(name, caption, charset string, x0, x1, y float64) Field {
		lb, vb := row(x0, x1, y)
		return Field{Name: name, Box: vb, Lang: langEng, Charset: charset, Label: caption, LabelBox: lb, Lines: 1}
	}
	const (
		r1 = 11.0
		r2 = 18.4
		r3 = 25.8
		r4 = 33.2
		r5 = 40.6
		r6 = 48.0
		r7 = 55.4
	)
	mrzTop := h - TD3MRZHeightMM
	return Layout{
		Kind: Passport, WidthMM: w, HeightMM: h,
		Fields: []Field{
			{Name: "photo", Box: b(5.0, 14.0, 38.0, 57.0)},
			f("type", "Type / Type", "P", 42, 55, r1),
			f("country_code", "Code / Code", UpperAlnum, 57, 80, r1),
			f("passport_number", "Passport No. / N° du passeport", UpperAlnum, 84, 122, r1),
			f("surname", "Surname / Nom", "", 42, 122, r2),
			f("given_names", "Given names / Prénoms", "", 42, 122, r3),
			f("nationality", "Nationality / Nationalité", "", 42, 104, r4),
			// Dates are printed day, three-letter month, year: "07 MAR 1990".
			f("birth_date", "Date of birth / Date de naissance", "", 42, 74, r5),
			f("sex", "Sex / Sexe", "MFX", 76, 86, r5),
			f("place_of_birth", "Place of birth / Lieu de naissance", "", 88, 122, r5),
			f("issue_date", "Date of issue / Date de délivrance", "", 42, 74, r6),
			f("authority", "Authority / Autorité", "", 76, 122, r6),
			f("expiry_date", "Date of expiry / Date d'expiration", "", 42, 74, r7),
			{Name: "mrz", Box: b(2.0, mrzTop, 123.0, h-1.0), Lang: langEng, Charset: MRZCharset, Lines: 2},
		},
		MRZ: &MRZSpec{
			Lines: 2, Chars: 44, FirstCharMM: 6.0, PitchMM: MRZPitchMM,
			LineCentresMM: []float64{h - 15.75, h - 9.40},
			CapHeightMM:   MRZCapHeightMM,
		},
	}
}

// idCard is the data side of an ID-1 card carrying a TD1 MRZ on the same
// side: header, portrait on the left, captioned fields to its right, and the
// three-line MRZ in the bottom 17.78 mm.
func idCard() Layout {
	w, h := ID1WidthMM, ID1HeightMM
	b := func(x0, y0, x1, y1 float64) Box { return mmBox(w, h, x0, y0, x1, y1) }
	f := func(name, caption, charset string, x0, x1, y float64) Field {
		return Field{
			Name: name, Box: b(x0-0.4, y+1.6, x1, y+5.3), Lang: langEng, Charset: charset,
			Label: caption, LabelBox: b(x0, y, x1, y+1.8), Lines: 1,
		}
	}
	const (
		r1 = 7.2
		r2 = 12.6
		r3 = 18.0
		r4 = 23.4
		r5 = 28.8
	)
	mrzTop := h - TD1MRZHeightMM
	return Layout{
		Kind: IDCard, WidthMM: w, HeightMM: h, CornerRadiusMM: ID1CornerRadiusMM,
		Fields: []Field{
			{Name: "photo", Box: b(3.5, 7.5, 24.5, 34.0)},
			f("surname", "Surname / Nom", "", 27.5, 83.0, r1),
			f("given_names", "Given names / Prénoms", "", 27.5, 83.0, r2),
			f("sex", "Sex / Sexe", "MFX", 27.5, 37.0, r3),
			f("nationality", "Nationality / Nationalité", "", 39.0, 70.0, r3),
			// Dates are printed "07 MAR 1990", as on the passport.
			f("birth_date", "Date of birth / Date de naissance", "", 27.5, 53.0, r4),
			f("document_number", "Document No. / N° du document", UpperAlnum, 55.0, 83.0, r4),
			f("expiry_date", "Date of expiry / Date d'expiration", "", 27.5, 53.0, r5),
			{Name: "mrz", Box: b(1.5, mrzTop, 84.1, h-0.8), Lang: langEng, Charset: MRZCharset, Lines: 3},
		},
		MRZ: &MRZSpec{
			Lines: 3, Chars: 30, FirstCharMM: 5.0, PitchMM: MRZPitchMM,
			LineCentresMM: []float64{h - 14.30, h - 10.07, h - 5.84},
			CapHeightMM:   MRZCapHeightMM,
		},
	}
}
