package corpus

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQuadIoU(t *testing.T) {
	sq := [4][2]float64{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	assert.InDelta(t, 1, QuadIoU(sq, sq), 1e-9)
	half := [4][2]float64{{5, 0}, {15, 0}, {15, 10}, {5, 10}}
	assert.InDelta(t, 50.0/150.0, QuadIoU(sq, half), 1e-9)
	rev := [4][2]float64{{0, 10}, {10, 10}, {10, 0}, {0, 0}}
	assert.InDelta(t, 1, QuadIoU(sq, rev), 1e-9)
	far := [4][2]float64{{20, 20}, {30, 20}, {30, 30}, {20, 30}}
	assert.Equal(t, 0.0, QuadIoU(sq, far))
}
