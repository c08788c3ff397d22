package quality_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/corpus"
	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// realdataDir returns the folder of real specimen images, or skips the test when it is absent.
func realdataDir(t *testing.T) string {
	dir, ok := corpus.RealdataDir()
	if !ok {
		t.Skipf("real specimen images not found at %q (set %s)", dir, corpus.RealdataEnv)
	}
	return dir
}

// TestRealSpecimens checks that flat scans of real specimen documents (CMYK JPEGs among them) are
// found and pass the photo checks that a clean scan must pass.
func TestRealSpecimens(t *testing.T) {
	dir := realdataDir(t)
	a, err := quality.New(quality.Options{})
	require.NoError(t, err)
	for _, f := range []string{
		"mrz-specimens/id1.jpg", "mrz-specimens/id2.jpg", "mrz-specimens/id_fail.png",
		"midv2020-templates/alb_id/images/00.jpg", "midv2020-templates/alb_id/images/01.jpg",
		"midv2020-templates/aze_passport/images/00.jpg", "midv2020-templates/aze_passport/images/01.jpg",
	} {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, f))
			require.NoError(t, err)
			p, err := a.Analyze(context.Background(), data)
			require.NoError(t, err)
			defer p.Close()
			q := p.Quality()
			require.NotNil(t, q.Corners, "document not found")
			for _, m := range q.Measures {
				switch m.Code {
				case precheck.CodeLowResolution:
					// id_fail.png is 601 px wide: too small is the right answer there.
					assert.Equal(t, q.Width < 640, m.Failed, "%+v", m)
				default:
					assert.False(t, m.Failed, "clean scan reported %s: %+v", m.Code, m)
				}
			}
		})
	}
}
