package specimen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/docprecheck/docprecheck/cnid"
	"github.com/docprecheck/docprecheck/layout"
	"github.com/docprecheck/docprecheck/mrz"
)

// SpecimenState is the ICAO code of the specimen state Utopia, used on every
// Latin-script specimen so that no real state's documents are imitated.
const SpecimenState = "UTO"

// Person is the invented holder of a specimen document and every value
// printed on it. All of it is made up: names are drawn from lists of common
// names, numbers and dates at random.
type Person struct {
	Kind layout.Kind
	// Sex is "M" or "F".
	Sex string
	// Birth is the date of birth (UTC midnight).
	Birth time.Time

	// NameCN is the Chinese name (cn_id_front).
	NameCN string
	// Ethnicity is the 民族 entry, e.g. "汉" (cn_id_front).
	Ethnicity string
	// Address is the 住址 entry in one string; the card wraps it (cn_id_front).
	Address string
	// IDNumber is the 18-character citizen identity number (cn_id_front).
	IDNumber string
	// Authority is the issuing authority: 签发机关 on cn_id_back, the
	// authority line of a passport.
	Authority string
	// ValidFrom and ValidTo bound the validity of a Chinese card; ValidTo is
	// zero for a card valid for life (长期) (cn_id_back).
	ValidFrom, ValidTo time.Time

	// Surname and GivenNames are the Latin names as printed, diacritics
	// included (passport, id_card).
	Surname, GivenNames string
	// SurnameMRZ and GivenNamesMRZ are the names transliterated per ICAO
	// 9303 part 3 (ü -> UE, ø -> OE, ...), upper case, words separated by
	// single spaces.
	SurnameMRZ, GivenNamesMRZ string
	// State is the issuing state and nationality code ("UTO").
	State string
	// Nationality is the printed nationality, e.g. "UTOPIAN".
	Nationality string
	// DocumentNumber is the passport or card number.
	DocumentNumber string
	// PlaceOfBirth is printed on passports.
	PlaceOfBirth string
	// IssueDate and ExpiryDate are the dates of issue and expiry (passport,
	// id_card; IssueDate is not printed on id_card).
	IssueDate, ExpiryDate time.Time
	// PersonalNumber goes into the optional data of the MRZ; may be empty.
	PersonalNumber string
	// MRZ holds the machine-readable lines (passport, id_card).
	MRZ []string
}

// region is a six-digit administrative division code with its printed name
// and the police authority that issues cards there.
type region struct {
	code, name, authority string
}

// regions are real-format division codes; the people and streets placed in
// them are invented.
var regions = []region{
	{"110105", "北京市朝阳区", "北京市公安局朝阳分局"},
	{"310104", "上海市徐汇区", "上海市公安局徐汇分局"},
	{"440305", "广东省深圳市南山区", "深圳市公安局南山分局"},
	{"330106", "浙江省杭州市西湖区", "杭州市公安局西湖分局"},
	{"510107", "四川省成都市武侯区", "成都市公安局武侯区分局"},
	{"420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局"},
	{"320102", "江苏省南京市玄武区", "南京市公安局玄武分局"},
	{"370202", "山东省青岛市市南区", "青岛市公安局市南分局"},
}

var (
	cnSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"}
	cnGivenM   = []string{"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "建", "国", "文", "辉", "鹏", "宇", "浩", "晨", "志", "海", "峰"}
	cnGivenF   = []string{"芳", "娜", "敏", "静", "丽", "艳", "娟", "秀", "霞", "玲", "英", "华", "欣", "怡", "涵", "雨", "思", "婷", "雪", "琳", "梅", "佳"}
	cnMinority = []string{"回", "满", "壮", "蒙古", "苗", "土家", "彝", "藏", "朝鲜", "维吾尔"}
	cnStreets  = []string{"幸福", "光明", "和平", "建设", "新华", "友谊", "文化", "朝阳", "青年", "振兴", "长青", "春风"}
	cnRoadKind = []string{"路", "街", "大道"}
	cnEstates  = []string{"阳光花园", "翠湖苑", "金桂园", "柳岸小区", "华庭", "嘉园", "锦绣家园", "东湖小区"}

	latinGivenM = []string{"John", "Peter", "José", "Søren", "Lukas", "Mateo", "Liam", "Noah", "Jürgen", "François", "Björn", "Andrés", "Håkon", "Tomas", "Oliver", "Karl", "Ivan", "Marco"}
	latinGivenF = []string{"Anna", "Maria", "Lucía", "Élise", "Zoë", "Ingrid", "Chloé", "Olivia", "Emma", "Sofia", "Renée", "Åsa", "Clara", "Mia", "Hanna", "Nora", "Julia", "Léa"}
	latinSurn   = []string{"Müller", "García", "Eriksson", "Smith", "Dubois", "Rossi", "Novák", "Jensen", "Nowak", "Silva", "Østergaard", "Weiß", "Núñez", "O'Brien", "Van der Berg", "Schäfer", "Lindqvist", "Moreau", "Kowalski", "Fernández", "Brown", "Petrov", "Hansen", "Jovanović"}
	utoPlaces   = []string{"PORT ANSELM", "VALMORA", "KESTREL FALLS", "BRIGHTWATER", "NORTHVALE", "ELMSFORD", "LYRA BAY", "MIRENDA", "STONEHAVEN", "ASHCOMBE"}
	utoOffices  = []string{"UTOPIA PASSPORT OFFICE", "MINISTRY OF INTERIOR", "PASSPORT AUTHORITY VALMORA", "CONSULATE PORT ANSELM"}
)

// minExpiry is the earliest expiry a specimen may carry, keeping the
// labels' documents valid for a while.
var minExpiry = time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)

func pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }

// randDate returns a date uniformly between from and to.
func randDate(rng *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, rng.IntN(days+1))
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// NewPerson invents the holder of a document of kind k and every value
// printed on it, with valid check characters (cnid for the Chinese number,
// ICAO 9303 check digits in the MRZ).
func NewPerson(k layout.Kind, rng *rand.Rand) (Person, error) {
	p := Person{Kind: k, Sex: "M"}
	if rng.IntN(2) == 0 {
		p.Sex = "F"
	}
	p.Birth = randDate(rng, date(1952, 1, 1), date(2007, 12, 31))
	switch k {
	case layout.CNIDFront, layout.CNIDBack:
		if err := p.inventChinese(rng); err != nil {
			return Person{}, err
		}
	case layout.Passport, layout.IDCard:
		if err := p.inventLatin(rng); err != nil {
			return Person{}, err
		}
	default:
		return Person{}, fmt.Errorf("specimen: unknown kind %q", k)
	}
	return p, nil
}

func (p *Person) inventChinese(rng *rand.Rand) error {
	reg := pick(rng, regions)
	given := cnGivenM
	if p.Sex == "F" {
		given = cnGivenF
	}
	p.NameCN = pick(rng, cnSurnames) + pick(rng, given)
	if rng.IntN(3) > 0 {
		p.NameCN += pick(rng, given)
	}
	p.Ethnicity = "汉"
	if rng.IntN(4) == 0 {
		p.Ethnicity = pick(rng, cnMinority)
	}
	addr := fmt.Sprintf("%s%s%s%d号", reg.name, pick(rng, cnStreets), pick(rng, cnRoadKind), 1+rng.IntN(299))
	if rng.IntN(3) > 0 {
		addr += fmt.Sprintf("%s%d栋%d单元%d室", pick(rng, cnEstates), 1+rng.IntN(30), 1+rng.IntN(6), 100*(1+rng.IntN(28))+1+rng.IntN(6))
	}
	p.Address = addr

	seq := rng.IntN(100)
	sexDigit := 2 * rng.IntN(5) // even: female
	if p.Sex == "M" {
		sexDigit++
	}
	first17 := fmt.Sprintf("%s%s%02d%d", reg.code, p.Birth.Format("20060102"), seq, sexDigit)
	c, err := cnid.CheckChar(first17)
	if err != nil {
		return fmt.Errorf("specimen: id number check: %w", err)
	}
	p.IDNumber = first17 + string(c)

	// Validity follows the age at issue: under 16 five years, 16-25 ten
	// years, 26-45 twenty years, 46 and over for life.
	p.Authority = reg.authority
	for range 100 {
		from := randDate(rng, date(2012, 1, 1), date(2025, 10, 31))
		if from.Before(p.Birth.AddDate(0, 0, 30)) {
			continue
		}
		age := from.Year() - p.Birth.Year()
		if from.YearDay() < p.Birth.YearDay() {
			age--
		}
		var years int
		switch {
		case age < 16:
			years = 5
		case age < 26:
			years = 10
		case age < 46:
			years = 20
		}
		p.ValidFrom = from
		p.ValidTo = time.Time{}
		if years > 0 {
			p.ValidTo = from.AddDate(years, 0, 0)
			if p.ValidTo.Before(minExpiry) {
				continue
			}
		}
		return nil
	}
	return fmt.Errorf("specimen: no validity period found for birth %s", p.Birth.Format(time.DateOnly))
}

