package mrz

import (
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	cases := [][]string{
		{"p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<", "L898902C36UTO74O8l22F12O4159ZE184226B<<<<<10"},
		{"P<UTOERIKSSON«ANNA<MARIA«««««««««", "L898902C36UTO7408122F1204159ZE184226B«««10"},
		{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<10"},
		{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<<10"},
		{"P<UTOERIKSSON<<ANNA<MARIA<<<<<K<<<<<<<<<<<<<", "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10"},
		{"I<UTOD231458907<<<<<K<<<<<<<<<", "7408122F12O4159UTO<<<<<<<<<<<6", "ERIKSS0N<<ANNA<MARIA<<<<<<<<<<"},
		{"I<UTOD231458907<<<<<<<<<<<<<<<", "7408123F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
		{"I<UTOD23I458907<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
		{"P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<", "KBOOOOOOO3EST7501229F120522647501220010<<<02"},
	}
	for _, c := range cases {
		d, err := Repair(c)
		if err != nil {
			fmt.Println("ERR", err)
			continue
		}
		fmt.Printf("%v valid=%v rep=%v %+v %v\n", d.Lines, d.Valid, d.Repaired, d.Checks, d.Malformed)
	}
}
