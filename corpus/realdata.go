package corpus

import (
	"os"
	"path/filepath"
)

// RealdataEnv names the environment variable that points at a folder of real specimen images
// (laid out as mrz-specimens/ and midv2020-templates/). Tests that use such images skip when the
// folder is absent: a user's clone does not have it.
const RealdataEnv = "DOCPRECHECK_REALDATA"

// RealdataDir returns the folder of real specimen images: $DOCPRECHECK_REALDATA, or else
// shared/realdata beside the module's root directory (found from the working directory). ok is
// false when the folder does not exist.
func RealdataDir() (dir string, ok bool) {
	dir = os.Getenv(RealdataEnv)
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", false
		}
		for d := wd; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(d, "..", "shared", "realdata")
				break
			}
			if filepath.Dir(d) == d {
				return "", false
			}
		}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return dir, false
	}
	return dir, true
}
