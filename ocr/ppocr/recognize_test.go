package ppocr_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lines are invented names and identity numbers in the shapes a Chinese identity card prints.
var lines = []string{
	"欧阳喆", "龚", "堃", "琰", "昇", "王晨磊", "刘建磊", "司马相如", "阿依古丽·买买提",
	"11010519491231002X", "440304200012125678", "310101198001011234",
	"1990年1月1日", "北京市朝阳区建国路88号",
}

func TestRecognizeRenderedLines(t *testing.T) {
	r := newRecognizer(t)
	for _, st := range []struct {
		name string
		style
	}{{"sans", sans}, {"serif", serif}, {"small-grey", smallGrey}} {
		for _, want := range lines {
			t.Run(st.name+"/"+want, func(t *testing.T) {
				m := render(t, want, st.style)
				defer m.Close()
				res, err := r.Recognize(context.Background(), m)
				require.NoError(t, err)
				t.Logf("%q width %d min %.3f mean %.3f", res.Text, res.Width, res.MinConfidence, res.MeanConfidence)
				assert.Equal(t, want, res.Text)
			})
		}
	}
}
