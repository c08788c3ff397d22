package ppocr

// Option configures a Recognizer in New.
type Option interface {
	apply(*config)
}

type config struct {
	poolSize int
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// WithPoolSize sets how many copies of each model New loads, which is how many lines of the same
// width class can be recognised at once (default 1). One copy of the three widths took about 80 MB
// of memory once each had run (measured with OpenCV 4.6).
func WithPoolSize(n int) Option {
	return optionFunc(func(c *config) {
		if n > 0 {
			c.poolSize = n
		}
	})
}
