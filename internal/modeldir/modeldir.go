// Package modeldir finds the directory of the optional models that .ci/setup makes (models/ at the
// repository's root, gitignored) when no directory was named: ./models, or models/ beside the
// module's go.mod above the working directory, whichever holds the file asked for. Packages quality
// and ocr use it so that the CLI, the examples and the tests run with the models wherever they are
// started in a checkout, while a program elsewhere names its directory explicitly.
//
// Find is safe for concurrent use.
//
// # Security Considerations
//
// Find only stats files; what it returns is loaded by the caller, which must verify what it loads
// (the model packages pin their files by SHA-256).
package modeldir

import (
	"os"
	"path/filepath"
)

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
