//go:build matprofile

package ppocr_test

import (
	"bytes"
	"fmt"

	"gocv.io/x/gocv"
)

// checkMats fails the run when a gocv Mat is still alive (built with -tags matprofile).
func checkMats() error {
	if n := gocv.MatProfile.Count(); n > 0 {
		var b bytes.Buffer
		gocv.MatProfile.WriteTo(&b, 1)
		return fmt.Errorf("%d gocv Mats were not closed:\n%s", n, b.String())
	}
	return nil
}
