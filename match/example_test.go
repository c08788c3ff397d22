package match_test

import (
	"fmt"
	"strings"

	"github.com/docprecheck/docprecheck/match"
)

func ExampleIDNumber() {
	// Full-width digits and a lower-case x are the same number.
	fmt.Println(match.IDNumber("１１０１０５１９９００３０７１２３ｘ", "11010519900307123X"))
	// One wrong digit is not.
	fmt.Println(match.IDNumber("11010519900307128X", "11010519900307123X"))
	// Output:
	// {match full_width -1}
	// {mismatch one_character 16}
}

func ExampleName() {
	fmt.Println(match.Name("Müller", "MUELLER"))
	fmt.Println(match.Name("Muller", "MILLER"))
	fmt.Println(match.Name("Anna Maria Eriksson", "ERIKSSON ANNA MARIA"))
	fmt.Println(match.Name("张 伟", "张伟"))
	fmt.Println(match.Name("张伟", "张玮"))
	// Output:
	// {match  -1}
	// {mismatch one_character 1}
	// {match name_order -1}
	// {match spaces_in_chinese -1}
	// {mismatch one_character 1}
}

func ExampleWithSimplifier() {
	// t2s stands in for a traditional-to-simplified converter such as OpenCC.
	t2s := func(s string) string { return strings.NewReplacer("張", "张", "偉", "伟").Replace(s) }
	fmt.Println(match.Name("張偉", "张伟"))
	fmt.Println(match.Name("張偉", "张伟", match.WithSimplifier(t2s)))
	// Output:
	// {mismatch different 0}
	// {mismatch traditional 0}
}

func ExampleNameWithMRZ() {
	// The printed name is in Chinese; the MRZ has the pinyin.
	fmt.Println(match.NameWithMRZ("Zhang Wei", "张伟", "ZHANG", "WEI"))
	// Output:
	// {match  -1}
}

func ExampleDate() {
	fmt.Println(match.Date("1990年1月2日", "1990-01-02"))
	fmt.Println(match.Date("1990-02-01", "1990-01-02"))
	fmt.Println(match.Date("02/01/1990", "1990-01-02"))
	// Output:
	// {match date_format -1}
	// {mismatch different 6}
	// {mismatch unparsed_date -1}
}

func ExampleParseDate() {
	y, m, d, err := match.ParseDate("02.01.1990")
	fmt.Println(y, m, d, err)
	_, _, _, err = match.ParseDate("1990-02-30")
	fmt.Println(err)
	// Output:
	// 1990 1 2 <nil>
	// match: not a valid date: no such day in the calendar
}

func ExampleNormalizeName() {
	fmt.Println(match.NormalizeName("Anne-Marie O'Brien-Müller"))
	fmt.Println(match.NormalizeName("张 伟"))
	// Output:
	// ANNE MARIE OBRIEN MUELLER
	// 张伟
}
