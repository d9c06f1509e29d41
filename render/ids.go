package render

import (
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/tracetui/tracetui/trace"
)

// MinIDPrefix is the shortest an ID is abbreviated to, as git abbreviates
// commits: 7 hex digits.
const MinIDPrefix = 7

// UniquePrefixLen is how many leading characters tell every ID of ids
// apart (git's abbreviation): at least minLen, at most the longest ID.
// Zero-padded IDs that differ only at the end need their whole length.
func UniquePrefixLen(ids []string, minLen int) int {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	n, longest := minLen, 0
	for k, id := range sorted {
		longest = max(longest, len(id))
		if k > 0 {
			n = max(n, commonPrefix(sorted[k-1], id)+1)
		}
	}
	return min(n, max(longest, minLen))
}

func commonPrefix(a, b string) int {
	k := 0
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	return k
}

// spanIDPrefix is span i's ID cut to the shortest prefix no other span of
// the trace shares (at least MinIDPrefix), the form search (/) accepts.
// An ID kept as the input gave it (not hex) is shown whole.
func spanIDPrefix(tr *trace.Tree, i int32) string {
	s := tr.Span(i)
	id := s.DisplaySpanID()
	if s.Raw != nil && s.Raw.SpanID != "" {
		return id
	}
	x := binary.BigEndian.Uint64(s.SpanID[:])
	need := MinIDPrefix
	for j := range tr.Trace.Spans {
		if int32(j) == i {
			continue
		}
		o := &tr.Trace.Spans[j]
		if d := x ^ binary.BigEndian.Uint64(o.SpanID[:]); d != 0 {
			need = max(need, bits.LeadingZeros64(d)/4+1)
		}
	}
	return id[:min(need, len(id))]
}
