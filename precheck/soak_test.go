//go:build soak && cgo

package precheck_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/precheck"
	"github.com/docprecheck/docprecheck/quality"
)

// Soak parameters: checks in all, checks before the memory baseline is taken, concurrent workers,
// and the growth of resident memory after warm-up that fails the test.
const (
	soakChecks    = 1000 // the environment variable SOAK_CHECKS overrides it
	soakWarmUp    = 250  // four workers' malloc arenas reach their high-water mark within about 250 checks
	soakWorkers   = 4
	soakMaxGrowth = 0.25
)

// rss returns the resident memory of the process in bytes, from /proc/self/statm.
func rss(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	require.NoError(t, err)
	var size, resident int64
	_, err = fmt.Sscan(string(b), &size, &resident)
	require.NoError(t, err)
	return resident * int64(os.Getpagesize())
}

// settle collects garbage and returns freed memory to the system, so that RSS counts live memory.
func settle() {
	runtime.GC()
	debug.FreeOSMemory()
}

// TestSoak runs soakChecks (or SOAK_CHECKS) checks of the sample photos in one process, one in ten also drawing the
// annotated PNG, and fails when resident memory grows more than soakMaxGrowth after warm-up or when
// gocv Mats are left. Run it with:
//
//	go test -tags 'soak matprofile' -run Soak -v ./precheck -timeout 30m
func TestSoak(t *testing.T) {
	total := int64(soakChecks)
	if v := os.Getenv("SOAK_CHECKS"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		require.NoError(t, err, "SOAK_CHECKS")
		total = max(n, soakWarmUp+1)
	}
	ck := newQualityChecker(t)
	photos := samplePhotos(t)
	ctx := context.Background()

	settle()
	rss0 := rss(t)
	mats0, counted := liveMats()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("start: RSS %.1f MiB, Go heap %.1f MiB, live Mats %s, %d photos", mib(rss0), mib(int64(ms.HeapAlloc)), matsString(mats0, counted), len(photos))

	var failures atomic.Int64
	start := time.Now()
	// run checks numbers from to to (inclusive) with soakWorkers workers.
	run := func(from, to int64) {
		var next atomic.Int64
		next.Store(from - 1)
		var wg sync.WaitGroup
		for range soakWorkers {
			wg.Go(func() {
				for n := next.Add(1); n <= to; n = next.Add(1) {
					p := photos[int(n)%len(photos)]
					if err := soakOne(ctx, ck, p.data, n%10 == 0); err != nil {
						failures.Add(1)
						t.Errorf("check %d (%s): %v", n, p.name, err)
					}
					if n%250 == 0 {
						settle()
						t.Logf("%d checks, %.0f s: RSS %.1f MiB", n, time.Since(start).Seconds(), mib(rss(t)))
					}
				}
			})
		}
		wg.Wait()
	}
	run(1, soakWarmUp)
	settle()
	rssWarm := rss(t)
	run(soakWarmUp+1, total)
	elapsed := time.Since(start)

	settle()
	rssEnd := rss(t)
	mats, _ := liveMats()
	runtime.ReadMemStats(&ms)
	growth := float64(rssEnd-rssWarm) / float64(rssWarm)
	t.Logf("after %d warm-up checks: RSS %.1f MiB", soakWarmUp, mib(rssWarm))
	t.Logf("end, %d checks in %.0f s (%.1f checks/s, %d workers): RSS %.1f MiB (%+.1f%% after warm-up), Go heap %.1f MiB, live Mats %s",
		total, elapsed.Seconds(), float64(total)/elapsed.Seconds(), soakWorkers, mib(rssEnd), 100*growth,
		mib(int64(ms.HeapAlloc)), matsString(mats, counted))
	require.Zero(t, failures.Load(), "checks failed")
	require.LessOrEqual(t, growth, soakMaxGrowth, "resident memory grew by %.1f%% after warm-up", 100*growth)
	if counted {
		require.Equal(t, mats0, mats, "gocv Mats were left")
	} else {
		t.Log("live Mats not counted: build with -tags matprofile to count them")
	}
}

// soakOne checks one photo and, when annotate is set, draws the annotated PNG as the upload
// handler does.
func soakOne(ctx context.Context, ck *precheck.Checker, data []byte, annotate bool) error {
	r, p, err := ck.CheckPhoto(ctx, data, precheck.Typed{Name: "ZHANG SAN", IDNumber: "11010519491231002X"})
	if err != nil {
		return err
	}
	defer p.Close()
	if annotate {
		if qp, ok := p.(*quality.Photo); ok {
			_, err = quality.Annotate(qp, quality.Annotation{Title: string(r.Verdict), Corners: r.Document.Corners, Issues: r.Issues})
		}
	}
	return err
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func matsString(n int, counted bool) string {
	if !counted {
		return "not counted (no matprofile tag)"
	}
	return fmt.Sprint(n)
}
