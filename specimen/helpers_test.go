package specimen

import (
	"errors"
	"sync"
	"testing"
)

var (
	rendererOnce sync.Once
	rendererVal  *Renderer
	rendererErr  error
)

// testRenderer returns a shared renderer, skipping the test when the fonts
// are not installed.
func testRenderer(t testing.TB) *Renderer {
	t.Helper()
	rendererOnce.Do(func() { rendererVal, rendererErr = NewRenderer() })
	if errors.Is(rendererErr, ErrFont) {
		t.Skipf("fonts not installed: %v", rendererErr)
	}
	if rendererErr != nil {
		t.Fatal(rendererErr)
	}
	return rendererVal
}
