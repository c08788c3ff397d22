package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"runtime/pprof"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		http.DefaultTransport.(*http.Transport).CloseIdleConnections()
		if err := checkMats(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goroutine leak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// checkMats fails the run when a gocv Mat is still alive. gocv registers the profile only when built
// with -tags matprofile; without it there is nothing to count.
func checkMats() error {
	p := pprof.Lookup("gocv.io/x/gocv.Mat")
	if p == nil || p.Count() == 0 {
		return nil
	}
	var b bytes.Buffer
	p.WriteTo(&b, 1)
	return fmt.Errorf("%d gocv Mats were not closed:\n%s", p.Count(), b.String())
}
