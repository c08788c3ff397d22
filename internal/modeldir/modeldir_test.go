package modeldir

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A directory given decides; when none is given the environment does; "off" in either turns the
// models off, and a directory given overrides an environment that turns them off.
func TestNamed(t *testing.T) {
	for _, tc := range []struct {
		dir, env, want string
		off            bool
	}{
		{"", "", "", false},
		{"", "/srv/models", "/srv/models", false},
		{"", Off, "", true},
		{"m", "", "m", false},
		{"m", Off, "m", false},
		{Off, "/srv/models", "", true},
	} {
		t.Setenv(Env, tc.env)
		got, off := Named(tc.dir)
		assert.Equal(t, tc.want, got, "dir %q, %s=%q", tc.dir, Env, tc.env)
		assert.Equal(t, tc.off, off, "dir %q, %s=%q", tc.dir, Env, tc.env)
	}
}
