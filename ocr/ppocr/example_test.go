package ppocr_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/docprecheck/docprecheck/ocr/ppocr"
	"gocv.io/x/gocv"
)

// Example shows the fallback a caller needs: without models/ (made by .ci/models), New fails with
// ErrModelsMissing and the fields are read with Tesseract alone.
func Example() {
	r, err := ppocr.New("no-such-models-dir")
	if errors.Is(err, ppocr.ErrModelsMissing) {
		fmt.Println("no PP-OCR models: reading with Tesseract alone")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	line := gocv.IMRead("name-field.png", gocv.IMReadColor) // a crop of one line of text
	defer line.Close()
	res, err := r.Recognize(context.Background(), line)
	if err != nil {
		fmt.Println(err)
		return
	}
	switch typed := "王晨磊"; {
	case len(r.Lacks(typed)) > 0:
		fmt.Println("the name has characters the model cannot read: unverifiable")
	case !res.Confident(ppocr.ConfidentLevel):
		fmt.Println("low confidence:", res.Text)
	default:
		fmt.Println(res.Text == typed)
	}
	// Output: no PP-OCR models: reading with Tesseract alone
}
