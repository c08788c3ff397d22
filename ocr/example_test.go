package ocr_test

import (
	"fmt"

	"github.com/docprecheck/docprecheck/ocr"
)

// ExampleNew creates a Reader with the default options. Engines are created, and their models
// loaded, by the first Read that needs them; Close frees them.
func ExampleNew() {
	r, err := ocr.New(ocr.Options{PoolSize: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	o := r.Options()
	fmt.Printf("pool %d, %.0f px/mm, pad %.1f mm\n", o.PoolSize, o.PixelsPerMM, o.PadMM)
	// Output: pool 2, 12 px/mm, pad 2.0 mm
}
