package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/precheck"
)

// chromium returns the path of a Chromium or Chrome binary, or "" when none is installed.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserEndToEnd drives the page in headless Chromium over the DevTools protocol: it picks a
// photo in the file input, types a name, chooses Chinese, submits, and checks that the page shows
// what the Checker says about the photo, in a phone-sized window.
func TestBrowserEndToEnd(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium is not installed (Debian: apt-get install chromium; .ci/setup installs it): skipping the browser test")
	}
	profile := t.TempDir()

	// The real server, as main runs it, on a free local port.
	h := realHandler(t, Config{})
	srv := newServer(h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/"

	// A photo with something to say: the first corpus photo, or a generated card photographed too
	// small (low_resolution), whose message the page must show in Chinese.
	p := samplePhotos(t, 1)[0]
	if p.path == "" {
		p.data = encodeJPEG(t, cardImage(800, 600, 100, 90, 600, 11), 88)
		p.path = filepath.Join(t.TempDir(), "card.jpg")
		require.NoError(t, os.WriteFile(p.path, p.data, 0o644))
	}
	// The browser reads the file itself: it needs an absolute path.
	abs, err := filepath.Abs(p.path)
	require.NoError(t, err)
	p.path = abs
	const name = "ZHANG SAN"
	ck, err := newChecker("normal", Config{})
	require.NoError(t, err)
	want, err := ck.Check(context.Background(), p.data, precheck.Typed{Name: name})
	require.NoError(t, err)
	want.Localize(precheck.Chinese)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(390, 844), // a phone
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()

	require.NoError(t, chromedp.Do(bctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.ID("front")),
		chromedp.SetUploadFiles(chromedp.ID("front"), []string{p.path}),
		chromedp.SendKeys(chromedp.ID("name"), name),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("lang"); s.value = "zh"; s.dispatchEvent(new Event("change")); })()`),
		chromedp.Click(chromedp.ID("submit")),
		chromedp.WaitVisible(chromedp.CSS(`#verdict[data-verdict]`)),
	), "the page did not show a verdict")

	shown, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.ID("verdict"), "data-verdict"))
	require.NoError(t, err)
	assert.Equal(t, string(want.Verdict), shown.Value, "verdict on the page")
	label, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("verdict")))
	require.NoError(t, err)
	assert.NotEmpty(t, strings.TrimSpace(label))
	assert.NotEqual(t, string(want.Verdict), strings.TrimSpace(label), "the verdict should be shown in words")

	issues, err := chromedp.Run(bctx, chromedp.Evaluate[[][2]string](
		`[...document.querySelectorAll("#issues-front li[data-code]")].map(li => [li.dataset.code, li.textContent])`))
	require.NoError(t, err)
	wantIssues := [][2]string{}
	for _, is := range want.Issues {
		wantIssues = append(wantIssues, [2]string{string(is.Code), is.Message})
	}
	assert.Equal(t, wantIssues, issues, "issues and their Chinese messages")

	annotated, err := chromedp.Run(bctx, chromedp.Evaluate[[]any](
		`(() => { const i = document.getElementById("annotated-front"); return [i.src.slice(0, 22), i.complete && i.naturalWidth > 0]; })()`))
	require.NoError(t, err)
	assert.Equal(t, []any{"data:image/png;base64,", true}, annotated, "annotated picture")

	fits, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`))
	require.NoError(t, err)
	assert.True(t, fits, "the page scrolls sideways on a phone-sized screen")
	t.Logf("%s: verdict %s, issues %v", p.name, shown.Value, codes(want))
}
