package specimen

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that Generate's workers do not outlive it.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
