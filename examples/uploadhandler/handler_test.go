package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/docprecheck/docprecheck/precheck"
)

// form is a multipart body to POST to /check.
type form struct {
	files  map[string][]byte // form name -> content; file names are the form name + ".jpg"
	fields map[string]string
}

func (f form) encode(t testing.TB) (body []byte, contentType string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, name := range []string{"front", "back"} {
		data, ok := f.files[name]
		if !ok {
			continue
		}
		w, err := mw.CreateFormFile(name, name+".jpg")
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	for k, v := range f.fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	require.NoError(t, mw.Close())
	return b.Bytes(), mw.FormDataContentType()
}

// answer is a decoded reply of /check.
type answer struct {
	status int
	header http.Header
	ok     Response
	err    ErrorResponse
	raw    map[string]json.RawMessage
}

func decodeAnswer(t testing.TB, status int, header http.Header, body []byte) answer {
	t.Helper()
	a := answer{status: status, header: header}
	require.Equal(t, "application/json; charset=utf-8", header.Get("Content-Type"), "body: %.300s", body)
	require.NoError(t, json.Unmarshal(body, &a.raw), "body: %.300s", body)
	if status == http.StatusOK {
		require.NoError(t, json.Unmarshal(body, &a.ok))
	} else {
		require.NoError(t, json.Unmarshal(body, &a.err))
	}
	return a
}

// testServer runs the full server (page and handler) for h.
func testServer(t testing.TB, h *Handler) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = newServer(h)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

func post(t testing.TB, url string, f form) answer {
	t.Helper()
	body, ct := f.encode(t)
	return postRaw(t, url, ct, bytes.NewReader(body))
}

func postRaw(t testing.TB, url, contentType string, body io.Reader) answer {
	t.Helper()
	resp, err := http.Post(url+"/check", contentType, body)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return decodeAnswer(t, resp.StatusCode, resp.Header, b)
}

// quietConfig is cfg with a logger that writes to the test log.
func quietConfig(t testing.TB, cfg Config) Config {
	cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	return cfg
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func realHandler(t testing.TB, cfg Config) *Handler {
	t.Helper()
	cfg = quietConfig(t, cfg)
	ck, err := newChecker("normal", cfg)
	require.NoError(t, err)
	return NewHandler(ck, cfg)
}

var verdicts = []precheck.Verdict{precheck.Accept, precheck.Retake, precheck.Mismatch, precheck.Reject}

func TestCheckOnePhoto(t *testing.T) {
	url := testServer(t, realHandler(t, Config{}))
	p := samplePhotos(t, 1)[0]
	a := post(t, url, form{files: map[string][]byte{"front": p.data}, fields: map[string]string{"name": "ZHANG SAN"}})
	require.Equal(t, http.StatusOK, a.status, "%+v", a.err)
	assert.Contains(t, verdicts, a.ok.Verdict)
	require.NotNil(t, a.ok.Front)
	assert.Equal(t, a.ok.Front.Verdict, a.ok.Verdict)
	assert.NotContains(t, a.raw, "back", "back must be absent without a back photo")
	assert.NotContains(t, a.raw, "annotated", "annotated only with annotate=1")

	// The answer is what the Checker says about the photo.
	ck, err := newChecker("normal", Config{})
	require.NoError(t, err)
	want, err := ck.Check(context.Background(), p.data, precheck.Typed{Name: "ZHANG SAN"})
	require.NoError(t, err)
	assert.Equal(t, want.Verdict, a.ok.Front.Verdict)
	assert.Equal(t, codes(want), codes(a.ok.Front))
}

func codes(r *precheck.Report) []precheck.Code {
	out := []precheck.Code{}
	for _, is := range r.Issues {
		out = append(out, is.Code)
	}
	return out
}

func TestCheckTwoSidesAnnotatedChinese(t *testing.T) {
	url := testServer(t, realHandler(t, Config{}))
	ps := samplePhotos(t, 2)
	// A photo with no document in it, as the back, makes the overall verdict a retake.
	blank := encodeJPEG(t, image.NewGray(image.Rect(0, 0, 640, 480)), 80)
	a := post(t, url, form{
		files:  map[string][]byte{"front": ps[0].data, "back": blank},
		fields: map[string]string{"lang": "zh", "annotate": "1"},
	})
	require.Equal(t, http.StatusOK, a.status, "%+v", a.err)
	require.NotNil(t, a.ok.Front)
	require.NotNil(t, a.ok.Back)
	assert.Equal(t, precheck.Retake, a.ok.Back.Verdict)
	assert.Equal(t, precheck.Retake, a.ok.Verdict)
	assert.Equal(t, OverallVerdict(a.ok.Front, a.ok.Back), a.ok.Verdict)
	require.NotEmpty(t, a.ok.Back.Issues)
	for _, is := range a.ok.Back.Issues {
		assert.Equal(t, precheck.Message(is, precheck.Chinese), is.Message, "message not in Chinese")
	}
	for _, side := range []string{"front", "back"} {
		u := a.ok.Annotated[side]
		require.True(t, strings.HasPrefix(u, "data:image/png;base64,"), "%s: %.40s", side, u)
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(u, "data:image/png;base64,"))
		require.NoError(t, err)
		cfg, err := png.DecodeConfig(bytes.NewReader(raw))
		require.NoError(t, err)
		assert.Positive(t, cfg.Width)
	}
}

func TestOverallVerdict(t *testing.T) {
	r := func(v precheck.Verdict) *precheck.Report { return &precheck.Report{Verdict: v} }
	for _, tc := range []struct {
		sides []*precheck.Report
		want  precheck.Verdict
	}{
		{[]*precheck.Report{r(precheck.Accept)}, precheck.Accept},
		{[]*precheck.Report{r(precheck.Accept), nil}, precheck.Accept},
		{[]*precheck.Report{r(precheck.Accept), r(precheck.Mismatch)}, precheck.Mismatch},
		{[]*precheck.Report{r(precheck.Mismatch), r(precheck.Reject)}, precheck.Reject},
		{[]*precheck.Report{r(precheck.Reject), r(precheck.Retake)}, precheck.Retake},
		{[]*precheck.Report{r(precheck.Retake), r(precheck.Accept)}, precheck.Retake},
	} {
		assert.Equal(t, tc.want, OverallVerdict(tc.sides...))
	}
}

func TestLimits(t *testing.T) {
	const maxBytes = 256 << 10
	url := testServer(t, realHandler(t, Config{MaxBytes: maxBytes, MaxPixels: 20_000_000}))
	small := encodeJPEG(t, cardImage(640, 480, 80, 80, 480, 9), 85)
	big := make([]byte, maxBytes+1)
	copy(big, small)

	for _, tc := range []struct {
		name   string
		form   form
		status int
		code   string
		side   string
	}{
		{"body over MaxBytes", form{files: map[string][]byte{"front": big}}, 413, CodeTooLarge, ""},
		{"30000x30000 PNG header", form{files: map[string][]byte{"front": pngBomb(t, 30000, 30000)}}, 413, CodeTooLarge, "front"},
		{"30000x30000 JPEG header", form{files: map[string][]byte{"front": jpegBomb(t, 30000, 30000)}}, 413, CodeTooLarge, "front"},
		{"over MaxPixels on the back", form{files: map[string][]byte{"front": small, "back": pngBomb(t, 5000, 5000)}}, 413, CodeTooLarge, "back"},
		{"PDF named .jpg", form{files: map[string][]byte{"front": []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n")}}, 415, CodeUnsupportedFormat, "front"},
		{"HTML named .jpg", form{files: map[string][]byte{"front": []byte("<!DOCTYPE html><html><body>x</body></html>")}}, 415, CodeUnsupportedFormat, "front"},
		{"empty file", form{files: map[string][]byte{"front": {}}}, 400, CodeEmpty, ""},
		{"empty back", form{files: map[string][]byte{"front": small, "back": {}}}, 400, CodeEmpty, ""},
		{"truncated JPEG", form{files: map[string][]byte{"front": small[:len(small)/2]}}, 422, CodeCorrupt, "front"},
		{"1x1 PNG", form{files: map[string][]byte{"front": encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))}}, 422, CodeTooSmall, "front"},
		{"no front", form{files: map[string][]byte{"back": small}}, 400, CodeBadRequest, ""},
		{"field too long", form{files: map[string][]byte{"front": small}, fields: map[string]string{"name": strings.Repeat("x", maxFieldBytes+1)}}, 400, CodeBadRequest, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := post(t, url, tc.form)
			assert.Equal(t, tc.status, a.status, "%+v", a.err)
			assert.Equal(t, tc.code, a.err.Code, "%+v", a.err)
			assert.Equal(t, tc.side, a.err.Side)
			assert.NotEmpty(t, a.err.Error)
		})
	}

	t.Run("body over MaxBytes without Content-Length", func(t *testing.T) {
		body, ct := form{files: map[string][]byte{"front": big}}.encode(t)
		// A reader of unknown length makes the client send the body chunked.
		a := postRaw(t, url, ct, io.MultiReader(bytes.NewReader(body)))
		assert.Equal(t, http.StatusRequestEntityTooLarge, a.status)
		assert.Equal(t, CodeTooLarge, a.err.Code)
	})
	t.Run("not multipart", func(t *testing.T) {
		a := postRaw(t, url, "image/jpeg", bytes.NewReader(small))
		assert.Equal(t, http.StatusBadRequest, a.status)
		assert.Equal(t, CodeBadRequest, a.err.Code)
	})
	t.Run("GET /check", func(t *testing.T) {
		resp, err := http.Get(url + "/check")
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		a := decodeAnswer(t, resp.StatusCode, resp.Header, b)
		assert.Equal(t, http.StatusMethodNotAllowed, a.status)
		assert.Equal(t, "POST", resp.Header.Get("Allow"))
	})
}

// gateAnalyzer is an analyzer that blocks in Analyze until released or until ctx ends, to hold the
// check slots from a test.
type gateAnalyzer struct {
	entered chan struct{}
	release chan struct{}
}

func newGate() *gateAnalyzer {
	return &gateAnalyzer{entered: make(chan struct{}, 16), release: make(chan struct{})}
}

func (g *gateAnalyzer) Analyze(ctx context.Context, data []byte) (precheck.Photo, error) {
	g.entered <- struct{}{}
	select {
	case <-g.release:
		return fakePhoto{}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fakePhoto is a photo on which every check passed.
type fakePhoto struct{}

func (fakePhoto) Quality() precheck.Quality { return precheck.Quality{Width: 640, Height: 480} }
func (fakePhoto) Close() error              { return nil }

func gateHandler(t *testing.T, g *gateAnalyzer, cfg Config) *Handler {
	t.Helper()
	ck, err := precheck.New(g)
	require.NoError(t, err)
	return NewHandler(ck, quietConfig(t, cfg))
}

func TestBusy(t *testing.T) {
	small := encodeJPEG(t, cardImage(640, 480, 80, 80, 480, 9), 85)
	f := form{files: map[string][]byte{"front": small}}

	t.Run("no slot within QueueWait", func(t *testing.T) {
		g := newGate()
		h := gateHandler(t, g, Config{MaxConcurrent: 1, QueueWait: 150 * time.Millisecond})
		url := testServer(t, h)
		var wg sync.WaitGroup
		wg.Go(func() {
			a := post(t, url, f)
			assert.Equal(t, http.StatusOK, a.status)
		})
		<-g.entered // the only slot is held
		a := post(t, url, f)
		assert.Equal(t, http.StatusServiceUnavailable, a.status)
		assert.Equal(t, CodeBusy, a.err.Code)
		assert.Equal(t, "1", a.header.Get("Retry-After"))
		close(g.release)
		wg.Wait()
	})

	t.Run("queue full: refused before the body is read", func(t *testing.T) {
		g := newGate()
		h := gateHandler(t, g, Config{MaxConcurrent: 1, MaxQueued: 1, QueueWait: 10 * time.Second})
		url := testServer(t, h)
		var wg sync.WaitGroup
		for range 2 { // one checking, one uploaded and waiting for the slot
			wg.Go(func() {
				a := post(t, url, f)
				assert.Equal(t, http.StatusOK, a.status, "%+v", a.err)
			})
		}
		<-g.entered
		require.Eventually(t, func() bool { return len(h.admit) == 2 }, 5*time.Second, 5*time.Millisecond)

		body, ct := f.encode(t)
		cr := &countingReader{r: bytes.NewReader(body)}
		req := httptest.NewRequest(http.MethodPost, "/check", cr)
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		a := decodeAnswer(t, rec.Code, rec.Header(), rec.Body.Bytes())
		assert.Equal(t, http.StatusServiceUnavailable, a.status)
		assert.Equal(t, CodeBusy, a.err.Code)
		assert.NotEmpty(t, a.header.Get("Retry-After"))
		assert.Zero(t, cr.n, "a refused request's body must not be read")

		close(g.release)
		wg.Wait()
	})
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestTimeout(t *testing.T) {
	g := newGate()
	url := testServer(t, gateHandler(t, g, Config{Timeout: 100 * time.Millisecond}))
	small := encodeJPEG(t, cardImage(640, 480, 80, 80, 480, 9), 85)
	a := post(t, url, form{files: map[string][]byte{"front": small}})
	assert.Equal(t, http.StatusGatewayTimeout, a.status)
	assert.Equal(t, CodeTimeout, a.err.Code)
}

func TestPage(t *testing.T) {
	url := testServer(t, realHandler(t, Config{}))
	resp, err := http.Get(url + "/")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	page := string(b)
	for _, want := range []string{`name="viewport"`, `id="verdict"`, `id="front"`, `capture="environment"`, `accept="image/*"`, `id="back"`, `id="lang"`} {
		assert.Contains(t, page, want)
	}
	resp, err = http.Get(url + "/nothing-here")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestDefaults(t *testing.T) {
	c := Config{}.withDefaults()
	assert.EqualValues(t, 32<<20, c.MaxBytes)
	assert.Equal(t, 50_000_000, c.MaxPixels)
	assert.Equal(t, 30*time.Second, c.Timeout)
	assert.Equal(t, 2*time.Second, c.QueueWait)
	assert.Positive(t, c.MaxConcurrent)
	assert.Equal(t, c.MaxConcurrent, c.MaxQueued)
	srv := newServer(NewHandler(nil, c))
	for _, d := range []time.Duration{srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout} {
		assert.Positive(t, d)
	}
	assert.Greater(t, srv.WriteTimeout, srv.ReadTimeout+c.Timeout)
}

// TestCheckWithOCR runs the handler as main wires it, with the OCR reader.
func TestCheckWithOCR(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR is slow: skipped with -short")
	}
	cfg := quietConfig(t, Config{MaxConcurrent: 2})
	rd, closeReader, err := newReader(2)
	require.NoError(t, err)
	defer closeReader()
	ck, err := newChecker("normal", cfg, precheck.WithReader(rd))
	require.NoError(t, err)
	url := testServer(t, NewHandler(ck, cfg))
	p := samplePhotos(t, 1)[0]
	a := post(t, url, form{files: map[string][]byte{"front": p.data}, fields: map[string]string{"name": "ZHANG SAN"}})
	require.Equal(t, http.StatusOK, a.status, "%+v", a.err)
	assert.Contains(t, verdicts, a.ok.Verdict)
	t.Logf("%s: verdict %s, issues %v, fields %+v, matches %v, ocr %.0f ms", p.name, a.ok.Verdict,
		codes(a.ok.Front), a.ok.Front.Fields, a.ok.Front.Matches, a.ok.Front.Timings.OCR)
}
