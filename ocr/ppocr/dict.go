package ppocr

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// readDict reads PaddleOCR's dictionary: one character (or short string) per line. The classes of
// the model are the CTC blank, then the dictionary's entries, then a space.
func readDict(r io.Reader) ([]string, error) {
	var dict []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" {
			return nil, fmt.Errorf("%w: empty line %d in the dictionary", ErrModel, len(dict)+1)
		}
		dict = append(dict, line)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(dict) == 0 {
		return nil, fmt.Errorf("%w: empty dictionary", ErrModel)
	}
	return append(dict, " "), nil
}

// decode reads the model's output greedily, as PaddleOCR's CTCLabelDecode does: the most probable
// class at each time step, runs of the same class merged, blanks (class 0) dropped. A character's
// confidence is its class's highest softmax probability over its run of steps (PaddleOCR takes the
// run's first step, which is often a transition from the previous character and understates a
// clear reading).
//
// gap is the lowest probability of the blank at a step where the blank won: a low value means a
// character may have been missed there (the model's doubt between blank and a character).
func decode(probs []float32, steps, classes int, dict []string) (chars []Char, gap float64) {
	gap = 1
	prev := -1
	for t := 0; t < steps; t++ {
		row := probs[t*classes : (t+1)*classes]
		best, p := 0, row[0]
		for k, v := range row[1:] {
			if v > p {
				best, p = k+1, v
			}
		}
		switch {
		case best == 0:
			gap = min(gap, float64(p))
		case best-1 >= len(dict):
		case best == prev:
			if c := &chars[len(chars)-1]; float64(p) > c.Confidence {
				c.Confidence = float64(p)
				c.RunnerUp, c.RunnerUpConfidence = runnerUp(row, best, dict)
			}
		default:
			c := Char{Text: dict[best-1], Confidence: float64(p), Step: t}
			c.RunnerUp, c.RunnerUpConfidence = runnerUp(row, best, dict)
			chars = append(chars, c)
		}
		prev = best
	}
	return chars, gap
}

// runnerUp returns the most probable character of a step's row other than the blank and the
// winning class best, with its probability.
func runnerUp(row []float32, best int, dict []string) (string, float64) {
	k, p := -1, float32(-1)
	for i, v := range row[1:] {
		if i+1 != best && i < len(dict) && v > p {
			k, p = i, v
		}
	}
	if k < 0 {
		return "", 0
	}
	return dict[k], float64(p)
}