func (p *Person) inventLatin(rng *rand.Rand) error {
	given := latinGivenM
	if p.Sex == "F" {
		given = latinGivenF
	}
	p.GivenNames = pick(rng, given)
	if rng.IntN(3) == 0 {
		for {
			g := pick(rng, given)
			if g != p.GivenNames {
				p.GivenNames += " " + g
				break
			}
		}
	}
	p.Surname = pick(rng, latinSurn)
	p.SurnameMRZ = Transliterate(p.Surname)
	p.GivenNamesMRZ = Transliterate(p.GivenNames)
	p.State = SpecimenState
	p.Nationality = "UTOPIAN"
	p.PlaceOfBirth = pick(rng, utoPlaces)
	p.Authority = pick(rng, utoOffices)

	const letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
	var num strings.Builder
	if p.Kind == layout.Passport {
		num.WriteByte(letters[rng.IntN(len(letters))])
		num.WriteByte(letters[rng.IntN(len(letters))])
		fmt.Fprintf(&num, "%07d", rng.IntN(10000000))
	} else {
		num.WriteByte(letters[rng.IntN(len(letters))])
		fmt.Fprintf(&num, "%02d", rng.IntN(100))
		num.WriteByte(letters[rng.IntN(len(letters))])
		fmt.Fprintf(&num, "%05d", rng.IntN(100000))
	}
	p.DocumentNumber = num.String()
	if rng.IntN(2) == 0 {
		p.PersonalNumber = fmt.Sprintf("%s%08d", string(letters[rng.IntN(len(letters))]), rng.IntN(100000000))
	}
	for {
		p.IssueDate = randDate(rng, date(2018, 3, 1), date(2025, 10, 31))
		if p.IssueDate.After(p.Birth.AddDate(1, 0, 0)) {
			break
		}
	}
	p.ExpiryDate = p.IssueDate.AddDate(10, 0, -1)

	f := mrz.Fields{
		IssuingState:   p.State,
		Surname:        p.SurnameMRZ,
		GivenNames:     p.GivenNamesMRZ,
		DocumentNumber: p.DocumentNumber,
		Nationality:    p.State,
		BirthDate:      p.Birth.Format("060102"),
		Sex:            p.Sex,
		ExpiryDate:     p.ExpiryDate.Format("060102"),
	}
	format := mrz.TD3
	if p.Kind == layout.Passport {
		f.DocumentCode = "P"
		f.OptionalData1 = p.PersonalNumber
	} else {
		format = mrz.TD1
		f.DocumentCode = "ID"
		f.OptionalData1 = p.PersonalNumber
	}
	lines, err := mrz.Build(format, f)
	if err != nil {
		return fmt.Errorf("specimen: build MRZ: %w", err)
	}
	p.MRZ = lines
	return nil
}

// icaoTranslit maps Latin letters with diacritics to their ICAO 9303 part 3
// (section 6) recommended transliteration.
var icaoTranslit = map[rune]string{
	'Á': "A", 'À': "A", 'Â': "A", 'Ã': "A", 'Ä': "AE", 'Å': "AA", 'Æ': "AE", 'Ą': "A",
	'Ç': "C", 'Ć': "C", 'Č': "C",
	'Ð': "D", 'Đ': "D", 'Ď': "D",
	'É': "E", 'È': "E", 'Ê': "E", 'Ë': "E", 'Ę': "E", 'Ě': "E",
	'Í': "I", 'Ì': "I", 'Î': "I", 'Ï': "I",
	'Ł': "L", 'Ñ': "N", 'Ń': "N", 'Ň': "N",
	'Ó': "O", 'Ò': "O", 'Ô': "O", 'Õ': "O", 'Ö': "OE", 'Ø': "OE", 'Œ': "OE",
	'Ř': "R", 'Š': "S", 'Ś': "S", 'ẞ': "SS", 'Ť': "T", 'Þ': "TH",
	'Ú': "U", 'Ù': "U", 'Û': "U", 'Ü': "UE", 'Ů': "U",
	'Ý': "Y", 'Ÿ': "Y", 'Ž': "Z", 'Ź': "Z", 'Ż': "Z",
}

// Transliterate returns name as it appears in an MRZ name field before the
// fillers are added: upper case, letters with diacritics transliterated per
// ICAO 9303 part 3 (Müller -> MUELLER, Søren -> SOEREN, Weiß -> WEISS),
// apostrophes dropped, hyphens and runs of spaces turned into single spaces.
func Transliterate(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(strings.ReplaceAll(name, "ß", "SS")) {
		switch {
		case r >= 'A' && r <= 'Z':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '<':
			space = true
		case r == '\'' || r == '’' || r == '.':
			// dropped
		default:
			if t, ok := icaoTranslit[r]; ok {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteString(t)
			}
		}
	}
	return b.String()
}

