package ppocr_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnknownCharacters: characters the dictionary lacks (赟 翀 骉 旻 曌 are in the national standard
// and in given names) cannot be read. The confidence does not show it (赟 is read as 赞 with more
// than 0.95), so Lacks must name them for the caller to call such a name unverifiable.
func TestUnknownCharacters(t *testing.T) {
	r := shared(t)
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
				assert.NotEmpty(t, r.Lacks(name))
			})
		}
	}
}

func TestLacks(t *testing.T) {
	r := shared(t)
	assert.Equal(t, []rune("赟翀"), r.Lacks("赵赟翀赟"))
	assert.Equal(t, []rune("骉旻曌"), r.Lacks("张骉刘旻武曌"))
	for _, s := range lines {
		assert.Empty(t, r.Lacks(s), s)
	}
}
