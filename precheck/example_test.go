package precheck_test

import (
	"fmt"

	"github.com/docprecheck/docprecheck/precheck"
)

func ExampleMessage() {
	is := precheck.Issue{Code: precheck.CodeCutoff, Corners: []string{"top_left", "bottom_left"}}
	fmt.Println(precheck.Message(is, precheck.English))
	fmt.Println(precheck.Message(is, precheck.ParseLang("zh-CN")))
	// Output:
	// Part of the document is outside the photo (top-left corner, bottom-left corner). Move back so that all four corners are inside the frame, with a little margin.
	// 证件不完整（左上角、左下角）。请把手机拿远一些，让证件的四个角都在画面内并留出少量边距。
}