// monthsEN are the three-letter month abbreviations printed on the Latin
// specimens.
var monthsEN = [...]string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// PrintedDate formats t as the Latin specimens print dates: "07 MAR 1990".
func PrintedDate(t time.Time) string {
	return fmt.Sprintf("%02d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

// cnBirth formats the 出生 entry: year, month and day without leading zeros.
func cnBirth(t time.Time) (year, month, day string) {
	return fmt.Sprint(t.Year()), fmt.Sprint(int(t.Month())), fmt.Sprint(t.Day())
}

// Validity returns the 有效期限 entry of a Chinese card:
// "2015.03.01-2035.03.01" or "2015.03.01-长期".
func (p Person) Validity() string {
	to := "长期"
	if !p.ValidTo.IsZero() {
		to = p.ValidTo.Format("2006.01.02")
	}
	return p.ValidFrom.Format("2006.01.02") + "-" + to
}

// sexCN is the printed 性别 entry.
func (p Person) sexCN() string {
	if p.Sex == "F" {
		return "女"
	}
	return "男"
}

// Printed returns the text printed in each field of the layout, keyed by the
// layout's field name. Multi-line values are joined without separators
// (Chinese addresses) or with "\n" (MRZ lines, the two-line title).
func (p Person) Printed() map[string]string {
	m := map[string]string{}
	switch p.Kind {
	case layout.CNIDFront:
		y, mo, d := cnBirth(p.Birth)
		m["name"] = p.NameCN
		m["sex"] = p.sexCN()
		m["ethnicity"] = p.Ethnicity
		m["birth"] = y + "年" + mo + "月" + d + "日"
		m["address"] = p.Address
		m["id_number"] = p.IDNumber
	case layout.CNIDBack:
		m["title"] = "中华人民共和国\n居民身份证"
		m["authority"] = p.Authority
		m["validity"] = p.Validity()
	case layout.Passport:
		m["type"] = "P"
		m["country_code"] = p.State
		m["passport_number"] = p.DocumentNumber
		m["surname"] = strings.ToUpper(p.Surname)
		m["given_names"] = strings.ToUpper(p.GivenNames)
		m["nationality"] = p.Nationality
		m["birth_date"] = PrintedDate(p.Birth)
		m["sex"] = p.Sex
		m["place_of_birth"] = p.PlaceOfBirth
		m["issue_date"] = PrintedDate(p.IssueDate)
		m["authority"] = p.Authority
		m["expiry_date"] = PrintedDate(p.ExpiryDate)
		m["mrz"] = strings.Join(p.MRZ, "\n")
	case layout.IDCard:
		m["surname"] = strings.ToUpper(p.Surname)
		m["given_names"] = strings.ToUpper(p.GivenNames)
		m["sex"] = p.Sex
		m["nationality"] = p.Nationality
		m["birth_date"] = PrintedDate(p.Birth)
		m["document_number"] = p.DocumentNumber
		m["expiry_date"] = PrintedDate(p.ExpiryDate)
		m["mrz"] = strings.Join(p.MRZ, "\n")
	}
	return m
}

// Fields returns the normalised values a reader should find: dates as
// YYYY-MM-DD, sex as M or F, names as printed. Keys: name, sex, ethnicity,
// birth_date, address, id_number (cn_id_front); authority, validity,
// issue_date, expiry (cn_id_back; no expiry when valid for life); surname,
// given_names and name (upper case as printed, diacritics kept), sex,
// nationality, birth_date, document_number, expiry, and for passports also
// country_code, place_of_birth, issue_date and authority.
func (p Person) Fields() map[string]string {
	m := map[string]string{}
	switch p.Kind {
	case layout.CNIDFront:
		m["name"] = p.NameCN
		m["sex"] = p.Sex
		m["ethnicity"] = p.Ethnicity
		m["birth_date"] = p.Birth.Format(time.DateOnly)
		m["address"] = p.Address
		m["id_number"] = p.IDNumber
	case layout.CNIDBack:
		m["authority"] = p.Authority
		m["validity"] = p.Validity()
		m["issue_date"] = p.ValidFrom.Format(time.DateOnly)
		if !p.ValidTo.IsZero() {
			m["expiry"] = p.ValidTo.Format(time.DateOnly)
		}
	case layout.Passport, layout.IDCard:
		m["surname"] = strings.ToUpper(p.Surname)
		m["given_names"] = strings.ToUpper(p.GivenNames)
		m["name"] = m["given_names"] + " " + m["surname"]
		m["sex"] = p.Sex
		m["nationality"] = p.State
		m["birth_date"] = p.Birth.Format(time.DateOnly)
		m["document_number"] = p.DocumentNumber
		m["expiry"] = p.ExpiryDate.Format(time.DateOnly)
		if p.Kind == layout.Passport {
			m["country_code"] = p.State
			m["place_of_birth"] = p.PlaceOfBirth
			m["issue_date"] = p.IssueDate.Format(time.DateOnly)
			m["authority"] = p.Authority
		}
	}
	return m
}
