// Package modeldir holds how the optional models' directory is named and found. A program names it
// in its options or in $DOCPRECHECK_MODELS, or turns the models off with "off" in either (Named);
// when it names none, the directory that .ci/setup makes (models/ at the repository's root,
// gitignored) is looked for: ./models, or models/ beside the module's go.mod above the working
// directory, whichever holds the file asked for (Find). Packages quality and ocr use it so that the
// CLI, the examples and the tests run with the models wherever they are started in a checkout, while
// a program elsewhere names its directory explicitly.
//
// Named and Find are safe for concurrent use.
//
// # Security Considerations
//
// Named reads one environment variable and Find only stats files; what they return is loaded by the
// caller, which must verify what it loads (the model packages pin their files by SHA-256).
package modeldir

import (
	"os"
	"path/filepath"
)

// Env is the environment variable that names the models' directory when a program gives none.
const Env = "DOCPRECHECK_MODELS"

// Off, given as the directory or as Env's value, turns the optional models off.
const Off = "off"

// Named returns the directory named by dir or, when dir is empty, by Env ("" when neither names
// one), and whether the one that decides (dir first) turned the models off.
func Named(dir string) (named string, off bool) {
	if dir == "" {
		dir = os.Getenv(Env)
	}
	if dir == Off {
		return "", true
	}
	return dir, false
}

// Find returns "models" when ./models holds file, else models/ beside the nearest go.mod above the
// working directory when it holds file, else "".
func Find(file string) string {
	has := func(d string) bool {
		_, err := os.Stat(filepath.Join(d, file))
		return err == nil
	}
	if has("models") {
		return "models"
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if m := filepath.Join(d, "models"); has(m) {
				return m
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
