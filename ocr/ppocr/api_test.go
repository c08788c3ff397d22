package ppocr_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/docprecheck/docprecheck/ocr/ppocr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocv.io/x/gocv"
)

func TestNewWithoutModels(t *testing.T) {
	dir := t.TempDir()
	_, err := ppocr.New(dir)
	assert.ErrorIs(t, err, ppocr.ErrModelsMissing)
	// a dictionary alone is not enough.
	require.NoError(t, os.WriteFile(filepath.Join(dir, ppocr.DictFile), []byte("a\nb\n"), 0o644))
	_, err = ppocr.New(dir)
	assert.ErrorIs(t, err, ppocr.ErrModelsMissing)
	_, err = ppocr.New(filepath.Join(dir, "nonexistent"))
	assert.ErrorIs(t, err, ppocr.ErrModelsMissing)
}

// TestLoadsEveryModel loads every model .ci/models made (a model OpenCV cannot load aborts the
// process, so this must run wherever the models are made) and checks that each reads a line.
func TestLoadsEveryModel(t *testing.T) {
	dir, ok := modelsDir()
	if !ok {
		t.Skip("models/ is absent: run .ci/models")
	}
	files, err := filepath.Glob(filepath.Join(dir, "ch_PP-OCRv4_rec_w*.onnx"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "models/ holds no recogniser")
	r, err := ppocr.New(dir)
	require.NoError(t, err)
	defer r.Close()
	var widths []int
	for _, f := range files {
		w, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "ch_PP-OCRv4_rec_w"), ".onnx"))
		require.NoError(t, err, "unexpected model file %s", f)
		widths = append(widths, w)
	}
	assert.ElementsMatch(t, widths, r.Widths())
	assert.Equal(t, ppocr.ModelWidths(), r.Widths(), ".ci/models makes every width New looks for")
}

// long lines, one for each model width at the sans style's size.
var longLines = map[int]string{
	320: "王晨磊",
	640: "北京市朝阳区建国路88号院3号楼2单元",
	960: "广东省深圳市南山区粤海街道科技园南区深南大道",
}

func TestWidths(t *testing.T) {
	r := shared(t)
	for _, w := range r.Widths() {
		want := longLines[w]
		m := render(t, want, sans)
		res, err := r.Recognize(context.Background(), m)
		m.Close()
		require.NoError(t, err)
		assert.Equal(t, w, res.Width)
		assert.False(t, res.Squeezed)
		assert.Equal(t, want, res.Text)
		t.Logf("width %d: %q min %.3f", w, res.Text, res.MinConfidence)
	}
	m := render(t, longLines[960]+longLines[640], sans)
	defer m.Close()
	res, err := r.Recognize(context.Background(), m)
	require.NoError(t, err)
	assert.True(t, res.Squeezed)
	t.Logf("squeezed: %q min %.3f", res.Text, res.MinConfidence)
}

func TestRecognizeConcurrently(t *testing.T) {
	r := newRecognizer(t, ppocr.WithPoolSize(2))
	mats := make([]gocv.Mat, 4)
	for i, s := range lines[:4] {
		mats[i] = render(t, s, sans)
		defer mats[i].Close()
	}
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Go(func() {
			res, err := r.Recognize(context.Background(), mats[i%4])
			if err == nil {
				got[i] = res.Text
			}
		})
	}
	wg.Wait()
	for i := range got {
		assert.Equal(t, lines[i%4], got[i])
	}
}

func TestRecognizeErrors(t *testing.T) {
	r := newRecognizer(t) // closed below
	m := render(t, "王一", sans)
	defer m.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := r.Recognize(ctx, m)
	assert.ErrorIs(t, err, context.Canceled)
	empty := gocv.NewMat()
	defer empty.Close()
	_, err = r.Recognize(context.Background(), empty)
	assert.ErrorIs(t, err, ppocr.ErrImage)
	require.NoError(t, r.Close())
	require.NoError(t, r.Close())
	_, err = r.Recognize(context.Background(), m)
	assert.True(t, errors.Is(err, ppocr.ErrClosed))
}

func TestBlankLine(t *testing.T) {
	r := shared(t)
	m := gocv.NewMatWithSizeFromScalar(gocv.NewScalar(230, 230, 230, 0), 40, 200, gocv.MatTypeCV8UC3)
	defer m.Close()
	res, err := r.Recognize(context.Background(), m)
	require.NoError(t, err)
	assert.Empty(t, res.Text)
	assert.False(t, res.Confident(0.5))
}

// TestNewMismatchedDictionary: a dictionary from another release fails New, not a later read.
func TestNewMismatchedDictionary(t *testing.T) {
	dir, ok := modelsDir()
	if !ok {
		t.Skip("models/ is absent: run .ci/models")
	}
	tmp := t.TempDir()
	require.NoError(t, os.Symlink(filepath.Join(dir, ppocr.ModelFile(320)), filepath.Join(tmp, ppocr.ModelFile(320))))
	require.NoError(t, os.WriteFile(filepath.Join(tmp, ppocr.DictFile), []byte("a\nb\nc\n"), 0o644))
	_, err := ppocr.New(tmp)
	assert.ErrorIs(t, err, ppocr.ErrModel)
}
