package ppocr

// Option configures a Recognizer in New.
type Option interface {
	apply(*config)
}

type config struct {
	poolSize int
	trim     bool
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

// WithTrim sets whether Recognize trims each line to its band of ink before reading it (default
// true). Turn it off only for crops already cut tight to the text by a detector: on a crop with
// blank space above and below the text the model fails (untrimmed, 6 of 17 test lines were read
// exactly with an em of blank around them and 0 with an em and a half above and below; trimmed,
// all 17 both times).
func WithTrim(on bool) Option {
	return optionFunc(func(c *config) { c.trim = on })
}
