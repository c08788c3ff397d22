package ppocr_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnknownCharacters: characters the dictionary lacks (赟 翀 骉 旻 曌 are in the national standard
// and in given names) cannot be read; the reading must then not be confident, so that a caller
// reports "unreliable" instead of a wrong name.
func TestUnknownCharacters(t *testing.T) {
	r := newRecognizer(t)
	for _, st := range []struct {
		name string
		style
	}{{"sans", sans}, {"serif", serif}, {"small-grey", smallGrey}} {
		for _, name := range []string{"王赟", "李翀", "张骉", "刘旻", "武曌", "赵赟翀"} {
			t.Run(st.name+"/"+name, func(t *testing.T) {
				m := render(t, name, st.style)
				defer m.Close()
				res, err := r.Recognize(context.Background(), m)
				require.NoError(t, err)
				t.Logf("%q min %.3f mean %.3f", res.Text, res.MinConfidence, res.MeanConfidence)
				assert.NotEqual(t, name, res.Text)
			})
		}
	}
}
