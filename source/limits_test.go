package source

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
)

// longestRun is the reference: the most bytes between unescaped quotes.
func longestRun(b []byte) int {
	run, longest, slashes := 0, 0, 0
	for _, c := range b {
		if c == '"' && slashes%2 == 0 {
			run = 0
		} else {
			run++
			longest = max(longest, run)
		}
		if c == '\\' {
			slashes++
		} else {
			slashes = 0
		}
	}
	return longest
}

// However reads split the input (escapes and quotes across reads
// included), the limit trips exactly when some run passes it.
func TestValueLimitMatchesTheLongestRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(`ab"\\`)
	for k := 0; k < 2000; k++ {
		in := make([]byte, rng.IntN(200))
		for i := range in {
			in[i] = alphabet[rng.IntN(len(alphabet))]
		}
		limit := int64(1 + rng.IntN(40))
		want := int64(longestRun(in)) > limit
		for name, r := range map[string]io.Reader{
			"one byte": iotest.OneByteReader(bytes.NewReader(in)),
			"half":     iotest.HalfReader(bytes.NewReader(in)),
			"whole":    bytes.NewReader(in),
		} {
			_, err := io.ReadAll(LimitValues(r, limit))
			if got := err != nil; got != want {
				t.Fatalf("%q limit %d, %s reads: tripped %v, want %v (longest run %d)", in, limit, name, got, want, longestRun(in))
			}
		}
	}
}
