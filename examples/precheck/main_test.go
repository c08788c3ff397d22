package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writePhoto writes a plain photo of a pale card on a darker desk.
func writePhoto(t *testing.T, dir string) string {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for y := range 900 {
		for x := range 1200 {
			v := uint8(70 + (x/9+y/7)%3*4)
			if x >= 200 && x < 1000 && y >= 200 && y < 200+504 {
				v = 210
				if (y-200)%40 > 30 && (x-200)%12 < 8 && x < 900 {
					v = 30
				}
			}
			img.Set(x, y, color.RGBA{v, v, v, 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}))
	p := filepath.Join(dir, "card.jpg")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	return p
}

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := writePhoto(t, dir)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	truncated := filepath.Join(dir, "truncated.jpg")
	require.NoError(t, os.WriteFile(truncated, data[:len(data)/3], 0o644))
	empty := filepath.Join(dir, "empty.jpg")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	pdf := filepath.Join(dir, "scan.jpg")
	require.NoError(t, os.WriteFile(pdf, []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), 0o644))

	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"no photo", []string{"-quality-only"}, 2},
		{"bad flag", []string{"-lang", "fr", good}, 2},
		{"missing file", []string{"-quality-only", filepath.Join(dir, "nope.jpg")}, 2},
		{"truncated jpeg", []string{"-quality-only", truncated}, 2},
		{"empty file", []string{"-quality-only", empty}, 2},
		{"pdf named jpg", []string{"-quality-only", pdf}, 2},
		{"good photo", []string{"-quality-only", good}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			got := run(tc.args, &out, &errOut)
			assert.Equal(t, tc.want, got, "stdout:\n%s\nstderr:\n%s", out.String(), errOut.String())
		})
	}
}

func TestJSONOnePerLine(t *testing.T) {
	dir := t.TempDir()
	good := writePhoto(t, dir)
	var out, errOut bytes.Buffer
	status := run([]string{"-quality-only", "-json", "-lang", "zh", "-annotate", filepath.Join(dir, "ann"), good, good}, &out, &errOut)
	require.Equal(t, 0, status, errOut.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2)
	for _, l := range lines {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &r))
		assert.Equal(t, "accept", r["verdict"])
		assert.Contains(t, r, "timings_ms")
	}
	_, err := os.Stat(filepath.Join(dir, "ann", "card.png"))
	assert.NoError(t, err, "annotated PNG not written")
}

// A command run away from its checkout finds no models: it says so once, with how to give them,
// unless they were turned off. Its verdict does not change.
func TestNoteWithoutModels(t *testing.T) {
	dir := t.TempDir()
	good := writePhoto(t, dir)
	t.Chdir(dir) // no models/ here, and no go.mod above to find one beside
	for _, tc := range []struct {
		env  string
		note bool
	}{{"", true}, {"off", false}} {
		t.Run("DOCPRECHECK_MODELS="+tc.env, func(t *testing.T) {
			t.Setenv("DOCPRECHECK_MODELS", tc.env)
			var out, errOut bytes.Buffer
			require.Equal(t, 0, run([]string{"-quality-only", good, good}, &out, &errOut), errOut.String())
			assert.Equal(t, tc.note, strings.Contains(errOut.String(), "running without the line-segment detector"), errOut.String())
			assert.LessOrEqual(t, strings.Count(errOut.String(), "note:"), 1)
			assert.Contains(t, out.String(), "ACCEPT")
		})
	}
}
