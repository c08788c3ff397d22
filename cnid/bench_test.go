package cnid

import "testing"

func BenchmarkValidateAt(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := ValidateAt(idBeijing, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRepairAt compares valid input, which returns at once, with
// readings that need normalising and enumeration.
func BenchmarkRepairAt(b *testing.B) {
	for _, c := range []struct{ name, raw string }{
		{"valid", idBeijing},
		{"spaces and O", "11O105 19900307 1239"},
		{"ambiguous letters", "44O3O42OOOO2294S6B"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := RepairAt(c.raw, testNow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseValidity(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseValidity("２０１５．０３．０１一2035.03.01"); err != nil {
			b.Fatal(err)
		}
	}
}
