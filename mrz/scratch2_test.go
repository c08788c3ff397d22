package mrz

import (
	"fmt"
	"testing"
)

func TestScratch2(t *testing.T) {
	lines := [][]byte{[]byte("P<ESTMAENNIK<<MARI<LIIS<<<<<<<<<<<<<<<<<<<<<"), []byte("KBOOOOOOO3EST7501229F120522647501220010<<<02")}
	r := repairer{f: TD3, spans: layout(TD3), lines: lines, width: 44}
	pos := r.ambiguousPositions()
	fmt.Println(len(pos), uniformReadings(pos, r.lines))
	fmt.Println(r.search(pos, ""))
}
