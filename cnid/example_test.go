package cnid_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/docprecheck/docprecheck/cnid"
)

func ExampleCheckChar() {
	c, err := cnid.CheckChar("32010219881115103")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(c))
	// Output: X
}

func ExampleValidateAt() {
	now := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	fmt.Println(cnid.ValidateAt("110105199003071239", now))
	err := cnid.ValidateAt("110105199003071238", now)
	fmt.Println(errors.Is(err, cnid.ErrCheckChar))
	// Output:
	// <nil>
	// true
}

func ExampleRepairAt() {
	now := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	id, changed, err := cnid.RepairAt("11O1O5 199OO3O7 1239", now)
	fmt.Println(id, changed, err)
	birth, _ := cnid.BirthDate(id)
	sex, _ := cnid.Sex(id)
	fmt.Println(birth.Format(time.DateOnly), sex)
	// Output:
	// 110105199003071239 true <nil>
	// 1990-03-07 M
}

func ExampleParseValidity() {
	v, err := cnid.ParseValidity("2015.03.01一2035.03.01")
	fmt.Println(v.From.Format(time.DateOnly), v.To.Format(time.DateOnly), err)
	v, err = cnid.ParseValidity("２０１５．０３．０１－长期")
	fmt.Println(v.From.Format(time.DateOnly), v.LongTerm, err)
	_, err = cnid.ParseValidity("2015.03.01-2016.03.01")
	fmt.Println(errors.Is(err, cnid.ErrValidity))
	// Output:
	// 2015-03-01 2035-03-01 <nil>
	// 2015-03-01 true <nil>
	// true
}
