package trace

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Merging collectors that each saw a run of the input gives what one
// collector that saw the whole input gives: the same traces in the same
// order, each with its spans in input order.
func TestMergeEqualsOnePass(t *testing.T) {
	t.Run("blocks", func(t *testing.T) { testMerge(t, false) })
	// With the expected size known, merged spans go to one block that is
	// put in order in place.
	t.Run("one_block", func(t *testing.T) { testMerge(t, true) })
}

func testMerge(t *testing.T, expect bool) {
	r := rand.New(rand.NewPCG(1, 2))
	n, part := 20_000, 1777
	if !testing.Short() {
		// The trace that runs through every part outgrows the arena.
		n, part = 2*bigTrace, 100_003
	}
	var input []Span
	for k := range n {
		id := TraceID{byte(r.IntN(300)), 1}
		if k%3 == 0 {
			id = TraceID{255, 255} // one trace runs through every part
		}
		input = append(input, Span{TraceID: id, Start: int64(k)})
	}
	one := NewCollector()
	for k := range input {
		one.Add(&input[k])
	}
	want := one.Traces()

	merged := NewCollector()
	for lo := 0; lo < len(input); lo += part {
		c := NewCollector()
		for k := lo; k < min(lo+part, len(input)); k++ {
			c.Add(&input[k])
		}
		if expect {
			merged.Expect(float64(len(input)) / float64(min(lo+part, len(input))))
		}
		merged.Merge(c)
	}
	got := merged.Traces()
	if len(got) != len(want) || merged.SpanCount() != len(input) {
		t.Fatalf("%d traces, %d spans; want %d, %d", len(got), merged.SpanCount(), len(want), len(input))
	}
	for i := range want {
		if got[i].ID != want[i].ID || !slices.EqualFunc(got[i].Spans, want[i].Spans, func(a, b Span) bool { return a.Start == b.Start }) {
			t.Fatalf("trace %d differs: %v with %d spans, want %v with %d", i, got[i].ID, len(got[i].Spans), want[i].ID, len(want[i].Spans))
		}
	}
}
