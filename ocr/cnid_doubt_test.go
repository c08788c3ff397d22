package ocr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDoubt(t *testing.T) {
	r, err := New(Options{ModelsDir: ModelsOff})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, tc := range []struct{ typed, read, want string }{
		{"佘超志", "余超志", "rare_character"}, // 佘 is outside GB 2312's first level
		{"亓峰", "元峰", "rare_character"},
		{"郗福瑞", "福瑞", "rare_character"}, // dropped
		{"张玮", "张伟", "rare_character"},
		{"张伟", "张玮", ""},   // the typed character is common: the difference stands
		{"佘超志", "余超明", ""}, // a common character differs too
		{"王芳", "李芳", ""},
		{"张伟", "张伟", ""},
		{"张伟", "", ""},
	} {
		assert.Equal(t, tc.want, r.Doubt("name", tc.typed, tc.read), "%s read as %s", tc.typed, tc.read)
	}
	assert.Equal(t, "", r.Doubt("id_number", "佘", "余"))
}
