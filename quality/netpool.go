package quality

import (
	"fmt"
	"runtime"

	"gocv.io/x/gocv"
)

// netPool keeps the nets of one ONNX model, created from its bytes on demand and kept in a bounded
// pool: a gocv Net is not safe for concurrent use, and parsing a model takes tens of milliseconds.
// A netPool is safe for concurrent use.
type netPool struct {
	model []byte
	nets  chan *gocv.Net
	err   error // wrapped by the error of a net that cannot be made
}

// newNetPool returns a pool of at most GOMAXPROCS idle nets of model, whose failures wrap err.
func newNetPool(model []byte, err error) netPool {
	return netPool{model: model, nets: make(chan *gocv.Net, runtime.GOMAXPROCS(0)), err: err}
}

// get returns an idle net, or a new one.
func (p *netPool) get() (*gocv.Net, error) {
	select {
	case n := <-p.nets:
		return n, nil
	default:
	}
	n, err := gocv.ReadNetFromONNXBytes(p.model)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", p.err, err)
	}
	if n.Empty() {
		n.Close()
		return nil, fmt.Errorf("%w: empty network", p.err)
	}
	return &n, nil
}

// put returns a net to the pool, or closes it when the pool is full.
func (p *netPool) put(n *gocv.Net) {
	select {
	case p.nets <- n:
	default:
		n.Close()
	}
}

// close releases the pooled nets. The pool stays usable.
func (p *netPool) close() {
	for {
		select {
		case n := <-p.nets:
			n.Close()
		default:
			return
		}
	}
}

// forward runs one of the pool's nets on the input in, of the given shape, and returns its output.
// The caller closes it; on an error there is nothing to close.
func (p *netPool) forward(in []float32, shape []int) (gocv.Mat, error) {
	net, err := p.get()
	if err != nil {
		return gocv.Mat{}, err
	}
	defer p.put(net)
	blob, err := gocv.NewMatWithSizesFromBytes(shape, gocv.MatTypeCV32F, float32Bytes(in))
	if err != nil {
		return gocv.Mat{}, err
	}
	defer blob.Close()
	net.SetInput(blob, "")
	out := net.Forward("")
	defer out.Close()
	// The blob points into in (gocv does not copy): in must outlive the forward pass, or the
	// collector may free it under the network's input.
	runtime.KeepAlive(in)
	// The output may be the net's own buffer, which the next forward pass on this net overwrites once
	// it is back in the pool: the caller gets a copy.
	return out.Clone(), nil
}
