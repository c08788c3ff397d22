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
// width class can be recognised at once (default 1). Each copy of the 320-pixel model takes about
// 40 MB of memory once it has run.
func WithPoolSize(n int) Option {
	return optionFunc(func(c *config) {
		if n > 0 {
			c.poolSize = n
		}
	})
}
